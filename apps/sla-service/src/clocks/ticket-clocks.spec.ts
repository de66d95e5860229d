import { TicketStatus } from '@helpdesk/contracts';
import { BusinessCalendar, compileCalendar } from '../calendars/business-calendar';
import { businessTime } from './sla-clock';
import { SlaTicketEvent } from './sla-transitions';
import { applyTicketEvent, ClockContext, phasesOf, TicketClocks } from './ticket-clocks';

const { New, Open, Pending, Solved } = TicketStatus;
const office: BusinessCalendar = {
  timeZone: 'Europe/Madrid',
  weeklyHours: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '09:00', end: '18:00' }]])),
  holidays: [],
};
const context: ClockContext = {
  targets: {
    firstResponse: { minutes: 60, businessHours: true },
    nextResponse: { minutes: 120, businessHours: true },
    resolution: { minutes: 480, businessHours: true },
  },
  pauseResolutionOn: [Pending],
  business: businessTime(compileCalendar(office)),
};

const summary = (clocks: TicketClocks) =>
  Object.fromEntries(
    Object.entries(clocks).map(([kind, c]) => [kind, c.outcome ?? (c.dueAt ? `due ${c.dueAt.toISOString().slice(5, 16)}` : 'paused')]),
  );

describe(applyTicketEvent.name, () => {
  it('follows a ticket through its life (Mon 23 Nov 2026, Madrid 09:00–18:00 = 08:00–17:00 UTC)', () => {
    const story: [string, SlaTicketEvent, Record<string, string>][] = [
      ['2026-11-23T09:00:00Z', { type: 'created', status: New }, { first_response: 'due 11-23T10:00', resolution: 'due 11-23T17:00' }],
      [
        '2026-11-23T09:30:00Z',
        { type: 'comment', authorRole: 'agent', public: true },
        { first_response: 'met', resolution: 'due 11-23T17:00' },
      ],
      [
        '2026-11-23T10:00:00Z',
        { type: 'comment', authorRole: 'requester', public: true },
        { first_response: 'met', next_response: 'due 11-23T12:00', resolution: 'due 11-23T17:00' },
      ],
      [
        '2026-11-23T11:00:00Z',
        { type: 'status', from: Open, to: Pending },
        { first_response: 'met', next_response: 'due 11-23T12:00', resolution: 'paused' },
      ],
      // Waiting on the customer overnight costs no resolution time: 6 h were left at 11:00 UTC on Monday.
      [
        '2026-11-24T08:00:00Z',
        { type: 'status', from: Pending, to: Open },
        { first_response: 'met', next_response: 'due 11-23T12:00', resolution: 'due 11-24T14:00' },
      ],
      [
        '2026-11-24T09:00:00Z',
        { type: 'status', from: Open, to: Solved },
        { first_response: 'met', next_response: 'breached', resolution: 'met' },
      ],
      [
        '2026-11-25T08:00:00Z',
        { type: 'status', from: Solved, to: Open },
        { first_response: 'met', next_response: 'breached', resolution: 'due 11-25T13:00' },
      ],
    ];
    let clocks: TicketClocks = {};
    for (const [at, event, expected] of story) {
      clocks = applyTicketEvent(event, clocks, context, new Date(at));
      expect(summary(clocks)).toEqual(expected);
    }
  });

  it('re-targets on a priority change and cancels a clock the new priority has no target for', () => {
    let clocks = applyTicketEvent({ type: 'created', status: New }, {}, context, new Date('2026-11-23T09:00:00Z'));
    clocks = applyTicketEvent(
      { type: 'priority' },
      clocks,
      { ...context, targets: { resolution: { minutes: 60, businessHours: false } } },
      new Date('2026-11-23T09:30:00Z'),
    );
    expect(phasesOf(clocks)).toEqual({ first_response: 'absent', next_response: 'absent', resolution: 'running' });
    expect(clocks.resolution).toMatchObject({ businessHours: false, dueAt: new Date('2026-11-23T10:00:00Z') });
  });

  it('needs the calendar for business-hours targets', () => {
    expect(() => applyTicketEvent({ type: 'created', status: New }, {}, { ...context, business: null }, new Date())).toThrow(
      'a business-hours target needs its policy calendar',
    );
  });
});
