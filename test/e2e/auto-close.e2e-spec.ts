import request from 'supertest';
import { bearer, login } from '../support/api';
import { waitFor } from '../support/free-port';
import { startTarget, Target } from '../support/target';

describe('Automatic closing of solved tickets', () => {
  let target: Target;
  let admin: string;

  beforeAll(async () => {
    // Close as soon as solved, checking every 300 ms.
    target = await startTarget({ TICKET_AUTO_CLOSE_AFTER_MINUTES: '0', TICKET_AUTO_CLOSE_INTERVAL_MS: '300' });
    admin = await login(target);
  });

  afterAll(async () => {
    await target?.close();
  });

  const api = () => request(target.url);

  it('closes a solved ticket once its time has come, with the reason in the history', async () => {
    const t = (await api().post('/api/v1/tickets').set(bearer(admin)).send({ subject: 'x', description: 'y' }).expect(201)).body;
    const untouched = (await api().post('/api/v1/tickets').set(bearer(admin)).send({ subject: 'open', description: 'y' }).expect(201)).body;
    await api().patch(`/api/v1/tickets/${t.id}`).set(bearer(admin)).send({ status: 'solved' }).expect(200);
    const closed = await waitFor(
      'the solved ticket to close',
      async () => {
        const res = await api().get(`/api/v1/tickets/${t.id}`).set(bearer(admin));
        return res.body.status === 'closed' ? res.body : undefined;
      },
      15_000,
      200,
    );
    expect(closed.version).toBe(3);
    const history = (await api().get(`/api/v1/tickets/${t.id}/history`).set(bearer(admin))).body;
    expect(history[history.length - 1]).toMatchObject({
      actor: null,
      changes: [{ field: 'status', from: 'solved', to: 'closed', reason: 'closed automatically after being solved' }],
    });
    expect((await api().get(`/api/v1/tickets/${untouched.id}`).set(bearer(admin))).body.status).toBe('new');
  });
});
