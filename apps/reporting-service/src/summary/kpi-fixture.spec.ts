import { Actor, EVENTS, EventEnvelope, Role, SummaryGroupView, SummaryView, TicketSnapshotV1 } from '@helpdesk/contracts';
import { startServiceScratchDatabase, type ScratchDatabase } from '@helpdesk/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReportingConfig } from '../config/reporting.config';
import { REPORTING_DATABASE } from '../database/schema';
import { Projector } from '../read-models/projector.service';
import { RebuildService } from '../read-models/rebuild.service';
import { SummaryService } from './summary.service';

/**
 * The KPIs on a hand-checked fixture: a scripted sequence of ticket, SLA, CSAT and knowledge-base
 * events with known answers (worked out by hand in the comments), applied through the real
 * projection into PostgreSQL (PGlite), in order and shuffled, then rebuilt from the event log.
 */

const TEAM_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const TEAM_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const X = 'cccccccc-0000-4000-8000-0000000000c1';
const Y = 'cccccccc-0000-4000-8000-0000000000c2';
const ORG = 'dddddddd-0000-4000-8000-0000000000d1';
const ids = ['1', '2', '3', '4', '5', '6', '7'].map((n) => `eeeeeeee-0000-4000-8000-00000000000${n}`);
const [T1, T2, T3, T4, T5, T6, T7] = ids;

let clock = 0;
const envelope = (type: string, aggregateId: string, occurredAt: string, data: unknown): EventEnvelope => ({
  id: randomUUID(),
  type,
  version: 1,
  occurredAt: new Date(new Date(occurredAt).getTime() + clock++).toISOString(),
  source: 'fixture',
  aggregateId,
  data,
});

type Ticket = Omit<TicketSnapshotV1, 'status' | 'updatedAt'>;
const ticket = (id: string, n: number, createdAt: string, over: Partial<Ticket>): Ticket => ({
  id,
  number: `HD-00000${n}`,
  subject: `Ticket ${n}`,
  priority: 'normal' as Ticket['priority'],
  channel: 'email' as Ticket['channel'],
  requesterId: '99999999-0000-4000-8000-000000000099',
  assigneeId: null,
  organizationId: null,
  type: null,
  tier: 1,
  teamId: null,
  tags: [],
  createdAt,
  ...over,
});

function lifeOf(t: Ticket) {
  const events: EventEnvelope[] = [];
  const snap = (status: string, at: string, over: Partial<Ticket> = {}) => ({ ...t, ...over, status, updatedAt: at }) as TicketSnapshotV1;
  let status = 'new';
  return {
    events,
    created() {
      events.push(envelope(EVENTS.ticket.created, t.id, t.createdAt, { ticket: snap('new', t.createdAt), actorId: null }));
      return this;
    },
    status(to: string, at: string) {
      events.push(
        envelope(EVENTS.ticket.updated, t.id, at, {
          ticket: snap(to, at),
          actorId: null,
          changes: [{ field: 'status', from: status, to }],
        }),
      );
      status = to;
      return this;
    },
    reply(at: string, first = false) {
      events.push(
        envelope(EVENTS.ticket.commentAdded, t.id, at, {
          ticketId: t.id,
          ticketNumber: t.number,
          commentId: randomUUID(),
          authorId: t.assigneeId,
          authorRole: 'agent',
          public: true,
          firstResponse: first,
          createdAt: at,
        }),
      );
      return this;
    },
    escalated(at: string) {
      events.push(
        envelope(EVENTS.ticket.escalated, t.id, at, { ticket: snap(status, at, { tier: 2 }), actorId: null, fromTier: 1, toTier: 2 }),
      );
      return this;
    },
    rated(rating: 'good' | 'bad', at: string) {
      events.push(
        envelope(EVENTS.csat.received, t.id, at, { ticketId: t.id, requesterId: t.requesterId, rating, comment: null, ratedAt: at }),
      );
      return this;
    },
    sla(
      clock: 'first_response' | 'resolution',
      outcome: 'met' | 'breached',
      at: string,
      businessMinutes: number,
      dueAt: string | null = null,
    ) {
      const ref = { ticketId: t.id, clock, cycle: 1, policyId: 'p', policyVersion: 1, assigneeId: t.assigneeId, teamId: t.teamId };
      if (outcome === 'breached' && dueAt) events.push(envelope(EVENTS.sla.breached, t.id, dueAt, { ...ref, dueAt, breachedAt: dueAt }));
      events.push(
        envelope(EVENTS.sla.fulfilled, t.id, at, {
          ...ref,
          outcome,
          dueAt: null,
          fulfilledAt: at,
          elapsedMinutes: businessMinutes,
          businessHours: true,
          businessMinutes,
          calendarMinutes: null,
        }),
      );
      return this;
    },
    breachedOnly(clock: 'first_response', dueAt: string) {
      const ref = { ticketId: t.id, clock, cycle: 1, policyId: 'p', policyVersion: 1, assigneeId: t.assigneeId, teamId: t.teamId };
      events.push(envelope(EVENTS.sla.breached, t.id, dueAt, { ...ref, dueAt, breachedAt: dueAt }));
      return this;
    },
    slaEscalated(at: string) {
      const ref = {
        ticketId: t.id,
        clock: 'resolution',
        cycle: 1,
        policyId: 'p',
        policyVersion: 1,
        assigneeId: t.assigneeId,
        teamId: t.teamId,
      };
      events.push(envelope(EVENTS.sla.escalated, t.id, at, { ...ref, level: 1, breachedAt: at, escalatedAt: at, actions: [] }));
      return this;
    },
  };
}

