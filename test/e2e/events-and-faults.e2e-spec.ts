import { SERVICES } from '@helpdesk/contracts';
import { bearer, expectProblem, login } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

describe('Events, faults and restarts', () => {
  const suite = useSuite({ BUS_REQUEST_TIMEOUT_MS: '1500' });

  const createTicket = (subject: string) =>
    suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).send({ subject, description: 'evento' }).expect(201);
  const ticketsCreated = async () => {
    const res = await suite.api().get('/api/v1/reports/summary').set(bearer(suite.admin));
    expect(res.status).toBe(200);
    return res.body.ticketsCreated as number;
  };
  const eventually = (expected: number) =>
    waitFor(`ticketsCreated to reach ${expected}`, async () => ((await ticketsCreated()) === expected ? true : undefined), 30_000, 250);

  it('counts created tickets in the summary, from ticket.created events', async () => {
    const before = await ticketsCreated();
    await createTicket('uno');
    await createTicket('dos');
    await eventually(before + 2);
    const res = await suite
      .api()
      .get('/api/v1/reports/summary')
      .query({ from: '2020-01-01T00:00:00Z', to: '2030-01-01' })
      .set(bearer(suite.admin));
    expect(res.body).toMatchObject({
      from: '2020-01-01',
      to: '2030-01-01',
      ticketsCreated: before + 2,
      total: { ticketsCreated: before + 2 },
    });
    const empty = await suite
      .api()
      .get('/api/v1/reports/summary')
      .query({ from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' })
      .set(bearer(suite.admin));
    expect(empty.body.ticketsCreated).toBe(0);
  });

  it('delivers events emitted while the consumer is down exactly once when it comes back', async () => {
    const before = await ticketsCreated();
    await suite.target.stopService(SERVICES.reporting);
    for (let i = 0; i < 5; i += 1) await createTicket(`mientras tanto ${i}`);
    expectProblem(await suite.api().get('/api/v1/reports/summary').set(bearer(suite.admin)), 503, 'SERVICE_UNAVAILABLE');
    await suite.target.startService(SERVICES.reporting);
    await eventually(before + 5);
    // Redeliveries (if any) must not count twice: the figure stays put.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await ticketsCreated()).toBe(before + 5);
  });

  it('answers 503 within the bus timeout while ticket-service is down, and loses nothing', async () => {
    const kept = await createTicket('antes de la caída');
    await suite.target.stopService(SERVICES.ticket);
    const started = Date.now();
    const res = await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).send({ subject: 'durante', description: 'caída' });
    expectProblem(res, 503, 'SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5000);
    await suite.target.startService(SERVICES.ticket);
    const again = await suite.api().get(`/api/v1/tickets/${kept.body.id}`).set(bearer(suite.admin));
    expect(again.status).toBe(200);
    expect(again.body.subject).toBe('antes de la caída');
    await createTicket('después');
  });

  it('keeps every ticket, number and login across a restart', async () => {
    const before = await waitFor(
      'the summary to settle',
      async () => {
        const first = await ticketsCreated();
        await new Promise((resolve) => setTimeout(resolve, 500));
        return (await ticketsCreated()) === first ? first : undefined;
      },
      30_000,
      0,
    );
    const t = await createTicket('sobrevive al reinicio');
    await eventually(before + 1);
    const count = before + 1;
    await suite.target.restart();
    // A token issued before the restart is still accepted: the signing secret is kept.
    expect((await suite.api().get('/api/v1/auth/me').set(bearer(suite.admin))).status).toBe(200);
    const token = await login(suite.target);
    const res = await suite.api().get(`/api/v1/tickets/${t.body.number}`).set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(t.body.id);
    const next = await suite
      .api()
      .post('/api/v1/tickets')
      .set(bearer(token))
      .send({ subject: 'tras reinicio', description: 'x' })
      .expect(201);
    expect(Number(next.body.number.slice(3))).toBeGreaterThan(Number(t.body.number.slice(3)));
    await waitFor('the summary after restart', async () => ((await ticketsCreated()) === count + 1 ? true : undefined), 30_000, 250);
    suite.admin = token;
  });
});
