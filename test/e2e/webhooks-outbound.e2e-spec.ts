import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import request from 'supertest';
import { bearer, expectProblem, uniqueEmail, userWithRole } from '../support/api';
import { freePort, waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; data: Record<string, unknown> };
  status: number;
}

/** How a receiver path answers: `failFirst` tries of each delivery get `failStatus`, later ones 200; `delayMs` before answering. */
interface Behaviour {
  failFirst?: number;
  failStatus?: number;
  delayMs?: number;
}

/**
 * Outbound webhooks: admins' subscriptions receive ticket and SLA events as signed, retried, logged
 * deliveries they can replay and ping; chat channels with an `outboundUrl` receive agents' public replies.
 * The receiver is a real HTTP server on loopback that checks every signature itself.
 */
describe('Outbound webhooks', () => {
  const suite = useSuite({
    OUTBOUND_MAX_ATTEMPTS: '3',
    OUTBOUND_BACKOFF_BASE_MS: '50',
    OUTBOUND_POLL_INTERVAL_MS: '50',
    OUTBOUND_TIMEOUT_MS: '5000',
  });
  const run = Date.now().toString(36);
  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${run}-${++seq}`;

  let server: Server;
  let base: string;
  const received: Received[] = [];
  const behaviours = new Map<string, Behaviour>();
  const triesByDelivery = new Map<string, number>();

  beforeAll(async () => {
    const port = await freePort();
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const behaviour = behaviours.get(path) ?? {};
        const delivery = String(req.headers['x-helpdesk-delivery']);
        const tries = (triesByDelivery.get(delivery) ?? 0) + 1;
        triesByDelivery.set(delivery, tries);
        const status = tries <= (behaviour.failFirst ?? 0) ? (behaviour.failStatus ?? 500) : 200;
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ path, headers: req.headers, body, json: JSON.parse(body) as Received['json'], status });
        setTimeout(() => {
          res.statusCode = status;
          res.end();
        }, behaviour.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Checked here, independently of the app's code: `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, within 5 minutes. */
  function signedWith(secret: string, hit: Received): boolean {
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hit.headers['x-helpdesk-signature']));
    if (!match) return false;
    const t = Number(match[1]);
    if (Math.abs(Date.now() / 1000 - t) > 300) return false;
    const expected = createHmac('sha256', secret).update(`${t}.${hit.body}`).digest();
    return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
  }

  const hitsAt = (path: string) => received.filter((hit) => hit.path === path);
  const eventually = <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000) =>
    waitFor(what, () => Promise.resolve(probe()), timeoutMs, 100);

  async function subscribe(events: string[], behaviour: Behaviour = {}) {
    const path = `/hooks/${unique('sub')}`;
    behaviours.set(path, behaviour);
    const secret = `whsec_${unique('s')}_0123456789`;
    const res = await suite
      .api()
      .post('/api/v1/webhooks')
      .set(bearer(suite.admin))
      .send({ url: `${base}${path}`, events, secret, description: 'e2e receiver' })
      .expect(201);
    return { id: res.body.id as string, path, secret, body: res.body as Record<string, unknown> };
  }

  async function openTicket(subject = unique('Outbound')) {
    return (await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).send({ subject, description: 'x' }).expect(201)).body as {
      id: string;
      number: string;
    };
  }

  const deliveriesOf = async (subscriptionId: string) =>
    (await suite.api().get(`/api/v1/webhooks/${subscriptionId}/deliveries`).set(bearer(suite.admin)).expect(200)).body as {
      id: string;
      eventType: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      attemptLog: { attempt: number; statusCode: number | null }[];
    }[];

  const ticketIdOf = (hit: Received) => (hit.json.data.ticket as { id: string } | undefined)?.id;

  describe('subscriptions', () => {
    it('POSTs ticket.created to a subscriber, signed with its secret, and logs the delivery', async () => {
      const sub = await subscribe(['ticket.created']);
      const ticket = await openTicket();
      const hit = await eventually('the ticket.created delivery', () => hitsAt(sub.path).find((h) => ticketIdOf(h) === ticket.id));
      expect(hit.json).toMatchObject({ type: 'ticket.created', data: { ticket: { id: ticket.id, number: ticket.number } } });
      expect(hit.headers['x-helpdesk-event']).toBe('ticket.created');
      expect(signedWith(sub.secret, hit)).toBe(true);
      expect(signedWith('whsec_some-other-secret-000', hit)).toBe(false);

      const [delivery] = await eventually('the delivered log entry', async () => {
        const list = await deliveriesOf(sub.id);
        return list.some((d) => d.status === 'delivered') ? list : undefined;
      });
      expect(delivery).toMatchObject({
        id: hit.headers['x-helpdesk-delivery'],
        eventType: 'ticket.created',
        status: 'delivered',
        attempts: 1,
      });
      expect(delivery.attemptLog).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200 })]);
    });

    it('sends only the events a subscription lists', async () => {
      const onlyUpdates = await subscribe(['ticket.updated']);
      const everything = await subscribe(['*']);
      const ticket = await openTicket();
      await eventually('the catch-all delivery', () => hitsAt(everything.path).find((h) => ticketIdOf(h) === ticket.id));
      await suite.api().patch(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).send({ priority: 'high' }).expect(200);
      await eventually('the ticket.updated delivery', () => hitsAt(onlyUpdates.path).find((h) => ticketIdOf(h) === ticket.id));
      expect(hitsAt(onlyUpdates.path).map((h) => h.json.type)).not.toContain('ticket.created');
    });

    it('retries a failing receiver with back-off and delivers on the third try, logging each status code', async () => {
      const sub = await subscribe(['ticket.created'], { failFirst: 2, failStatus: 500 });
      const ticket = await openTicket();
      const delivered = await eventually('the delivery to be delivered', async () => {
        const list = await deliveriesOf(sub.id);
        return list.find((d) => d.status === 'delivered');
      });
      expect(delivered.attempts).toBe(3);
      expect(delivered.lastStatusCode).toBe(200);
      expect(delivered.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([
        [1, 500],
        [2, 500],
        [3, 200],
      ]);
      const hits = hitsAt(sub.path).filter((h) => ticketIdOf(h) === ticket.id);
      expect(hits.map((h) => h.status)).toEqual([500, 500, 200]);
      expect(new Set(hits.map((h) => h.headers['x-helpdesk-delivery'])).size).toBe(1);
      for (const hit of hits) expect(signedWith(sub.secret, hit)).toBe(true);
    });

    it('gives a delivery up after OUTBOUND_MAX_ATTEMPTS, and an admin replays it', async () => {
      const sub = await subscribe(['ticket.created'], { failFirst: 100, failStatus: 503 });
      await openTicket();
      const failed = await eventually('the delivery to fail', async () => (await deliveriesOf(sub.id)).find((d) => d.status === 'failed'));
      expect(failed.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 503]);

      behaviours.set(sub.path, {});
      triesByDelivery.delete(failed.id);
      const replay = await suite.api().post(`/api/v1/webhooks/deliveries/${failed.id}/replay`).set(bearer(suite.admin)).expect(202);
      expect(replay.body).toMatchObject({ id: failed.id, status: 'pending' });
      const delivered = await eventually('the replayed delivery', async () =>
        (await deliveriesOf(sub.id)).find((d) => d.id === failed.id && d.status === 'delivered'),
      );
      expect(delivered.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([
        [1, 503],
        [2, 503],
        [3, 503],
        [4, 200],
      ]);
    });

    it('answers 409 to replaying a pending delivery and 404 to an unknown one', async () => {
      const sub = await subscribe(['ticket.solved'], { delayMs: 1500 });
      const ping = await suite.api().post(`/api/v1/webhooks/${sub.id}/ping`).set(bearer(suite.admin)).expect(202);
      expect(ping.body).toMatchObject({ eventType: 'ping', status: 'pending' });
      expectProblem(await suite.api().post(`/api/v1/webhooks/deliveries/${ping.body.id}/replay`).set(bearer(suite.admin)), 409, 'CONFLICT');
      expectProblem(
        await suite.api().post(`/api/v1/webhooks/deliveries/${randomUUID()}/replay`).set(bearer(suite.admin)),
        404,
        'NOT_FOUND',
      );
    });

    it('pings a subscriber on demand, signed, whatever its events', async () => {
      const sub = await subscribe(['sla.breached']);
      const res = await suite.api().post(`/api/v1/webhooks/${sub.id}/ping`).set(bearer(suite.admin)).expect(202);
      const hit = await eventually('the ping', () => hitsAt(sub.path).find((h) => h.json.type === 'ping'));
      expect(hit.headers['x-helpdesk-delivery']).toBe(res.body.id);
      expect(hit.json.data).toMatchObject({ subscriptionId: sub.id });
      expect(signedWith(sub.secret, hit)).toBe(true);
    });

    it('reads, changes and deletes a subscription, never answering its secret', async () => {
      const sub = await subscribe(['ticket.created']);
      expect(sub.body).toMatchObject({ events: ['ticket.created'], active: true, hasSecret: true, description: 'e2e receiver' });
      const got = await suite.api().get(`/api/v1/webhooks/${sub.id}`).set(bearer(suite.admin)).expect(200);
      const listed = await suite.api().get('/api/v1/webhooks').set(bearer(suite.admin)).expect(200);
      expect(listed.body.map((s: { id: string }) => s.id)).toContain(sub.id);
      const changed = await suite
        .api()
        .patch(`/api/v1/webhooks/${sub.id}`)
        .set(bearer(suite.admin))
        .send({ events: ['ticket.created', 'sla.breached'], active: false, secret: 'whsec_rotated-0123456789' })
        .expect(200);
      expect(changed.body).toMatchObject({ events: ['ticket.created', 'sla.breached'], active: false });
      for (const res of [got, listed, changed]) {
        expect(JSON.stringify(res.body)).not.toContain(sub.secret);
        expect(JSON.stringify(res.body)).not.toContain('whsec_rotated');
      }
      await suite.api().delete(`/api/v1/webhooks/${sub.id}`).set(bearer(suite.admin)).expect(204);
      expectProblem(await suite.api().get(`/api/v1/webhooks/${sub.id}`).set(bearer(suite.admin)), 404, 'NOT_FOUND');
    });

    it('checks a subscription field by field', async () => {
      const res = await suite
        .api()
        .post('/api/v1/webhooks')
        .set(bearer(suite.admin))
        .send({ url: 'ftp://example.com/x', events: ['ticket.created', 'ticket.exploded'], secret: 'short' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['url', 'secret']));
      expect(fields.some((f) => f.startsWith('events'))).toBe(true);
      expectProblem(await suite.api().post('/api/v1/webhooks').set(bearer(suite.admin)).send({ events: [] }), 400, 'VALIDATION_FAILED');
      expectProblem(await suite.api().get('/api/v1/webhooks/not-a-uuid').set(bearer(suite.admin)), 400, 'VALIDATION_FAILED');
    });

    it('is for admins only', async () => {
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const supervisor = await userWithRole(suite.target, suite.admin, 'supervisor');
      for (const token of [agent.token, supervisor.token]) {
        expectProblem(await suite.api().get('/api/v1/webhooks').set(bearer(token)), 403, 'FORBIDDEN');
        expectProblem(
          await suite
            .api()
            .post('/api/v1/webhooks')
            .set(bearer(token))
            .send({ url: `${base}/x`, events: ['*'], secret: 'whsec_0123456789abcdef' }),
          403,
          'FORBIDDEN',
        );
      }
      expectProblem(await suite.api().get('/api/v1/webhooks'), 401);
    });
  });

  describe('replies on chat channels', () => {
    const sign = (secret: string, body: string) => {
      const t = Math.floor(Date.now() / 1000);
      return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
    };

    it('POSTs an agent’s public reply to the channel’s outboundUrl, signed, and never an internal note or the customer’s own message', async () => {
      const path = `/replies/${unique('chat')}`;
      const secret = `whsec_${unique('c')}_0123456789`;
      const channel = (
        await suite
          .api()
          .post('/api/v1/channels')
          .set(bearer(suite.admin))
          .send({ type: 'chat', name: unique('Chat'), settings: { signingSecret: secret, outboundUrl: `${base}${path}` } })
          .expect(201)
      ).body as { id: string };
      const conversationId = unique('conv');
      const email = uniqueEmail('chat');
      const person = (
        await suite.api().post('/api/v1/users').set(bearer(suite.admin)).send({ email, name: 'Ana López', role: 'customer' }).expect(201)
      ).body as { id: string };
      const inbound = (text: string) => {
        const body = JSON.stringify({
          conversationId,
          messageId: unique('m'),
          from: { id: 'visitor-1', name: 'Ana López', email },
          text,
          sentAt: new Date().toISOString(),
        });
        return request(suite.target.webhookUrl)
          .post(`/webhooks/chat/${channel.id}`)
          .set('content-type', 'application/json')
          .set('X-Helpdesk-Signature', sign(secret, body))
          .send(body)
          .expect(200);
      };
      await inbound('No puedo entrar en mi cuenta');
      const ticketId = await eventually('the chat ticket', async () => {
        const res = await suite.api().get(`/api/v1/tickets?requesterId=${person.id}&limit=100`).set(bearer(suite.admin)).expect(200);
        return (res.body.data as { id: string }[])[0]?.id;
      });

      const comment = (body: string, isPublic: boolean) =>
        suite.api().post(`/api/v1/tickets/${ticketId}/comments`).set(bearer(suite.admin)).send({ body, public: isPublic }).expect(201);
      await comment('Nota interna: revisar el LDAP', false);
      const reply = await comment('Hola Ana, ya hemos restablecido tu contraseña.', true);
      await inbound('Gracias, ya funciona');

      const hit = await eventually('the reply on the channel', () => hitsAt(path).find((h) => h.json.data.commentId === reply.body.id));
      expect(hit.json).toMatchObject({
        type: 'channel.reply.requested',
        data: {
          ticketId,
          channelId: channel.id,
          channelType: 'chat',
          conversationId,
          text: 'Hola Ana, ya hemos restablecido tu contraseña.',
          requester: { name: 'Ana López' },
        },
      });
      expect(signedWith(secret, hit)).toBe(true);

      // A second public reply goes out too; by then the note and the customer's message would have as well.
      const second = await comment('¿Algo más en lo que podamos ayudarte?', true);
      await eventually('the second reply', () => hitsAt(path).find((h) => h.json.data.commentId === second.body.id));
      const texts = hitsAt(path).map((h) => h.json.data.text);
      expect(texts).not.toContain('Nota interna: revisar el LDAP');
      expect(texts).not.toContain('Gracias, ya funciona');
      expect(texts).toHaveLength(2);
    });
  });
});