const kb = (type: string, at: string, articleIds: string[] = ['a']) => {
  const sessionId = randomUUID();
  return envelope(type, sessionId, at, { sessionId, source: 'portal', locale: 'es', articleIds, actorId: null, articleId: 'a', at });
};

/** The fixture, March 2026 (UTC). */
function fixture(): EventEnvelope[] {
  const A = { teamId: TEAM_A, assigneeId: X, organizationId: ORG };
  // T1: created 03-02 09:00, first reply 09:20 (20 min), solved 13:00 (240 min), rated good; SLA first response and resolution met.
  const t1 = lifeOf(ticket(T1, 1, '2026-03-02T09:00:00.000Z', A))
    .created()
    .status('open', '2026-03-02T09:01:00.000Z')
    .reply('2026-03-02T09:20:00.000Z', true)
    .sla('first_response', 'met', '2026-03-02T09:20:00.000Z', 20)
    .status('solved', '2026-03-02T13:00:00.000Z')
    .sla('resolution', 'met', '2026-03-02T13:00:00.000Z', 240)
    .rated('good', '2026-03-03T09:00:00.000Z');
  // T2: chat, high; first reply 10:50 (50 min); escalated to tier 2; resolution breached at 18:00 and escalated 18:30;
  // solved 03-03 10:00, reopened 03-04 09:00, replied, solved again 03-04 10:00 (2,880 min from creation; 900 business); rated bad.
  const t2 = lifeOf(
    ticket(T2, 2, '2026-03-02T10:00:00.000Z', { ...A, channel: 'chat' as Ticket['channel'], priority: 'high' as Ticket['priority'] }),
  )
    .created()
    .status('open', '2026-03-02T10:01:00.000Z')
    .reply('2026-03-02T10:50:00.000Z', true)
    .sla('first_response', 'met', '2026-03-02T10:50:00.000Z', 50)
    .escalated('2026-03-02T12:00:00.000Z')
    .slaEscalated('2026-03-02T18:30:00.000Z')
    .status('solved', '2026-03-03T10:00:00.000Z')
    .status('open', '2026-03-04T09:00:00.000Z')
    .reply('2026-03-04T09:30:00.000Z')
    .status('solved', '2026-03-04T10:00:00.000Z')
    .sla('resolution', 'breached', '2026-03-04T10:00:00.000Z', 900, '2026-03-02T18:00:00.000Z')
    .rated('bad', '2026-03-04T12:00:00.000Z');
  // T3: team B, Y, phone, urgent; created 03-05 08:00, first reply 08:05 (5 min), still open.
  const t3 = lifeOf(
    ticket(T3, 3, '2026-03-05T08:00:00.000Z', { teamId: TEAM_B, assigneeId: Y, channel: 'phone' as never, priority: 'urgent' as never }),
  )
    .created()
    .status('open', '2026-03-05T08:01:00.000Z')
    .reply('2026-03-05T08:05:00.000Z', true)
    .sla('first_response', 'met', '2026-03-05T08:05:00.000Z', 5);
  // T4: team B, unassigned, web, low; created 03-05 09:00, no reply, first response breached at 13:00.
  const t4 = lifeOf(ticket(T4, 4, '2026-03-05T09:00:00.000Z', { teamId: TEAM_B, channel: 'web' as never, priority: 'low' as never }))
    .created()
    .breachedOnly('first_response', '2026-03-05T13:00:00.000Z');
  // T5: created in February (first reply then: not in March), solved 03-06 12:00 (20,160 min: 14 days).
  const t5 = lifeOf(ticket(T5, 5, '2026-02-20T12:00:00.000Z', A))
    .created()
    .status('open', '2026-02-20T12:01:00.000Z')
    .reply('2026-02-20T12:30:00.000Z', true)
    .status('solved', '2026-03-06T12:00:00.000Z');
  // T6: team B, Y; created 03-10 09:00, first reply 09:10 (10 min), solved 10:00 (60 min), closed 03-13 (no second solve). No SLA.
  const t6 = lifeOf(ticket(T6, 6, '2026-03-10T09:00:00.000Z', { teamId: TEAM_B, assigneeId: Y }))
    .created()
    .status('open', '2026-03-10T09:01:00.000Z')
    .reply('2026-03-10T09:10:00.000Z', true)
    .status('solved', '2026-03-10T10:00:00.000Z')
    .status('closed', '2026-03-13T10:00:00.000Z');
  // T7: April, outside the period.
  const t7 = lifeOf(ticket(T7, 7, '2026-04-02T09:00:00.000Z', A)).created();
  const deflection = [
    kb(EVENTS.kb.suggestionsShown, '2026-03-02T08:00:00.000Z'),
    kb(EVENTS.kb.suggestionsShown, '2026-03-03T08:00:00.000Z'),
    kb(EVENTS.kb.suggestionsShown, '2026-03-04T08:00:00.000Z'),
    kb(EVENTS.kb.suggestionsShown, '2026-03-04T08:30:00.000Z', []), // showed nothing: not a session
    kb(EVENTS.kb.suggestionSolved, '2026-03-03T08:05:00.000Z'),
  ];
  return [...t1.events, ...t2.events, ...t3.events, ...t4.events, ...t5.events, ...t6.events, ...t7.events, ...deflection];
}

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

