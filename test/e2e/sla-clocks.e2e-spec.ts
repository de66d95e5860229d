import { createHmac } from 'node:crypto';
import type { TicketSlaView as Sla } from '@helpdesk/contracts';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { bearer, expectProblem, userWithRole } from '../support/api';
import { waitFor } from '../support/free-port';
import { slaTools } from '../support/sla';
import { useSuite } from '../support/suite';

const MINUTE = 60_000;

/**
 * SLA clocks end to end: the ticket service's events move the clocks, time is driven by the test
 * clock (PUT /api/v1/admin/test-clock) instead of sleeping, and the due-work loop fires warnings,
 * breaches and escalation levels once each.
 */
describe('SLA clocks, warnings, breaches and escalations', () => {
  const hookSecret = 'whsec_sla-escalations-0123456789';
  const suite = useSuite({
    TEST_CLOCK: 'true',
    SLA_POLL_INTERVAL_MS: '50',
    SLA_WEBHOOK_POLL_INTERVAL_MS: '50',
    SLA_WEBHOOK_SECRET: hookSecret,
  });
  const run = Date.now().toString(36);
  const hooks: { body: Record<string, unknown>; raw: string; headers: IncomingMessage['headers'] }[] = [];
  let hookServer: Server;
  let hookUrl: string;
  let customer: { id: string; email: string; token: string };

  beforeAll(async () => {
    customer = await userWithRole(suite.target, suite.admin, 'customer');
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        hooks.push({ body: JSON.parse(body), raw: body, headers: req.headers });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/sla`;
  });
  afterAll(() => new Promise((resolve) => hookServer.close(resolve)));

  const post = (path: string, body: object, token = suite.admin) => suite.api().post(path).set(bearer(token)).send(body);
  const patch = (path: string, body: object, token = suite.admin) => suite.api().patch(path).set(bearer(token)).send(body);
  const get = (path: string, token = suite.admin) => suite.api().get(path).set(bearer(token));

  const { advance, offset, slaOf, slaWhen } = slaTools(suite);
  const historyActions = async (ticketId: string) =>
    ((await get(`/api/v1/tickets/${ticketId}/history`).expect(200)).body as { action: string }[]).map((e) => e.action);
  const hooksOf = (ticketId: string) => hooks.filter((h) => (h.body.data as { ticketId: string }).ticketId === ticketId);
  const target = (sla: Sla, clock: string) => sla.targets.find((t) => t.clock === clock);

  async function ticket(tag: string, body: object = {}) {
    const requester = { email: customer.email };
    return (
      await post('/api/v1/tickets', { subject: 'Impresora atascada', description: 'No imprime', tags: [tag], requester, ...body }).expect(
        201,
      )
    ).body;
  }

  it('starts first response and resolution on creation, warns, breaches, escalates level by level, and stops on the reply', async () => {
    const tag = `sla-${run}-a`;
    const policy = (
      await post('/api/v1/sla/policies', {
        name: `Calendar minutes ${run}`,
        position: 1,
        conditions: { tagsAny: [tag] },
        targets: {
          normal: { firstResponse: { minutes: 60, businessHours: false }, resolution: { minutes: 480, businessHours: false } },
          high: { firstResponse: { minutes: 30, businessHours: false }, resolution: { minutes: 240, businessHours: false } },
        },
        warningPercent: 50,
        escalation: {
          levels: [
            { afterBreachMinutes: 0, clock: 'first_response', actions: [{ type: 'notify', to: 'webhook', url: hookUrl }] },
            { afterBreachMinutes: 60, clock: 'first_response', actions: [{ type: 'notify', to: 'assignee' }] },
          ],
        },
      }).expect(201)
    ).body;
    const t = await ticket(tag);

    const started = await slaWhen(t.id, 'clocks to start', (sla) => sla.targets.length === 2);
    expect(started.policy).toEqual({ id: policy.id, name: policy.name, version: 1 });
    const first = target(started, 'first_response')!;
    expect(first).toMatchObject({ status: 'running', targetMinutes: 60, breached: false, paused: false, warnedAt: null, cycle: 1 });
    expect(new Date(first.dueAt!).getTime() - new Date(t.createdAt).getTime()).toBeGreaterThanOrEqual(60 * MINUTE - 1000);
    expect(new Date(first.dueAt!).getTime() - new Date(t.createdAt).getTime()).toBeLessThanOrEqual(60 * MINUTE + 1000);
    expect(target(started, 'resolution')).toMatchObject({ status: 'running', targetMinutes: 480 });

    await advance(31);
    const warned = await slaWhen(t.id, 'the first-response warning', (sla) => !!target(sla, 'first_response')!.warnedAt);
    expect(target(warned, 'first_response')).toMatchObject({ breached: false, status: 'running' });
    expect(target(warned, 'resolution')!.warnedAt).toBeNull();
    expect(target(warned, 'first_response')!.remainingMinutes).toBeLessThan(30);

    await advance(30);
    const breached = await slaWhen(t.id, 'the breach and level 1', (sla) => target(sla, 'first_response')!.escalatedLevels.length === 1);
    expect(target(breached, 'first_response')).toMatchObject({
      breached: true,
      status: 'running',
      breachedAt: first.dueAt,
      escalatedLevels: [1],
    });
    await waitFor('the level-1 webhook', () => Promise.resolve(hooks.length ? hooks : undefined), 10_000, 50);
    expect(hooks[0].body).toMatchObject({
      type: 'sla.escalated',
      data: { ticketId: t.id, clock: 'first_response', level: 1, policyId: policy.id },
    });
    // Signed as the inbound webhooks are: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">, computed here independently.
    const signature = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hooks[0].headers['x-helpdesk-signature']));
    expect(signature).not.toBeNull();
    expect(signature![2]).toBe(createHmac('sha256', hookSecret).update(`${signature![1]}.${hooks[0].raw}`).digest('hex'));

    await advance(60);
    const level2 = await slaWhen(t.id, 'level 2', (sla) => target(sla, 'first_response')!.escalatedLevels.length === 2);
    expect(target(level2, 'first_response')!.escalatedLevels).toEqual([1, 2]);

    // Nothing fires twice, however long it waits.
    await advance(120);
    await post(`/api/v1/tickets/${t.id}/comments`, { body: 'Estamos en ello', public: true }).expect(201);
    const answered = await slaWhen(t.id, 'first response to stop', (sla) => target(sla, 'first_response')!.status !== 'running');
    expect(target(answered, 'first_response')).toMatchObject({ status: 'breached', breached: true, escalatedLevels: [1, 2] });
    expect(hooksOf(t.id)).toHaveLength(1);
    const types = answered.events.filter((e) => e.clock === 'first_response').map((e) => e.type);
    expect(types).toEqual(['activate', 'warning', 'breach', 'escalate', 'escalate', 'fulfil']);
    expect(answered.events[0]).toMatchObject({ type: 'apply_sla', clock: null });
  });

  it('pauses resolution while pending, resumes on reopening, re-targets on a priority change, and meets it on solve', async () => {
    const tag = `sla-${run}-b`;
    await post('/api/v1/sla/policies', {
      name: `Pauses ${run}`,
      position: 2,
      conditions: { tagsAny: [tag] },
      targets: {
        normal: { resolution: { minutes: 120, businessHours: false } },
        urgent: { resolution: { minutes: 60, businessHours: false } },
      },
    }).expect(201);
    const t = await ticket(tag);
    const running = await slaWhen(t.id, 'resolution to start', (sla) => target(sla, 'resolution')?.status === 'running');
    expect(running.targets.map((x) => x.clock)).toEqual(['resolution']);

    await patch(`/api/v1/tickets/${t.id}`, { status: 'pending' }).expect(200);
    await slaWhen(t.id, 'resolution to pause', (sla) => target(sla, 'resolution')!.paused);
    await advance(600);
    const paused = await slaOf(t.id);
    expect(target(paused, 'resolution')).toMatchObject({ status: 'paused', breached: false, dueAt: null });

    await patch(`/api/v1/tickets/${t.id}`, { status: 'open' }).expect(200);
    const resumed = await slaWhen(t.id, 'resolution to resume', (sla) => target(sla, 'resolution')!.status === 'running');
    expect(target(resumed, 'resolution')!.remainingMinutes).toBeGreaterThan(110);

    await patch(`/api/v1/tickets/${t.id}`, { priority: 'urgent' }).expect(200);
    const urgent = await slaWhen(t.id, 'the urgent target', (sla) => target(sla, 'resolution')!.targetMinutes === 60);
    expect(target(urgent, 'resolution')!.remainingMinutes).toBeGreaterThan(50);
    expect(target(urgent, 'resolution')!.remainingMinutes).toBeLessThanOrEqual(60);

    await patch(`/api/v1/tickets/${t.id}`, { status: 'solved' }).expect(200);
    const solved = await slaWhen(t.id, 'resolution to stop', (sla) => target(sla, 'resolution')!.status !== 'running');
    expect(target(solved, 'resolution')).toMatchObject({ status: 'met', breached: false });
    expect(solved.events.map((e) => e.type)).toEqual(['apply_sla', 'activate', 'pause', 'resume', 'update_target', 'fulfil']);
  });

  it('runs next response from a requester reply to the next agent reply', async () => {
    const tag = `sla-${run}-c`;
    await post('/api/v1/sla/policies', {
      name: `Next response ${run}`,
      position: 3,
      conditions: { tagsAny: [tag] },
      targets: { normal: { firstResponse: { minutes: 30, businessHours: false }, nextResponse: { minutes: 45, businessHours: false } } },
    }).expect(201);
    const t = await ticket(tag, { subject: 'VPN', description: 'No conecta' });
    await slaWhen(t.id, 'first response to start', (sla) => target(sla, 'first_response')?.status === 'running');
    await post(`/api/v1/tickets/${t.id}/comments`, { body: 'Una nota interna', public: false }).expect(201);
    await post(`/api/v1/tickets/${t.id}/comments`, { body: '¿Puede reiniciar?', public: true }).expect(201);
    await slaWhen(t.id, 'first response met', (sla) => target(sla, 'first_response')!.status === 'met');

    await post(`/api/v1/tickets/${t.id}/comments`, { body: 'Sigue sin conectar', public: true }, customer.token).expect(201);
    const waiting = await slaWhen(t.id, 'next response to start', (sla) => target(sla, 'next_response')?.status === 'running');
    expect(target(waiting, 'next_response')).toMatchObject({ cycle: 1, targetMinutes: 45 });

    await post(`/api/v1/tickets/${t.id}/comments`, { body: 'Probemos otra cosa', public: true }).expect(201);
    await slaWhen(t.id, 'next response met', (sla) => target(sla, 'next_response')!.status === 'met');
    await post(`/api/v1/tickets/${t.id}/comments`, { body: 'Tampoco', public: true }, customer.token).expect(201);
    const again = await slaWhen(t.id, 'a second run of next response', (sla) => target(sla, 'next_response')!.cycle === 2);
    expect(target(again, 'next_response')!.status).toBe('running');
  });

  it('keeps the policy version a ticket started with when the policy changes', async () => {
    const tag = `sla-${run}-d`;
    const policy = (
      await post('/api/v1/sla/policies', {
        name: `Versions ${run}`,
        position: 4,
        conditions: { tagsAny: [tag] },
        targets: { normal: { resolution: { minutes: 100, businessHours: false } } },
      }).expect(201)
    ).body;
    const before = await ticket(tag);
    await slaWhen(before.id, 'clocks of the first ticket', (sla) => sla.targets.length === 1);
    await patch(`/api/v1/sla/policies/${policy.id}`, {
      targets: { normal: { resolution: { minutes: 200, businessHours: false } } },
    }).expect(200);
    const after = await ticket(tag);
    const late = await slaWhen(after.id, 'clocks of the second ticket', (sla) => sla.targets.length === 1);
    expect(late.policy!.version).toBe(2);
    expect(target(late, 'resolution')!.targetMinutes).toBe(200);
    await patch(`/api/v1/tickets/${before.id}`, { tags: [tag, 'otra'] }).expect(200);
    await patch(`/api/v1/tickets/${before.id}`, { priority: 'high' }).expect(200);
    const kept = await slaWhen(before.id, 'the priority change', (sla) => sla.events.some((e) => e.type === 'cancel'));
    expect(kept.policy!.version).toBe(1);
  });

  it('fires each warning, breach and level once for many tickets coming due together (two replicas in the distributed run)', async () => {
    const tag = `sla-${run}-e`;
    await post('/api/v1/sla/policies', {
      name: `Many ${run}`,
      position: 5,
      conditions: { tagsAny: [tag] },
      targets: { normal: { firstResponse: { minutes: 10, businessHours: false } } },
      escalation: {
        levels: [
          { afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'webhook', url: hookUrl }] },
          { afterBreachMinutes: 30, actions: [{ type: 'notify', to: 'webhook', url: hookUrl }] },
        ],
      },
    }).expect(201);
    const tickets: { id: string; number: string }[] = [];
    for (let i = 0; i < 30; i++) tickets.push(await ticket(tag, { subject: `Lote ${i}` }));
    for (const t of tickets) await slaWhen(t.id, `clocks of ${t.number}`, (sla) => sla.targets.length === 1);

    await advance(45);
    for (const t of tickets) {
      const sla = await slaWhen(t.id, `both levels of ${t.number}`, (x) => target(x, 'first_response')!.escalatedLevels.length === 2);
      const types = sla.events.filter((e) => e.clock === 'first_response').map((e) => e.type);
      expect(types).toEqual(['activate', 'warning', 'breach', 'escalate', 'escalate']);
    }
    await waitFor('every webhook', () => Promise.resolve(tickets.every((t) => hooksOf(t.id).length >= 2) ? true : undefined), 15_000, 50);
    await advance(60);
    for (const t of tickets) {
      const levels = hooksOf(t.id).map((h) => (h.body.data as { level: number }).level);
      expect(levels.sort()).toEqual([1, 2]);
    }
  });

  it('fires what came due while the SLA service was down when it comes back, once', async () => {
    const tag = `sla-${run}-f`;
    await post('/api/v1/sla/policies', {
      name: `Downtime ${run}`,
      position: 6,
      conditions: { tagsAny: [tag] },
      targets: { normal: { resolution: { minutes: 20, businessHours: false } } },
      escalation: { levels: [{ afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'webhook', url: hookUrl }] }] },
    }).expect(201);
    const t = await ticket(tag);
    const started = await slaWhen(t.id, 'resolution to start', (sla) => target(sla, 'resolution')?.status === 'running');

    await suite.target.stopService('sla-service');
    try {
      await advance(30);
    } finally {
      await suite.target.startService('sla-service');
    }
    const breached = await slaWhen(t.id, 'the breach after the restart', (sla) => target(sla, 'resolution')!.escalatedLevels.length === 1);
    expect(target(breached, 'resolution')!.breachedAt).toBe(target(started, 'resolution')!.dueAt);
    await waitFor('the webhook', () => Promise.resolve(hooksOf(t.id).length ? true : undefined), 10_000, 50);
    await advance(10);
    await slaOf(t.id);
    expect(hooksOf(t.id)).toHaveLength(1);
  });

  it('acts on the ticket: history, the assignee notified, priority raised (re-targeting the clocks), and the SLA filters', async () => {
    const tag = `sla-${run}-g`;
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    await post('/api/v1/sla/policies', {
      name: `Actions ${run}`,
      position: 7,
      conditions: { tagsAny: [tag] },
      targets: {
        normal: { resolution: { minutes: 60, businessHours: false } },
        high: { resolution: { minutes: 90, businessHours: false } },
      },
      escalation: {
        levels: [
          { afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'assignee' }] },
          { afterBreachMinutes: 30, actions: [{ type: 'raise_priority' }] },
        ],
      },
    }).expect(201);
    const t = await ticket(tag);
    await patch(`/api/v1/tickets/${t.id}`, { assigneeId: agent.id }).expect(200);
    await slaWhen(t.id, 'resolution to start', (sla) => target(sla, 'resolution')?.status === 'running');
    const listed = async (query: Record<string, string>) =>
      ((await get(`/api/v1/tickets?${new URLSearchParams(query).toString()}`).expect(200)).body.data as { id: string }[]).map((x) => x.id);
    await waitFor(
      'the ticket due within the hour',
      async () => ((await listed({ slaDueWithin: '60' })).includes(t.id) ? true : undefined),
      10_000,
      50,
    );
    expect(await listed({ slaDueWithin: '30' })).not.toContain(t.id);

    await advance(45);
    await waitFor(
      'the warning in the history',
      async () => ((await historyActions(t.id)).includes('sla_warning') ? true : undefined),
      10_000,
      50,
    );
    await advance(20);
    await waitFor('the breached filter', async () => ((await listed({ sla: 'breached' })).includes(t.id) ? true : undefined), 10_000, 50);
    const mine = (await get('/api/v1/notifications', agent.token).expect(200)).body.data as { ticketId: string; kind: string }[];
    expect(mine.filter((n) => n.ticketId === t.id).map((n) => n.kind)).toEqual(expect.arrayContaining(['sla_warning', 'sla_escalated']));

    await advance(30);
    const raised = await waitFor(
      'the priority raised by level 2',
      async () => {
        const current = (await get(`/api/v1/tickets/${t.id}`).expect(200)).body as { priority: string };
        return current.priority === 'high' ? current : undefined;
      },
      10_000,
      50,
    );
    expect(raised.priority).toBe('high');
    const retargeted = await slaWhen(t.id, 'the high-priority target', (sla) => target(sla, 'resolution')!.targetMinutes === 90);
    // A breach stays a breach after a looser target.
    expect(target(retargeted, 'resolution')).toMatchObject({ breached: true, escalatedLevels: [1, 2] });
    const actions = await historyActions(t.id);
    expect(actions.filter((a) => a === 'sla_breached')).toHaveLength(1);
    expect(actions.filter((a) => a === 'sla_escalated')).toHaveLength(2);
  });

  it('moves the due times of running clocks when their calendar changes, and keeps the calendar while clocks count by it', async () => {
    const tag = `sla-${run}-h`;
    const ALWAYS = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
    const calendar = (await post('/api/v1/sla/calendars', { name: `Always ${run}`, timeZone: 'UTC', weeklyHours: ALWAYS }).expect(201))
      .body;
    const policy = (
      await post('/api/v1/sla/policies', {
        name: `Business ${run}`,
        position: 8,
        conditions: { tagsAny: [tag] },
        calendarId: calendar.id,
        targets: { normal: { resolution: { minutes: 60, businessHours: true } } },
      }).expect(201)
    ).body;
    const t = await ticket(tag);
    const started = await slaWhen(t.id, 'resolution to start', (sla) => target(sla, 'resolution')?.status === 'running');
    const activatedAt = new Date(started.events.find((e) => e.type === 'activate')!.at);
    expect(new Date(target(started, 'resolution')!.dueAt!).getTime() - activatedAt.getTime()).toBe(60 * MINUTE);

    // Today and tomorrow become holidays: the hour left is counted from the day after.
    const day = (n: number) => new Date(Date.UTC(activatedAt.getUTCFullYear(), activatedAt.getUTCMonth(), activatedAt.getUTCDate() + n));
    const holidays = [0, 1].map((n) => ({ date: day(n).toISOString().slice(0, 10) }));
    await patch(`/api/v1/sla/calendars/${calendar.id}`, { holidays }).expect(200);
    const moved = await slaWhen(
      t.id,
      'the due time to follow the calendar',
      (sla) => target(sla, 'resolution')!.dueAt !== target(started, 'resolution')!.dueAt,
    );
    expect(target(moved, 'resolution')!.dueAt).toBe(new Date(day(2).getTime() + 60 * MINUTE).toISOString());

    // Policies move to another calendar, but the ticket's clock still counts by this one.
    await patch(`/api/v1/sla/policies/${policy.id}`, {
      calendarId: null,
      targets: { normal: { resolution: { minutes: 60, businessHours: false } } },
    }).expect(200);
    const refused = await suite.api().delete(`/api/v1/sla/calendars/${calendar.id}`).set(bearer(suite.admin));
    expectProblem(refused, 409, 'CONFLICT');
    expect(refused.body.detail).toMatch(/running SLA clocks of 1 ticket/);
    await patch(`/api/v1/tickets/${t.id}`, { status: 'solved' }).expect(200);
    await slaWhen(t.id, 'resolution to stop', (sla) => target(sla, 'resolution')!.status === 'met');
    await suite.api().delete(`/api/v1/sla/calendars/${calendar.id}`).set(bearer(suite.admin)).expect(204);
  });

  it("escalates a team's tickets by the team's own levels", async () => {
    const tag = `sla-${run}-i`;
    const team = (await post('/api/v1/teams', { name: `Redes ${run}`, tier: 1 }).expect(201)).body as { id: string };
    await post('/api/v1/sla/policies', {
      name: `Team levels ${run}`,
      position: 9,
      conditions: { tagsAny: [tag] },
      targets: { normal: { resolution: { minutes: 30, businessHours: false } } },
      escalation: {
        levels: [{ afterBreachMinutes: 0, actions: [{ type: 'raise_priority' }] }],
        teams: [{ teamId: team.id, levels: [{ afterBreachMinutes: 10, actions: [{ type: 'notify', to: 'webhook', url: hookUrl }] }] }],
      },
    }).expect(201);
    const inTeam = await ticket(tag, { teamId: team.id });
    const other = await ticket(tag);
    for (const t of [inTeam, other]) await slaWhen(t.id, 'resolution to start', (sla) => target(sla, 'resolution')?.status === 'running');

    await advance(45);
    await waitFor("the team's webhook", () => Promise.resolve(hooksOf(inTeam.id).length ? true : undefined), 10_000, 50);
    expect(hooksOf(inTeam.id)[0].body).toMatchObject({ data: { level: 1, teamId: team.id } });
    const raised = await waitFor(
      "the policy's level for the ticket without a team",
      async () => {
        const current = (await get(`/api/v1/tickets/${other.id}`).expect(200)).body as { priority: string };
        return current.priority === 'high' ? current : undefined;
      },
      10_000,
      50,
    );
    expect(raised.priority).toBe('high');
    expect(hooksOf(other.id)).toEqual([]);
    expect(((await get(`/api/v1/tickets/${inTeam.id}`).expect(200)).body as { priority: string }).priority).toBe('normal');
  });

  it('holds escalation notices for the opening hours of the calendar when the policy says so', async () => {
    const tag = `sla-${run}-j`;
    const t = await ticket(tag);
    // The team works one day a week, three days after the ticket's creation (in the suite's clock).
    const created = new Date((await slaOf(t.id)).at);
    const workday = new Date(Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate() + 3));
    const calendar = (
      await post('/api/v1/sla/calendars', {
        name: `One day ${run}`,
        timeZone: 'UTC',
        weeklyHours: { [String(workday.getUTCDay())]: [{ start: '09:00', end: '17:00' }] },
      }).expect(201)
    ).body as { id: string };
    await post('/api/v1/sla/policies', {
      name: `Quiet ${run}`,
      position: 10,
      conditions: { tagsAny: [`${tag}-quiet`] },
      calendarId: calendar.id,
      noticesInBusinessHours: true,
      targets: { normal: { resolution: { minutes: 30, businessHours: false } } },
      escalation: { levels: [{ afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'webhook', url: hookUrl }] }] },
    }).expect(201);
    // A tag added later: the policy applies from then on (policies are matched again on every update).
    await patch(`/api/v1/tickets/${t.id}`, { tags: [tag, `${tag}-quiet`] }).expect(200);
    const started = await slaWhen(t.id, 'the quiet policy', (sla) => sla.policy?.name === `Quiet ${run}`);
    const dueAt = new Date(target(started, 'resolution')!.dueAt!);

    await advance(40);
    const breached = await slaWhen(t.id, 'the breach, at once', (sla) => target(sla, 'resolution')!.breached);
    expect(target(breached, 'resolution')).toMatchObject({ breachedAt: dueAt.toISOString(), escalatedLevels: [] });
    expect(hooksOf(t.id)).toEqual([]);

    // To the workday's opening: the level goes out then.
    const opening = new Date(workday.getTime() + 9 * 3_600_000);
    await advance(Math.ceil((opening.getTime() - new Date((await slaOf(t.id)).at).getTime()) / MINUTE) + 1);
    await waitFor('the held webhook', () => Promise.resolve(hooksOf(t.id).length ? true : undefined), 10_000, 50);
    const sent = await slaOf(t.id);
    expect(target(sent, 'resolution')!.escalatedLevels).toEqual([1]);
    const escalate = sent.events.find((e) => e.type === 'escalate')!;
    expect(new Date(escalate.at).getTime()).toBe(opening.getTime());
  });

  it('answers the SLA of a ticket to staff only', async () => {
    const t = (await post('/api/v1/tickets', { subject: 'x', description: 'y' }, customer.token).expect(201)).body;
    expectProblem(await get(`/api/v1/tickets/${t.id}/sla`, customer.token), 403, 'FORBIDDEN');
    expectProblem(await get('/api/v1/tickets/HD-999999/sla'), 404, 'NOT_FOUND');
    const none = await get(`/api/v1/tickets/${t.number}/sla`).expect(200);
    expect(none.body).toMatchObject({ ticketId: t.id, policy: null, targets: [] });
  });

  it('refuses a clock moved backwards or by a non-admin', async () => {
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    expectProblem(
      await suite
        .api()
        .put('/api/v1/admin/test-clock')
        .set(bearer(agent.token))
        .send({ offsetMs: offset() + 1 }),
      403,
    );
    expectProblem(await suite.api().put('/api/v1/admin/test-clock').set(bearer(suite.admin)).send({ offsetMs: -5 }), 400);
  });
});
