import { Channel, TicketPriority, TicketSnapshotV1, TicketStatus } from '@helpdesk/contracts';
import { compileCalendar } from '../calendars/business-calendar';
import { businessTime, calendarTime } from '../clocks/sla-clock';
import { SlaPolicyDefinition } from '../policies/policy-validation';
import { fulfilments } from './fulfilment';
import { commentInput, createdInput } from './ticket-inputs';
import { applyInput, newTicketSla, PolicyBook, PolicyRef, SlaTicketFacts } from './ticket-sla';

const POLICY: PolicyRef = { id: 'office', version: 2 };
const definition: SlaPolicyDefinition = {
  calendarId: 'office-hours',
  targets: { normal: { firstResponse: { minutes: 60, businessHours: true }, resolution: { minutes: 480, businessHours: true } } },
  warningPercent: 75,
  pauseResolutionOn: [],
  escalation: { levels: [] },
};
// Monday to Friday, 09:00–17:00 UTC.
const office = businessTime(
  compileCalendar({
    timeZone: 'UTC',
    weeklyHours: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
    holidays: [],
  }),
);
const book: PolicyBook = { match: () => POLICY, definition: () => definition, businessTime: () => office, opening: () => null };

const ticket: TicketSnapshotV1 = {
  id: 't-1',
  number: 'HD-000001',
  subject: 'Impresora',
  status: TicketStatus.New,
  priority: TicketPriority.Normal,
  channel: Channel.Web,
  requesterId: 'u-requester',
  assigneeId: 'u-agent',
  organizationId: null,
  type: null,
  tier: 1,
  teamId: 'team-1',
  tags: [],
  createdAt: '2026-11-20T16:30:00.000Z', // a Friday, half an hour before closing
  updatedAt: '2026-11-20T16:30:00.000Z',
};

describe('fulfilments (sla.fulfilled for reporting)', () => {
  it('announces a met first response with business minutes in the policy calendar and calendar minutes from creation', () => {
    const created = createdInput({ ticket, actorId: null }, new Date(ticket.createdAt));
    let { state } = applyInput(book, newTicketSla('t-1', created.at, created.facts as SlaTicketFacts), created, POLICY);
    const reply = commentInput(
      {
        ticketId: 't-1',
        ticketNumber: 'HD-000001',
        commentId: 'c',
        authorId: 'u-agent',
        authorRole: 'agent',
        public: true,
        firstResponse: true,
        createdAt: '2026-11-23T09:15:00.000Z',
      },
      new Date('2026-11-23T09:15:00Z'), // Monday
    );
    const step = applyInput(book, state, reply, undefined);
    state = step.state;
    expect(fulfilments(book, state, step.metrics)).toEqual([
      {
        ticketId: 't-1',
        clock: 'first_response',
        cycle: 1,
        policyId: 'office',
        policyVersion: 2,
        assigneeId: 'u-agent',
        teamId: 'team-1',
        outcome: 'met',
        dueAt: null,
        fulfilledAt: '2026-11-23T09:15:00.000Z',
        elapsedMinutes: 45,
        businessHours: true,
        businessMinutes: 45, // 30 on Friday, 15 on Monday
        calendarMinutes: 3885, // 2 days 16 h 45 min
      },
    ]);
  });

  it('announces nothing for a ticket without a policy', () => {
    const none: PolicyBook = { ...book, match: () => null };
    const created = createdInput({ ticket, actorId: null }, new Date(ticket.createdAt));
    const step = applyInput(none, newTicketSla('t-1', created.at, created.facts as SlaTicketFacts), created, null);
    expect(fulfilments(none, step.state, step.metrics)).toEqual([]);
    expect(calendarTime.between(new Date(0), new Date(60_000))).toBe(60_000);
  });
});
