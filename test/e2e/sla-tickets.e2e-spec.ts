import { randomUUID } from 'node:crypto';
import { EventEnvelope, EVENTS, SlaBreachedV1, SlaEscalatedV1, SlaTicketStateV1, SlaWarningV1 } from '@helpdesk/contracts';
import { bearer, expectProblem, userWithRole } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

type HistoryEntry = {
  action: string;
  actor: { id: string } | null;
  changes: { field: string; from: unknown; to: unknown; reason?: string }[];
};

/** SLA on tickets: sla-service's events (published on the bus as its outbox would) as ticket-service applies them. */
describe('SLA on tickets', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);
  let seq = 0;

  const envelope = <T extends { ticketId: string }>(type: string, data: T): EventEnvelope<T> => ({
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'sla-service',
    aggregateId: data.ticketId,
    data,
  });
  /** Delivers the event (twice when asked: a redelivery past the bus's duplicate detection). */
  const publish = async (event: EventEnvelope, times = 1) => {
    for (let i = 0; i < times; i += 1) await suite.target.publishEvent(event, { messageId: randomUUID() });
  };
  const clockRef = (ticket: { id: string; assigneeId: string | null; teamId: string | null }) => ({
    ticketId: ticket.id,
    clock: 'resolution' as const,
    cycle: 1,
    policyId: '5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11',
    policyVersion: 1,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
  });
  const open = async (subject: string, extra: Record<string, unknown> = {}, token = suite.admin) =>
    (
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(token))
        .send({ subject, description: 'detalle', ...extra })
        .expect(201)
    ).body;
  const history = async (id: string): Promise<HistoryEntry[]> =>
    (await suite.api().get(`/api/v1/tickets/${id}/history`).set(bearer(suite.admin)).expect(200)).body;
  const historyWith = (id: string, action: string, count = 1) =>
    waitFor(
      `${count} ${action} entries on ${id}`,
      async () => {
        const entries = (await history(id)).filter((e) => e.action === action);
        return entries.length >= count ? entries : undefined;
      },
      20_000,
    );
  const notifications = async (token: string, query: Record<string, string | number | boolean> = {}) =>
    (await suite.api().get('/api/v1/notifications').query(query).set(bearer(token)).expect(200)).body;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
  const state = async (ticketId: string, data: Omit<SlaTicketStateV1, 'ticketId' | 'seq'>, at?: number) => {
    seq += 1;
    await publish(envelope<SlaTicketStateV1>(EVENTS.sla.ticketState, { ticketId, seq: at ?? seq, ...data }));
  };
  const ticketSla = async (id: string) =>
    (await suite.api().get(`/api/v1/tickets/${id}`).set(bearer(suite.admin)).expect(200)).body.sla as {
      nextDueAt: string | null;
      breached: boolean;
    };
  const listIds = async (query: Record<string, string | number>, token = suite.admin) => {
    const res = await suite
      .api()
      .get('/api/v1/tickets')
      .query({ limit: 100, ...query })
      .set(bearer(token));
    expect(res.status).toBe(200);
    return (res.body.data as { id: string }[]).map((t) => t.id);
  };
  const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

  describe('warnings and breaches', () => {
    it('records a warning in the history and notifies the assignee, once however often it is delivered', async () => {
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const created = await open(`aviso ${run}`);
      const ticket = (
        await suite.api().patch(`/api/v1/tickets/${created.id}`).set(bearer(suite.admin)).send({ assigneeId: agent.id }).expect(200)
      ).body;
      const dueAt = minutesFromNow(30);
      await publish(
        envelope<SlaWarningV1>(EVENTS.sla.warning, {
          ...clockRef(ticket),
          dueAt,
          warningPercent: 75,
          warnedAt: new Date().toISOString(),
        }),
        2,
      );
      const [entry] = await historyWith(ticket.id, 'sla_warning');
      expect(entry.actor).toBeNull();
      expect(entry.changes).toEqual([
        { field: 'sla.clock', from: null, to: 'resolution' },
        { field: 'sla.dueAt', from: null, to: dueAt },
        { field: 'sla.warningPercent', from: null, to: 75 },
      ]);
      await settle();
      expect((await history(ticket.id)).filter((e) => e.action === 'sla_warning')).toHaveLength(1);
      const mine = await notifications(agent.token);
      expect(mine.data).toHaveLength(1);
      expect(mine.data[0]).toMatchObject({
        kind: 'sla_warning',
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        payload: { clock: 'resolution', dueAt, warningPercent: 75 },
        readAt: null,
      });
    });

    it('records a breach in the history', async () => {
      const ticket = await open(`incumplido ${run}`);
      const dueAt = minutesFromNow(-1);
      await publish(envelope<SlaBreachedV1>(EVENTS.sla.breached, { ...clockRef(ticket), dueAt, breachedAt: dueAt }), 2);
      const [entry] = await historyWith(ticket.id, 'sla_breached');
      expect(entry.changes).toEqual([
        { field: 'sla.clock', from: null, to: 'resolution' },
        { field: 'sla.dueAt', from: null, to: dueAt },
      ]);
      await settle();
      expect((await history(ticket.id)).filter((e) => e.action === 'sla_breached')).toHaveLength(1);
    });
  });

  describe('escalations', () => {
    const escalation = (
      ticket: { id: string; assigneeId: string | null; teamId: string | null },
      actions: SlaEscalatedV1['actions'],
      level = 1,
    ) =>
      envelope<SlaEscalatedV1>(EVENTS.sla.escalated, {
        ...clockRef(ticket),
        level,
        breachedAt: minutesFromNow(-60),
        escalatedAt: new Date().toISOString(),
        actions,
      });

    it('raises the priority, hands the ticket to the team supervisor and notifies, as the system, once', async () => {
      const supervisor = await userWithRole(suite.target, suite.admin, 'supervisor');
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const watcher = await userWithRole(suite.target, suite.admin, 'agent');
      const team = (
        await suite
          .api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `SLA ${run}`, tier: 1, supervisorId: supervisor.id, memberIds: [agent.id] })
          .expect(201)
      ).body;
      const created = await open(`escalado ${run}`, { teamId: team.id, priority: 'high' });
      const ticket = (
        await suite.api().patch(`/api/v1/tickets/${created.id}`).set(bearer(suite.admin)).send({ assigneeId: agent.id }).expect(200)
      ).body;
      const actions = [
        { type: 'raise_priority' as const },
        { type: 'reassign' as const, to: 'team_supervisor' },
        { type: 'notify' as const, to: 'user', userId: watcher.id },
        { type: 'notify' as const, to: 'webhook', url: 'https://hooks.example.com/sla' },
      ];
      await publish(escalation(ticket, actions), 2);
      const [entry] = await historyWith(ticket.id, 'sla_escalated');
      expect(entry.changes.slice(0, 3)).toEqual([
        { field: 'sla.level', from: null, to: 1 },
        { field: 'sla.clock', from: null, to: 'resolution' },
        { field: 'sla.actions', from: null, to: actions },
      ]);
      expect(entry.changes.slice(3)).toEqual([
        { field: 'sla.action.raise_priority', from: null, to: 'done' },
        { field: 'sla.action.reassign:team_supervisor', from: null, to: 'done' },
        { field: 'sla.action.notify:user', from: null, to: [watcher.id] },
      ]);
      await settle();
      const after = (await suite.api().get(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).expect(200)).body;
      expect(after).toMatchObject({ priority: 'urgent', assigneeId: supervisor.id, version: ticket.version + 2 });
      const updates = (await history(ticket.id)).filter((e) => e.action === 'updated' && e.actor === null);
      expect(updates.map((e) => e.changes.map((c) => [c.field, c.to, c.reason]))).toEqual([
        [['priority', 'urgent', 'SLA escalation level 1 (resolution breached)']],
        [['assigneeId', supervisor.id, 'SLA escalation level 1 (resolution breached)']],
      ]);
      expect((await history(ticket.id)).filter((e) => e.action === 'sla_escalated')).toHaveLength(1);
      expect((await notifications(watcher.token)).data).toEqual([
        expect.objectContaining({ kind: 'sla_escalated', ticketId: ticket.id, payload: expect.objectContaining({ level: 1 }) }),
      ]);
    });

    it('moves the ticket to another team, and skips what cannot apply with the reason', async () => {
      const other = (
        await suite
          .api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `Otro ${run}`, tier: 3 })
          .expect(201)
      ).body;
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const created = await open(`equipo ${run}`);
      const ticket = (
        await suite
          .api()
          .patch(`/api/v1/tickets/${created.id}`)
          .set(bearer(suite.admin))
          .send({ assigneeId: agent.id, tier: 3 })
          .expect(200)
      ).body;
      await publish(
        escalation(ticket, [
          { type: 'reassign', to: 'team', teamId: other.id },
          { type: 'reassign', to: 'next_tier' },
          { type: 'reassign', to: 'team_supervisor' },
        ]),
      );
      const [entry] = await historyWith(ticket.id, 'sla_escalated');
      expect(entry.changes.slice(3)).toEqual([
        { field: 'sla.action.reassign:team', from: null, to: 'done' },
        { field: 'sla.action.reassign:next_tier', from: null, to: 'skipped', reason: 'the ticket is already at the highest tier (3)' },
        { field: 'sla.action.reassign:team_supervisor', from: null, to: 'skipped', reason: 'the ticket’s team has no supervisor' },
      ]);
      const after = (await suite.api().get(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).expect(200)).body;
      expect(after).toMatchObject({ teamId: other.id, assigneeId: null, tier: 3 });
    });

    it('escalates to the next tier through the tier escalation', async () => {
      const tier2 = (
        await suite
          .api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `N2 ${run}`, tier: 2 })
          .expect(201)
      ).body;
      const ticket = await open(`nivel ${run}`);
      await publish(escalation(ticket, [{ type: 'reassign', to: 'next_tier' }]));
      await historyWith(ticket.id, 'sla_escalated');
      const entries = await history(ticket.id);
      const escalated = entries.find((e) => e.action === 'escalated');
      expect(escalated?.actor).toBeNull();
      expect(escalated?.changes[0]).toMatchObject({ field: 'tier', from: 1, to: 2 });
      const after = (await suite.api().get(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).expect(200)).body;
      expect(after.tier).toBe(2);
      expect(after.teamId).toEqual(expect.any(String));
      expect(tier2.id).toEqual(expect.any(String));
    });

    it('records the escalation of a closed ticket and changes nothing', async () => {
      const ticket = await open(`cerrado ${run}`);
      await suite.api().patch(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
      const closed = (
        await suite.api().patch(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).send({ status: 'closed' }).expect(200)
      ).body;
      await publish(escalation(closed, [{ type: 'raise_priority' }]));
      const [entry] = await historyWith(ticket.id, 'sla_escalated');
      expect(entry.changes).toContainEqual({ field: 'sla.skipped', from: null, to: 'closed', reason: 'the ticket is closed' });
      const after = (await suite.api().get(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).expect(200)).body;
      expect(after).toMatchObject({ priority: closed.priority, version: closed.version });
    });
  });

  describe('SLA state, list filters and views', () => {
    it('keeps the newest SLA state of a ticket, whatever order reports arrive in, without a new version', async () => {
      const ticket = await open(`estado ${run}`);
      await state(ticket.id, { nextDueAt: null, breached: true }, 1000);
      await waitFor('breached', async () => ((await ticketSla(ticket.id)).breached ? true : undefined), 20_000);
      await state(ticket.id, { nextDueAt: minutesFromNow(10), breached: false }, 999);
      await settle();
      expect(await ticketSla(ticket.id)).toEqual({ nextDueAt: null, breached: true });
      const read = (await suite.api().get(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).expect(200)).body;
      expect(read.version).toBe(ticket.version);
      expect(read.updatedAt).toBe(ticket.updatedAt);
    });

    it('filters breached and soon-due tickets, sorts by due time, and shows them in the built-in views', async () => {
      const word = `plazo${run}`;
      const breached = await open(`${word} incumplido`);
      const soon = await open(`${word} pronto`);
      const pastDue = await open(`${word} vencido`);
      const later = await open(`${word} tarde`);
      const none = await open(`${word} sin reloj`);
      const soonDue = minutesFromNow(20);
      const pastDueAt = minutesFromNow(-5);
      await state(breached.id, { nextDueAt: minutesFromNow(5), breached: true });
      await state(soon.id, { nextDueAt: soonDue, breached: false });
      await state(pastDue.id, { nextDueAt: pastDueAt, breached: false });
      await state(later.id, { nextDueAt: minutesFromNow(120), breached: false });
      await waitFor('the states', async () => ((await ticketSla(later.id)).nextDueAt ? true : undefined), 20_000);
      await waitFor('all states', async () => ((await ticketSla(breached.id)).breached ? true : undefined), 20_000);
      await waitFor('all due times', async () => ((await ticketSla(soon.id)).nextDueAt === soonDue ? true : undefined), 20_000);
      expect(await ticketSla(pastDue.id)).toEqual({ nextDueAt: pastDueAt, breached: false });
      expect(await ticketSla(none.id)).toEqual({ nextDueAt: null, breached: false });

      const breachedIds = await listIds({ sla: 'breached', q: word });
      expect(breachedIds).toEqual([breached.id]);
      expect(await listIds({ slaDueWithin: 30, q: word })).toEqual([pastDue.id, soon.id]);
      expect(await listIds({ slaDueWithin: 180, q: word })).toEqual([later.id, pastDue.id, soon.id]);

      expect(await listIds({ sort: 'sla_due', q: word })).toEqual([pastDue.id, breached.id, soon.id, later.id, none.id]);
      const firstPage = await suite
        .api()
        .get('/api/v1/tickets')
        .query({ sort: 'sla_due', q: word, limit: 2 })
        .set(bearer(suite.admin))
        .expect(200);
      expect(firstPage.body.data.map((t: { id: string }) => t.id)).toEqual([pastDue.id, breached.id]);
      const secondPage = await suite
        .api()
        .get('/api/v1/tickets')
        .query({ sort: 'sla_due', q: word, limit: 2, cursor: firstPage.body.nextCursor })
        .set(bearer(suite.admin))
        .expect(200);
      expect(secondPage.body.data.map((t: { id: string }) => t.id)).toEqual([soon.id, later.id]);
      const thirdPage = await suite
        .api()
        .get('/api/v1/tickets')
        .query({ sort: 'sla_due', q: word, limit: 2, cursor: secondPage.body.nextCursor })
        .set(bearer(suite.admin))
        .expect(200);
      expect(thirdPage.body.data.map((t: { id: string }) => t.id)).toEqual([none.id]);
      expect(thirdPage.body.nextCursor).toBeNull();

      const viewIds = async (view: string) =>
        (
          (await suite.api().get(`/api/v1/views/${view}/tickets`).query({ limit: 100 }).set(bearer(suite.admin)).expect(200)).body.data as {
            id: string;
          }[]
        ).map((t) => t.id);
      const breachedView = await viewIds('sla-breached');
      expect(breachedView).toContain(breached.id);
      expect(breachedView).not.toContain(soon.id);
      const soonView = await viewIds('sla-breaching-soon');
      expect(soonView).toEqual(expect.arrayContaining([soon.id, pastDue.id]));
      expect(soonView).not.toContain(later.id);
      expect(soonView).not.toContain(breached.id);
      const views = (await suite.api().get('/api/v1/views').set(bearer(suite.admin)).expect(200)).body as { id: string; count: number }[];
      expect(views.map((v) => v.id).slice(0, 5)).toEqual([
        'my-open',
        'unassigned-in-my-teams',
        'all-open',
        'sla-breached',
        'sla-breaching-soon',
      ]);
      expect(views.find((v) => v.id === 'sla-breached')?.count).toBeGreaterThanOrEqual(1);

      const saved = await suite
        .api()
        .post('/api/v1/views')
        .set(bearer(suite.admin))
        .send({ name: `Vence pronto ${run}`, filters: { q: word, slaDueWithin: 30 } })
        .expect(201);
      expect(saved.body.count).toBe(2);
      expectProblem(
        await suite
          .api()
          .post('/api/v1/views')
          .set(bearer(suite.admin))
          .send({ name: 'x', filters: { slaDueWithin: 0, sla: 'soon' } }),
        422,
      );
    });

    it('answers 400 naming the field for bad SLA filters and sorts', async () => {
      for (const [query, field] of [
        [{ slaDueWithin: '0' }, 'slaDueWithin'],
        [{ slaDueWithin: 'abc' }, 'slaDueWithin'],
        [{ slaDueWithin: '10081' }, 'slaDueWithin'],
        [{ slaDueWithin: '1.5' }, 'slaDueWithin'],
        [{ sla: 'foo' }, 'sla'],
        [{ sort: 'sla_soon' }, 'sort'],
      ] as const) {
        const res = await suite.api().get('/api/v1/tickets').query(query).set(bearer(suite.admin));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expectProblem(
        await suite.api().get('/api/v1/tickets').query({ sort: 'sla_due', cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(suite.admin)),
        400,
      );
    });

    it('keeps SLA state and filters from customers', async () => {
      const customer = await userWithRole(suite.target, suite.admin, 'customer');
      const own = await open(`cliente ${run}`, {}, customer.token);
      await state(own.id, { nextDueAt: null, breached: true });
      await waitFor('breached', async () => ((await ticketSla(own.id)).breached ? true : undefined), 20_000);
      const read = (await suite.api().get(`/api/v1/tickets/${own.id}`).set(bearer(customer.token)).expect(200)).body;
      expect(read).not.toHaveProperty('sla');
      const list = (await suite.api().get('/api/v1/tickets').set(bearer(customer.token)).expect(200)).body;
      expect(list.data[0]).not.toHaveProperty('sla');
      for (const query of [{ sla: 'breached' }, { slaDueWithin: '60' }, { sort: 'sla_due' }]) {
        expectProblem(await suite.api().get('/api/v1/tickets').query(query).set(bearer(customer.token)), 403, 'FORBIDDEN');
      }
    });
  });

  describe('GET /tickets/:id/sla', () => {
    it('is for staff, behind the ticket access check', async () => {
      const customer = await userWithRole(suite.target, suite.admin, 'customer');
      const own = await open(`sla cliente ${run}`, {}, customer.token);
      expectProblem(await suite.api().get(`/api/v1/tickets/${own.id}/sla`).set(bearer(customer.token)), 403);
      expectProblem(await suite.api().get('/api/v1/tickets/HD-9999999/sla').set(bearer(suite.admin)), 404, 'NOT_FOUND');
      expectProblem(await suite.api().get(`/api/v1/tickets/${randomUUID()}/sla`).set(bearer(suite.admin)), 404, 'NOT_FOUND');
      expectProblem(await suite.api().get('/api/v1/tickets/nope/sla').set(bearer(suite.admin)), 400);
    });
  });

  describe('notifications', () => {
    it('lists your own newest first, pages, filters unread, and marks them read', async () => {
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const other = await userWithRole(suite.target, suite.admin, 'agent');
      const created = await open(`avisos ${run}`);
      const ticket = (
        await suite.api().patch(`/api/v1/tickets/${created.id}`).set(bearer(suite.admin)).send({ assigneeId: agent.id }).expect(200)
      ).body;
      for (const percent of [50, 75, 90]) {
        await publish(
          envelope<SlaWarningV1>(EVENTS.sla.warning, {
            ...clockRef(ticket),
            dueAt: minutesFromNow(30),
            warningPercent: percent,
            warnedAt: new Date().toISOString(),
          }),
        );
        await waitFor(
          `warning ${percent}`,
          async () => ((await notifications(agent.token)).data.length >= [50, 75, 90].indexOf(percent) + 1 ? true : undefined),
          20_000,
        );
      }
      const all = await notifications(agent.token);
      expect(all.data.map((n: { payload: { warningPercent: number } }) => n.payload.warningPercent)).toEqual([90, 75, 50]);
      expect((await notifications(other.token)).data).toEqual([]);

      const first = await notifications(agent.token, { limit: 2 });
      expect(first.data).toHaveLength(2);
      const second = await notifications(agent.token, { limit: 2, cursor: first.nextCursor });
      expect(second.data.map((n: { id: string }) => n.id)).toEqual([all.data[2].id]);
      expect(second.nextCursor).toBeNull();

      expectProblem(await suite.api().post(`/api/v1/notifications/${all.data[0].id}/read`).set(bearer(other.token)), 404, 'NOT_FOUND');
      await suite.api().post(`/api/v1/notifications/${all.data[0].id}/read`).set(bearer(agent.token)).expect(204);
      await suite.api().post(`/api/v1/notifications/${all.data[0].id}/read`).set(bearer(agent.token)).expect(204);
      const unread = await notifications(agent.token, { unread: true });
      expect(unread.data.map((n: { id: string }) => n.id)).toEqual([all.data[1].id, all.data[2].id]);
      const again = await notifications(agent.token);
      expect(again.data[0].readAt).toEqual(expect.any(String));
    });

    it('refuses bad input with 400', async () => {
      expectProblem(await suite.api().get('/api/v1/notifications').query({ unread: 'maybe' }).set(bearer(suite.admin)), 400);
      expectProblem(await suite.api().get('/api/v1/notifications').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(suite.admin)), 400);
      expectProblem(await suite.api().post('/api/v1/notifications/not-a-uuid/read').set(bearer(suite.admin)), 400);
      expectProblem(await suite.api().post(`/api/v1/notifications/${randomUUID()}/read`).set(bearer(suite.admin)), 404);
    });
  });
});
