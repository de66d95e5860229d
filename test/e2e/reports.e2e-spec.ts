import { bearer, expectProblem, userWithRole } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

/** KPIs built from real ticket events, in both topologies; the rebuild from the event log; bad input. */
describe('Reports: KPIs from events, rebuild, bad input', () => {
  const suite = useSuite();
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const PERIOD = { from: day(-1), to: day(2) };

  const summary = async (query: Record<string, string> = {}) => {
    const res = await suite
      .api()
      .get('/api/v1/reports/summary')
      .query({ ...PERIOD, ...query })
      .set(bearer(suite.admin));
    expect(res.status).toBe(200);
    return res.body;
  };

  let customer: { id: string; token: string };
  let agent: { id: string; token: string };

  beforeAll(async () => {
    customer = await userWithRole(suite.target, suite.admin, 'customer');
    agent = await userWithRole(suite.target, suite.admin, 'agent');
    await suite
      .api()
      .post('/api/v1/teams')
      .set(bearer(suite.admin))
      .send({ name: `Nivel 2 ${Date.now()}`, tier: 2 })
      .expect(201);
    const create = async (subject: string) =>
      (await suite.api().post('/api/v1/tickets').set(bearer(customer.token)).send({ subject, description: 'd' }).expect(201)).body as {
        id: string;
      };
    const [solved, rated, open] = [await create('Impresora'), await create('VPN'), await create('Correo')];
    for (const t of [solved, rated]) {
      await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ assigneeId: agent.id }).expect(200);
      await suite
        .api()
        .post(`/api/v1/tickets/${t.id}/comments`)
        .set(bearer(agent.token))
        .send({ body: 'Lo miro', public: true })
        .expect(201);
      await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(agent.token)).send({ status: 'solved' }).expect(200);
    }
    await suite
      .api()
      .post(`/api/v1/tickets/${open.id}/escalate`)
      .set(bearer(suite.admin))
      .send({ toTier: 2, reason: 'Necesita nivel 2' })
      .expect(200);
    const survey = await suite.api().get(`/api/v1/tickets/${rated.id}/csat`).set(bearer(customer.token)).expect(200);
    await suite.api().post(`/api/v1/csat/${survey.body.token}`).send({ rating: 'good' }).expect(200);
    await waitFor(
      'the reports to show the three tickets',
      async () => {
        const t = (await summary()).total;
        return t.ticketsCreated === 3 &&
          t.ticketsSolved === 2 &&
          t.csat.good === 1 &&
          t.escalations === 1 &&
          t.firstResponseTime.calendar.count === 2
          ? true
          : undefined;
      },
      30_000,
      250,
    );
  });

  it('counts what happened, in total and per agent', async () => {
    const view = await summary({ groupBy: 'agent' });
    expect(view).toMatchObject({ from: PERIOD.from, to: PERIOD.to, timeZone: 'UTC', groupBy: 'agent', ticketsCreated: 3 });
    expect(view.total).toMatchObject({
      ticketsCreated: 3,
      ticketsSolved: 2,
      reopened: 0,
      backlog: 1,
      escalations: 1,
      csat: { good: 1, bad: 0, percent: 100 },
      productivity: { agents: 1, solvedPerAgent: 2, agentReplies: 2, repliesPerTicket: 1 },
    });
    expect(view.total.firstResponseTime.calendar).toMatchObject({ count: 2 });
    expect(view.total.resolutionTime.calendar).toMatchObject({ count: 2 });
    expect(view.total.firstResponseTime.calendar.median).toBeLessThan(5);
    const mine = view.groups.find((g: { key: string | null }) => g.key === agent.id);
    expect(mine).toMatchObject({ ticketsCreated: 2, ticketsSolved: 2, backlog: 0 });
    const days = await summary({ groupBy: 'day' });
    expect(days.groups.map((g: { key: string }) => g.key)).toEqual([day(-1), day(0), day(1)]);
    expect(days.groups[1]).toMatchObject({ ticketsCreated: 3, ticketsSolved: 2, backlog: 1 });
  });

  it('rebuilds every read model from the event log to the same figures (admins)', async () => {
    const before = await summary({ groupBy: 'agent' });
    const started = await suite.api().post('/api/v1/reports/rebuild').set(bearer(suite.admin));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/running|done/) });
    const done = await waitFor(
      'the rebuild to finish',
      async () => {
        const res = await suite.api().get(`/api/v1/reports/rebuild/${started.body.id}`).set(bearer(suite.admin)).expect(200);
        return res.body.status === 'running' ? undefined : res.body;
      },
      60_000,
      200,
    );
    expect(done).toMatchObject({ status: 'done', tickets: 3, error: null });
    expect(done.events).toBeGreaterThanOrEqual(10);
    expect(await summary({ groupBy: 'agent' })).toEqual(before);
    expectProblem(await suite.api().post('/api/v1/reports/rebuild').set(bearer(agent.token)), 403, 'FORBIDDEN');
    expectProblem(
      await suite.api().get('/api/v1/reports/rebuild/0b7c5a8e-2f41-4c1e-9a7d-5d3e8f1a2b3c').set(bearer(suite.admin)),
      404,
      'NOT_FOUND',
    );
    expectProblem(await suite.api().get('/api/v1/reports/rebuild/nope').set(bearer(suite.admin)), 400);
  });

  it.each<[string, Record<string, string>, string]>([
    ['from after to', { from: '2026-03-01', to: '2026-02-01' }, 'from must be before to'],
    ['an unknown grouping', { groupBy: 'year' }, 'groupBy must be one of day, week, month, team, agent, channel, priority, organization'],
    ['a date that is no date', { from: '2026-13-01' }, 'from'],
    ['a time inside a day', { from: '2026-03-01T10:00:00Z', to: '2026-04-01' }, 'whole days'],
    ['more than ten years', { from: '2000-01-01', to: '2020-01-01' }, 'at most 3660 days'],
  ])('answers 400 with a clear message for %s', async (_case, query, message) => {
    const res = await suite.api().get('/api/v1/reports/summary').query(query).set(bearer(suite.admin));
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).toContain(message);
  });

  it('keeps reports from agents and customers', async () => {
    expectProblem(await suite.api().get('/api/v1/reports/summary').set(bearer(agent.token)), 403, 'FORBIDDEN');
    expectProblem(await suite.api().get('/api/v1/reports/summary').set(bearer(customer.token)), 403, 'FORBIDDEN');
  });
});
