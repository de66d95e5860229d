import { TicketStatus } from '@helpdesk/contracts';
import { ClockPhases, clockCommands, SlaSettings, SlaTicketEvent } from './sla-transitions';

const { New, Open, Pending, OnHold, Solved, Closed } = TicketStatus;
const all: SlaSettings = {
  pauseResolutionOn: [Pending, OnHold],
  targets: { first_response: true, next_response: true, resolution: true },
};
const phases = (fr: string, nr: string, res: string) => ({ first_response: fr, next_response: nr, resolution: res }) as ClockPhases;
const fresh = phases('running', 'absent', 'running');
const answered = phases('stopped', 'absent', 'running');

describe(clockCommands.name, () => {
  it.each<[string, SlaTicketEvent, ClockPhases, SlaSettings, string[]]>([
    [
      'created: first response and resolution start',
      { type: 'created', status: New },
      phases('absent', 'absent', 'absent'),
      all,
      ['first_response:start', 'resolution:start'],
    ],
    [
      'created pending: resolution starts paused',
      { type: 'created', status: Pending },
      phases('absent', 'absent', 'absent'),
      all,
      ['first_response:start', 'resolution:start', 'resolution:pause'],
    ],
    [
      'created without targets: nothing',
      { type: 'created', status: New },
      phases('absent', 'absent', 'absent'),
      { ...all, targets: { first_response: false, next_response: false, resolution: false } },
      [],
    ],
    [
      'first public agent reply stops first response',
      { type: 'comment', authorRole: 'agent', public: true },
      fresh,
      all,
      ['first_response:stop'],
    ],
    ['an internal note stops nothing', { type: 'comment', authorRole: 'agent', public: false }, fresh, all, []],
    ['the requester before the first response: nothing', { type: 'comment', authorRole: 'requester', public: true }, fresh, all, []],
    [
      'the requester after it: next response starts',
      { type: 'comment', authorRole: 'requester', public: true },
      answered,
      all,
      ['next_response:start'],
    ],
    [
      'a CC after it: next response starts',
      { type: 'comment', authorRole: 'end_user', public: true },
      answered,
      all,
      ['next_response:start'],
    ],
    [
      'the requester again: next response keeps its first start',
      { type: 'comment', authorRole: 'requester', public: true },
      phases('stopped', 'running', 'running'),
      all,
      [],
    ],
    [
      'no next-response target: nothing starts',
      { type: 'comment', authorRole: 'requester', public: true },
      answered,
      { ...all, targets: { first_response: true, next_response: false, resolution: true } },
      [],
    ],
    [
      'an agent reply stops next response',
      { type: 'comment', authorRole: 'agent', public: true },
      phases('stopped', 'running', 'running'),
      all,
      ['next_response:stop'],
    ],
    ['a system notice counts for nothing', { type: 'comment', authorRole: 'system', public: true }, fresh, all, []],
    ['open → pending pauses resolution', { type: 'status', from: Open, to: Pending }, answered, all, ['resolution:pause']],
    ['pending → on hold keeps it paused', { type: 'status', from: Pending, to: OnHold }, phases('stopped', 'absent', 'paused'), all, []],
    [
      'on hold → open resumes it',
      { type: 'status', from: OnHold, to: Open },
      phases('stopped', 'absent', 'paused'),
      all,
      ['resolution:resume'],
    ],
    [
      'pending does not pause when the setting says so',
      { type: 'status', from: Open, to: Pending },
      answered,
      { ...all, pauseResolutionOn: [OnHold] },
      [],
    ],
    ['new → open changes nothing', { type: 'status', from: New, to: Open }, fresh, all, []],
    [
      'solving stops every live clock',
      { type: 'status', from: Open, to: Solved },
      phases('running', 'absent', 'paused'),
      all,
      ['first_response:stop', 'resolution:stop'],
    ],
    [
      'reopening resumes resolution',
      { type: 'status', from: Solved, to: Open },
      phases('stopped', 'absent', 'stopped'),
      all,
      ['resolution:reopen'],
    ],
    [
      'reopening into pending resumes it paused',
      { type: 'status', from: Solved, to: Pending },
      phases('stopped', 'absent', 'stopped'),
      all,
      ['resolution:reopen', 'resolution:pause'],
    ],
    [
      'closing stops what still runs',
      { type: 'status', from: Solved, to: Closed },
      phases('stopped', 'running', 'stopped'),
      all,
      ['next_response:stop'],
    ],
    [
      'a priority change re-targets live clocks',
      { type: 'priority' },
      phases('running', 'absent', 'paused'),
      all,
      ['first_response:retarget', 'resolution:retarget'],
    ],
    [
      'and cancels those without a target at the new priority',
      { type: 'priority' },
      phases('running', 'absent', 'running'),
      { ...all, targets: { first_response: false, next_response: true, resolution: true } },
      ['first_response:cancel', 'resolution:retarget'],
    ],
  ])('%s', (_name, event, current, settings, expected) => {
    expect(clockCommands(event, current, settings).map((c) => `${c.kind}:${c.operation}`)).toEqual(expected);
  });
});
