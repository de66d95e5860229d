import { Channel, SLA_PAUSE_STATUSES, TicketPriority, TicketStatus } from '@helpdesk/contracts';
import { SlaPolicyDefinition } from '../policies/policy-validation';
import {
  ClockOutcomes,
  clockOutcome,
  ComplianceTally,
  compliancePercent,
  DRAFT_POLICY,
  draftBook,
  outcomesOf,
  periodErrors,
  replayUnder,
  TargetOutcome,
} from './simulation';
import { EngineClock, RecordedInput, SlaTicketFacts } from './ticket-sla';

const { New, Open, Pending, Solved } = TicketStatus;
const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);
const MINUTE = 60_000;

const definition: SlaPolicyDefinition = {
  calendarId: null,
  targets: {
    normal: { firstResponse: { minutes: 30, businessHours: false }, resolution: { minutes: 60, businessHours: false } },
    low: { resolution: { minutes: 600, businessHours: false } },
  },
  warningPercent: 75,
  pauseResolutionOn: [...SLA_PAUSE_STATUSES],
  escalation: { levels: [] },
};
const noCalendars = { businessTime: () => null, opening: () => null };
const book = draftBook({ conditions: {}, definition }, noCalendars);
const vipOnly = draftBook({ conditions: { tagsAny: ['vip'] }, definition }, noCalendars);

const facts = (changes: Partial<SlaTicketFacts> = {}): SlaTicketFacts => ({
  status: New,
  priority: TicketPriority.Normal,
  type: null,
  organizationId: null,
  channel: Channel.Web,
  tags: [],
  tier: 1,
  teamId: null,
  assigneeId: null,
  ...changes,
});

const created = (time: string, changes: Partial<SlaTicketFacts> = {}): RecordedInput => ({
  at: at(time),
  facts: facts(changes),
  events: [{ type: 'created', status: New }],
  policy: null,
});
const reply = (time: string): RecordedInput => ({ at: at(time), events: [{ type: 'comment', authorRole: 'agent', public: true }] });
const status = (time: string, from: TicketStatus, to: TicketStatus, changes: Partial<SlaTicketFacts> = {}): RecordedInput => ({
  at: at(time),
  facts: facts({ status: to, ...changes }),
  events: [{ type: 'status', from, to }],
  policy: null,
});
const priority = (time: string, to: TicketPriority): RecordedInput => ({
  at: at(time),
  facts: facts({ status: Open, priority: to }),
  events: [{ type: 'priority' }],
  policy: null,
});

const base = { ticketId: '00000000-0000-4000-8000-000000000001', createdAt: at('09:00') };
const replayed = (draft: typeof book, inputs: RecordedInput[], now: string): ClockOutcomes => {
  const state = replayUnder(draft, base, inputs);
  return state ? outcomesOf(state.clocks, at(now)) : {};
};

describe(replayUnder.name, () => {
  const cases: [string, typeof book, RecordedInput[], string, ClockOutcomes][] = [
    [
      'ordinary: replied and solved within the targets',
      book,
      [created('09:00'), reply('09:10'), status('09:40', Open, Solved)],
      '18:00',
      { first_response: 'met', resolution: 'met' },
    ],
    [
      'paused: three hours pending do not count, 50 minutes do',
      book,
      [created('09:00'), reply('09:05'), status('09:20', Open, Pending), status('12:00', Pending, Open), status('12:30', Open, Solved)],
      '18:00',
      { first_response: 'met', resolution: 'met' },
    ],
    [
      'solved in time for one target and late for the other',
      book,
      [created('09:00'), reply('09:45'), status('09:50', Open, Solved)],
      '18:00',
      { first_response: 'breached', resolution: 'met' },
    ],
    [
      'breached: solved after 90 minutes',
      book,
      [created('09:00'), status('10:30', Open, Solved)],
      '18:00',
      { first_response: 'breached', resolution: 'breached' },
    ],
    [
      'still running at the moment asked: undecided',
      book,
      [created('09:00')],
      '09:20',
      { first_response: 'running', resolution: 'running' },
    ],
    [
      'running past its due time: breached',
      book,
      [created('09:00'), reply('09:10')],
      '10:00',
      { first_response: 'met', resolution: 'breached' },
    ],
    [
      'a breach stays a breach after a looser re-target',
      book,
      [created('09:00'), reply('09:10'), priority('10:30', TicketPriority.Low), status('11:00', Open, Solved)],
      '18:00',
      { first_response: 'met', resolution: 'breached' },
    ],
    [
      'a looser re-target before the due time meets it',
      book,
      [created('09:00'), reply('09:10'), priority('09:50', TicketPriority.Low), status('11:00', Open, Solved)],
      '18:00',
      { first_response: 'met', resolution: 'met' },
    ],
    [
      'no target for the priority: no clock',
      book,
      [created('09:00', { priority: TicketPriority.Urgent }), status('15:00', Open, Solved)],
      '18:00',
      {},
    ],
    ['conditions not matching: no clock', vipOnly, [created('09:00'), status('15:00', Open, Solved)], '18:00', {}],
    [
      'conditions matching',
      vipOnly,
      [created('09:00', { tags: ['vip'] }), status('15:00', Open, Solved, { tags: ['vip'] })],
      '18:00',
      { first_response: 'breached', resolution: 'breached' },
    ],
  ];
  it.each(cases)('%s', (_name, draft, inputs, now, expected) => {
    expect(replayed(draft, inputs, now)).toEqual(expected);
  });

  it('decides the policy again, whatever was recorded', () => {
    const recorded = [{ ...created('09:00'), policy: { id: 'another', version: 3 } }];
    expect(replayUnder(book, base, recorded)!.policy).toEqual(DRAFT_POLICY);
  });

  it('starts the clocks when a later change makes the conditions hold', () => {
    const inputs = [created('09:00'), { ...status('10:00', New, Open), facts: facts({ status: Open, tags: ['vip'] }) }];
    expect(replayed(vipOnly, inputs, '10:30')).toEqual({ first_response: 'breached', resolution: 'running' });
  });

  it('is null without an input carrying facts', () => {
    expect(replayUnder(book, base, [reply('09:10')])).toBeNull();
  });
});

