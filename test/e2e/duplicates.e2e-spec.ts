import request from 'supertest';
import { bearer, login, userWithRole } from '../support/api';
import { startTarget, Target } from '../support/target';

/** DUPLICATE_ACTION=merge-identical: a repeat of the very same message joins the earlier ticket. */
describe('Automatic merging of duplicates', () => {
  let target: Target;
  let admin: string;

  beforeAll(async () => {
    target = await startTarget({ DUPLICATE_ACTION: 'merge-identical' });
    admin = await login(target);
  });

  afterAll(async () => {
    await target?.close();
  });

  const api = () => request(target.url);
  const open = async (token: string, body: Record<string, unknown>) =>
    (await api().post('/api/v1/tickets').set(bearer(token)).send(body).expect(201)).body;

  it('merges a repeated message into the earlier ticket as the requester’s reply, and only flags a similar one', async () => {
    const customer = await userWithRole(target, admin, 'customer');
    const first = await open(customer.token, { subject: 'Sin VPN desde casa', description: 'Error 809 al conectar' });
    await api().patch(`/api/v1/tickets/${first.id}`).set(bearer(admin)).send({ status: 'pending' }).expect(200);

    const loop = await open(customer.token, { subject: 'Sin VPN desde casa', description: 'Error 809 al conectar' });
    expect(loop).toMatchObject({ status: 'closed', mergedIntoId: first.id, possibleDuplicateOfId: first.id, teamId: null });

    const earlier = await api().get(`/api/v1/tickets/${first.id}`).set(bearer(customer.token)).expect(200);
    expect(earlier.body.status).toBe('open');
    const comments = await api().get(`/api/v1/tickets/${first.id}/comments`).set(bearer(customer.token)).expect(200);
    expect(comments.body).toEqual([
      expect.objectContaining({ body: 'Error 809 al conectar', public: true, author: expect.objectContaining({ id: customer.id }) }),
    ]);

    const history = await api().get(`/api/v1/tickets/${loop.id}/history`).set(bearer(admin)).expect(200);
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
