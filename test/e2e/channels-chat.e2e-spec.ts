import { createHmac } from 'node:crypto';
import request from 'supertest';
import { bearer, expectProblem, uniqueEmail } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

/**
 * Channels as configuration, the inbound log and the generic chat webhook: signed messages become
 * tickets and comments once each, whoever is down when they arrive.
 */
describe('Channels: configuration and the chat webhook', () => {
  const suite = useSuite({ TEST_CLOCK: 'true' });
  /** How far the suite's clock was moved ahead (its webhooks must be signed in the suite's time). */
  let clockOffsetMs = 0;
  const suiteNow = () => Math.floor((Date.now() + clockOffsetMs) / 1000);
  let seq = 0;
  const run = Date.now().toString(36);
  const unique = (prefix: string) => `${prefix}-${run}-${++seq}`;

  /** Signed the way a chat platform signs, computed here, independently of the app's code. */
  const sign = (secret: string, timestamp: number, body: string) =>
    `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

  async function chatChannel(settings: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
    const secret = `whsec_${unique('s')}_0123456789`;
    const res = await suite
      .api()
      .post('/api/v1/channels')
      .set(bearer(suite.admin))
      .send({ type: 'chat', name: unique('Chat'), settings: { signingSecret: secret, ...settings } })
      .expect(201);
    return { id: res.body.id as string, secret };
  }

  interface ChatMessage {
    conversationId: string;
    messageId: string;
    from: { id: string; name: string; email?: string };
    text: string;
    attachments?: { url: string; name?: string }[];
    sentAt: string;
  }

  const message = (overrides: Partial<ChatMessage> = {}): ChatMessage => ({
    conversationId: unique('conv'),
    messageId: unique('msg'),
    from: { id: unique('visitor'), name: 'Ana López', email: uniqueEmail('chat') },
    text: 'No puedo entrar en mi cuenta\nDesde ayer me dice que la contraseña es incorrecta.',
    sentAt: new Date().toISOString(),
    ...overrides,
  });

  function post(
    channel: { id: string; secret: string },
    body: object | string,
    options: { timestamp?: number; signature?: string | null; base?: string } = {},
  ) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const signature = options.signature === undefined ? sign(channel.secret, options.timestamp ?? suiteNow(), raw) : options.signature;
    let req = request(options.base ?? suite.target.webhookUrl)
      .post(`/webhooks/chat/${channel.id}`)
      .set('content-type', 'application/json');
    if (signature !== null) req = req.set('X-Helpdesk-Signature', signature);
    return req.send(raw);
  }

  async function customer(): Promise<{ id: string; email: string }> {
    const email = uniqueEmail('cliente');
    const res = await suite
      .api()
      .post('/api/v1/users')
      .set(bearer(suite.admin))
      .send({ email, name: 'Cliente Chat', role: 'customer' })
      .expect(201);
    return { id: res.body.id as string, email };
  }

  const ticketsOf = async (requesterId: string) =>
    (await suite.api().get(`/api/v1/tickets?requesterId=${requesterId}&limit=100`).set(bearer(suite.admin)).expect(200)).body.data as {
      id: string;
      subject: string;
      description: string;
      status: string;
      channel: string;
      requester: { id: string; email: string };
    }[];

  const commentsOf = async (ticketId: string) =>
    (await suite.api().get(`/api/v1/tickets/${ticketId}/comments`).set(bearer(suite.admin)).expect(200)).body as {
      body: string;
      public: boolean;
      author: { id: string };
    }[];

  const eventually = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) => waitFor(what, probe, timeoutMs, 200);

  describe('channels as configuration', () => {
    it('creates, reads, lists, changes and deletes a channel, never answering its secret', async () => {
      const secret = 'whsec_never-shown-0123456789';
      const created = await suite
        .api()
        .post('/api/v1/channels')
        .set(bearer(suite.admin))
        .send({
          type: 'chat',
          name: unique('Web chat'),
          settings: { signingSecret: secret, outboundUrl: 'https://chat.example.com/replies' },
        })
        .expect(201);
      expect(created.body).toMatchObject({
        type: 'chat',
        settings: { outboundUrl: 'https://chat.example.com/replies' },
        hasSecret: true,
        active: true,
        webhookPath: `/webhooks/chat/${created.body.id}`,
      });
      const id = created.body.id as string;
      const got = await suite.api().get(`/api/v1/channels/${id}`).set(bearer(suite.admin)).expect(200);
      const listed = await suite.api().get('/api/v1/channels').set(bearer(suite.admin)).expect(200);
      expect(listed.body.map((c: { id: string }) => c.id)).toContain(id);
      const changed = await suite
        .api()
        .patch(`/api/v1/channels/${id}`)
        .set(bearer(suite.admin))
        .send({ name: 'Renamed', settings: { outboundUrl: 'https://chat.example.com/v2' } })
        .expect(200);
      expect(changed.body).toMatchObject({ name: 'Renamed', settings: { outboundUrl: 'https://chat.example.com/v2' }, hasSecret: true });
      for (const res of [created, got, listed, changed]) expect(JSON.stringify(res.body)).not.toContain(secret);
      for (const res of [created, got, changed]) expect(res.body.settings).not.toHaveProperty('signingSecret');

      // The stored secret was kept by the change: it still signs.
      expect((await post({ id, secret }, message())).status).toBe(200);

      await suite.api().delete(`/api/v1/channels/${id}`).set(bearer(suite.admin)).expect(204);
      await suite.api().get(`/api/v1/channels/${id}`).set(bearer(suite.admin)).expect(404);
      expectProblem(await post({ id, secret }, message()), 404, 'NOT_FOUND');
    });

    it('replaces the secret on a change that gives a new one', async () => {
      const channel = await chatChannel();
      const fresh = 'whsec_rotated-secret-0123456789';
      await suite
        .api()
        .patch(`/api/v1/channels/${channel.id}`)
        .set(bearer(suite.admin))
        .send({ settings: { signingSecret: fresh } })
        .expect(200);
      expectProblem(await post(channel, message()), 401, 'UNAUTHENTICATED');
      expect((await post({ id: channel.id, secret: fresh }, message())).status).toBe(200);
    });

    it('checks settings per type and answers 400 field by field', async () => {
      const create = (body: object) => suite.api().post('/api/v1/channels').set(bearer(suite.admin)).send(body);
      const fields = (res: request.Response) => (res.body.errors as { field: string }[]).map((e) => e.field).sort();

      let res = await create({ type: 'chat', name: 'x', settings: {} });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toEqual(['settings.signingSecret']);

      res = await create({ type: 'chat', name: 'x', settings: { signingSecret: 'short', outboundUrl: 'nope', extra: 1 } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toEqual(['settings.extra', 'settings.outboundUrl', 'settings.signingSecret']);

      res = await create({
        type: 'email',
        name: 'Soporte',
        settings: { host: 'imap.example.com', port: 99999, tls: 'yes', user: 'soporte' },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toEqual(['settings.password', 'settings.port', 'settings.tls']);

      res = await create({ type: 'fax', name: 'x', settings: {} });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toEqual(['type']);

      const mailbox = await create({
        type: 'email',
        name: unique('Soporte'),
        settings: { host: 'imap.example.com', port: 993, tls: true, user: 'soporte@example.com', password: 'imap-password' },
      }).expect(201);
      expect(mailbox.body).toMatchObject({ hasSecret: true, webhookPath: null });
      expect(JSON.stringify(mailbox.body)).not.toContain('imap-password');

      const channel = await chatChannel();
      res = await suite.api().patch(`/api/v1/channels/${channel.id}`).set(bearer(suite.admin)).send({ type: 'email' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      res = await suite
        .api()
        .patch(`/api/v1/channels/${channel.id}`)
        .set(bearer(suite.admin))
        .send({ settings: { signingSecret: 'short' } });
      expect(fields(res)).toEqual(['settings.signingSecret']);
    });
  });

  describe('the chat webhook', () => {
    it('opens a ticket for the first message, for the requester with that email', async () => {
      const channel = await chatChannel();
      const person = await customer();
      const first = message({
        from: { id: 'v-1', name: 'Cliente Chat', email: person.email.toUpperCase() },
        attachments: [{ url: 'https://chat.example.com/files/captura.png', name: 'captura.png' }],
      });
      const res = await post(channel, first).expect(200);
      expect(res.body).toMatchObject({ received: true, duplicate: false, id: expect.any(String) });
      const [ticket] = await eventually('the chat ticket', async () =>
        (await ticketsOf(person.id)).length ? ticketsOf(person.id) : undefined,
      );
      expect(ticket).toMatchObject({
        subject: 'No puedo entrar en mi cuenta',
        channel: 'chat',
        status: 'new',
        requester: { id: person.id },
      });
      expect(ticket.description).toContain('la contraseña es incorrecta');
      expect(ticket.description).toContain('captura.png: https://chat.example.com/files/captura.png');
    });

    it('creates the requester when nobody has the sender’s email', async () => {
      const channel = await chatChannel();
      const email = uniqueEmail('nuevo');
      await post(channel, message({ from: { id: 'v-2', name: 'Persona Nueva', email } })).expect(200);
      const user = await eventually('the new requester', async () => findUser(email));
      expect(user).toMatchObject({ email, name: 'Persona Nueva', role: 'customer' });
      const tickets = await eventually('the ticket', async () => ((await ticketsOf(user.id)).length ? ticketsOf(user.id) : undefined));
      expect(tickets).toHaveLength(1);
    });

    it('adds a second message of the conversation to its ticket as the requester’s reply, and reopens a solved ticket', async () => {
      const channel = await chatChannel();
      const person = await customer();
      const from = { id: 'v-3', name: 'Cliente Chat', email: person.email };
      const conversationId = unique('conv');
      await post(channel, message({ conversationId, from })).expect(200);
      const [ticket] = await eventually('the ticket', async () => ((await ticketsOf(person.id)).length ? ticketsOf(person.id) : undefined));
      await post(channel, message({ conversationId, from, text: 'Ya he probado a reiniciar' })).expect(200);
      const comments = await eventually('the comment', async () =>
        (await commentsOf(ticket.id)).length ? commentsOf(ticket.id) : undefined,
      );
      expect(comments).toEqual([
        expect.objectContaining({ body: 'Ya he probado a reiniciar', public: true, author: expect.objectContaining({ id: person.id }) }),
      ]);
      expect(await ticketsOf(person.id)).toHaveLength(1);

      await suite.api().patch(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
      await post(channel, message({ conversationId, from, text: 'Vuelve a fallar' })).expect(200);
      const reopened = await eventually('the reopened ticket', async () => {
        const [t] = await ticketsOf(person.id);
        return t.status === 'open' ? t : undefined;
      });
      expect(reopened.id).toBe(ticket.id);
      expect(await commentsOf(ticket.id)).toHaveLength(2);
    });

    it('acknowledges a repeated message id and does nothing else', async () => {
      const channel = await chatChannel();
      const person = await customer();
      const m = message({ from: { id: 'v-4', name: 'Cliente Chat', email: person.email } });
      const first = await post(channel, m).expect(200);
      const again = await post(channel, m).expect(200);
      expect(again.body).toEqual({ received: true, duplicate: true, id: first.body.id });
      // A repeat with another body (a provider's retry after an edit) is still the same message.
      expect((await post(channel, { ...m, text: 'otra vez' }).expect(200)).body.duplicate).toBe(true);
      const [ticket] = await eventually('the ticket', async () => ((await ticketsOf(person.id)).length ? ticketsOf(person.id) : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await ticketsOf(person.id)).toHaveLength(1);
      expect(await commentsOf(ticket.id)).toHaveLength(0);
    });

    it('takes a burst of follow-ups on several conversations: one comment per message, in order, searchable, repeats ignored', async () => {
      const channel = await chatChannel();
      const people = await Promise.all(Array.from({ length: 6 }, () => customer()));
      const conversations = people.map((person, c) => ({
        person,
        conversationId: unique('burst'),
        from: { id: `burst-${c}`, name: 'Cliente Ráfaga', email: person.email },
        word: `rafaga${run.replace(/[^a-z]/g, '')}k${'bcdfgh'[c]}z`,
      }));
      await Promise.all(conversations.map((k) => post(channel, message({ conversationId: k.conversationId, from: k.from })).expect(200)));
      const tickets = await Promise.all(
        conversations.map(
          async (k) =>
            (await eventually('the ticket', async () => ((await ticketsOf(k.person.id)).length ? ticketsOf(k.person.id) : undefined)))[0],
        ),
      );
      // Every conversation sends 12 follow-ups one after another, all conversations at once (the
      // consumer takes what arrived together as one batch), and repeats its third one.
      await Promise.all(
        conversations.map(async (k) => {
          const sent: ChatMessage[] = [];
          for (let i = 1; i <= 12; i++) {
            const m = message({
              conversationId: k.conversationId,
              from: k.from,
              text: `Mensaje ${i} de ${i === 12 ? k.word : 'la ráfaga'}`,
            });
            sent.push(m);
            expect((await post(channel, m).expect(200)).body.duplicate).toBe(false);
          }
          expect((await post(channel, sent[2]).expect(200)).body.duplicate).toBe(true);
        }),
      );
      for (const [c, k] of conversations.entries()) {
        const comments = await eventually('every follow-up', async () => {
          const got = await commentsOf(tickets[c].id);
          return got.length >= 12 ? got : undefined;
        });
        expect(comments.map((x) => x.body)).toEqual(
          Array.from({ length: 12 }, (_, i) => `Mensaje ${i + 1} de ${i === 11 ? k.word : 'la ráfaga'}`),
        );
        expect(comments.every((x) => x.public && x.author.id === k.person.id)).toBe(true);
        const found = await suite.api().get(`/api/v1/tickets?q=${k.word}`).set(bearer(suite.admin)).expect(200);
        expect(found.body.data.map((t: { id: string }) => t.id)).toEqual([tickets[c].id]);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const [c] of conversations.entries()) expect(await commentsOf(tickets[c].id)).toHaveLength(12);
      for (const k of conversations) expect(await ticketsOf(k.person.id)).toHaveLength(1);
    });

    it("opens a burst of new conversations side by side: one ticket each, each one's follow-ups on it in order", async () => {
      const channel = await chatChannel();
      const people = await Promise.all(Array.from({ length: 8 }, () => customer()));
      // Eight people open a conversation each at the same moment, and the first of them a second
      // one too; every conversation then goes on with two follow-ups, sent one after another.
      const conversations = [...people, people[0]].map((person, c) => ({
        person,
        conversationId: unique(`opening-${c}`),
        from: { id: `opening-${c}`, name: 'Cliente Apertura', email: person.email },
      }));
      await Promise.all(
        conversations.map(async (k, c) => {
          for (let i = 0; i < 3; i++) {
            await post(
              channel,
              message({ conversationId: k.conversationId, from: k.from, text: `Conversación ${c}, mensaje ${i}` }),
            ).expect(200);
          }
        }),
      );
      for (const [c, k] of conversations.entries()) {
        const expected = c === 0 || c === conversations.length - 1 ? 2 : 1;
        const tickets = await eventually('the tickets', async () => {
          const got = await ticketsOf(k.person.id);
          return got.length >= expected ? got : undefined;
        });
        const ticket = tickets.find((t) => t.description.includes(`Conversación ${c}, mensaje 0`));
        if (!ticket) throw new Error(`conversation ${c} opened no ticket of its own`);
        await eventually('the follow-ups', async () => ((await commentsOf(ticket.id)).length >= 2 ? true : undefined));
        expect((await commentsOf(ticket.id)).map((x) => x.body)).toEqual([`Conversación ${c}, mensaje 1`, `Conversación ${c}, mensaje 2`]);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const [c, k] of conversations.entries()) {
        expect(await ticketsOf(k.person.id)).toHaveLength(c === 0 || c === conversations.length - 1 ? 2 : 1);
      }
    });

    it('refuses a wrong, tampered, malformed or missing signature with 401', async () => {
      const channel = await chatChannel();
      const m = message();
      const raw = JSON.stringify(m);
      expectProblem(await post(channel, m, { signature: sign('whsec_someone-else-0123456789', suiteNow(), raw) }), 401, 'UNAUTHENTICATED');
      expectProblem(
        await post(channel, { ...m, text: 'cambiado' }, { signature: sign(channel.secret, suiteNow(), raw) }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(await post(channel, m, { signature: 'v1=abc' }), 401, 'UNAUTHENTICATED');
      expectProblem(await post(channel, m, { signature: null }), 401, 'UNAUTHENTICATED');
      // Nothing was stored: the same message id, properly signed, is new.
      expect((await post(channel, m).expect(200)).body.duplicate).toBe(false);
    });

    it('refuses a timestamp more than five minutes away from the suite’s clock', async () => {
      const channel = await chatChannel();
      expectProblem(await post(channel, message(), { timestamp: suiteNow() - 301 }), 401, 'UNAUTHENTICATED');
      expectProblem(await post(channel, message(), { timestamp: suiteNow() + 301 }), 401, 'UNAUTHENTICATED');
      expect((await post(channel, message(), { timestamp: suiteNow() - 240 })).status).toBe(200);
      // Moving the suite's clock makes a signature made "now" by the system clock stale.
      clockOffsetMs = 10 * 60_000;
      await suite.api().put('/api/v1/admin/test-clock').set(bearer(suite.admin)).send({ offsetMs: clockOffsetMs }).expect(200);
      expectProblem(await post(channel, message(), { timestamp: Math.floor(Date.now() / 1000) }), 401, 'UNAUTHENTICATED');
      expect((await post(channel, message(), { timestamp: suiteNow() })).status).toBe(200);
    });

    it('answers 404 for an unknown channel, a malformed id and a channel of another type', async () => {
      const channel = await chatChannel();
      expectProblem(await post({ id: '00000000-0000-4000-8000-000000000000', secret: channel.secret }, message()), 404, 'NOT_FOUND');
      expectProblem(await post({ id: 'not-a-uuid', secret: channel.secret }, message()), 404, 'NOT_FOUND');
      const cti = await suite
        .api()
        .post('/api/v1/channels')
        .set(bearer(suite.admin))
        .send({ type: 'cti', name: unique('PBX'), settings: { signingSecret: channel.secret } })
        .expect(201);
      expectProblem(await post({ id: cti.body.id, secret: channel.secret }, message()), 404, 'NOT_FOUND');
      await suite.api().patch(`/api/v1/channels/${channel.id}`).set(bearer(suite.admin)).send({ active: false }).expect(200);
      expectProblem(await post(channel, message()), 404, 'NOT_FOUND');
    });

    it('answers 400 for malformed JSON and for missing or bad fields', async () => {
      const channel = await chatChannel();
      expectProblem(await post(channel, '{"conversationId": '), 400);
      let res = await post(channel, { text: 'hola' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
        expect.arrayContaining(['conversationId', 'messageId', 'from', 'sentAt']),
      );
      res = await post(channel, { ...message(), from: { id: 'v', name: 'x', email: 'no-es-email' }, sentAt: 'ayer', colour: 'red' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['colour', 'from.email', 'sentAt']);
      expectProblem(await post(channel, '[1, 2]'), 400, 'VALIDATION_FAILED');
      const text = await request(suite.target.webhookUrl)
        .post(`/webhooks/chat/${channel.id}`)
        .set('content-type', 'text/plain')
        .send('hola');
      expectProblem(text, 415);
    });

    it('answers 413 for a body above 256 KiB', async () => {
      const channel = await chatChannel();
      const res = await post(channel, message({ text: 'x'.repeat(300_000) }));
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('takes webhooks on the suite’s API port too (forwarded to channel-gateway over the bus)', async () => {
      const channel = await chatChannel();
      const person = await customer();
      const m = message({ from: { id: 'v-5', name: 'Cliente Chat', email: person.email } });
      expect((await post(channel, m, { base: suite.target.url }).expect(200)).body.duplicate).toBe(false);
      expect((await post(channel, m).expect(200)).body.duplicate).toBe(true);
      expectProblem(
        await post(channel, message(), { base: suite.target.url, signature: 't=1,v1=' + '0'.repeat(64) }),
        401,
        'UNAUTHENTICATED',
      );
      await eventually('the ticket', async () => ((await ticketsOf(person.id)).length ? true : undefined));
    });
  });

  describe('with ticket-service down', () => {
    it('acknowledges 100 webhooks, then turns them into exactly 100 tickets and comments once it is back', async () => {
      const channel = await chatChannel();
      const person = await customer();
      const from = { id: 'v-chaos', name: 'Cliente Chat', email: person.email };
      const conversations = Array.from({ length: 50 }, () => unique('chaos'));
      const messages = conversations.flatMap((conversationId, i) => [
        message({ conversationId, from, text: `Conversación ${i}: primer mensaje` }),
        message({ conversationId, from, text: `Conversación ${i}: segundo mensaje` }),
      ]);
      await suite.target.stopService('ticket-service');
      try {
        for (let i = 0; i < messages.length; i += 10) {
          const batch = await Promise.all(messages.slice(i, i + 10).map((m) => post(channel, m)));
          for (const res of batch) expect(res.body).toMatchObject({ received: true, duplicate: false });
        }
        // A provider retrying some of them meanwhile changes nothing.
        for (const m of messages.slice(0, 10)) expect((await post(channel, m).expect(200)).body.duplicate).toBe(true);
      } finally {
        await suite.target.startService('ticket-service');
      }
      const tickets = await eventually(
        '50 tickets',
        async () => {
          const found = await ticketsOf(person.id);
          return found.length >= 50 ? found : undefined;
        },
        120_000,
      );
      const comments = await eventually(
        '50 comments',
        async () => {
          const all = (await Promise.all(tickets.map((t) => commentsOf(t.id)))).flat();
          return all.length >= 50 ? all : undefined;
        },
        120_000,
      );
      // Give redeliveries a chance to double something, then count again.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const finalTickets = await ticketsOf(person.id);
      const perTicket = await Promise.all(finalTickets.map(async (t) => ({ ticket: t, comments: await commentsOf(t.id) })));
      expect(comments).toHaveLength(50);
      expect(finalTickets).toHaveLength(50);
      expect(perTicket.flatMap((p) => p.comments)).toHaveLength(50);
      // Each conversation is one ticket, with its other message as the one reply.
      for (const { ticket, comments: own } of perTicket) {
        expect(own).toHaveLength(1);
        expect(own[0].body.split(':')[0]).toBe(ticket.description.split(':')[0]);
      }
      const texts = [...finalTickets.map((t) => t.description), ...perTicket.flatMap((p) => p.comments.map((c) => c.body))].sort();
      expect(texts).toEqual(messages.map((m) => m.text).sort());
    }, 240_000);
  });

  async function findUser(email: string): Promise<{ id: string; email: string; name: string; role: string } | undefined> {
    let cursor: string | undefined;
    do {
      const page = await suite
        .api()
        .get(`/api/v1/users?role=customer&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set(bearer(suite.admin))
        .expect(200);
      const found = (page.body.data as { id: string; email: string; name: string; role: string }[]).find((u) => u.email === email);
      if (found) return found;
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    return undefined;
  }
});
