import { bearer, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

/** DUPLICATE_ACTION=merge-identical: a repeat of the very same message joins the earlier ticket. */
describe('Automatic merging of duplicates', () => {
  const suite = useSuite({ DUPLICATE_ACTION: 'merge-identical' });

  const open = async (token: string, body: Record<string, unknown>) =>
    (await suite.api().post('/api/v1/tickets').set(bearer(token)).send(body).expect(201)).body;

  it('merges a repeated message into the earlier ticket as the requester’s reply, and only flags a similar one', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const first = await open(customer.token, { subject: 'Sin VPN desde casa', description: 'Error 809 al conectar' });
    await suite.api().patch(`/api/v1/tickets/${first.id}`).set(bearer(suite.admin)).send({ status: 'pending' }).expect(200);

    const loop = await open(customer.token, { subject: 'Sin VPN desde casa', description: 'Error 809 al conectar' });
    expect(loop).toMatchObject({ status: 'closed', mergedIntoId: first.id, possibleDuplicateOfId: first.id, teamId: null });

    const earlier = await suite.api().get(`/api/v1/tickets/${first.id}`).set(bearer(customer.token)).expect(200);
    expect(earlier.body.status).toBe('open');
    const comments = await suite.api().get(`/api/v1/tickets/${first.id}/comments`).set(bearer(customer.token)).expect(200);
    expect(comments.body).toEqual([
      expect.objectContaining({ body: 'Error 809 al conectar', public: true, author: expect.objectContaining({ id: customer.id }) }),
    ]);

    const history = await suite.api().get(`/api/v1/tickets/${loop.id}/history`).set(bearer(suite.admin)).expect(200);
    const merged = history.body.find((h: { action: string }) => h.action === 'merged');
    expect(merged.actor).toBeNull();
    expect(merged.changes[0]).toMatchObject({
      field: 'mergedIntoId',
      to: first.id,
      reason: expect.stringContaining(`the same message as ${first.number}`),
    });

    const similar = await open(customer.token, { subject: 'RE: sin vpn desde casa', description: 'Ahora error 720' });
    expect(similar).toMatchObject({ status: 'new', mergedIntoId: null, possibleDuplicateOfId: first.id });
  });
});
