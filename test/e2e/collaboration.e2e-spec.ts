import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Working together: presence and bulk updates', () => {
  const suite = useSuite({ TICKET_PRESENCE_TTL_SECONDS: '2' });

  const open = async () =>
    (await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).send({ subject: 's', description: 'd' }).expect(201)).body;

  it('shows who else is viewing or typing on a ticket, and forgets them when they leave or go quiet', async () => {
    const t = await open();
    const ana = await userWithRole(suite.target, suite.admin, 'agent');
    const ben = await userWithRole(suite.target, suite.admin, 'agent');
    const first = await suite.api().post(`/api/v1/tickets/${t.id}/presence`).set(bearer(ana.token)).send({ state: 'viewing' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual([]);
    const second = await suite.api().post(`/api/v1/tickets/${t.number}/presence`).set(bearer(ben.token)).send({ state: 'typing' });
    expect(second.body).toEqual([expect.objectContaining({ userId: ana.id, state: 'viewing' })]);

    const seenByAdmin = await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin));
    expect(seenByAdmin.body.presence.map((p: { userId: string; state: string }) => [p.userId, p.state])).toEqual([
      [ben.id, 'typing'],
      [ana.id, 'viewing'],
    ]);
    const seenByAna = await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(ana.token));
    expect(seenByAna.body.presence.map((p: { userId: string }) => p.userId)).toEqual([ben.id]);

    await suite.api().delete(`/api/v1/tickets/${t.id}/presence`).set(bearer(ben.token)).expect(204);
    expect(
      (await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin))).body.presence.map((p: { userId: string }) => p.userId),
    ).toEqual([ana.id]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin))).body.presence).toEqual([]);
  });

  it('never shows presence to customers and does not take it from them', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const t = (await suite.api().post('/api/v1/tickets').set(bearer(customer.token)).send({ subject: 's', description: 'd' }).expect(201))
      .body;
    await suite.api().post(`/api/v1/tickets/${t.id}/presence`).set(bearer(suite.admin)).send({ state: 'viewing' }).expect(200);
    const own = await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(customer.token));
    expect(own.body).not.toHaveProperty('presence');
    expectProblem(await suite.api().post(`/api/v1/tickets/${t.id}/presence`).set(bearer(customer.token)).send({ state: 'viewing' }), 403);
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/presence`).set(bearer(suite.admin)).send({ state: 'sleeping' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await suite.api().post('/api/v1/tickets/HD-999999/presence').set(bearer(suite.admin)).send({ state: 'viewing' }), 404);
  });

  it('updates many tickets at once, reporting each one', async () => {
    const a = await open();
    const b = await open();
    await suite.api().patch(`/api/v1/tickets/${b.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
    await suite.api().patch(`/api/v1/tickets/${b.id}`).set(bearer(suite.admin)).send({ status: 'closed' }).expect(200);
    const res = await suite
      .api()
      .post('/api/v1/tickets/bulk')
      .set(bearer(suite.admin))
      .send({ ids: [a.number, b.id, 'HD-999999'], changes: { priority: 'urgent', tags: ['bulk'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated: 1, failed: 2 });
    expect(res.body.results.map((r: { id: string; status: number; code?: string }) => [r.id, r.status, r.code])).toEqual([
      [a.number, 200, undefined],
      [b.id, 422, 'TICKET_CLOSED'],
      ['HD-999999', 404, 'NOT_FOUND'],
    ]);
    expect(res.body.results[0].ticket).toMatchObject({ priority: 'urgent', tags: ['bulk'] });
    const tagged = await suite
      .api()
      .post('/api/v1/tickets/bulk')
      .set(bearer(suite.admin))
      .send({ ids: [a.id], changes: { addTags: ['vip', 'Bulk'], removeTags: ['bulk'] } })
      .expect(200);
    expect(tagged.body.results[0].ticket.tags).toEqual(['vip']);
  });

  it('refuses an empty or oversized batch, and customers', async () => {
    expectProblem(
      await suite.api().post('/api/v1/tickets/bulk').set(bearer(suite.admin)).send({ ids: [], changes: {} }),
      400,
      'VALIDATION_FAILED',
    );
    const ids = Array.from({ length: 101 }, (_, i) => `HD-${String(i + 1).padStart(6, '0')}`);
    expectProblem(
      await suite
        .api()
        .post('/api/v1/tickets/bulk')
        .set(bearer(suite.admin))
        .send({ ids, changes: { priority: 'low' } }),
      400,
      'VALIDATION_FAILED',
    );
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(
      await suite
        .api()
        .post('/api/v1/tickets/bulk')
        .set(bearer(customer.token))
        .send({ ids: ['HD-000001'], changes: {} }),
      403,
    );
  });

  it('merges a ticket into another: the conversation moves, the source closes with a notice, the target gets a note', async () => {
    const ana = await userWithRole(suite.target, suite.admin, 'customer');
    const luis = await userWithRole(suite.target, suite.admin, 'customer');
    const source = (
      await suite.api().post('/api/v1/tickets').set(bearer(ana.token)).send({ subject: 'VPN', description: 'no conecta' }).expect(201)
    ).body;
    const into = (
      await suite.api().post('/api/v1/tickets').set(bearer(luis.token)).send({ subject: 'VPN caída', description: 'tampoco' }).expect(201)
    ).body;
    await suite.api().post(`/api/v1/tickets/${source.id}/comments`).set(bearer(ana.token)).send({ body: 'desde ayer' }).expect(201);
    await suite.api().post(`/api/v1/tickets/${source.id}/comments`).set(bearer(suite.admin)).send({ body: 'lo miramos' }).expect(201);

    const res = await suite
      .api()
      .post(`/api/v1/tickets/${source.number}/merge`)
      .set(bearer(suite.admin))
      .send({ into: into.number, note: 'Mismo incidente' });
    expect(res.status).toBe(200);
    expect(res.body.movedComments).toBe(2);
    expect(res.body.source).toMatchObject({ status: 'closed', mergedIntoId: into.id });
    expect(res.body.target.followerIds).toEqual([ana.id]);
    const stored = (await suite.api().get(`/api/v1/tickets/${source.id}`).set(bearer(suite.admin))).body;
    expect(stored).toMatchObject({ status: 'closed', mergedIntoId: into.id });

    const targetComments = (await suite.api().get(`/api/v1/tickets/${into.id}/comments`).set(bearer(suite.admin))).body;
    expect(targetComments.map((c: { body: string }) => c.body)).toEqual([
      'desde ayer',
      'lo miramos',
      expect.stringMatching(new RegExp(`^Merged ${source.number} into this ticket \\(2 comment\\(s\\) moved\\)\\.\\n\\nMismo incidente$`)),
    ]);
    expect(targetComments[2].public).toBe(false);
    const sourceForAna = (await suite.api().get(`/api/v1/tickets/${source.id}/comments`).set(bearer(ana.token))).body;
    expect(sourceForAna.map((c: { body: string }) => c.body)).toEqual([`Esta solicitud se ha unido a ${into.number}. Seguiremos allí.`]);
    const history = (await suite.api().get(`/api/v1/tickets/${source.id}/history`).set(bearer(suite.admin))).body;
    expect(history.map((h: { action: string }) => h.action)).toContain('merged');
  });

  it('refuses merging into itself, into a closed or missing ticket, a closed ticket, and for customers', async () => {
    const a = await open();
    const b = await open();
    const closed = await open();
    await suite.api().patch(`/api/v1/tickets/${closed.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
    await suite.api().patch(`/api/v1/tickets/${closed.id}`).set(bearer(suite.admin)).send({ status: 'closed' }).expect(200);
    const self = await suite.api().post(`/api/v1/tickets/${a.id}/merge`).set(bearer(suite.admin)).send({ into: a.number });
    expectProblem(self, 422);
    expect(self.body.errors[0].field).toBe('into');
    expectProblem(await suite.api().post(`/api/v1/tickets/${a.id}/merge`).set(bearer(suite.admin)).send({ into: closed.id }), 422);
    expectProblem(await suite.api().post(`/api/v1/tickets/${a.id}/merge`).set(bearer(suite.admin)).send({ into: 'HD-999999' }), 422);
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${closed.id}/merge`).set(bearer(suite.admin)).send({ into: b.id }),
      422,
      'TICKET_CLOSED',
    );
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(await suite.api().post(`/api/v1/tickets/${a.id}/merge`).set(bearer(customer.token)).send({ into: b.id }), 403);
    expectProblem(await suite.api().post(`/api/v1/tickets/${a.id}/merge`).set(bearer(suite.admin)).send({}), 400, 'VALIDATION_FAILED');
  });

  it('adds and removes followers (CCs); a customer who is CC’d sees the ticket', async () => {
    const requester = await userWithRole(suite.target, suite.admin, 'customer');
    const colleague = await userWithRole(suite.target, suite.admin, 'customer');
    const t = (await suite.api().post('/api/v1/tickets').set(bearer(requester.token)).send({ subject: 'cc', description: 'd' }).expect(201))
      .body;
    expectProblem(await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(colleague.token)), 404, 'NOT_FOUND');

    const added = await suite.api().post(`/api/v1/tickets/${t.id}/followers`).set(bearer(suite.admin)).send({ userId: colleague.id });
    expect(added.body.followerIds).toEqual([colleague.id]);
    const again = await suite.api().post(`/api/v1/tickets/${t.id}/followers`).set(bearer(suite.admin)).send({ userId: colleague.id });
    expect(again.body.version).toBe(added.body.version);
    expect((await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(colleague.token))).status).toBe(200);
    const listed = await suite.api().get('/api/v1/tickets').set(bearer(colleague.token));
    expect(listed.body.data.map((x: { id: string }) => x.id)).toContain(t.id);

    const removed = await suite.api().delete(`/api/v1/tickets/${t.id}/followers/${colleague.id}`).set(bearer(suite.admin));
    expect(removed.body.followerIds).toEqual([]);
    expectProblem(await suite.api().delete(`/api/v1/tickets/${t.id}/followers/${colleague.id}`).set(bearer(suite.admin)), 404);
    expectProblem(
      await suite
        .api()
        .post(`/api/v1/tickets/${t.id}/followers`)
        .set(bearer(suite.admin))
        .send({ userId: '00000000-0000-4000-8000-000000000000' }),
      422,
    );
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/followers`).set(bearer(requester.token)).send({ userId: colleague.id }),
      403,
    );
  });
});