describe(clockOutcome.name, () => {
  const clock = (changes: Partial<EngineClock>): EngineClock => ({
    targetMs: 60 * MINUTE,
    elapsedMs: 0,
    runningSince: at('09:00'),
    dueAt: at('10:00'),
    stoppedAt: null,
    outcome: null,
    businessHours: false,
    cycle: 1,
    warnedAt: null,
    breachedAt: null,
    firedLevels: [],
    ...changes,
  });
  const stopped = { runningSince: null, dueAt: null, stoppedAt: at('09:30') };
  const cases: [string, EngineClock | undefined, string, TargetOutcome | null][] = [
    ['no clock', undefined, '09:30', null],
    ['running before its due time', clock({}), '09:59', 'running'],
    ['running at its due time', clock({}), '10:00', 'breached'],
    ['running, marked breached by the engine', clock({ breachedAt: at('10:00') }), '09:30', 'breached'],
    ['stopped in time', clock({ ...stopped, outcome: 'met', elapsedMs: 30 * MINUTE }), '12:00', 'met'],
    ['stopped late', clock({ ...stopped, outcome: 'breached', elapsedMs: 90 * MINUTE }), '12:00', 'breached'],
    ['paused within its target', clock({ runningSince: null, dueAt: null, elapsedMs: 30 * MINUTE }), '23:00', 'running'],
    ['paused past its target (re-targeted lower)', clock({ runningSince: null, dueAt: null, elapsedMs: 70 * MINUTE }), '09:30', 'breached'],
  ];
  it.each(cases)('%s', (_name, c, now, expected) => {
    expect(clockOutcome(c, at(now))).toBe(expected);
  });
});

describe(compliancePercent.name, () => {
  it.each([
    [0, 0, null],
    [3, 0, 100],
    [0, 3, 0],
    [2, 1, 66.67],
    [7, 1, 87.5],
  ])('met %i, breached %i: %p', (met, breached, expected) => {
    expect(compliancePercent(met, breached)).toBe(expected);
  });
});

describe(ComplianceTally.name, () => {
  it('counts overall, per priority (low to urgent) and per team (no team last)', () => {
    const tally = new ComplianceTally();
    tally.add({ priority: TicketPriority.Urgent, teamId: 'b', actual: { resolution: 'met' }, simulated: { resolution: 'breached' } });
    tally.add({ priority: TicketPriority.Low, teamId: null, actual: { resolution: 'breached' }, simulated: { resolution: 'met' } });
    tally.add({ priority: TicketPriority.Low, teamId: 'a', actual: {}, simulated: { first_response: 'running', resolution: 'met' } });
    const view = tally.view();
    expect(view.overall.actual.resolution).toEqual({ met: 1, breached: 1, running: 0, compliancePercent: 50 });
    expect(view.overall.simulated.resolution).toEqual({ met: 2, breached: 1, running: 0, compliancePercent: 66.67 });
    expect(view.overall.simulated.firstResponse).toEqual({ met: 0, breached: 0, running: 1, compliancePercent: null });
    expect(view.overall.actual.nextResponse).toEqual({ met: 0, breached: 0, running: 0, compliancePercent: null });
    expect(view.byPriority.map((p) => [p.priority, p.simulated.resolution.compliancePercent])).toEqual([
      ['low', 100],
      ['urgent', 0],
    ]);
    expect(view.byTeam.map((t) => [t.teamId, t.actual.resolution.met, t.actual.resolution.breached])).toEqual([
      ['a', 0, 0],
      ['b', 1, 0],
      [null, 0, 1],
    ]);
  });
});

describe(periodErrors.name, () => {
  it.each([
    ['a day', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', []],
    ['exactly 366 days', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', []],
    ['to before from', '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', ['to']],
    ['an empty period', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ['to']],
    ['366 days and a minute', '2024-01-01T00:00:00Z', '2025-01-01T00:01:00Z', ['to']],
  ])('%s', (_name, from, to, fields) => {
    expect(periodErrors(new Date(from), new Date(to), 366).map((e) => e.field)).toEqual(fields);
  });
});
