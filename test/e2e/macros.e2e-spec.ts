import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Macros', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);

  const createMacro = async (token: string, body: Record<string, unknown>) =>
    (await suite.api().post('/api/v1/macros').set(bearer(token)).send(body).expect(201)).body;
  const openTicket = async (extra: Record<string, unknown> = {}) =>
    (
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({
          subject: 'No puedo imprimir',
          description: 'La cola está detenida',
          requester: { email: `ana.${run}@example.com`, name: 'Ana María Pérez' },
          ...extra,
        })
        .expect(201)
    ).body;

  it('applies every action and the reply with placeholders in one change, naming the macro in the history', async () => {
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    const macro = await createMacro(suite.admin, {
      title: `Pedir modelo ${run}`,
      visibility: 'shared',
      actions: {
        status: 'pending',
        priority: 'high',
        type: 'incident',
        assigneeId: 'current_user',
        addTags: ['esperando-cliente'],
        removeTags: ['nuevo'],
        comment: {
          body: 'Hola {{requester.first_name}}, sobre {{ticket.number}} ({{ticket.subject}}): ¿qué modelo es? — {{current_user.name}}',
        },
      },
    });
    const ticket = await openTicket({ tags: ['nuevo', 'impresora'] });

    const applied = await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${macro.id}`).set(bearer(agent.token)).expect(200);
    expect(applied.headers.etag).toBe(`"${applied.body.ticket.version}"`);
    expect(applied.body.preview).toBe(false);
    expect(applied.body.ticket).toMatchObject({
      status: 'pending',
      priority: 'high',
      type: 'incident',
      assigneeId: agent.id,
      tags: ['impresora', 'esperando-cliente'],
    });
    expect(applied.body.comment).toEqual({
      id: expect.any(String),
      public: true,
      body: `Hola Ana, sobre ${ticket.number} (No puedo imprimir): ¿qué modelo es? — E2E agent`,
    });
    const comments = await suite.api().get(`/api/v1/tickets/${ticket.id}/comments`).set(bearer(suite.admin)).expect(200);
    expect(comments.body.map((c: { body: string }) => c.body)).toContain(applied.body.comment.body);

    const history = await suite.api().get(`/api/v1/tickets/${ticket.id}/history`).set(bearer(suite.admin)).expect(200);
    const update = history.body.find((h: { action: string; changes: { reason?: string }[] }) => h.action === 'updated');
    expect(update.changes.every((c: { reason?: string }) => c.reason === `macro "Pedir modelo ${run}"`)).toBe(true);
    expect(update.changes.map((c: { field: string }) => c.field).sort()).toEqual(['assigneeId', 'priority', 'status', 'tags', 'type']);

    const listed = await suite.api().get('/api/v1/macros').set(bearer(agent.token)).expect(200);
    expect(listed.body.find((m: { id: string }) => m.id === macro.id).usageCount).toBe(1);
  });

  it('previews without saving anything', async () => {
    const macro = await createMacro(suite.admin, {
      title: `Resolver ${run}`,
      visibility: 'shared',
      actions: { status: 'solved', comment: { body: 'Resuelto {{ticket.number}}', public: false } },
    });
    const ticket = await openTicket();
    const preview = await suite
      .api()
      .post(`/api/v1/tickets/${ticket.number}/macros/${macro.id}?preview=true`)
      .set(bearer(suite.admin))
      .expect(200);
    expect(preview.body).toMatchObject({
      preview: true,
      ticket: { status: 'solved' },
      comment: { id: null, public: false, body: `Resuelto ${ticket.number}` },
      changes: [{ field: 'status', from: 'new', to: 'solved' }],
    });
    expect(preview.headers.etag).toBeUndefined();
    const after = await suite.api().get(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).expect(200);
    expect(after.body).toMatchObject({ status: 'new', version: ticket.version });
    expect((await suite.api().get(`/api/v1/tickets/${ticket.id}/comments`).set(bearer(suite.admin))).body).toHaveLength(0);
    const macroAfter = await suite.api().get(`/api/v1/macros/${macro.id}`).set(bearer(suite.admin)).expect(200);
    expect(macroAfter.body.usageCount).toBe(0);
    expectProblem(await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${macro.id}?preview=perhaps`).set(bearer(suite.admin)), 400);
  });

  it('refuses a macro on a closed ticket, an invalid transition, a stale ETag and an inactive macro', async () => {
    const reopen = await createMacro(suite.admin, { title: `Reabrir ${run}`, visibility: 'shared', actions: { status: 'new' } });
    const solve = await createMacro(suite.admin, {
      title: `Resolver y cerrar ${run}`,
      visibility: 'shared',
      actions: { status: 'solved' },
    });
    const note = await createMacro(suite.admin, {
      title: `Nota ${run}`,
      visibility: 'shared',
      actions: { comment: { body: 'nota', public: false } },
    });

    const ticket = await openTicket();
    await suite.api().patch(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).send({ status: 'open' }).expect(200);
    const invalid = await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${reopen.id}`).set(bearer(suite.admin));
    expectProblem(invalid, 422, 'INVALID_STATUS_TRANSITION');
    expect(invalid.body.allowed).toEqual(expect.arrayContaining(['pending', 'solved']));
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${note.id}`).set(bearer(suite.admin)).set('If-Match', '"1"'),
      412,
    );

    await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${solve.id}`).set(bearer(suite.admin)).expect(200);
    await suite.api().patch(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).send({ status: 'closed' }).expect(200);
    expectProblem(await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${note.id}`).set(bearer(suite.admin)), 422, 'TICKET_CLOSED');
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${note.id}?preview=true`).set(bearer(suite.admin)),
      422,
      'TICKET_CLOSED',
    );

    await suite.api().patch(`/api/v1/macros/${note.id}`).set(bearer(suite.admin)).send({ active: false }).expect(200);
    const other = await openTicket();
    expectProblem(await suite.api().post(`/api/v1/tickets/${other.id}/macros/${note.id}`).set(bearer(suite.admin)), 422);
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${other.id}/macros/00000000-0000-4000-8000-000000000000`).set(bearer(suite.admin)),
      404,
    );
    expectProblem(await suite.api().post(`/api/v1/tickets/HD-999999/macros/${reopen.id}`).set(bearer(suite.admin)), 404);
  });

  it('validates actions: unknown placeholders, teams, agents, custom field values, empty macros', async () => {
    const bad = await suite
      .api()
      .post('/api/v1/macros')
      .set(bearer(suite.admin))
      .send({
        title: 'mal',
        visibility: 'shared',
        actions: {
          teamId: '00000000-0000-4000-8000-000000000000',
          assigneeId: '00000000-0000-4000-8000-000000000001',
          customFields: { nope: 1 },
          comment: { body: 'Hola {{requester.nombre}}' },
        },
      });
    expectProblem(bad, 422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['actions.assigneeId', 'actions.comment.body', 'actions.customFields.nope', 'actions.teamId'].sort(),
    );
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'actions.comment.body').message).toContain('{{requester.nombre}}');
    expectProblem(await suite.api().post('/api/v1/macros').set(bearer(suite.admin)).send({ title: 'vacía', actions: {} }), 422);
    expectProblem(
      await suite
        .api()
        .post('/api/v1/macros')
        .set(bearer(suite.admin))
        .send({ title: 'x', actions: { status: 'archived' } }),
      400,
    );
    expectProblem(
      await suite
        .api()
        .post('/api/v1/macros')
        .set(bearer(suite.admin))
        .send({ title: 'x', visibility: 'team', actions: { priority: 'low' } }),
      422,
    );
  });

  it('shares macros by visibility: shared for all staff, team for its members, personal for the owner; customers get 403', async () => {
    const member = await userWithRole(suite.target, suite.admin, 'agent');
    const outsider = await userWithRole(suite.target, suite.admin, 'agent');
    const supervisor = await userWithRole(suite.target, suite.admin, 'supervisor');
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const team = (
      await suite
        .api()
        .post('/api/v1/teams')
        .set(bearer(suite.admin))
        .send({ name: `Macros ${run}`, tier: 1, routingStrategy: 'round_robin', memberIds: [member.id], supervisorId: supervisor.id })
        .expect(201)
    ).body;

    const teamMacro = await createMacro(supervisor.token, {
      title: `Equipo ${run}`,
      visibility: 'team',
      teamId: team.id,
      actions: { priority: 'low' },
    });
    const personal = await createMacro(outsider.token, { title: `Mía ${run}`, actions: { addTags: ['mia'] } });
    expect(personal).toMatchObject({ visibility: 'personal', ownerId: outsider.id });

    const ids = async (token: string) =>
      (await suite.api().get('/api/v1/macros').set(bearer(token)).expect(200)).body.map((m: { id: string }) => m.id);
    expect(await ids(member.token)).toContain(teamMacro.id);
    expect(await ids(member.token)).not.toContain(personal.id);
    expect(await ids(outsider.token)).toEqual(expect.arrayContaining([personal.id]));
    expect(await ids(outsider.token)).not.toContain(teamMacro.id);
    expectProblem(await suite.api().get(`/api/v1/macros/${personal.id}`).set(bearer(member.token)), 404);

    expectProblem(
      await suite
        .api()
        .post('/api/v1/macros')
        .set(bearer(member.token))
        .send({ title: 'x', visibility: 'shared', actions: { priority: 'low' } }),
      403,
    );
    expectProblem(
      await suite
        .api()
        .post('/api/v1/macros')
        .set(bearer(member.token))
        .send({ title: 'x', visibility: 'team', teamId: team.id, actions: { priority: 'low' } }),
      403,
    );
    expectProblem(await suite.api().patch(`/api/v1/macros/${teamMacro.id}`).set(bearer(member.token)).send({ title: 'y' }), 403);
    await suite
      .api()
      .patch(`/api/v1/macros/${personal.id}`)
      .set(bearer(outsider.token))
      .send({ title: `Mía bis ${run}` })
      .expect(200);
    expectProblem(await suite.api().get('/api/v1/macros').set(bearer(customer.token)), 403);
    const ticket = await openTicket();
    expectProblem(await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${teamMacro.id}`).set(bearer(customer.token)), 403);
    expectProblem(await suite.api().post(`/api/v1/tickets/${ticket.id}/macros/${teamMacro.id}`).set(bearer(outsider.token)), 404);

    await suite.api().delete(`/api/v1/macros/${personal.id}`).set(bearer(outsider.token)).expect(204);
    expectProblem(await suite.api().get(`/api/v1/macros/${personal.id}`).set(bearer(outsider.token)), 404);
  });
});
