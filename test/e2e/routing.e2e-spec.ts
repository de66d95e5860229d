import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Routing and tier escalation', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);

  const agentWith = async (fields: Record<string, unknown> = {}) => {
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    if (Object.keys(fields).length) await suite.api().patch(`/api/v1/users/${agent.id}`).set(bearer(suite.admin)).send(fields).expect(200);
    return agent;
  };
  const team = async (name: string, tier: number, routingStrategy: string, memberIds: string[]) =>
    (
      await suite
        .api()
        .post('/api/v1/teams')
        .set(bearer(suite.admin))
        .send({ name: `${name} ${run}`, tier, routingStrategy, memberIds })
        .expect(201)
    ).body;
  const rule = async (body: Record<string, unknown>) =>
    (await suite.api().post('/api/v1/routing-rules').set(bearer(suite.admin)).send(body).expect(201)).body;
  const open = async (subject: string, extra: Record<string, unknown> = {}) =>
    (
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject, description: 'detalle', ...extra })
        .expect(201)
    ).body;

  it('manages rules: ordered by position, validated, admin-only writes', async () => {
    const t = await team('Reglas', 1, 'round_robin', []);
    const first = await rule({ name: `r1 ${run}`, conditions: { keywords: [`nada-${run}`] }, teamId: t.id });
    const second = await rule({ name: `r2 ${run}`, conditions: {}, teamId: t.id, position: first.position - 5, active: false });
    const list = await suite.api().get('/api/v1/routing-rules').set(bearer(suite.admin));
    const ids = list.body.map((r: { id: string }) => r.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const changed = await suite
      .api()
      .patch(`/api/v1/routing-rules/${second.id}`)
      .set(bearer(suite.admin))
      .send({ conditions: { priorities: ['urgent'] } });
    expect(changed.body.conditions).toEqual({ priorities: ['urgent'] });
    expectProblem(
      await suite
        .api()
        .post('/api/v1/routing-rules')
        .set(bearer(suite.admin))
        .send({ name: 'x', conditions: {}, teamId: '00000000-0000-4000-8000-000000000000' }),
      422,
    );
    expectProblem(
      await suite
        .api()
        .post('/api/v1/routing-rules')
        .set(bearer(suite.admin))
        .send({ name: 'x', conditions: { channels: ['fax'] }, teamId: t.id }),
      400,
    );
    const agent = await agentWith();
    expectProblem(
      await suite.api().post('/api/v1/routing-rules').set(bearer(agent.token)).send({ name: 'x', conditions: {}, teamId: t.id }),
      403,
    );
    expect((await suite.api().delete(`/api/v1/routing-rules/${second.id}`).set(bearer(suite.admin))).status).toBe(204);
    await suite.api().delete(`/api/v1/routing-rules/${first.id}`).set(bearer(suite.admin)).expect(204);
  });

  it('sends a matching ticket to the rule’s team and its least loaded agent, explaining why in the history', async () => {
    const busy = await agentWith({ capacity: 10 });
    const idle = await agentWith({ capacity: 10 });
    const inactive = await agentWith({ capacity: 10 });
    const printers = await team('Impresoras', 1, 'least_loaded', [busy.id, idle.id, inactive.id]);
    await suite.api().patch(`/api/v1/users/${inactive.id}`).set(bearer(suite.admin)).send({ active: false }).expect(200);
    await rule({ name: `Impresoras ${run}`, conditions: { keywords: [`impresora${run}`] }, teamId: printers.id });
    await open('otra cosa', { assigneeId: undefined });
    for (let i = 0; i < 2; i += 1) {
      const t = await open(`ocupado ${i}`);
      await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ assigneeId: busy.id }).expect(200);
    }
    const routed = await open(`La IMPRESORA${run} no imprime`);
    expect(routed).toMatchObject({ teamId: printers.id, assigneeId: idle.id });
    const history = (await suite.api().get(`/api/v1/tickets/${routed.id}/history`).set(bearer(suite.admin))).body;
    const decision = history.find((h: { action: string }) => h.action === 'routed');
    expect(decision.actor).toBeNull();
    expect(decision.changes[0]).toMatchObject({ field: 'teamId', to: printers.id, reason: `rule "Impresoras ${run}" matched` });
    expect(decision.changes[1].reason).toMatch(/^least_loaded: .* \(0\/10 open\) among 2 eligible of 3$/);
    expect(decision.changes[1].candidates).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: inactive.id, eligible: false, skippedBecause: 'inactive' })]),
    );
  });

  it('takes turns in a round-robin team and uses skills when the team routes by skills', async () => {
    const ana = await agentWith();
    const ben = await agentWith();
    const rr = await team('Turnos', 1, 'round_robin', [ana.id, ben.id]);
    await rule({ name: `Turnos ${run}`, conditions: { tagsAny: [`turno-${run}`] }, teamId: rr.id });
    const assigned = [];
    for (let i = 0; i < 3; i += 1) assigned.push((await open(`turno ${i}`, { tags: [`turno-${run}`] })).assigneeId);
    expect(assigned).toEqual([ana.id, ben.id, ana.id]);

    const generalist = await agentWith({ skills: ['windows'] });
    const sapExpert = await agentWith({ skills: ['sap', 'windows'] });
    const skills = await team('SAP', 1, 'skills', [generalist.id, sapExpert.id]);
    await rule({ name: `SAP ${run}`, conditions: { keywords: [`sap${run}`] }, teamId: skills.id, requiredSkills: ['sap'] });
    expect((await open(`Error en SAP${run}`)).assigneeId).toBe(sapExpert.id);
  });

  it('leaves the ticket in the team queue when nobody can take it, and untouched when no rule matches', async () => {
    const full = await agentWith({ capacity: 1 });
    const queue = await team('Cola', 1, 'least_loaded', [full.id]);
    await rule({ name: `Cola ${run}`, conditions: { keywords: [`cola${run}`] }, teamId: queue.id });
    expect((await open(`cola${run} uno`)).assigneeId).toBe(full.id);
    const waiting = await open(`cola${run} dos`);
    expect(waiting).toMatchObject({ teamId: queue.id, assigneeId: null });
    expect(await open(`sin regla ${run}`)).toMatchObject({ teamId: null, assigneeId: null });
  });

  it('escalates to a team of the higher tier, keeps the previous assignee as follower, and de-escalates back', async () => {
    const tier1Agent = await agentWith();
    const tier2Agent = await agentWith({ tier: 2 });
    const n1 = await team('Escalado N1', 1, 'round_robin', [tier1Agent.id]);
    const n2 = await team('Escalado N2', 2, 'round_robin', [tier2Agent.id]);
    const t = await open(`escalar ${run}`, { teamId: n1.id });
    await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ assigneeId: tier1Agent.id }).expect(200);

    const up = await suite
      .api()
      .post(`/api/v1/tickets/${t.number}/escalate`)
      .set(bearer(tier1Agent.token))
      .send({ toTier: 2, reason: 'Necesita acceso al servidor' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ tier: 2, teamId: n2.id, assigneeId: tier2Agent.id, followerIds: [tier1Agent.id] });
    const history = (await suite.api().get(`/api/v1/tickets/${t.id}/history`).set(bearer(suite.admin))).body;
    const escalated = history.find((h: { action: string }) => h.action === 'escalated');
    expect(escalated.changes[0]).toEqual({ field: 'tier', from: 1, to: 2, reason: 'Necesita acceso al servidor' });

    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/escalate`).set(bearer(suite.admin)).send({ toTier: 2, reason: 'otra vez' }),
      422,
    );
    const down = await suite
      .api()
      .post(`/api/v1/tickets/${t.id}/escalate`)
      .set(bearer(suite.admin))
      .send({ toTier: 1, reason: 'Resuelto el acceso' });
    expect(down.body).toMatchObject({ tier: 1, teamId: expect.any(String), followerIds: [tier1Agent.id, tier2Agent.id] });
    const after = (await suite.api().get(`/api/v1/tickets/${t.id}/history`).set(bearer(suite.admin))).body;
    expect(after[after.length - 1].action).toBe('de-escalated');
  });

  it('refuses escalation to a tier without teams, from customers, and with bad input', async () => {
    const t = await open(`sin nivel 3 ${run}`);
    const res = await suite.api().post(`/api/v1/tickets/${t.id}/escalate`).set(bearer(suite.admin)).send({ toTier: 3, reason: 'x' });
    expectProblem(res, 422);
    expect(res.body.errors[0].field).toBe('toTier');
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/escalate`).set(bearer(customer.token)).send({ toTier: 2, reason: 'x' }),
      403,
    );
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/escalate`).set(bearer(suite.admin)).send({ toTier: 5 }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
