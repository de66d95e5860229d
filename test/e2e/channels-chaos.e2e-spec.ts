import { createHmac } from 'node:crypto';
import request from 'supertest';
import { bearer, uniqueEmail } from '../support/api';
import { Dovecot } from '../support/dovecot';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

/**
 * The channels issue's chaos test: with ticket-service stopped, 100 chat webhooks and 20 emails
 * arrive; the webhooks are acknowledged, the mails stay unread; once it starts again exactly
 * 100 + 20 tickets exist — none lost, none doubled.
 */
describe('Channels: chaos with ticket-service down', () => {
  const suite = useSuite({ EMAIL_POLL_INTERVAL_MS: '200' });
  const run = Date.now().toString(36);
  const MAILBOX = `caos-${run}@acme.test`;
  let imap: Dovecot;

  beforeAll(async () => {
    imap = await Dovecot.start([MAILBOX]);
  }, 60_000);
  afterAll(() => imap?.stop());

  const sign = (secret: string, body: string) => {
    const t = Math.floor(Date.now() / 1000);
    return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
  };

  const ticketsOf = async (requesterId: string): Promise<{ id: string; channel: string }[]> => {
    const all: { id: string; channel: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await suite
          .api()
          .get(`/api/v1/tickets?requesterId=${requesterId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .set(bearer(suite.admin))
          .expect(200)
      ).body as { data: { id: string; channel: string }[]; nextCursor?: string | null };
      all.push(...page.data);
      cursor = page.nextCursor ?? null;
    } while (cursor);
    return all;
  };
  const userId = async (email: string): Promise<string | null> => {
    const res = await suite
      .api()
      .get(`/api/v1/users?email=${encodeURIComponent(email)}`)
      .set(bearer(suite.admin))
      .expect(200);
    return (res.body.data as { id: string; email: string }[]).find((u) => u.email === email)?.id ?? null;
  };

  it('acknowledges 100 webhooks and leaves 20 mails unread, then makes exactly 100 + 20 tickets once it is back', async () => {
    const secret = `whsec_chaos_${run}_0123456789`;
    const chat = (
      await suite
        .api()
        .post('/api/v1/channels')
        .set(bearer(suite.admin))
        .send({ type: 'chat', name: `Chat ${run}`, settings: { signingSecret: secret } })
        .expect(201)
    ).body as { id: string };
    await suite
      .api()
      .post('/api/v1/channels')
      .set(bearer(suite.admin))
      .send({
        type: 'email',
        name: `Buzón ${run}`,
        settings: { host: '127.0.0.1', port: imap.port, tls: false, user: MAILBOX, password: imap.password },
      })
      .expect(201);
    const chatPerson = uniqueEmail('chaos-chat');
    const mailPeople = Array.from({ length: 20 }, (_, i) => uniqueEmail(`chaos-mail${i}`));

    await suite.target.stopService('ticket-service');
    const uids: number[] = [];
    try {
      for (let i = 0; i < 100; i += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, (_, j) => {
            const body = JSON.stringify({
              conversationId: `chaos-${run}-${i + j}`,
              messageId: `chaos-${run}-${i + j}`,
              from: { id: 'chaos-visitor', name: 'Cliente Caos', email: chatPerson },
              text: `Mensaje ${i + j}`,
              sentAt: new Date().toISOString(),
            });
            return request(suite.target.webhookUrl)
              .post(`/webhooks/chat/${chat.id}`)
              .set('content-type', 'application/json')
              .set('X-Helpdesk-Signature', sign(secret, body))
              .send(body);
          }),
        );
        for (const res of batch) expect(res.status).toBe(200);
      }
      for (const [i, from] of mailPeople.entries()) {
        const raw = [
          `From: ${from}`,
          `To: ${MAILBOX}`,
          `Subject: Caos ${i}`,
          `Message-ID: <chaos-${run}-${i}@mail.example.com>`,
          `Date: ${new Date().toUTCString()}`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          `Correo ${i}`,
          '',
        ].join('\r\n');
        uids.push(await imap.append(MAILBOX, raw));
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const flags = await imap.flags(MAILBOX);
      expect(uids.some((uid) => flags.get(uid)?.has('\\Seen'))).toBe(false);
    } finally {
      await suite.target.startService('ticket-service');
    }

    const count = async () => {
      const chatId = await userId(chatPerson);
      const chatTickets = chatId ? (await ticketsOf(chatId)).length : 0;
      const perPerson = await Promise.all(
        mailPeople.map(async (email) => {
          const id = await userId(email);
          return id ? (await ticketsOf(id)).length : 0;
        }),
      );
      const mailTickets = perPerson.reduce((a, b) => a + b, 0);
      return { chatTickets, mailTickets };
    };
    await waitFor(
      '100 + 20 tickets',
      async () => {
        const now = await count();
        return now.chatTickets >= 100 && now.mailTickets >= 20 ? now : undefined;
      },
      180_000,
      500,
    );
    await waitFor(
      'every mail seen',
      async () => {
        const flags = await imap.flags(MAILBOX);
        return uids.every((uid) => flags.get(uid)?.has('\\Seen')) ? true : undefined;
      },
      60_000,
    );
    // Give redeliveries a chance to double something, then count again.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await count()).toEqual({ chatTickets: 100, mailTickets: 20 });
  }, 300_000);
});
