import type { TicketSlaView as Sla } from '@helpdesk/contracts';
import { bearer, expectProblem, userWithRole } from '../support/api';
import { slaTools } from '../support/sla';
import { useSuite } from '../support/suite';

const MINUTE = 60_000;

interface Counts {
  met: number;
  breached: number;
  running: number;
  compliancePercent: number | null;
}

interface Compliance {
  firstResponse: Counts;
  nextResponse: Counts;
  resolution: Counts;
}

interface Comparison {
  actual: Compliance;
  simulated: Compliance;
}

interface Simulation {
  from: string;
  to: string;
  at: string;
  truncated: boolean;
  tickets: { inPeriod: number; matched: number; skipped: number; compared: number };
  overall: Comparison;
  byPriority: (Comparison & { priority: string })[];
  byTeam: (Comparison & { teamId: string | null })[];
}

const counts = (met: number, breached: number, running: number, compliancePercent: number | null): Counts => ({
  met,
  breached,
  running,
  compliancePercent,
});
const none = counts(0, 0, 0, null);

/**
 * SLA simulation end to end: tickets run under a real policy (60 calendar minutes to resolve),
 * time moves with the test clock, and drafts with a looser and a stricter target are replayed
 * over them; the answer compares both sides per target, priority and team, and changes nothing.
 */
