import request from 'supertest';
import { bearer, expectProblem, uniqueEmail, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Tickets API', () => {
  const suite = useSuite();

  async function createTicket(token: string, body: Record<string, unknown> = {}) {
    const res = await suite
      .api()
      .post('/api/v1/tickets')
      .set(bearer(token))
      .send({ subject: 'La impresora no imprime', description: 'Papel atascado en la bandeja 2', ...body });
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('creating', () => {
    it('answers 201 with a uuid, an HD- number, status new, priority normal and timestamps', async () => {
      const res = await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({
          subject: 'VPN caída',
          description: 'No conecta desde casa',
          requester: { email: uniqueEmail('req'), name: 'Ana' },
          channel: 'email',
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        number: expect.stringMatching(/^HD-\d{6}$/),
        status: 'new',
        priority: 'normal',
        channel: 'email',
        requester: { name: 'Ana' },
        assigneeId: null,
        version: 1,
      });
      expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe(`/api/v1/tickets/${res.body.id}`);
    });

    it('numbers tickets from a sequence: consecutive and never reused', async () => {
      const a = await createTicket(suite.admin);
      const b = await createTicket(suite.admin);
      const n = (t: { number: string }) => Number(t.number.slice(3));
      expect(n(b)).toBe(n(a) + 1);
    });

    it('gives a repeated Idempotency-Key the first result instead of a second ticket', async () => {
      const key = `key-${Date.now()}`;
      const body = { subject: 'Idempotente', description: 'Una sola vez' };
      const first = await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).set('Idempotency-Key', key).send(body);
      const second = await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).set('Idempotency-Key', key).send(body);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      expect(second.body.number).toBe(first.body.number);
      expect(second.headers['idempotent-replayed']).toBe('true');
      const list = await suite.api().get('/api/v1/tickets?limit=100').set(bearer(suite.admin));
      expect(list.body.data.filter((t: { subject: string }) => t.subject === 'Idempotente')).toHaveLength(1);
    });

    it('refuses an Idempotency-Key reused with a different body (422)', async () => {
      const key = `reuse-${Date.now()}`;
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .set('Idempotency-Key', key)
        .send({ subject: 'A', description: 'a' });
      const res = await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .set('Idempotency-Key', key)
        .send({ subject: 'B', description: 'b' });
      expectProblem(res, 422, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('lists every invalid field in a 400', async () => {
      const res = await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject: '', priority: 'whenever', requester: { email: 'not-an-email' } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['subject', 'description', 'priority', 'requester.email']));
    });

    it('rejects unknown fields and wrong types', async () => {
      const res = await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject: 42, description: ['x'], colour: 'red' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['subject', 'description', 'colour']));
    });
  });

  describe('reading', () => {
    it('finds a ticket by id and by number, with its ETag', async () => {
      const created = await createTicket(suite.admin);
      const byId = await suite.api().get(`/api/v1/tickets/${created.id}`).set(bearer(suite.admin));
      const byNumber = await suite.api().get(`/api/v1/tickets/${created.number.toLowerCase()}`).set(bearer(suite.admin));
      expect(byId.status).toBe(200);
      expect(byId.body).toEqual({ ...created, presence: [] });
      expect(byNumber.body.id).toBe(created.id);
      expect(byId.headers.etag).toBe('"1"');
      const notModified = await suite.api().get(`/api/v1/tickets/${created.id}`).set(bearer(suite.admin)).set('If-None-Match', '"1"');
      expect(notModified.status).toBe(304);
    });

    it('answers 404 problem+json for a ticket that does not exist and 400 for a malformed id', async () => {
      expectProblem(
        await suite.api().get('/api/v1/tickets/00000000-0000-4000-8000-000000000000').set(bearer(suite.admin)),
        404,
        'NOT_FOUND',
      );
      expectProblem(await suite.api().get('/api/v1/tickets/HD-999999').set(bearer(suite.admin)), 404, 'NOT_FOUND');
      expectProblem(await suite.api().get('/api/v1/tickets/not-a-ticket').set(bearer(suite.admin)), 400, 'VALIDATION_FAILED');
    });

    it('pages with a cursor, newest first, without gaps or repeats, and filters', async () => {
      const priority = 'low';
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const mine: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const t = await createTicket(suite.admin, { priority, subject: `page ${i}` });
        await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ assigneeId: agent.id }).expect(200);
        mine.push(t.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await suite
          .api()
          .get('/api/v1/tickets')
          .query({ limit: 2, assigneeId: agent.id, priority, ...(cursor ? { cursor } : {}) })
          .set(bearer(suite.admin));
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.data.map((t: { id: string }) => t.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...mine].reverse());
    });

    it('answers 400 for a bad cursor or limit', async () => {
      expectProblem(await suite.api().get('/api/v1/tickets?cursor=bm90LWEtY3Vyc29y').set(bearer(suite.admin)), 400, 'VALIDATION_FAILED');
      expectProblem(await suite.api().get('/api/v1/tickets?cursor=%%%').set(bearer(suite.admin)), 400);
      expectProblem(await suite.api().get('/api/v1/tickets?limit=0').set(bearer(suite.admin)), 400, 'VALIDATION_FAILED');
      expectProblem(await suite.api().get('/api/v1/tickets?status=lost').set(bearer(suite.admin)), 400, 'VALIDATION_FAILED');
    });
  });

  describe('updating', () => {
    it('applies a change with the current If-Match and bumps the ETag', async () => {
      const t = await createTicket(suite.admin);
      const res = await suite
        .api()
        .patch(`/api/v1/tickets/${t.id}`)
        .set(bearer(suite.admin))
        .set('If-Match', '"1"')
        .send({ status: 'open', priority: 'high' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'open', priority: 'high', version: 2 });
      expect(res.headers.etag).toBe('"2"');
    });

    it('answers 412 to a stale If-Match and changes nothing', async () => {
      const t = await createTicket(suite.admin);
      await suite
        .api()
        .patch(`/api/v1/tickets/${t.id}`)
        .set(bearer(suite.admin))
        .set('If-Match', '"1"')
        .send({ priority: 'high' })
        .expect(200);
      const stale = await suite
        .api()
        .patch(`/api/v1/tickets/${t.id}`)
        .set(bearer(suite.admin))
        .set('If-Match', '"1"')
        .send({ priority: 'low' });
      expectProblem(stale, 412, 'PRECONDITION_FAILED');
      const now = await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin));
      expect(now.body.priority).toBe('high');
    });

    it('answers 422 with the allowed statuses for an invalid transition', async () => {
      const t = await createTicket(suite.admin);
      await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
      await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ status: 'closed' }).expect(200);
      const res = await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ status: 'open' });
      expectProblem(res, 422, 'TICKET_CLOSED');
      const t2 = await createTicket(suite.admin);
      const bad = await suite.api().patch(`/api/v1/tickets/${t2.id}`).set(bearer(suite.admin)).send({ status: 'closed' });
      expectProblem(bad, 422, 'INVALID_STATUS_TRANSITION');
      expect(bad.body.allowed).toEqual(['open', 'pending', 'on_hold', 'solved']);
    });

    it('refuses to assign a customer (422)', async () => {
      const t = await createTicket(suite.admin);
      const customer = await userWithRole(suite.target, suite.admin, 'customer');
      const res = await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ assigneeId: customer.id });
      expectProblem(res, 422, 'UNPROCESSABLE_ENTITY');
    });
  });

  describe('comments and history', () => {
    it('keeps public replies and internal notes, and hides notes from the requester', async () => {
      const customer = await userWithRole(suite.target, suite.admin, 'customer');
      const t = await createTicket(customer.token);
      expect(t.requester.email).toBe(customer.email);
      await suite
        .api()
        .post(`/api/v1/tickets/${t.id}/comments`)
        .set(bearer(suite.admin))
        .send({ body: 'Estamos en ello', public: true })
        .expect(201);
      await suite
        .api()
        .post(`/api/v1/tickets/${t.id}/comments`)
        .set(bearer(suite.admin))
        .send({ body: 'Nota interna: tóner', public: false })
        .expect(201);
      await suite.api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(customer.token)).send({ body: 'Gracias' }).expect(201);

      const staffView = await suite.api().get(`/api/v1/tickets/${t.id}/comments`).set(bearer(suite.admin));
      expect(staffView.body.map((c: { body: string }) => c.body)).toEqual(['Estamos en ello', 'Nota interna: tóner', 'Gracias']);
      const customerView = await suite.api().get(`/api/v1/tickets/${t.id}/comments`).set(bearer(customer.token));
      expect(customerView.body.map((c: { body: string }) => c.body)).toEqual(['Estamos en ello', 'Gracias']);

      const note = await suite
        .api()
        .post(`/api/v1/tickets/${t.id}/comments`)
        .set(bearer(customer.token))
        .send({ body: 'x', public: false });
      expectProblem(note, 403, 'FORBIDDEN');
    });

    it('records every change with who, what, before and after', async () => {
      const t = await createTicket(suite.admin);
      await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ status: 'open', priority: 'urgent' }).expect(200);
      await suite.api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(suite.admin)).send({ body: 'hola', public: false }).expect(201);
      const res = await suite.api().get(`/api/v1/tickets/${t.number}/history`).set(bearer(suite.admin));
      expect(res.status).toBe(200);
      expect(res.body.map((h: { action: string }) => h.action)).toEqual(['created', 'updated', 'comment_added']);
      expect(res.body[1]).toMatchObject({
        actor: { email: 'admin@e2e.test' },
        changes: [
          { field: 'status', from: 'new', to: 'open' },
          { field: 'priority', from: 'normal', to: 'urgent' },
        ],
      });
    });
  });

  describe('what a customer sees', () => {
    it('lists only their own tickets and cannot read or change anyone else’s', async () => {
      const ana = await userWithRole(suite.target, suite.admin, 'customer');
      const luis = await userWithRole(suite.target, suite.admin, 'customer');
      const anas = await createTicket(ana.token, { subject: 'de Ana' });
      await createTicket(luis.token, { subject: 'de Luis' });

      const list = await suite.api().get('/api/v1/tickets?limit=100').set(bearer(ana.token));
      expect(list.body.data.every((t: { requester: { email: string } }) => t.requester.email === ana.email)).toBe(true);
      expect(list.body.data.map((t: { id: string }) => t.id)).toContain(anas.id);

      expectProblem(await suite.api().get(`/api/v1/tickets/${anas.id}`).set(bearer(luis.token)), 404, 'NOT_FOUND');
      expectProblem(
        await suite.api().patch(`/api/v1/tickets/${anas.id}`).set(bearer(ana.token)).send({ priority: 'urgent' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await suite.api().get(`/api/v1/tickets/${anas.id}/history`).set(bearer(ana.token)), 403, 'FORBIDDEN');
    });
  });
});
