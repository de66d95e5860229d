import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Ticket fields and lifecycle', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);

  const open = async (token: string, body: Record<string, unknown> = {}) => {
    const res = await suite
      .api()
      .post('/api/v1/tickets')
      .set(bearer(token))
      .send({ subject: 'Correo caído', description: 'No llega el correo', ...body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const setStatus = (id: string, status: string) =>
    suite.api().patch(`/api/v1/tickets/${id}`).set(bearer(suite.admin)).send({ status }).expect(200);

  it('keeps type, tier, team, tags (lower-cased, once each) and due date, and filters by them', async () => {
    const team = (
      await suite
        .api()
        .post('/api/v1/teams')
        .set(bearer(suite.admin))
        .send({ name: `N2 ${run}`, tier: 2 })
    ).body;
    const t = await open(suite.admin, {
      type: 'incident',
      tier: 2,
      teamId: team.id,
      tags: ['Email', 'email', `run-${run}`],
      dueAt: '2030-01-02T10:00:00+01:00',
    });
    expect(t).toMatchObject({
      type: 'incident',
      tier: 2,
      teamId: team.id,
      tags: ['email', `run-${run}`],
      dueAt: '2030-01-02T09:00:00.000Z',
      solvedAt: null,
    });
    await open(suite.admin, { type: 'question', tags: [`run-${run}`] });
    const byTag = await suite
      .api()
      .get('/api/v1/tickets')
      .query({ tag: `run-${run}` })
      .set(bearer(suite.admin));
    expect(byTag.body.data).toHaveLength(2);
    const byTypeAndTeam = await suite
      .api()
      .get('/api/v1/tickets')
      .query({ tag: `run-${run}`, type: 'incident', teamId: team.id })
      .set(bearer(suite.admin));
    expect(byTypeAndTeam.body.data.map((x: { id: string }) => x.id)).toEqual([t.id]);
  });

  it('refuses an unknown team (422), a malformed tag or date (400), and staff fields from customers (403)', async () => {
    expectProblem(
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject: 's', description: 'd', teamId: '00000000-0000-4000-8000-000000000000' }),
      422,
    );
    expectProblem(
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject: 's', description: 'd', tags: ['no spaces'] }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).send({ subject: 's', description: 'd', dueAt: 'tomorrow' }),
      400,
      'VALIDATION_FAILED',
    );
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(
      await suite.api().post('/api/v1/tickets').set(bearer(customer.token)).send({ subject: 's', description: 'd', tier: 3 }),
      403,
      'FORBIDDEN',
    );
    expect((await open(customer.token, { type: 'service_request' })).type).toBe('service_request');
  });

  it('records tag changes with before and after, and ignores a change to the same value', async () => {
    const t = await open(suite.admin, { tags: ['a'] });
    const changed = await suite
      .api()
      .patch(`/api/v1/tickets/${t.id}`)
      .set(bearer(suite.admin))
      .send({ tags: ['a', 'b'] });
    expect(changed.body.version).toBe(2);
    const same = await suite
      .api()
      .patch(`/api/v1/tickets/${t.id}`)
      .set(bearer(suite.admin))
      .send({ tags: ['a', 'b'] });
    expect(same.body.version).toBe(2);
    const history = await suite.api().get(`/api/v1/tickets/${t.id}/history`).set(bearer(suite.admin));
    expect(history.body[1].changes).toEqual([{ field: 'tags', from: ['a'], to: ['a', 'b'] }]);
  });

  it('reopens a pending or solved ticket when the requester replies, not when staff or a note do', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const t = await open(customer.token);
    await setStatus(t.id, 'pending');
    await suite.api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(suite.admin)).send({ body: 'nota', public: false }).expect(201);
    await suite.api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(suite.admin)).send({ body: '¿Sigue pasando?' }).expect(201);
    expect((await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin))).body.status).toBe('pending');
    await suite.api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(customer.token)).send({ body: 'Sí, sigue' }).expect(201);
    expect((await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin))).body.status).toBe('open');

    const solved = (await setStatus(t.id, 'solved')).body;
    expect(solved.solvedAt).toEqual(expect.any(String));
    await suite.api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(customer.token)).send({ body: 'Ha vuelto a fallar' }).expect(201);
    const reopened = (await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin))).body;
    expect(reopened).toMatchObject({ status: 'open', solvedAt: null });
    const history = (await suite.api().get(`/api/v1/tickets/${t.id}/history`).set(bearer(suite.admin))).body;
    expect(history[history.length - 1].changes).toEqual([{ field: 'status', from: 'solved', to: 'open', reason: 'the requester replied' }]);
  });

  it('takes a follow-up of a closed ticket as a new linked ticket, and only of a closed one', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const t = await open(customer.token);
    const notClosed = await suite
      .api()
      .post('/api/v1/tickets')
      .set(bearer(customer.token))
      .send({ subject: 'otra vez', description: 'x', followUpOf: t.number });
    expectProblem(notClosed, 422);
    await setStatus(t.id, 'solved');
    await setStatus(t.id, 'closed');
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(customer.token)).send({ body: 'hola' }),
      422,
      'TICKET_CLOSED',
    );
    const followUp = await open(customer.token, { followUpOf: t.number });
    expect(followUp.followUpOfId).toBe(t.id);
    const stranger = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(
      await suite.api().post('/api/v1/tickets').set(bearer(stranger.token)).send({ subject: 's', description: 'd', followUpOf: t.id }),
      422,
    );
  });

  it('links incidents to a problem, refuses links that make no sense (422), and solving the problem can solve them', async () => {
    const problem = await open(suite.admin, { type: 'problem', subject: 'El servidor de correo se cuelga' });
    const first = await open(suite.admin, { type: 'incident', problemId: problem.id });
    const second = await open(suite.admin, { type: 'incident' });
    await suite.api().patch(`/api/v1/tickets/${second.id}`).set(bearer(suite.admin)).send({ problemId: problem.id }).expect(200);
    const alreadySolved = await open(suite.admin, { type: 'incident', problemId: problem.id });
    await setStatus(alreadySolved.id, 'solved');

    expectProblem(
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject: 's', description: 'd', type: 'question', problemId: problem.id }),
      422,
    );
    expectProblem(
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject: 's', description: 'd', type: 'incident', problemId: first.id }),
      422,
    );
    expectProblem(await suite.api().patch(`/api/v1/tickets/${problem.id}`).set(bearer(suite.admin)).send({ problemId: problem.id }), 422);
    expectProblem(await suite.api().patch(`/api/v1/tickets/${first.id}`).set(bearer(suite.admin)).send({ type: 'question' }), 422);

    const incidents = await suite.api().get('/api/v1/tickets').query({ problemId: problem.id }).set(bearer(suite.admin));
    expect(incidents.body.data.map((t: { id: string }) => t.id)).toEqual([alreadySolved.id, second.id, first.id]);

    await suite
      .api()
      .patch(`/api/v1/tickets/${problem.id}`)
      .set(bearer(suite.admin))
      .send({ status: 'solved', solveIncidents: true })
      .expect(200);
    for (const incident of [first, second]) {
      const now = (await suite.api().get(`/api/v1/tickets/${incident.id}`).set(bearer(suite.admin))).body;
      expect(now.status).toBe('solved');
      const history = (await suite.api().get(`/api/v1/tickets/${incident.id}/history`).set(bearer(suite.admin))).body;
      expect(history[history.length - 1].changes[0].reason).toBe(`its problem ${problem.number} was solved`);
    }
    expect((await suite.api().get(`/api/v1/tickets/${alreadySolved.id}`).set(bearer(suite.admin))).body.version).toBe(2);
  });

  it('flags a new ticket that repeats a recent open one of the same requester', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const first = await open(customer.token, { subject: 'El portátil no arranca', description: 'Pantalla negra' });
    const again = await open(customer.token, { subject: 'El portátil no arranca', description: 'Pantalla negra' });
    const reply = await open(customer.token, { subject: 'RE: el PORTATIL no arranca', description: 'Sigue igual' });
    const other = await open(customer.token, { subject: 'Necesito acceso a SAP', description: 'Para nómina' });
    expect(first.possibleDuplicateOfId).toBeNull();
    expect(again.possibleDuplicateOfId).toBe(first.id);
    expect([first.id, again.id]).toContain(reply.possibleDuplicateOfId);
    expect(other.possibleDuplicateOfId).toBeNull();
    const someoneElse = await userWithRole(suite.target, suite.admin, 'customer');
    expect(
      (await open(someoneElse.token, { subject: 'El portátil no arranca', description: 'Pantalla negra' })).possibleDuplicateOfId,
    ).toBeNull();
  });

  it('records the first response: the first public reply by an agent, not notes, the requester, CCs or the opening agent', async () => {
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const cc = await userWithRole(suite.target, suite.admin, 'customer');
    // The agent opens the ticket for the customer: its description is not a response.
    const ticket = (
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(agent.token))
        .send({ subject: 'Alta de usuario', description: 'Llamó por teléfono', requester: { email: customer.email } })
        .expect(201)
    ).body;
    expect(ticket.firstResponseAt).toBeNull();
    await suite.api().post(`/api/v1/tickets/${ticket.id}/followers`).set(bearer(suite.admin)).send({ userId: cc.id }).expect(200);
    const comment = (token: string, body: Record<string, unknown>) =>
      suite.api().post(`/api/v1/tickets/${ticket.id}/comments`).set(bearer(token)).send(body).expect(201);
    await comment(agent.token, { body: 'nota', public: false });
    await comment(customer.token, { body: 'gracias' });
    await comment(cc.token, { body: 'yo también' });
    expect((await suite.api().get(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin))).body.firstResponseAt).toBeNull();

    const reply = (await comment(agent.token, { body: 'Listo, ya tiene usuario' })).body;
    await comment(suite.admin, { body: 'otra respuesta' });
    const after = (await suite.api().get(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin))).body;
    expect(after.firstResponseAt).toBe(reply.createdAt);
    expect(after.version).toBe(ticket.version + 1);
    const history = (await suite.api().get(`/api/v1/tickets/${ticket.id}/history`).set(bearer(suite.admin))).body;
    const marked = history.filter((h: { changes: { field: string }[] }) => h.changes.some((c) => c.field === 'firstResponseAt'));
    expect(marked).toHaveLength(1);
    expect(marked[0].actor.id).toBe(agent.id);
  });
});
