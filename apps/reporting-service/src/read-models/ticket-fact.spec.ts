import { EVENTS, TicketSnapshotV1 } from '@helpdesk/contracts';
import { addFact, emptyContributions, factDelta, nonZero } from './contributions';
import { applyEvent, emptyFact, ProjectedEvent, solvedAt, TicketFactState } from './ticket-fact';

const T = '11111111-1111-4111-8111-111111111111';
const TEAM = '22222222-2222-4222-8222-222222222222';
const AGENT = '33333333-3333-4333-8333-333333333333';

const snapshot = (over: Partial<TicketSnapshotV1>): TicketSnapshotV1 => ({
  id: T,
  number: 'HD-000001',
  subject: 'VPN caída',
  status: 'new' as TicketSnapshotV1['status'],
  priority: 'normal' as TicketSnapshotV1['priority'],
  channel: 'email' as TicketSnapshotV1['channel'],
  requesterId: '44444444-4444-4444-8444-444444444444',
  assigneeId: null,
  organizationId: null,
  type: null,
  tier: 1,
  teamId: null,
  tags: [],
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...over,
});

/** A ticket's life: created, routed, answered, escalated, solved, rated, reopened, solved again, SLA outcomes. */
const life: ProjectedEvent[] = [
  { type: EVENTS.ticket.created, data: { ticket: snapshot({}) } },
  {
    type: EVENTS.ticket.updated,
    data: {
      ticket: snapshot({ status: 'open' as never, teamId: TEAM, assigneeId: AGENT, updatedAt: '2026-03-02T09:01:00.000Z' }),
      changes: [{ field: 'status', from: 'new', to: 'open' }],
    },
  },
  {
    type: EVENTS.ticket.commentAdded,
    data: {
      ticketId: T,
      ticketNumber: 'HD-000001',
      commentId: 'c1',
      authorId: AGENT,
      authorRole: 'agent',
      public: true,
      firstResponse: true,
      createdAt: '2026-03-02T09:30:00.000Z',
    },
  },
  {
    type: EVENTS.ticket.escalated,
    data: {
      ticket: snapshot({ status: 'open' as never, teamId: TEAM, assigneeId: AGENT, tier: 2, updatedAt: '2026-03-02T10:00:00.000Z' }),
    },
  },
  {
    type: EVENTS.ticket.updated,
    data: {
      ticket: snapshot({ status: 'solved' as never, teamId: TEAM, assigneeId: AGENT, tier: 2, updatedAt: '2026-03-02T11:00:00.000Z' }),
      changes: [{ field: 'status', from: 'open', to: 'solved' }],
    },
  },
  {
    type: EVENTS.csat.received,
    data: { ticketId: T, requesterId: 'r', rating: 'bad', comment: null, ratedAt: '2026-03-02T12:00:00.000Z' },
  },
  {
    type: EVENTS.ticket.updated,
    data: {
      ticket: snapshot({ status: 'open' as never, teamId: TEAM, assigneeId: AGENT, tier: 2, updatedAt: '2026-03-03T08:00:00.000Z' }),
      changes: [{ field: 'status', from: 'solved', to: 'open' }],
    },
  },
  {
    type: EVENTS.ticket.commentAdded,
    data: {
      ticketId: T,
      ticketNumber: 'HD-000001',
      commentId: 'c2',
      authorId: AGENT,
      authorRole: 'agent',
      public: true,
      createdAt: '2026-03-03T09:00:00.000Z',
    },
  },
  {
    type: EVENTS.ticket.updated,
    data: {
      ticket: snapshot({ status: 'solved' as never, teamId: TEAM, assigneeId: AGENT, tier: 2, updatedAt: '2026-03-03T10:00:00.000Z' }),
      changes: [{ field: 'status', from: 'open', to: 'solved' }],
    },
  },
  {
    type: EVENTS.csat.received,
    data: { ticketId: T, requesterId: 'r', rating: 'good', comment: null, ratedAt: '2026-03-03T11:00:00.000Z' },
  },
  {
    type: EVENTS.sla.fulfilled,
    data: {
      ticketId: T,
      clock: 'first_response',
      cycle: 1,
      policyId: 'p',
      policyVersion: 1,
      assigneeId: AGENT,
      teamId: TEAM,
      outcome: 'met',
      dueAt: null,
      fulfilledAt: '2026-03-02T09:30:00.000Z',
      elapsedMinutes: 30,
      businessHours: true,
      businessMinutes: 30,
      calendarMinutes: 30,
    },
  },
  {
    type: EVENTS.sla.breached,
    data: {
      ticketId: T,
      clock: 'resolution',
      cycle: 1,
      policyId: 'p',
      policyVersion: 1,
      assigneeId: AGENT,
      teamId: TEAM,
      dueAt: '2026-03-02T10:30:00.000Z',
      breachedAt: '2026-03-02T10:30:00.000Z',
    },
  },
  {
    type: EVENTS.sla.fulfilled,
    data: {
      ticketId: T,
      clock: 'resolution',
      cycle: 1,
      policyId: 'p',
      policyVersion: 1,
      assigneeId: AGENT,
      teamId: TEAM,
      outcome: 'breached',
      dueAt: null,
      fulfilledAt: '2026-03-03T10:00:00.000Z',
      elapsedMinutes: 600,
      businessHours: true,
      businessMinutes: 540,
      calendarMinutes: 1500,
    },
  },
  {
    type: EVENTS.sla.escalated,
    data: {
      ticketId: T,
      clock: 'resolution',
      cycle: 1,
      policyId: 'p',
      policyVersion: 1,
      assigneeId: AGENT,
      teamId: TEAM,
      level: 1,
      breachedAt: '2026-03-02T10:30:00.000Z',
      escalatedAt: '2026-03-02T10:45:00.000Z',
      actions: [],
    },
  },
];

