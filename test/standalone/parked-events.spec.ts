import { SERVICES } from '@helpdesk/contracts';
import { bearer, expectProblem, userWithRole } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

/**
 * An operator sees events parked after their last try and sends them again. Standalone only: the
 * in-process bus refuses an event whose durable consumer is down, which parks it at its producer,
 * while JetStream (distributed) keeps such events until the consumer is back.
 */
describe('parked events', () => {
  const suite = useSuite({ EVENT_MAX_DELIVERIES: '2' });

  const ticketsCreated = async (): Promise<number> =>
    (await suite.api().get('/api/v1/reports/summary').set(bearer(suite.admin)).expect(200)).body.ticketsCreated as number;
  const parked = async () => (await suite.api().get('/api/v1/admin/parked-events').set(bearer(suite.admin)).expect(200)).body;

  it('lists an event parked while its consumer was down, and delivers it once when replayed', async () => {
    const before = await ticketsCreated();
    await suite.target.stopService(SERVICES.reporting);
    const ticket = (
      await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).send({ subject: 'aparcado', description: 'x' }).expect(201)
    ).body;
    const entry = await waitFor(
      'the ticket.created event to be parked',
      async () => {
        const report = await parked();
        return report.data.find((e: { type: string; eventId: string }) => e.type === 'ticket.created') as
          Record<string, unknown> | undefined;
      },
      20_000,
      250,
    );
    expect(entry).toMatchObject({ service: SERVICES.ticket, kind: 'outgoing', attempts: 2, error: expect.stringContaining('not running') });
    expect((await parked()).unavailable).toEqual([SERVICES.reporting]);

    await suite.target.startService(SERVICES.reporting);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await ticketsCreated()).toBe(before);

    await suite
      .api()
      .post(`/api/v1/admin/parked-events/${SERVICES.ticket}/outgoing/${entry.id as string}/replay`)
      .set(bearer(suite.admin))
      .expect(204);
    await waitFor(
      'the replayed event to be counted',
      async () => ((await ticketsCreated()) === before + 1 ? true : undefined),
      20_000,
      250,
    );
    expect((await parked()).data).toEqual([]);
    expect(ticket.number).toMatch(/^HD-/);
  });

  it('is for admins only, and refuses what does not name a parked event', async () => {
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    expectProblem(await suite.api().get('/api/v1/admin/parked-events').set(bearer(agent.token)), 403);
    const replay = (path: string) => suite.api().post(`/api/v1/admin/parked-events/${path}/replay`).set(bearer(suite.admin));
    expectProblem(await replay(`${SERVICES.ticket}/outgoing/00000000-0000-4000-8000-000000000000`), 404);
    expectProblem(await replay(`${SERVICES.ticket}/incoming/12345`), 404);
    expectProblem(await replay(`${SERVICES.ticket}/sideways/1`), 400);
    expectProblem(await replay(`api-gateway/outgoing/1`), 400);
  });
});