/** Within 1/64 of the hand-computed value (the histograms' precision above 64 minutes), exact below. */
const about = (minutes: number): unknown =>
  minutes < 64
    ? minutes
    : {
        asymmetricMatch: (value: unknown) => typeof value === 'number' && Math.abs(value - minutes) <= minutes / 64,
        toAsymmetricMatcher: () => `within 1/64 of ${minutes}`,
      };

const admin: Actor = { id: X, role: Role.Admin } as Actor;
const config: ReportingConfig = { timeZone: 'UTC', exportPageRows: 2000 };

describe('KPIs on a hand-checked fixture (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let summaries: SummaryService;
  let projector: Projector;
  let rebuilds: RebuildService;
  const summary = (query: Record<string, string>): Promise<SummaryView> => summaries.summary({ actor: admin, query });
  const group = (view: SummaryView, key: string | null): SummaryGroupView => view.groups.find((g) => g.key === key)!;

  beforeAll(async () => {
    scratch = await startServiceScratchDatabase('reporting-fixture', REPORTING_DATABASE);
    dataSource = scratch.dataSource;
    summaries = new SummaryService(dataSource, config);
    projector = new Projector(dataSource, config);
    rebuilds = new RebuildService(dataSource, config);
    // Shuffled: events of one ticket reach reporting through several consumers, in no set order.
    const events = shuffled(fixture(), 7);
    for (const event of events) await projector.apply(event);
    // A redelivery changes nothing.
    for (const event of events.slice(0, 10)) expect(await projector.apply(event)).toBe(false);
  }, 120_000);

  afterAll(async () => {
    await scratch?.stop();
  });

  const MARCH = { from: '2026-03-01', to: '2026-04-01' };

  it('totals for March', async () => {
    const view = await summary(MARCH);
    expect(view).toMatchObject({ from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC', groupBy: null, ticketsCreated: 5, groups: [] });
    expect(view.total).toEqual({
      key: null,
      ticketsCreated: 5, // T1 T2 T3 T4 T6 (T5 is February's, T7 April's)
      ticketsSolved: 4, // T1, T2 (its last solve, 03-04), T5, T6 (closed still counts; the close is no second solve)
      reopened: 1, // T2
      backlog: 2, // T3 and T4 are open on April 1st
      // first replies in March: 5, 10, 20, 50 → median (rank 2) 10, p90 (rank 4) 50; T5's was in February
      firstResponseTime: {
        calendar: { count: 4, median: 10, p90: 50 },
        business: { count: 3, median: 20, p90: 50 }, // T1 20, T2 50, T3 5 (T6 has no SLA)
      },
      // solved in March: 60, 240, 2,880, 20,160 → median (rank 2) 240, p90 (rank 4) 20,160
      resolutionTime: {
        calendar: { count: 4, median: about(240), p90: about(20160) },
        business: { count: 2, median: about(240), p90: about(900) },
      },
      sla: [
        { target: 'first_response', met: 3, breached: 1, compliancePercent: 75 },
        { target: 'next_response', met: 0, breached: 0, compliancePercent: null },
        { target: 'resolution', met: 1, breached: 1, compliancePercent: 50 },
      ],
      escalations: 1,
      slaEscalations: 1,
      csat: { good: 1, bad: 1, percent: 50 },
      deflection: { sessions: 3, deflected: 1, percent: 33.33 },
      // X solved T1, T2, T5 and Y solved T6; replies on them 1 + 2 + 1 + 1
      productivity: { agents: 2, solvedPerAgent: 2, agentReplies: 5, repliesPerTicket: 1.25 },
    });
  });

  it('per team, agent, channel, priority and organization', async () => {
    const teams = await summary({ ...MARCH, groupBy: 'team' });
    expect(teams.groups.map((g) => g.key)).toEqual([TEAM_A, TEAM_B]);
    expect(group(teams, TEAM_A)).toMatchObject({ ticketsCreated: 2, ticketsSolved: 3, reopened: 1, backlog: 0, deflection: null });
    expect(group(teams, TEAM_A).productivity).toEqual({ agents: 1, solvedPerAgent: 3, agentReplies: 4, repliesPerTicket: 1.33 });
    expect(group(teams, TEAM_B)).toMatchObject({ ticketsCreated: 3, ticketsSolved: 1, backlog: 2 });
    expect(group(teams, TEAM_B).sla[0]).toEqual({ target: 'first_response', met: 1, breached: 1, compliancePercent: 50 });

    const agents = await summary({ ...MARCH, groupBy: 'agent' });
    expect(agents.groups.map((g) => [g.key, g.ticketsCreated, g.ticketsSolved, g.backlog])).toEqual([
      [X, 2, 3, 0],
      [Y, 2, 1, 1],
      [null, 1, 0, 1], // unassigned: T4
    ]);

    const channels = await summary({ ...MARCH, groupBy: 'channel' });
    expect(channels.groups.map((g) => [g.key, g.ticketsCreated])).toEqual([
      ['chat', 1],
      ['email', 2],
      ['phone', 1],
      ['web', 1],
    ]);
    const priorities = await summary({ ...MARCH, groupBy: 'priority' });
    expect(group(priorities, 'urgent').firstResponseTime.calendar).toEqual({ count: 1, median: 5, p90: 5 });
    const organizations = await summary({ ...MARCH, groupBy: 'organization' });
    expect(group(organizations, ORG)).toMatchObject({ ticketsCreated: 2, ticketsSolved: 3 });
    expect(group(organizations, null)).toMatchObject({ ticketsCreated: 3, ticketsSolved: 1, backlog: 2 });
  });

  it('per day and week, with the backlog at the end of each', async () => {
    const days = await summary({ from: '2026-03-01', to: '2026-03-11', groupBy: 'day' });
    expect(days.groups.map((g) => [g.key, g.ticketsCreated, g.ticketsSolved, g.reopened, g.backlog])).toEqual([
      ['2026-03-01', 0, 0, 0, 1], // T5 open since February
      ['2026-03-02', 2, 1, 0, 2], // T1 and T2 created, T1 solved
      ['2026-03-03', 0, 0, 0, 1], // T2 solved (not its last solve)
      ['2026-03-04', 0, 1, 1, 1], // T2 reopened and solved again
      ['2026-03-05', 2, 0, 0, 3], // T3, T4
      ['2026-03-06', 0, 1, 0, 2], // T5 solved
      ['2026-03-07', 0, 0, 0, 2],
      ['2026-03-08', 0, 0, 0, 2],
      ['2026-03-09', 0, 0, 0, 2],
      ['2026-03-10', 1, 1, 0, 2], // T6 created and solved
    ]);
    expect(days.groups[1].deflection).toEqual({ sessions: 1, deflected: 0, percent: 0 });
    expect(days.groups[2].deflection).toEqual({ sessions: 1, deflected: 1, percent: 100 });
    const weeks = await summary({ ...MARCH, groupBy: 'week' });
    expect(weeks.groups.map((g) => [g.key, g.ticketsCreated, g.ticketsSolved, g.backlog])).toEqual([
      ['2026-02-23', 0, 0, 1],
      ['2026-03-02', 4, 3, 2],
      ['2026-03-09', 1, 1, 2],
      ['2026-03-16', 0, 0, 2],
      ['2026-03-23', 0, 0, 2],
      ['2026-03-30', 0, 0, 2],
    ]);
    const months = await summary({ from: '2026-02-01', to: '2026-05-01', groupBy: 'month' });
    expect(months.groups.map((g) => [g.key, g.ticketsCreated, g.ticketsSolved, g.backlog])).toEqual([
      ['2026-02-01', 1, 0, 1],
      ['2026-03-01', 5, 4, 2],
      ['2026-04-01', 1, 0, 3],
    ]);
  });

  it('a period that is not whole months reads the loose days', async () => {
    const view = await summary({ from: '2026-02-25', to: '2026-03-03' });
    expect(view.total).toMatchObject({ ticketsCreated: 2, ticketsSolved: 1, backlog: 2 });
  });

  it('rebuilds from the event log to the same read models', async () => {
    const snapshot = async () => ({
      facts: await dataSource.query(`SELECT * FROM reporting.ticket_facts ORDER BY ticket_id`),
      stats: await dataSource.query(`SELECT * FROM reporting.stats ORDER BY dim, grain, period, key`),
      solvers: await dataSource.query(`SELECT * FROM reporting.solvers ORDER BY dim, grain, period, key, agent_id`),
    });
    const strip = (s: Awaited<ReturnType<typeof snapshot>>) => ({
      ...s,
      facts: s.facts.map(({ changed_at: _c, change_seq: _s, ...rest }: Record<string, unknown>) => rest),
    });
    const incremental = await snapshot();
    const before = await summary({ ...MARCH, groupBy: 'team' });
    const result = await dataSource.transaction((manager) => rebuilds.rebuild(manager, null));
    expect(result.tickets).toBe(7);
    const rebuilt = await snapshot();
    expect(strip(rebuilt)).toEqual(strip(incremental));
    expect(rebuilt.stats.length).toBeGreaterThan(50);
    expect(await summary({ ...MARCH, groupBy: 'team' })).toEqual(before);
  });

  it('refuses a reversed period, a date-time inside a day and customers', async () => {
    await expect(summary({ from: '2026-04-01', to: '2026-03-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(summary({ from: '2026-03-01T10:00:00Z', to: '2026-04-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(summaries.summary({ actor: { id: X, role: Role.Customer } as Actor, query: MARCH })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
