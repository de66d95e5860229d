import { bearer, expectProblem, userWithRole } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

describe('Knowledge base: capture from solved tickets, links to tickets, feedback and the review queue', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);
  const people: Record<'agent' | 'outsider' | 'supervisor' | 'customer' | 'otherCustomer', { id: string; token: string }> = {} as never;

  beforeAll(async () => {
    for (const role of ['agent', 'supervisor', 'customer'] as const) people[role] = await userWithRole(suite.target, suite.admin, role);
    people.outsider = await userWithRole(suite.target, suite.admin, 'agent');
    people.otherCustomer = await userWithRole(suite.target, suite.admin, 'customer');
  });

  const api = () => suite.api();
  const openTicket = async (token: string, body: Record<string, unknown> = {}) => {
    const res = await api()
      .post('/api/v1/tickets')
      .set(bearer(token))
      .send({ subject: `La VPN no conecta ${run}`, description: 'Desde casa no puedo entrar', ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string };
  };
  const comment = (ticketId: string, token: string, body: string, isPublic = true) =>
    api().post(`/api/v1/tickets/${ticketId}/comments`).set(bearer(token)).send({ body, public: isPublic }).expect(201);
  const setStatus = (ticketId: string, status: string, token = people.agent.token) =>
    api().patch(`/api/v1/tickets/${ticketId}`).set(bearer(token)).send({ status }).expect(200);
  const proposals = async (state = 'open') =>
    (await api().get(`/api/v1/kb/capture-proposals?state=${state}&limit=100`).set(bearer(people.agent.token)).expect(200)).body as {
      data: { ticketId: string; ticketNumber: string; subject: string; state: string; articleId: string | null; solvedBy: string | null }[];
    };
  const proposalOf = (ticketId: string, state = 'open') =>
    waitFor(
      `a ${state} capture proposal for ${ticketId}`,
      async () => (await proposals(state)).data.find((p) => p.ticketId === ticketId),
      20_000,
    );
  const draft = async (article: object = {}, token = people.agent.token) => {
    const res = await api()
      .post('/api/v1/kb/articles')
      .set(bearer(token))
      .send({ title: `Artículo ${run}`, body: 'Texto', locale: 'es', ...article });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const publish = (id: string) => api().post(`/api/v1/kb/articles/${id}/publish`).set(bearer(people.supervisor.token)).expect(200);
  const article = async (id: string) => (await api().get(`/api/v1/kb/articles/${id}`).set(bearer(suite.admin)).expect(200)).body;

  describe('knowledge capture', () => {
    it('proposes a solved ticket, drafts an article from the reply that solved it, and refuses a second capture', async () => {
      const ticket = await openTicket(people.customer.token);
      await comment(ticket.id, people.agent.token, 'Nota interna: era el certificado', false);
      await comment(ticket.id, people.agent.token, 'Renueva el certificado:\n\n1. Abre *Ajustes*\n2. Pulsa <b>Renovar</b>');
      await comment(ticket.id, people.customer.token, '¡Gracias, funciona!');
      await setStatus(ticket.id, 'solved');

      const proposal = await proposalOf(ticket.id);
      expect(proposal).toMatchObject({
        ticketNumber: ticket.number,
        subject: `La VPN no conecta ${run}`,
        state: 'open',
        solvedBy: people.agent.id,
      });

      const captured = await api().post(`/api/v1/kb/articles/from-ticket/${ticket.number}`).set(bearer(people.agent.token)).send({});
      expect(captured.status).toBe(201);
      expect(captured.body).toMatchObject({
        title: `La VPN no conecta ${run}`,
        status: 'draft',
        visibility: 'internal',
        locale: 'es',
        ownerId: people.agent.id,
        sourceTicket: { id: ticket.id, number: ticket.number },
      });
      expect(captured.body.body).toContain('Renueva el certificado:');
      expect(captured.body.body).toContain(`Capturado del ticket ${ticket.number}`);
      expect(captured.body.body).not.toContain('Nota interna');
      expect(captured.body.body).not.toContain('Gracias');
      // The reply becomes plain text (tags an agent typed are dropped), and Markdown characters in it show as typed.
      expect(captured.body.bodyHtml).toContain('Abre *Ajustes*');
      expect(captured.body.bodyHtml).toContain('Pulsa Renovar');
      expect(captured.body.bodyHtml.split('<hr')[0]).not.toMatch(/<(b|em|ol|li)>/);

      const drafted = await proposalOf(ticket.id, 'drafted');
      expect(drafted.articleId).toBe(captured.body.id);
      expect((await proposals()).data.map((p) => p.ticketId)).not.toContain(ticket.id);

      const again = await api().post(`/api/v1/kb/articles/from-ticket/${ticket.id}`).set(bearer(people.agent.token));
      expectProblem(again, 409, 'CONFLICT');
      expect(again.body.articleId).toBe(captured.body.id);
      expectProblem(await api().post(`/api/v1/kb/capture-proposals/${ticket.id}/dismiss`).set(bearer(people.agent.token)), 409, 'CONFLICT');
    });

    it('captures in the language and visibility asked for', async () => {
      const ticket = await openTicket(people.customer.token, { subject: `Printer offline ${run}` });
      await comment(ticket.id, people.agent.token, 'Restart the spooler.');
      await setStatus(ticket.id, 'solved');
      const captured = await api()
        .post(`/api/v1/kb/articles/from-ticket/${ticket.id}`)
        .set(bearer(people.agent.token))
        .send({ locale: 'en', visibility: 'public' })
        .expect(201);
      expect(captured.body).toMatchObject({ locale: 'en', visibility: 'public', title: `Printer offline ${run}` });
      expect(captured.body.body).toContain(`Captured from ticket ${ticket.number}`);
    });

    it('dismisses a proposal, and a re-solve after a reopen keeps it dismissed', async () => {
      const ticket = await openTicket(people.customer.token);
      await comment(ticket.id, people.agent.token, 'Listo');
      await setStatus(ticket.id, 'solved');
      await proposalOf(ticket.id);
      const dismissed = await api().post(`/api/v1/kb/capture-proposals/${ticket.number}/dismiss`).set(bearer(people.agent.token));
      expect(dismissed.status).toBe(200);
      expect(dismissed.body).toMatchObject({ ticketId: ticket.id, state: 'dismissed' });
      await api().post(`/api/v1/kb/capture-proposals/${ticket.id}/dismiss`).set(bearer(people.agent.token)).expect(200);

      await setStatus(ticket.id, 'open');
      await setStatus(ticket.id, 'solved');
      const second = await setStatus(ticket.id, 'open');
      expect(second.body.status).toBe('open');
      await setStatus(ticket.id, 'solved');
      // Wait for the later solve to be consumed: the dismissed proposal's solve time moves, its state does not.
      const refreshed = await waitFor(
        'the re-solve to reach the proposal',
        async () => {
          const p = (await proposals('dismissed')).data.find((x) => x.ticketId === ticket.id) as { solvedAt?: string } | undefined;
          return p && p.solvedAt !== dismissed.body.solvedAt ? p : undefined;
        },
        20_000,
      );
      expect(refreshed).toMatchObject({ state: 'dismissed' });
      expect((await proposals()).data.map((p) => p.ticketId)).not.toContain(ticket.id);
      expectProblem(await api().post(`/api/v1/kb/capture-proposals/HD-999999/dismiss`).set(bearer(people.agent.token)), 404, 'NOT_FOUND');
    });

    it('refuses a ticket that is not solved, one without a public agent reply, and one the caller may not see', async () => {
      const open = await openTicket(people.customer.token);
      await comment(open.id, people.agent.token, 'Mirando');
      const notSolved = await api().post(`/api/v1/kb/articles/from-ticket/${open.id}`).set(bearer(people.agent.token));
      expectProblem(notSolved, 422, 'UNPROCESSABLE_ENTITY');

      const silent = await openTicket(people.customer.token);
      await comment(silent.id, people.agent.token, 'solo nota', false);
      await setStatus(silent.id, 'solved');
      const noReply = await api().post(`/api/v1/kb/articles/from-ticket/${silent.id}`).set(bearer(people.agent.token));
      expectProblem(noReply, 422, 'UNPROCESSABLE_ENTITY');
      expect(noReply.body.detail).toMatch(/no public agent reply/);

      const team = (
        await api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `KB capture ${run}`, tier: 1, memberIds: [people.agent.id] })
          .expect(201)
      ).body;
      const teamTicket = await openTicket(suite.admin, { teamId: team.id });
      await comment(teamTicket.id, people.agent.token, 'Hecho');
      await setStatus(teamTicket.id, 'solved');
      expectProblem(
        await api().post(`/api/v1/kb/articles/from-ticket/${teamTicket.id}`).set(bearer(people.outsider.token)),
        404,
        'NOT_FOUND',
      );

      expectProblem(await api().post('/api/v1/kb/articles/from-ticket/not-a-ticket').set(bearer(people.agent.token)), 400);
      expectProblem(await api().post(`/api/v1/kb/articles/from-ticket/${open.id}`).set(bearer(people.customer.token)), 403, 'FORBIDDEN');
      expectProblem(
        await api().post(`/api/v1/kb/articles/from-ticket/${silent.id}`).set(bearer(people.agent.token)).send({ visibility: 'restricted' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('does not propose a solved ticket that already has a linked article', async () => {
      const linked = await openTicket(people.customer.token);
      const plain = await openTicket(people.customer.token);
      const a = await draft();
      await api()
        .post(`/api/v1/kb/articles/${a.id}/ticket-links`)
        .set(bearer(people.agent.token))
        .send({ ticketId: linked.id })
        .expect(201);
      await setStatus(linked.id, 'solved');
      await setStatus(plain.id, 'solved');
      // Events of one service are relayed in order: once the later solve is proposed, the earlier was consumed.
      await proposalOf(plain.id);
      const all = [...(await proposals()).data, ...(await proposals('dismissed')).data, ...(await proposals('drafted')).data];
      expect(all.map((p) => p.ticketId)).not.toContain(linked.id);
    });
  });

  describe('links between articles and tickets', () => {
    it('links once, counts the use, lists both ways and unlinks', async () => {
      const ticket = await openTicket(people.customer.token);
      const a = await draft({ title: `Enlazado ${run}` });
      const link = () =>
        api().post(`/api/v1/kb/articles/${a.id}/ticket-links`).set(bearer(people.agent.token)).send({ ticketId: ticket.number });

      const first = await link();
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        articleId: a.id,
        articleTitle: `Enlazado ${run}`,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        linkedBy: people.agent.id,
        usageCount: 1,
      });
      const second = await link();
      expect(second.status).toBe(200);
      expect(second.body.usageCount).toBe(1);
      expect((await article(a.id)).usageCount).toBe(1);

      const byTicket = await api().get(`/api/v1/kb/ticket-links?ticketId=${ticket.id}`).set(bearer(people.agent.token)).expect(200);
      expect(byTicket.body).toEqual([
        expect.objectContaining({ articleId: a.id, articleTitle: `Enlazado ${run}`, ticketNumber: ticket.number }),
      ]);
      const byArticle = await api().get(`/api/v1/kb/articles/${a.id}/ticket-links`).set(bearer(people.agent.token)).expect(200);
      expect(byArticle.body).toEqual({
        data: [expect.objectContaining({ ticketId: ticket.id, ticketNumber: ticket.number })],
        nextCursor: null,
      });

      const other = await openTicket(people.customer.token);
      await api().post(`/api/v1/kb/articles/${a.id}/ticket-links`).set(bearer(people.agent.token)).send({ ticketId: other.id }).expect(201);
      expect((await article(a.id)).usageCount).toBe(2);
      const page = await api().get(`/api/v1/kb/articles/${a.id}/ticket-links?limit=1`).set(bearer(people.agent.token)).expect(200);
      expect(page.body.data).toHaveLength(1);
      const next = await api()
        .get(`/api/v1/kb/articles/${a.id}/ticket-links?limit=1&cursor=${page.body.nextCursor}`)
        .set(bearer(people.agent.token))
        .expect(200);
      expect([page.body.data[0].ticketId, next.body.data[0].ticketId].sort()).toEqual([ticket.id, other.id].sort());

      await api().delete(`/api/v1/kb/articles/${a.id}/ticket-links/${ticket.number}`).set(bearer(people.agent.token)).expect(204);
      await api().delete(`/api/v1/kb/articles/${a.id}/ticket-links/${ticket.id}`).set(bearer(people.agent.token)).expect(204);
      expect((await article(a.id)).usageCount).toBe(1);
      expect(
        (await api().get(`/api/v1/kb/ticket-links?ticketId=${ticket.number}`).set(bearer(people.agent.token)).expect(200)).body,
      ).toEqual([]);
    });

    it('refuses a ticket the caller may not see (422), an unknown article (404), bad ids (400) and customers (403)', async () => {
      const a = await draft();
      const team = (
        await api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `KB links ${run}`, tier: 1, memberIds: [people.agent.id] })
          .expect(201)
      ).body;
      const hidden = await openTicket(suite.admin, { teamId: team.id });
      const linkAs = (token: string, articleId: string, body: object) =>
        api().post(`/api/v1/kb/articles/${articleId}/ticket-links`).set(bearer(token)).send(body);

      expectProblem(await linkAs(people.outsider.token, a.id, { ticketId: hidden.id }), 422, 'UNPROCESSABLE_ENTITY');
      expectProblem(await linkAs(people.agent.token, a.id, { ticketId: 'HD-999999' }), 422, 'UNPROCESSABLE_ENTITY');
      expectProblem(await linkAs(people.agent.token, '00000000-0000-4000-8000-000000000000', { ticketId: hidden.id }), 404, 'NOT_FOUND');
      expectProblem(await linkAs(people.agent.token, 'nope', { ticketId: hidden.id }), 400, 'VALIDATION_FAILED');
      expectProblem(await linkAs(people.agent.token, a.id, { ticketId: 'nope' }), 400, 'VALIDATION_FAILED');
      expectProblem(await linkAs(people.agent.token, a.id, {}), 400, 'VALIDATION_FAILED');
      expectProblem(await linkAs(people.customer.token, a.id, { ticketId: hidden.id }), 403, 'FORBIDDEN');
      expectProblem(await api().get(`/api/v1/kb/ticket-links?ticketId=${hidden.id}`).set(bearer(people.outsider.token)), 422);
      expectProblem(await api().get('/api/v1/kb/ticket-links').set(bearer(people.agent.token)), 400, 'VALIDATION_FAILED');
    });
  });

  describe('feedback', () => {
    const vote = (id: string, body: object, token?: string) => {
      const req = api().post(`/api/v1/kb/articles/${id}/feedback`);
      return (token ? req.set(bearer(token)) : req).send(body);
    };

    it('counts anonymous votes each time and one vote per person, a second vote replacing the first', async () => {
      const a = await draft({ visibility: 'public' });
      await publish(a.id);

      expect((await vote(a.id, { helpful: true })).status).toBe(201);
      const anon = await vote(a.id, { helpful: true, comment: '  Muy claro  ' });
      expect(anon.status).toBe(201);
      expect(anon.body).toMatchObject({ helpful: true, comment: 'Muy claro', replaced: false, counts: { yes: 2, no: 0 } });

      const mine = await vote(a.id, { helpful: false, comment: 'Falta un paso' }, people.customer.token);
      expect(mine.status).toBe(201);
      expect(mine.body.counts).toEqual({ yes: 2, no: 1 });
      const changed = await vote(a.id, { helpful: true }, people.customer.token);
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ id: mine.body.id, replaced: true, comment: null, counts: { yes: 3, no: 0 } });
      await vote(a.id, { helpful: false, comment: 'No me sirvió' }, people.otherCustomer.token).expect(201);
      expect((await article(a.id)).helpful).toEqual({ yes: 3, no: 1 });

      const comments = await api().get(`/api/v1/kb/articles/${a.id}/feedback`).set(bearer(people.agent.token)).expect(200);
      expect(comments.body.data.map((f: { comment: string }) => f.comment)).toEqual(['No me sirvió', 'Muy claro']);
      expect(comments.body.data[0]).toMatchObject({ helpful: false, actorId: people.otherCustomer.id });
      expect(comments.body.data[1].actorId).toBeNull();
      const first = await api().get(`/api/v1/kb/articles/${a.id}/feedback?limit=1`).set(bearer(people.agent.token)).expect(200);
      expect(first.body.data).toHaveLength(1);
      const rest = await api()
        .get(`/api/v1/kb/articles/${a.id}/feedback?limit=1&cursor=${first.body.nextCursor}`)
        .set(bearer(people.agent.token))
        .expect(200);
      expect(rest.body).toEqual({ data: [expect.objectContaining({ comment: 'Muy claro' })], nextCursor: null });
      expectProblem(await api().get(`/api/v1/kb/articles/${a.id}/feedback`).set(bearer(people.customer.token)), 403, 'FORBIDDEN');
    });

    it('lets no one vote on an article they may not read, and checks the input', async () => {
      const internal = await draft({ visibility: 'internal' });
      await publish(internal.id);
      expectProblem(await vote(internal.id, { helpful: true }, people.customer.token), 404, 'NOT_FOUND');
      expectProblem(await vote(internal.id, { helpful: true }), 404, 'NOT_FOUND');
      expect((await vote(internal.id, { helpful: true }, people.agent.token)).status).toBe(201);

      expectProblem(await vote(internal.id, { comment: 'sin voto' }, people.agent.token), 400, 'VALIDATION_FAILED');
      expectProblem(await vote(internal.id, { helpful: 'yes' }, people.agent.token), 400, 'VALIDATION_FAILED');
      expectProblem(await vote(internal.id, { helpful: true, comment: 'x'.repeat(2001) }, people.agent.token), 400, 'VALIDATION_FAILED');
      expectProblem(await vote('not-a-uuid', { helpful: true }), 400, 'VALIDATION_FAILED');
      expectProblem(await vote('00000000-0000-4000-8000-000000000000', { helpful: true }), 404, 'NOT_FOUND');
    });
  });

  describe('review queue', () => {
    it('lists overdue articles and those with poor feedback, with the reasons, most urgent first', async () => {
      const overdue = await draft({ title: `Caducado ${run}`, reviewBy: '2020-01-01' });
      const poor = await draft({ title: `Poco útil ${run}`, visibility: 'public' });
      await publish(poor.id);
      for (let i = 0; i < 4; i += 1) await api().post(`/api/v1/kb/articles/${poor.id}/feedback`).send({ helpful: false }).expect(201);
      await api().post(`/api/v1/kb/articles/${poor.id}/feedback`).send({ helpful: true }).expect(201);
      const both = await draft({ title: `Las dos ${run}`, reviewBy: '2024-06-01', visibility: 'public' });
      await publish(both.id);
      for (let i = 0; i < 5; i += 1) await api().post(`/api/v1/kb/articles/${both.id}/feedback`).send({ helpful: false }).expect(201);
      const fine = await draft({ title: `Al día ${run}`, reviewBy: '2099-01-01', visibility: 'public' });
      await publish(fine.id);
      for (let i = 0; i < 5; i += 1) await api().post(`/api/v1/kb/articles/${fine.id}/feedback`).send({ helpful: true }).expect(201);
      const archived = await draft({ reviewBy: '2020-01-01' });
      await api().post(`/api/v1/kb/articles/${archived.id}/archive`).set(bearer(people.supervisor.token)).expect(200);

      const queue = await api().get('/api/v1/kb/review-queue?limit=100').set(bearer(people.agent.token)).expect(200);
      expect(queue.body).toMatchObject({ minVotes: 5, minHelpfulPercent: 50 });
      const ids = queue.body.data.map((e: { articleId: string }) => e.articleId);
      expect(ids).not.toContain(fine.id);
      expect(ids).not.toContain(archived.id);
      const entry = (id: string) => queue.body.data.find((e: { articleId: string }) => e.articleId === id);
      expect(entry(both.id)).toMatchObject({ reasons: ['overdue', 'poor_feedback'], helpful: { yes: 0, no: 5 }, helpfulPercent: 0 });
      expect(entry(overdue.id)).toMatchObject({
        reasons: ['overdue'],
        reviewBy: '2020-01-01',
        daysOverdue: expect.any(Number),
        helpfulPercent: null,
      });
      expect(entry(poor.id)).toMatchObject({
        reasons: ['poor_feedback'],
        helpful: { yes: 1, no: 4 },
        helpfulPercent: 20,
        daysOverdue: null,
      });
      expect(ids.indexOf(both.id)).toBeLessThan(ids.indexOf(overdue.id));
      expect(ids.indexOf(overdue.id)).toBeLessThan(ids.indexOf(poor.id));

      const page = await api().get('/api/v1/kb/review-queue?limit=1').set(bearer(people.agent.token)).expect(200);
      expect(page.body.data).toHaveLength(1);
      const next = await api()
        .get(`/api/v1/kb/review-queue?limit=1&cursor=${page.body.nextCursor}`)
        .set(bearer(people.agent.token))
        .expect(200);
      expect(next.body.data[0].articleId).toBe(ids[1]);
      expectProblem(await api().get('/api/v1/kb/review-queue').set(bearer(people.customer.token)), 403, 'FORBIDDEN');
      expectProblem(await api().get('/api/v1/kb/review-queue').set(bearer(people.agent.token)).query({ cursor: 'bad' }), 400);
    });
  });
});