const fold = (events: ProjectedEvent[]) => events.reduce<TicketFactState>((fact, e) => applyEvent(fact, e), emptyFact(T));

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('ticket facts', () => {
  it('folds a ticket’s life into one fact', () => {
    const fact = fold(life);
    expect(fact).toMatchObject({
      status: 'solved',
      tier: 2,
      teamId: TEAM,
      assigneeId: AGENT,
      createdAt: '2026-03-02T09:00:00.000Z',
      firstResponseAt: '2026-03-02T09:30:00.000Z',
      agentReplies: 2,
      escalatedAt: ['2026-03-02T10:00:00.000Z'],
      slaEscalatedAt: ['2026-03-02T10:45:00.000Z'],
      csat: { rating: 'good', at: '2026-03-03T11:00:00.000Z' },
      firstResponseBusiness: { minutes: 30, at: '2026-03-02T09:30:00.000Z' },
      resolutionBusiness: { minutes: 540, at: '2026-03-03T10:00:00.000Z' },
      sla: {
        'first_response:1': { outcome: 'met', at: '2026-03-02T09:30:00.000Z' },
        'resolution:1': { outcome: 'breached', at: '2026-03-02T10:30:00.000Z' },
      },
    });
    expect(solvedAt(fact)).toBe('2026-03-03T10:00:00.000Z');
  });

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('gives the same fact and statistics whatever the order (shuffle %s)', (seed) => {
    const expected = fold(life);
    const fact = fold(shuffled(life, seed));
    expect(fact).toEqual(expected);
    expect(nonZero(addFact(emptyContributions(), fact, 'UTC', 1))).toEqual(nonZero(addFact(emptyContributions(), expected, 'UTC', 1)));
  });

  it('contributes each figure on its own day, for every grouping', () => {
    const { stats, solvers } = nonZero(addFact(emptyContributions(), fold(life), 'UTC', 1));
    const day = (period: string, dim = 'all') => stats.find((s) => s.grain === 'd' && s.period === period && s.dim === dim)!;
    expect(day('2026-03-02').counters).toEqual({
      created: 1,
      backlog: 0, // created (+1) and solved (−1) the same day
      escalations: 1,
      sla_escalations: 1,
      sla_met_first_response: 1,
      sla_breached_resolution: 1,
    });
    expect(day('2026-03-03').counters).toEqual({ backlog: 0, reopens: 1, solved: 1, agent_replies: 2, csat_good: 1 });
    expect(day('2026-03-03').histograms.resolution_calendar!.size).toBe(1);
    expect(day('2026-03-02', 'team').key).toBe(TEAM);
    expect(stats.find((s) => s.grain === 'm' && s.dim === 'agent')!.counters).toMatchObject({ created: 1, solved: 1, reopens: 1 });
    expect(solvers.filter((s) => s.dim === 'all')).toEqual([
      { grain: 'd', period: '2026-03-03', dim: 'all', key: '', agentId: AGENT, solved: 1 },
      { grain: 'm', period: '2026-03-01', dim: 'all', key: '', agentId: AGENT, solved: 1 },
    ]);
  });

  it('moves statistics by the difference when a fact changes (a reassignment moves the ticket to the other team)', () => {
    const before = fold(life.slice(0, 2));
    const after = applyEvent(before, {
      type: EVENTS.ticket.updated,
      data: { ticket: snapshot({ status: 'open' as never, teamId: 'other', updatedAt: '2026-03-02T09:05:00.000Z' }), changes: [] },
    });
    const delta = factDelta(before, after, 'UTC');
    expect(delta.stats.filter((s) => s.dim === 'all')).toEqual([]);
    expect(delta.stats.find((s) => s.dim === 'team' && s.key === TEAM && s.grain === 'd')!.counters).toEqual({ created: -1, backlog: -1 });
    expect(delta.stats.find((s) => s.dim === 'team' && s.key === 'other' && s.grain === 'd')!.counters).toEqual({ created: 1, backlog: 1 });
  });

  it('knows nothing until the ticket’s creation is known, and keeps the newest snapshot', () => {
    const early = applyEvent(emptyFact(T), life[10]);
    expect(nonZero(addFact(emptyContributions(), early, 'UTC', 1)).stats).toEqual([]);
    const stale = applyEvent(fold(life), { type: EVENTS.ticket.created, data: { ticket: snapshot({}) } });
    expect(stale.status).toBe('solved');
  });
});
