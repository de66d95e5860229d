import { Client } from 'pg';
import request from 'supertest';
import { bearer, expectProblem, login, userWithRole } from '../support/api';
import { waitFor } from '../support/free-port';
import { startTarget, Target } from '../support/target';

const FOLD_DELAY_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Search and saved views', () => {
  let target: Target;
  let admin: string;
  const run = Date.now().toString(36);
  let n = 0;
  /** A word no other test uses, so each test sees only its own tickets. */
  const token = () => `zq${run}k${(n += 1)}`;

  beforeAll(async () => {
    // A tiny recent window, so that searches also take their second step (older tickets through the text index);
    // new comments folded into their tickets' search vectors after FOLD_DELAY_MS (found meanwhile all the same).
    target = await startTarget({
      TICKET_SEARCH_RECENT_WINDOW: '3',
      TICKET_SEARCH_FOLD_DELAY_MS: String(FOLD_DELAY_MS),
      TICKET_SEARCH_FOLD_INTERVAL_MS: '100',
    });
    admin = await login(target);
  });

  afterAll(async () => {
    await target?.close();
  });

  const api = () => request(target.url);

  async function open(tokenOf: string, body: Record<string, unknown>): Promise<{ id: string; number: string }> {
    const res = await api()
      .post('/api/v1/tickets')
      .set(bearer(tokenOf))
      .send({ subject: 'Consulta', description: 'Sin detalles', ...body });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function comment(tokenOf: string, ticketId: string, body: string, isPublic = true): Promise<void> {
    await api().post(`/api/v1/tickets/${ticketId}/comments`).set(bearer(tokenOf)).send({ body, public: isPublic }).expect(201);
  }

  async function search(tokenOf: string, query: Record<string, unknown>): Promise<string[]> {
    const res = await api().get('/api/v1/tickets').query(query).set(bearer(tokenOf));
    expect(res.status).toBe(200);
    return res.body.data.map((t: { id: string }) => t.id);
  }

  /** Every ticket id of a view, following the cursors. */
  async function allOf(tokenOf: string, viewId: string, limit = 100): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await api()
        .get(`/api/v1/views/${viewId}/tickets`)
        .query(cursor ? { limit, cursor } : { limit })
        .set(bearer(tokenOf));
      expect(res.status).toBe(200);
      ids.push(...res.body.data.map((t: { id: string }) => t.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  }

  describe('full-text search (q on GET /tickets)', () => {
    it('ignores accents and case and finds Spanish word forms', async () => {
      const word = token();
      const ticket = await open(admin, { subject: `Impresión fallida ${word}`, description: 'La impresora del piso 3 no responde' });
      await open(admin, { subject: `Monitor roto ${word}`, description: 'La pantalla parpadea' });
      expect(await search(admin, { q: `impresion ${word}` })).toEqual([ticket.id]);
      expect(await search(admin, { q: `IMPRESIÓN ${word}` })).toEqual([ticket.id]);
      expect(await search(admin, { q: `impresoras ${word}` })).toEqual([ticket.id]);
    });

    it('finds English word forms', async () => {
      const word = token();
      const ticket = await open(admin, { subject: `Printer offline ${word}`, description: 'Nothing prints since the update' });
      expect(await search(admin, { q: `printers ${word}` })).toEqual([ticket.id]);
      expect(await search(admin, { q: `printing ${word}` })).toEqual([ticket.id]);
      expect(await search(admin, { q: `scanner ${word}` })).toEqual([]);
    });

    it('finds the text of a public reply', async () => {
      const word = token();
      const ticket = await open(admin, { subject: 'Correo lento', description: 'Tarda en llegar' });
      expect(await search(admin, { q: word })).toEqual([]);
      await comment(admin, ticket.id, `Hemos reiniciado el servidor ${word}`);
      expect(await search(admin, { q: `servidores ${word}` })).toEqual([ticket.id]);
    });

    it('follows comments moved by a merge to the ticket they now belong to', async () => {
      const word = token();
      const source = await open(admin, { subject: 'Duplicado', description: 'El mismo problema' });
      const into = await open(admin, { subject: 'Original', description: 'El problema' });
      await comment(admin, source.id, `Detalle útil ${word}`);
      expect(await search(admin, { q: word })).toEqual([source.id]);
      await api().post(`/api/v1/tickets/${source.id}/merge`).set(bearer(admin)).send({ into: into.id }).expect(200);
      expect(await search(admin, { q: word })).toEqual([into.id]);
    });

    it('combines with the other filters', async () => {
      const word = token();
      const fresh = await open(admin, { subject: `Teclado ${word}`, description: 'Faltan teclas', priority: 'high' });
      const solved = await open(admin, { subject: `Teclado ${word}`, description: 'Faltan teclas', priority: 'high' });
      await api().patch(`/api/v1/tickets/${solved.id}`).set(bearer(admin)).send({ status: 'solved' }).expect(200);
      expect(await search(admin, { q: word, status: 'new' })).toEqual([fresh.id]);
      expect(await search(admin, { q: word, status: 'solved' })).toEqual([solved.id]);
      expect((await search(admin, { q: word, priority: 'high' })).sort()).toEqual([fresh.id, solved.id].sort());
      expect(await search(admin, { q: word, priority: 'low' })).toEqual([]);
    });

    it('orders by relevance on request (subject, then description, then comments), paging with a cursor without repeats', async () => {
      const word = token();
      const inSubject = await open(admin, { subject: `Mencionado ${word}`, description: 'Nada' });
      const inDescription = await open(admin, { subject: 'Dos', description: `Mencionado ${word}` });
      const inComment = await open(admin, { subject: 'Uno', description: 'Nada' });
      await comment(admin, inComment.id, `Mencionado ${word}`);
      const pages: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 4; i += 1) {
        const res = await api()
          .get('/api/v1/tickets')
          .query({ q: word, sort: 'relevance', limit: 1, ...(cursor ? { cursor } : {}) })
          .set(bearer(admin))
          .expect(200);
        pages.push(...res.body.data.map((t: { id: string }) => t.id));
        cursor = res.body.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(pages).toEqual([inSubject.id, inDescription.id, inComment.id]);
      // Without sort=relevance: newest first (the opposite order here), paged by seq.
      expect(await search(admin, { q: word })).toEqual([inComment.id, inDescription.id, inSubject.id]);
      const seqCursor = (await api().get('/api/v1/tickets').query({ q: word, limit: 1 }).set(bearer(admin))).body.nextCursor;
      const next = await api().get('/api/v1/tickets').query({ q: word, limit: 5, cursor: seqCursor }).set(bearer(admin)).expect(200);
      expect(next.body.data.map((t: { id: string }) => t.id)).toEqual([inDescription.id, inSubject.id]);
      expectProblem(
        await api().get('/api/v1/tickets').query({ q: word, sort: 'relevance', cursor: seqCursor }).set(bearer(admin)),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('finds a comment the moment it is added and after it is folded into its ticket’s index, ranked the same, words across parts', async () => {
      const word = token();
      const other = token();
      const inSubject = await open(admin, { subject: `Impresora ${word}`, description: 'Nada' });
      const inBoth = await open(admin, { subject: `Impresora ${other}`, description: 'Nada' });
      await comment(admin, inBoth.id, `Sin conexión ${word}`);
      await comment(admin, inBoth.id, `Nota ${other} interna`, false);
      const customer = await userWithRole(target, admin, 'customer');
      const own = await open(customer.token, { subject: 'Pantalla', description: 'Nada' });
      await comment(customer.token, own.id, `Parpadea ${word}`);
      const observe = async () => ({
        relevance: await search(admin, { q: word, sort: 'relevance' }),
        newest: await search(admin, { q: word }),
        across: await search(admin, { q: `${other} conexión` }),
        note: await search(admin, { q: `interna ${other}` }),
        customer: await search(customer.token, { q: `pantalla ${word}` }),
        count: (await api().get('/api/v1/tickets').query({ q: word }).set(bearer(admin))).body.data.length,
      });
      const pending = await observe();
      expect(pending).toEqual({
        // The subject first; the two replies rank the same, the newer ticket first.
        relevance: [inSubject.id, own.id, inBoth.id],
        newest: [own.id, inBoth.id, inSubject.id],
        across: [inBoth.id],
        note: [inBoth.id],
        customer: [own.id],
        count: 3,
      });
      await sleep(FOLD_DELAY_MS * 2.5);
      if (target.databaseUrl) await folded(target.databaseUrl, [inBoth.id, own.id]);
      expect(await observe()).toEqual(pending);
    });

    it('finds matches older than the newest tickets it walks, after the recent ones (the text index step)', async () => {
      const word = token();
      const old = await open(admin, { subject: `Antiguo ${word}`, description: 'x' });
      for (let i = 0; i < 4; i += 1) await open(admin, { subject: 'Relleno', description: 'x' });
      expect(await search(admin, { q: word })).toEqual([old.id]);
      const recent = await open(admin, { subject: `Reciente ${word}`, description: 'x' });
      expect(await search(admin, { q: word })).toEqual([recent.id, old.id]);
      const customer = await userWithRole(target, admin, 'customer');
      const own = await open(customer.token, { subject: `Propio ${word}`, description: 'x' });
      for (let i = 0; i < 4; i += 1) await open(admin, { subject: 'Relleno', description: 'x' });
      expect(await search(customer.token, { q: word })).toEqual([own.id]);
    });

    it('never shows a customer another customer’s ticket, nor matches text only in an internal note', async () => {
      const word = token();
      const note = token();
      const reply = token();
      const ana = await userWithRole(target, admin, 'customer');
      const beto = await userWithRole(target, admin, 'customer');
      const anas = await open(ana.token, { subject: `Factura duplicada ${word}`, description: 'Me cobraron dos veces' });
      expect(await search(ana.token, { q: word })).toEqual([anas.id]);
      expect(await search(beto.token, { q: word })).toEqual([]);

      await comment(admin, anas.id, `Cliente conflictivo ${note}`, false);
      await comment(admin, anas.id, `Le devolvemos el importe ${reply}`);
      expect(await search(admin, { q: note })).toEqual([anas.id]);
      expect(await search(ana.token, { q: note })).toEqual([]);
      expect(await search(ana.token, { q: `conflictivo ${word}` })).toEqual([]);
      expect(await search(ana.token, { q: reply })).toEqual([anas.id]);
    });

    it('rejects a search text over 200 characters, naming the field', async () => {
      const res = await api()
        .get('/api/v1/tickets')
        .query({ q: 'x'.repeat(201) })
        .set(bearer(admin));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['q']);
    });
  });

  describe('saved views (/api/v1/views)', () => {
    let a1: { id: string; token: string };
    let a2: { id: string; token: string };
    let boss: { id: string; token: string };
    let teamA: { id: string };
    let teamB: { id: string };
    const tickets: Record<string, { id: string }> = {};

    beforeAll(async () => {
      a1 = await userWithRole(target, admin, 'agent');
      a2 = await userWithRole(target, admin, 'agent');
      boss = await userWithRole(target, admin, 'supervisor');
      const team = async (name: string, body: Record<string, unknown>) =>
        (
          await api()
            .post('/api/v1/teams')
            .set(bearer(admin))
            .send({ name: `${name} ${run}`, tier: 1, ...body })
            .expect(201)
        ).body;
      teamA = await team('Views A', { memberIds: [a1.id], supervisorId: boss.id });
      teamB = await team('Views B', { memberIds: [a2.id] });
      const word = `views${run}`;
      tickets.mineA = await open(admin, { subject: `Asignado ${word}`, description: 'x', teamId: teamA.id });
      await api().patch(`/api/v1/tickets/${tickets.mineA.id}`).set(bearer(admin)).send({ assigneeId: a1.id }).expect(200);
      tickets.mineSolved = await open(admin, { subject: `Resuelto ${word}`, description: 'x', teamId: teamA.id });
      await api()
        .patch(`/api/v1/tickets/${tickets.mineSolved.id}`)
        .set(bearer(admin))
        .send({ assigneeId: a1.id, status: 'solved' })
        .expect(200);
      tickets.queueA = await open(admin, { subject: `Sin asignar ${word}`, description: 'x', teamId: teamA.id });
      tickets.queueB = await open(admin, { subject: `Sin asignar ${word}`, description: 'x', teamId: teamB.id });
    });

    it('lists the built-ins with counts and pages scoped to the agent’s teams', async () => {
      const res = await api().get('/api/v1/views').set(bearer(a1.token)).expect(200);
      const byId = Object.fromEntries(res.body.map((v: { id: string }) => [v.id, v]));
      expect(res.body.slice(0, 3).map((v: { id: string }) => v.id)).toEqual(['my-open', 'unassigned-in-my-teams', 'all-open']);
      expect(byId['my-open']).toMatchObject({ kind: 'builtin', count: 1, countCapped: false });
      expect(byId['unassigned-in-my-teams']).toMatchObject({ count: 1, countCapped: false });

      expect(await allOf(a1.token, 'my-open')).toEqual([tickets.mineA.id]);
      expect(await allOf(a1.token, 'unassigned-in-my-teams')).toEqual([tickets.queueA.id]);
      expect(await allOf(a2.token, 'unassigned-in-my-teams')).toEqual([tickets.queueB.id]);
      expect(await allOf(boss.token, 'unassigned-in-my-teams')).toEqual([tickets.queueA.id]);

      const allOpen = await allOf(a1.token, 'all-open');
      expect(allOpen).toEqual(expect.arrayContaining([tickets.mineA.id, tickets.queueA.id]));
      expect(allOpen).not.toContain(tickets.queueB.id);
      expect(allOpen).not.toContain(tickets.mineSolved.id);
      expect(byId['all-open'].count).toBe(allOpen.length);
      expect(await allOf(a1.token, 'all-open', 2)).toEqual(allOpen);
    });

    it('keeps personal views to their owner, who creates, changes and deletes them', async () => {
      const created = await api()
        .post('/api/v1/views')
        .set(bearer(a1.token))
        .send({ name: 'Mis asignados', filters: { q: `views${run}`, assigneeId: a1.id, status: 'new' } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'personal', ownerId: a1.id, teamId: null, count: 1, sort: 'newest' });
      const id = created.body.id as string;
      expect(await allOf(a1.token, id)).toEqual([tickets.mineA.id]);
      expect((await api().get('/api/v1/views').set(bearer(a1.token))).body.map((v: { id: string }) => v.id)).toContain(id);

      expect((await api().get('/api/v1/views').set(bearer(a2.token))).body.map((v: { id: string }) => v.id)).not.toContain(id);
      expectProblem(await api().get(`/api/v1/views/${id}`).set(bearer(a2.token)), 404, 'NOT_FOUND');
      expectProblem(await api().get(`/api/v1/views/${id}/tickets`).set(bearer(a2.token)), 404, 'NOT_FOUND');
      expectProblem(await api().patch(`/api/v1/views/${id}`).set(bearer(a2.token)).send({ name: 'Mío' }), 404, 'NOT_FOUND');
      expectProblem(await api().delete(`/api/v1/views/${id}`).set(bearer(a2.token)), 404, 'NOT_FOUND');

      const changed = await api()
        .patch(`/api/v1/views/${id}`)
        .set(bearer(a1.token))
        .send({ name: 'Resueltos', filters: { status: 'solved', teamId: teamA.id } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ name: 'Resueltos', filters: { status: 'solved', teamId: teamA.id }, count: 1 });
      expect(await allOf(a1.token, id)).toEqual([tickets.mineSolved.id]);

      await api().delete(`/api/v1/views/${id}`).set(bearer(a1.token)).expect(204);
      expectProblem(await api().get(`/api/v1/views/${id}`).set(bearer(a1.token)), 404, 'NOT_FOUND');
    });

    it('lets the team’s supervisor or an admin manage team views, and its members read them', async () => {
      const body = { name: 'Cola del equipo A', teamId: teamA.id, filters: { teamId: teamA.id, status: 'new' } };
      expectProblem(await api().post('/api/v1/views').set(bearer(a1.token)).send(body), 403, 'FORBIDDEN');
      const created = await api().post('/api/v1/views').set(bearer(boss.token)).send(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'team', teamId: teamA.id, ownerId: null });
      const id = created.body.id as string;

      expect((await api().get('/api/v1/views').set(bearer(a1.token))).body.map((v: { id: string }) => v.id)).toContain(id);
      expect((await allOf(a1.token, id)).sort()).toEqual([tickets.mineA.id, tickets.queueA.id].sort());
      expectProblem(await api().get(`/api/v1/views/${id}`).set(bearer(a2.token)), 404, 'NOT_FOUND');
      expectProblem(await api().patch(`/api/v1/views/${id}`).set(bearer(a1.token)).send({ name: 'Mía' }), 403, 'FORBIDDEN');
      expectProblem(await api().delete(`/api/v1/views/${id}`).set(bearer(a1.token)), 403, 'FORBIDDEN');

      await api().patch(`/api/v1/views/${id}`).set(bearer(boss.token)).send({ name: 'Cola A' }).expect(200);
      const byAdmin = await api()
        .post('/api/v1/views')
        .set(bearer(admin))
        .send({ ...body, name: 'Otra' });
      expect(byAdmin.status).toBe(201);
      await api().delete(`/api/v1/views/${byAdmin.body.id}`).set(bearer(admin)).expect(204);
      await api().delete(`/api/v1/views/${id}`).set(bearer(admin)).expect(204);
      expectProblem(await api().get(`/api/v1/views/${id}`).set(bearer(a1.token)), 404, 'NOT_FOUND');
    });

    it('answers 422 with one entry per field for unknown filter names and bad values', async () => {
      const res = await api()
        .post('/api/v1/views')
        .set(bearer(a1.token))
        .send({ name: 'Mala', filters: { colour: 'red', status: 'lost', assigneeId: 'me' } });
      expectProblem(res, 422, 'UNPROCESSABLE_ENTITY');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'filters.assigneeId',
        'filters.colour',
        'filters.status',
      ]);

      const saved = await api().post('/api/v1/views').set(bearer(a1.token)).send({ name: 'Buena', filters: {} }).expect(201);
      const patched = await api()
        .patch(`/api/v1/views/${saved.body.id}`)
        .set(bearer(a1.token))
        .send({ filters: { priority: 'asap' } });
      expectProblem(patched, 422, 'UNPROCESSABLE_ENTITY');
      expect(patched.body.errors.map((e: { field: string }) => e.field)).toEqual(['filters.priority']);
    });

    it('answers 404 for unknown views and 403 for changing a built-in', async () => {
      expectProblem(await api().get('/api/v1/views/no-such-view').set(bearer(a1.token)), 404, 'NOT_FOUND');
      expectProblem(await api().get('/api/v1/views/00000000-0000-4000-8000-000000000000').set(bearer(a1.token)), 404, 'NOT_FOUND');
      expectProblem(await api().get('/api/v1/views/00000000-0000-4000-8000-000000000000/tickets').set(bearer(a1.token)), 404, 'NOT_FOUND');
      expectProblem(await api().patch('/api/v1/views/my-open').set(bearer(a1.token)).send({ name: 'x' }), 403, 'FORBIDDEN');
      expectProblem(await api().delete('/api/v1/views/all-open').set(bearer(admin)), 403, 'FORBIDDEN');
    });

    it('is for staff: customers get 403', async () => {
      const customer = await userWithRole(target, admin, 'customer');
      expectProblem(await api().get('/api/v1/views').set(bearer(customer.token)), 403, 'FORBIDDEN');
      expectProblem(await api().get('/api/v1/views/my-open/tickets').set(bearer(customer.token)), 403, 'FORBIDDEN');
      expectProblem(await api().post('/api/v1/views').set(bearer(customer.token)).send({ name: 'x', filters: {} }), 403, 'FORBIDDEN');
    });
  });
});

/** Waits until the running ticket-service has folded the tickets' pending comments (SearchFoldJob): none left beside them. */
async function folded(databaseUrl: string, ticketIds: string[]): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await waitFor(
      'the comments to be folded into their tickets',
      async () => {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ticket.ticket_search_pending WHERE ticket_id = ANY($1::uuid[])`,
          [ticketIds],
        );
        return rows[0].n === 0 ? true : undefined;
      },
      15_000,
    );
  } finally {
    await client.end();
  }
}