describe('SLA policy simulation', () => {
  const suite = useSuite({ TEST_CLOCK: 'true', SLA_POLL_INTERVAL_MS: '50' });
  const run = Date.now().toString(36);
  const tag = `sim-${run}`;
  let from: string;
  let to: string;
  let teamX: string;
  let teamY: string;
  const tickets: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', { id: string }> = {} as never;

  const post = (path: string, body: object, token = suite.admin) => suite.api().post(path).set(bearer(token)).send(body);
  const patch = (path: string, body: object, token = suite.admin) => suite.api().patch(path).set(bearer(token)).send(body);

  const { advance, slaOf, slaWhen } = slaTools(suite);
  const resolution = (sla: Sla) => sla.targets.find((t) => t.clock === 'resolution');

  async function ticket(body: object): Promise<{ id: string }> {
    const requester = { email: `sim.${run}@e2e.test` };
    return (await post('/api/v1/tickets', { subject: 'Correo caído', description: 'No llega', requester, ...body }).expect(201)).body;
  }

  const team = async (name: string): Promise<string> =>
    (await post('/api/v1/teams', { name: `${name} ${run}`, tier: 1, routingStrategy: 'round_robin', memberIds: [] }).expect(201)).body.id;

  const simulate = (body: object, token = suite.admin) => post('/api/v1/sla/policies/simulate', body, token);
  const draft = (targets: object, extra: object = {}) => ({ name: `Draft ${run}`, conditions: { tagsAny: [tag] }, targets, ...extra });
  const calendarMinutes = (minutes: number) => ({ minutes, businessHours: false });

  /** What a reader sees of a ticket's SLA, without the figures that move with the clock alone. */
  const stable = (sla: Sla) => ({
    ...sla,
    at: undefined,
    targets: sla.targets.map((t) => ({ ...t, elapsedMinutes: undefined, remainingMinutes: undefined })),
  });

  beforeAll(async () => {
    await post('/api/v1/sla/policies', {
      name: `Resolve in an hour ${run}`,
      conditions: { tagsAny: [tag] },
      targets: { normal: { resolution: calendarMinutes(60) }, high: { resolution: calendarMinutes(60) } },
    }).expect(201);
    teamX = await team('Correo');
    teamY = await team('Redes');
    from = new Date(Date.now() - MINUTE).toISOString();
    // a and b are solved at once; c and d stay open past their due time; e is solved two hours late; f is not the draft's.
    tickets.a = await ticket({ tags: [tag], priority: 'normal', teamId: teamX });
    tickets.b = await ticket({ tags: [tag], priority: 'high', teamId: teamX });
    tickets.c = await ticket({ tags: [tag], priority: 'normal', teamId: teamY });
    tickets.d = await ticket({ tags: [tag], priority: 'high' });
    tickets.e = await ticket({ tags: [tag], priority: 'normal' });
    tickets.f = await ticket({ tags: ['otro'], priority: 'normal', teamId: teamY });
    to = new Date(Date.now() + MINUTE).toISOString();
    for (const key of ['a', 'b', 'c', 'd', 'e'] as const) await slaWhen(tickets[key].id, `clocks of ${key}`, (sla) => !!resolution(sla));
    for (const key of ['a', 'b'] as const) {
      await patch(`/api/v1/tickets/${tickets[key].id}`, { status: 'solved' }).expect(200);
      await slaWhen(tickets[key].id, `${key} met`, (sla) => resolution(sla)!.status === 'met');
    }
    await advance(120);
    for (const key of ['c', 'd', 'e'] as const) await slaWhen(tickets[key].id, `${key} breached`, (sla) => resolution(sla)!.breached);
    await patch(`/api/v1/tickets/${tickets.e.id}`, { status: 'solved' }).expect(200);
    await slaWhen(tickets.e.id, 'e stopped', (sla) => resolution(sla)!.status === 'breached');
  });

  const byPriority = (s: Simulation, priority: string) => s.byPriority.find((p) => p.priority === priority)!;
  const byTeam = (s: Simulation, teamId: string | null) => s.byTeam.find((t) => t.teamId === teamId)!;

  it('compares what the tickets had with a looser draft, per priority and per team, changing nothing', async () => {
    const ids = Object.values(tickets).map((t) => t.id);
    const before = await Promise.all(ids.map(slaOf));
    const res = await simulate({
      policy: draft({ normal: { resolution: calendarMinutes(600) }, high: { resolution: calendarMinutes(600) } }),
      from,
      to,
    }).expect(200);
    const s = res.body as Simulation;
    expect(s).toMatchObject({ from, to, truncated: false, tickets: { inPeriod: 6, matched: 5, skipped: 0, compared: 5 } });

    // Actually: a and b met; c and d running past due; e solved late. The draft: e met, c and d still within 600 minutes.
    expect(s.overall.actual).toEqual({ firstResponse: none, nextResponse: none, resolution: counts(2, 3, 0, 40) });
    expect(s.overall.simulated).toEqual({ firstResponse: none, nextResponse: none, resolution: counts(3, 0, 2, 100) });

    expect(s.byPriority.map((p) => p.priority)).toEqual(['normal', 'high']);
    expect(byPriority(s, 'normal').actual.resolution).toEqual(counts(1, 2, 0, 33.33));
    expect(byPriority(s, 'normal').simulated.resolution).toEqual(counts(2, 0, 1, 100));
    expect(byPriority(s, 'high').actual.resolution).toEqual(counts(1, 1, 0, 50));
    expect(byPriority(s, 'high').simulated.resolution).toEqual(counts(1, 0, 1, 100));

    expect(s.byTeam).toHaveLength(3);
    expect(s.byTeam[2].teamId).toBeNull();
    expect(byTeam(s, teamX).actual.resolution).toEqual(counts(2, 0, 0, 100));
    expect(byTeam(s, teamX).simulated.resolution).toEqual(counts(2, 0, 0, 100));
    expect(byTeam(s, teamY).actual.resolution).toEqual(counts(0, 1, 0, 0));
    expect(byTeam(s, teamY).simulated.resolution).toEqual(counts(0, 0, 1, null));
    expect(byTeam(s, null).actual.resolution).toEqual(counts(0, 2, 0, 0));
    expect(byTeam(s, null).simulated.resolution).toEqual(counts(1, 0, 1, 100));

    const after = await Promise.all(ids.map(slaOf));
    expect(after.map(stable)).toEqual(before.map(stable));
  });

  it('compares with a stricter draft, other targets included', async () => {
    const res = await simulate({
      policy: draft({ normal: { resolution: calendarMinutes(1) }, high: { firstResponse: calendarMinutes(30) } }),
      from,
      to,
    }).expect(200);
    const s = res.body as Simulation;
    expect(s.tickets).toEqual({ inPeriod: 6, matched: 5, skipped: 0, compared: 5 });
    // Normal resolution: a solved at once (met), c open and e solved after 120 minutes (breached).
    // High first response: b solved at once (solving stops it: met), d never answered (breached); high has no resolution target.
    expect(s.overall.actual).toEqual({ firstResponse: none, nextResponse: none, resolution: counts(2, 3, 0, 40) });
    expect(s.overall.simulated).toEqual({ firstResponse: counts(1, 1, 0, 50), nextResponse: none, resolution: counts(1, 2, 0, 33.33) });
    expect(byPriority(s, 'high').simulated).toEqual({ firstResponse: counts(1, 1, 0, 50), nextResponse: none, resolution: none });
    expect(byPriority(s, 'normal').simulated.resolution).toEqual(counts(1, 2, 0, 33.33));
    expect(byTeam(s, teamX).simulated).toEqual({
      firstResponse: counts(1, 0, 0, 100),
      nextResponse: none,
      resolution: counts(1, 0, 0, 100),
    });
    expect(byTeam(s, teamY).simulated.resolution).toEqual(counts(0, 1, 0, 0));
    expect(byTeam(s, null).simulated).toEqual({ firstResponse: counts(0, 1, 0, 0), nextResponse: none, resolution: counts(0, 1, 0, 0) });
  });

  it('compares only the tickets the draft matches, and counts the rest of the period', async () => {
    const res = await simulate({
      policy: {
        name: 'Solo urgentes',
        conditions: { priorities: ['high'], tagsAny: [tag] },
        targets: { high: { resolution: calendarMinutes(600) } },
      },
      from,
      to,
    }).expect(200);
    const s = res.body as Simulation;
    expect(s.tickets).toEqual({ inPeriod: 6, matched: 2, skipped: 0, compared: 2 });
    expect(s.overall.actual.resolution).toEqual(counts(1, 1, 0, 50));
    expect(s.overall.simulated.resolution).toEqual(counts(1, 0, 1, 100));
    expect(s.byPriority.map((p) => p.priority)).toEqual(['high']);
    const empty = (
      await simulate({
        policy: draft({ normal: { resolution: calendarMinutes(60) } }),
        from: to,
        to: new Date(Date.parse(to) + MINUTE).toISOString(),
      }).expect(200)
    ).body as Simulation;
    expect(empty).toMatchObject({ tickets: { inPeriod: 0, matched: 0, skipped: 0, compared: 0 }, byPriority: [], byTeam: [] });
  });

  it('answers bad input with problem+json naming the fields', async () => {
    const fieldsOf = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);
    const ok = draft({ normal: { resolution: calendarMinutes(60) } });
    const cases: [string, object, number, string[]][] = [
      ['from after to', { policy: ok, from: to, to: from }, 400, ['to']],
      ['a span over 366 days', { policy: ok, from: '2025-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' }, 400, ['to']],
      ['not an instant', { policy: ok, from: 'ayer', to }, 400, ['from']],
      ['no targets', { policy: draft({}), from, to }, 400, ['policy.targets']],
      [
        'negative minutes',
        { policy: draft({ normal: { resolution: calendarMinutes(-5) } }), from, to },
        400,
        ['policy.targets.normal.resolution.minutes'],
      ],
      [
        'business minutes without a calendar',
        { policy: draft({ normal: { resolution: { minutes: 60, businessHours: true } } }), from, to },
        400,
        ['policy.calendarId'],
      ],
      ['no draft', { from, to }, 400, ['policy']],
      [
        'an unknown calendar',
        {
          policy: draft({ normal: { resolution: calendarMinutes(60) } }, { calendarId: '00000000-0000-4000-8000-000000000000' }),
          from,
          to,
        },
        422,
        ['policy.calendarId'],
      ],
    ];
    for (const [name, body, status, fields] of cases) {
      const res = await simulate(body);
      expectProblem(res, status);
      expect({ name, fields: [...new Set(fieldsOf(res))] }).toEqual({ name, fields });
    }
  });

  it('is for admins and supervisors only', async () => {
    const body = { policy: draft({ normal: { resolution: calendarMinutes(60) } }), from, to };
    const supervisor = await userWithRole(suite.target, suite.admin, 'supervisor');
    await simulate(body, supervisor.token).expect(200);
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    expectProblem(await simulate(body, agent.token), 403);
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(await simulate(body, customer.token), 403);
  });
});
