import { bearer, uniqueEmail } from '../support/api';
import { Dovecot } from '../support/dovecot';
import { waitFor } from '../support/free-port';
import { SmtpReceiver } from '../support/smtp-receiver';
import { useSuite } from '../support/suite';
import { TargetEnv } from '../support/target';

/**
 * Email channels against a real IMAP server (Dovecot on loopback): mail becomes tickets and
 * replies, threaded by headers, by the subject token and by Outlook's Thread-Index; automated mail
 * never opens a ticket; files are kept; nothing is read twice, and a mail stays unread until its
 * ticket exists. Mail out goes to a real SMTP server on loopback: acknowledgements, agents' replies
 * and surveys, threaded so that the answers come back to their ticket.
 */
describe('Channels: email over IMAP and SMTP', () => {
  const env: TargetEnv = {
    EMAIL_POLL_INTERVAL_MS: '200',
    EMAIL_SENDER_LIMIT: '8',
    EMAIL_SENDER_WINDOW_MINUTES: '60',
    OUTBOUND_POLL_INTERVAL_MS: '100',
    OUTBOUND_BACKOFF_BASE_MS: '200',
    CSAT_URL_TEMPLATE: 'https://portal.acme.test/csat/{token}?rating={rating}',
  };
  let smtp: SmtpReceiver;
  // Before the suite starts: it is told where the SMTP server is.
  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    env.SMTP_URL = smtp.url;
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const suite = useSuite(env);
  const run = Date.now().toString(36);
  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${run}-${++seq}`;
  const SUPPORT = `soporte-${run}@acme.test`;
  const SALES = `ventas-${run}@acme.test`;
  let imap: Dovecot;

  beforeAll(async () => {
    imap = await Dovecot.start([SUPPORT, SALES]);
    await emailChannel(SUPPORT);
  }, 60_000);

  afterAll(() => {
    imap?.stop();
  });

  async function emailChannel(user: string, settings: Record<string, unknown> = {}): Promise<{ id: string }> {
    const res = await suite
      .api()
      .post('/api/v1/channels')
      .set(bearer(suite.admin))
      .send({
        type: 'email',
        name: unique('Buzón'),
        settings: { host: '127.0.0.1', port: imap.port, tls: false, user, password: imap.password, ...settings },
      })
      .expect(201);
    expect(JSON.stringify(res.body)).not.toContain(imap.password);
    return { id: res.body.id as string };
  }

  interface Mail {
    from: string;
    fromName?: string;
    to?: string;
    cc?: string;
    subject: string;
    messageId?: string;
    inReplyTo?: string;
    references?: string;
    headers?: string[];
    body?: string;
    contentType?: string;
  }

  /** A real RFC 5322 message, CRLF line ends. */
  function rfc5322(mail: Mail): { raw: string; messageId: string } {
    const messageId = mail.messageId ?? `<${unique('m')}@mail.example.com>`;
    const lines = [
      `From: ${mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from}`,
      `To: ${mail.to ?? SUPPORT}`,
      ...(mail.cc ? [`Cc: ${mail.cc}`] : []),
      `Subject: ${mail.subject}`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: ${messageId}`,
      ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
      ...(mail.references ? [`References: ${mail.references}`] : []),
      ...(mail.headers ?? []),
      'MIME-Version: 1.0',
      `Content-Type: ${mail.contentType ?? 'text/plain; charset=utf-8'}`,
      'Content-Transfer-Encoding: 8bit',
      '',
      mail.body ?? 'Hola,\r\nla impresora de la planta 2 no imprime.\r\nGracias',
      '',
    ];
    return { raw: lines.join('\r\n'), messageId };
  }

  async function deliver(mail: Mail, user = SUPPORT): Promise<{ uid: number; messageId: string }> {
    const { raw, messageId } = rfc5322(mail);
    return { uid: await imap.append(user, raw), messageId };
  }

  interface TicketRow {
    id: string;
    number: string;
    subject: string;
    description: string;
    status: string;
    channel: string;
    requester: { id: string; email: string };
  }
  interface CommentRow {
    id: string;
    body: string;
    html?: string | null;
    public: boolean;
    author: { id: string; email: string };
  }

  const ticketsBy = async (email: string): Promise<TicketRow[]> => {
    const users = (
      await suite
        .api()
        .get(`/api/v1/users?email=${encodeURIComponent(email)}`)
        .set(bearer(suite.admin))
        .expect(200)
    ).body.data as {
      id: string;
      email: string;
    }[];
    const user = users.find((u) => u.email === email);
    if (!user) return [];
    return (await suite.api().get(`/api/v1/tickets?requesterId=${user.id}&limit=100`).set(bearer(suite.admin)).expect(200)).body.data;
  };
  const commentsOf = async (ticketId: string): Promise<CommentRow[]> =>
    (await suite.api().get(`/api/v1/tickets/${ticketId}/comments`).set(bearer(suite.admin)).expect(200)).body;
  const eventually = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) => waitFor(what, probe, timeoutMs, 200);
  const seen = async (uid: number, user = SUPPORT) => (await imap.flags(user)).get(uid)?.has('\\Seen') ?? false;
  /** Whether each of these mails is seen, read over one IMAP connection (Dovecot limits connections per user). */
  const seenEach = async (uids: number[], user = SUPPORT) => {
    const flags = await imap.flags(user);
    return uids.map((uid) => flags.get(uid)?.has('\\Seen') ?? false);
  };
  const ticketOf = async (email: string, count = 1) =>
    eventually(`${count} ticket(s) of ${email}`, async () => {
      const found = await ticketsBy(email);
      return found.length >= count ? found : undefined;
    });
  const commentsAtLeast = (ticketId: string, count: number) =>
    eventually(`${count} comment(s) on ${ticketId}`, async () => {
      const found = await commentsOf(ticketId);
      return found.length >= count ? found : undefined;
    });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('turns a new mail into an email ticket of its sender and marks it seen once the ticket exists', async () => {
    const ana = uniqueEmail('ana');
    const { uid } = await deliver({ from: ana, fromName: 'Ana López', subject: 'La impresora no imprime' });
    const [ticket] = await ticketOf(ana);
    expect(ticket).toMatchObject({ subject: 'La impresora no imprime', channel: 'email', status: 'new' });
    expect(ticket.description).toContain('la impresora de la planta 2 no imprime');
    expect(ticket.requester.email).toBe(ana);
    await eventually('the mail to be seen', async () => ((await seen(uid)) ? true : undefined));
  });

  it('threads replies by In-Reply-To, by References, by the subject token (MIME-encoded too) and by Thread-Index', async () => {
    const luis = uniqueEmail('luis');
    const first = await deliver({
      from: luis,
      subject: 'VPN caída',
      body: 'No conecta la VPN',
      headers: [`Thread-Index: ${Buffer.alloc(22, 7).toString('base64')}`],
    });
    const [ticket] = await ticketOf(luis);

    await deliver({
      from: luis,
      subject: 'Re: VPN caída',
      inReplyTo: first.messageId,
      references: first.messageId,
      body: 'Sigue sin ir (1)',
    });
    await deliver({ from: luis, subject: 'otra cosa', references: `<unknown@x> ${first.messageId}`, body: 'Sigue sin ir (2)' });
    await deliver({ from: luis, subject: `Re: [${ticket.number}] nada que ver`, body: 'Sigue sin ir (3)' });
    const encoded = `=?UTF-8?B?${Buffer.from(`RE: Conexión [${ticket.number}]`).toString('base64')}?=`;
    await deliver({ from: luis, subject: encoded, body: 'Sigue sin ir (4)' });
    // Outlook rewrote the other headers: only the conversation in Thread-Index (22 bytes + one 5-byte step) is left.
    const outlook = Buffer.concat([Buffer.alloc(22, 7), Buffer.from([1, 2, 3, 4, 5])]).toString('base64');
    await deliver({ from: luis, subject: 'RE: VPN', headers: [`Thread-Index: ${outlook}`], body: 'Sigue sin ir (5)' });

    const comments = await commentsAtLeast(ticket.id, 5);
    expect(comments.map((c) => c.body).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Sigue sin ir (${n})`));
    expect(comments.every((c) => c.public && c.author.email === luis)).toBe(true);
    expect(await ticketsBy(luis)).toHaveLength(1);
  });

  it('adds the reply of someone in CC to the same ticket, as their own comment', async () => {
    const marta = uniqueEmail('marta');
    const jefe = uniqueEmail('jefe');
    const first = await deliver({ from: marta, cc: jefe, subject: 'Alta de usuario' });
    const [ticket] = await ticketOf(marta);
    await deliver({
      from: jefe,
      to: `${marta}, ${SUPPORT}`,
      subject: 'Re: Alta de usuario',
      inReplyTo: first.messageId,
      body: 'Aprobado por mí',
    });
    const [comment] = await commentsAtLeast(ticket.id, 1);
    expect(comment).toMatchObject({ body: 'Aprobado por mí', public: true, author: { email: jefe } });
    expect(await ticketsBy(jefe)).toHaveLength(0);
  });

  it('never opens a ticket for auto-replies, bounces, lists or its own mail, and keeps an auto-reply to a ticket as an internal note', async () => {
    const pedro = uniqueEmail('pedro');
    const automated: Mail[] = [
      { from: pedro, subject: 'Fuera de la oficina', headers: ['Auto-Submitted: auto-replied'] },
      { from: pedro, subject: 'Out of office', headers: ['X-Autoreply: yes'] },
      { from: pedro, subject: 'Boletín', headers: ['Precedence: bulk'] },
      { from: pedro, subject: 'Lista', headers: ['List-Id: <news.example.com>'] },
      { from: pedro, subject: 'Loop', headers: ['X-Loop: helpdesk'] },
      { from: pedro, subject: 'Null return path', headers: ['Return-Path: <>'] },
      { from: `mailer-daemon@${run}.example.com`, subject: 'Undelivered Mail Returned to Sender' },
      { from: SUPPORT, subject: 'Mail from the helpdesk’s own address' },
    ];
    const uids: number[] = [];
    for (const mail of automated) uids.push((await deliver(mail)).uid);
    // Each is acknowledged (nothing waits for a ticket)...
    await eventually('every automated mail seen', async () => ((await seenEach(uids)).every(Boolean) ? true : undefined));
    // ...and none became a ticket, while a person's mail sent after them did.
    const control = uniqueEmail('control');
    await deliver({ from: control, subject: 'Control' });
    await ticketOf(control);
    expect(await ticketsBy(pedro)).toHaveLength(0);
    expect(await ticketsBy(SUPPORT)).toHaveLength(0);

    // An out-of-office answering a ticket's thread is kept on it as an internal note, without reopening or replying.
    const sara = uniqueEmail('sara');
    const first = await deliver({ from: sara, subject: 'Teclado roto' });
    const [ticket] = await ticketOf(sara);
    await deliver({
      from: sara,
      subject: 'Automatic reply: Teclado roto',
      inReplyTo: first.messageId,
      headers: ['Auto-Submitted: auto-replied'],
      body: 'Estoy de vacaciones',
    });
    const [note] = await commentsAtLeast(ticket.id, 1);
    expect(note.public).toBe(false);
    expect(note.body).toContain('Estoy de vacaciones');
  });

  it('lets an admin rule override the automated verdict for a sender that mislabels human replies', async () => {
    const system = uniqueEmail('erp');
    await suite
      .api()
      .post('/api/v1/channels/email-sender-rules')
      .set(bearer(suite.admin))
      .send({ sender: system, verdict: 'person', note: 'ERP marks every mail bulk' })
      .expect(201);
    await deliver({ from: system, subject: 'Pedido atascado', headers: ['Precedence: bulk'] });
    await ticketOf(system);
  });

  it('stops a runaway sender after its rate limit, logging and acknowledging the rest', async () => {
    const loop = uniqueEmail('loop');
    const uids: number[] = [];
    for (let i = 0; i < 10; i += 1) uids.push((await deliver({ from: loop, subject: `Ticket ${i}`, body: `Mensaje ${i}` })).uid);
    await eventually('all 10 seen', async () => ((await seenEach(uids)).every(Boolean) ? true : undefined));
    await pause(1000);
    expect(await ticketsBy(loop)).toHaveLength(8);
  });

  it('keeps attachments and inline images as the ticket’s attachments, the HTML sanitized and pointing at them', async () => {
    const eva = uniqueEmail('eva');
    const pdf = Buffer.from('%PDF-1.4\n' + 'factura '.repeat(50_000));
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const body = [
      '--b1',
      'Content-Type: multipart/alternative; boundary=b2',
      '',
      '--b2',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Adjunto la factura.',
      '--b2',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p onclick="steal()">Adjunto la <b>factura</b>.<script>alert(1)</script><img src="cid:logo@eva"></p>',
      '--b2--',
      '--b1',
      'Content-Type: image/png',
      'Content-ID: <logo@eva>',
      'Content-Disposition: inline; filename=logo.png',
      'Content-Transfer-Encoding: base64',
      '',
      png.toString('base64'),
      '--b1',
      'Content-Type: application/pdf; name="factura.pdf"',
      'Content-Disposition: attachment; filename="factura.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--b1--',
    ].join('\r\n');
    const first = await deliver({ from: eva, subject: 'Factura', body, contentType: 'multipart/mixed; boundary=b1' });
    const [ticket] = await ticketOf(eva);
    const attachments = (await suite.api().get(`/api/v1/tickets/${ticket.id}/attachments`).set(bearer(suite.admin)).expect(200)).body as {
      id: string;
      filename: string;
      contentType: string;
      size: number;
    }[];
    expect(attachments.map((a) => [a.filename, a.contentType, a.size]).sort()).toEqual([
      ['factura.pdf', 'application/pdf', pdf.length],
      ['logo.png', 'image/png', png.length],
    ]);
    const download = await suite
      .api()
      .get(`/api/v1/tickets/${ticket.id}/attachments/${attachments.find((a) => a.filename === 'factura.pdf')!.id}`)
      .set(bearer(suite.admin))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);

    // A reply with HTML keeps it sanitized, its inline image pointing at the stored copy.
    await deliver({ from: eva, subject: 'Re: Factura', inReplyTo: first.messageId, body, contentType: 'multipart/mixed; boundary=b1' });
    const [reply] = await commentsAtLeast(ticket.id, 1);
    expect(reply.body).toBe('Adjunto la factura.');
    expect(reply.html).toContain('<b>factura</b>');
    expect(reply.html).not.toMatch(/script|onclick/);
    expect(reply.html).toMatch(new RegExp(`<img src="/api/v1/tickets/${ticket.id}/attachments/[0-9a-f-]{36}"`));
  });

  it('reads a mail once: marked unread again, or delivered to a second mailbox, it is not a second ticket', async () => {
    const sales = await emailChannel(SALES);
    const raul = uniqueEmail('raul');
    const mail = rfc5322({ from: raul, to: `${SUPPORT}, ${SALES}`, subject: 'A los dos buzones' });
    const uidSupport = await imap.append(SUPPORT, mail.raw);
    const uidSales = await imap.append(SALES, mail.raw);
    await ticketOf(raul);
    await eventually('both copies seen', async () => ((await seen(uidSupport)) && (await seen(uidSales, SALES)) ? true : undefined));
    await imap.markUnseen(SUPPORT, uidSupport);
    await eventually('the re-read copy seen again', async () => ((await seen(uidSupport)) ? true : undefined));
    await pause(1000);
    expect(await ticketsBy(raul)).toHaveLength(1);
    await suite.api().delete(`/api/v1/channels/${sales.id}`).set(bearer(suite.admin)).expect(204);
  });

  it('moves imported mail to another folder when the channel says so', async () => {
    const MOVER = `archivo-${run}@acme.test`;
    // A third mailbox needs its own user: reuse the sales one with a folder of its own.
    await imap.createFolder(SALES, 'Importados');
    // Mail the helpdesk already has (an earlier test's copy, seen) leaves the folder too, without a ticket.
    const already = (await imap.flags(SALES)).size;
    const channel = await emailChannel(SALES, { afterImport: 'move', moveTo: 'Importados' });
    const who = uniqueEmail('mover');
    await deliver({ from: who, to: MOVER, subject: 'Muévelo' }, SALES);
    await ticketOf(who);
    await eventually('the mail moved', async () =>
      (await imap.flags(SALES, 'Importados')).size === already + 1 && (await imap.flags(SALES)).size === 0 ? true : undefined,
    );
    await suite.api().delete(`/api/v1/channels/${channel.id}`).set(bearer(suite.admin)).expect(204);
  });

  it('leaves mail unread while ticket-service is down, and loses none of 20 mails: 20 tickets once it is back', async () => {
    const senders = Array.from({ length: 20 }, (_, i) => uniqueEmail(`caos${i}`));
    await suite.target.stopService('ticket-service');
    const uids: number[] = [];
    try {
      for (const [i, from] of senders.entries()) uids.push((await deliver({ from, subject: `Caos ${i}` })).uid);
      // Several checks go by: the mails are in the inbound log, but none is acknowledged yet.
      await pause(3000);
      expect((await seenEach(uids)).some(Boolean)).toBe(false);
    } finally {
      await suite.target.startService('ticket-service');
    }
    await eventually(
      '20 tickets',
      async () => ((await Promise.all(senders.map((s) => ticketsBy(s)))).every((t) => t.length === 1) ? true : undefined),
      120_000,
    );
    await eventually('20 mails seen', async () => ((await seenEach(uids)).every(Boolean) ? true : undefined), 60_000);
    await pause(1000);
    const counts = await Promise.all(senders.map(async (s) => (await ticketsBy(s)).length));
    expect(counts).toEqual(senders.map(() => 1));
  }, 240_000);
  describe('mail out over SMTP', () => {
    const agentReply = async (ticketId: string, body: string, isPublic = true) =>
      suite.api().post(`/api/v1/tickets/${ticketId}/comments`).set(bearer(suite.admin)).send({ body, public: isPublic }).expect(201);

    it('acknowledges a new ticket with an automatic mail in Spanish that carries the token and threads after the request', async () => {
      const pilar = uniqueEmail('pilar');
      const request = await deliver({ from: pilar, fromName: 'Pilar Gómez', subject: 'Sin acceso al ERP' });
      const [ticket] = await ticketOf(pilar);
      const [ack] = await smtp.waitFor(pilar);
      expect(ack.parsed.subject).toBe(`[${ticket.number}] Sin acceso al ERP`);
      expect(ack.parsed.from?.value[0].address).toBe(SUPPORT);
      expect(ack.header('auto-submitted')).toBe('auto-generated');
      expect(ack.header('x-auto-response-suppress')).toBe('All');
      expect(ack.parsed.inReplyTo).toBe(request.messageId);
      expect(ack.parsed.messageId).toMatch(new RegExp(`^<hd\\.${ticket.id.replace(/-/g, '')}\\.`));
      expect(ack.header('x-helpdesk-instance')).toMatch(/^[0-9a-z]+$/);
      expect(ack.header('thread-index')).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(ack.parsed.text).toContain('##- ↑ ## Escriba su respuesta por encima de esta línea');
      expect(ack.parsed.text).toContain(ticket.number);
    });

    it('sends an agent’s public reply (not an internal note) threaded after the customer’s mail; the answer to it joins the ticket without the quoted history', async () => {
      const tomas = uniqueEmail('tomas');
      const request = await deliver({ from: tomas, subject: 'Pantalla azul' });
      const [ticket] = await ticketOf(tomas);
      await smtp.waitFor(tomas); // the acknowledgement
      await agentReply(ticket.id, 'Nota interna: revisar drivers', false);
      await agentReply(ticket.id, '¿Qué versión de Windows tiene?');
      const [reply] = await smtp.waitFor(tomas, 1, (m) => m.parsed.subject?.startsWith('Re:') ?? false);
      expect(reply.parsed.subject).toBe(`Re: [${ticket.number}] Pantalla azul`);
      expect(reply.header('auto-submitted')).toBeNull();
      expect(reply.parsed.inReplyTo).toBe(request.messageId);
      expect(reply.parsed.references).toEqual(expect.arrayContaining([request.messageId]));
      expect(reply.parsed.text).toContain('¿Qué versión de Windows tiene?');
      expect(smtp.to(tomas).some((m) => m.parsed.text?.includes('Nota interna'))).toBe(false);

      // The customer answers above the marker; their client quotes the rest.
      const quoted = (reply.parsed.text ?? '')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\r\n');
      await deliver({
        from: tomas,
        subject: `RE: ${reply.parsed.subject}`,
        inReplyTo: reply.parsed.messageId,
        references: `${request.messageId} ${reply.parsed.messageId}`,
        body: `Windows 11 Pro\r\n\r\nEl ${new Date().toDateString()} escribió:\r\n${quoted}`,
      });
      const comments = await commentsAtLeast(ticket.id, 3);
      const answer = comments.find((c) => c.author.email === tomas);
      expect(answer?.body.trim()).toMatch(/^Windows 11 Pro/);
      expect(answer?.body).not.toContain('¿Qué versión de Windows tiene?');
      expect(await ticketsBy(tomas)).toHaveLength(1);
    });

    it('writes in English to an English-speaking requester, with the reply’s attachments', async () => {
      const john = uniqueEmail('john');
      await deliver({ from: john, subject: 'Printer jam' });
      const [ticket] = await ticketOf(john);
      await suite.api().patch(`/api/v1/users/${ticket.requester.id}`).set(bearer(suite.admin)).send({ locale: 'en' }).expect(200);
      await smtp.waitFor(john);
      const guide = Buffer.from('1. Open the tray\n2. Pull the paper gently\n');
      const upload = await suite
        .api()
        .post(`/api/v1/tickets/${ticket.id}/attachments`)
        .set(bearer(suite.admin))
        .attach('file', guide, { filename: 'guide.txt', contentType: 'text/plain' })
        .expect(201);
      await suite
        .api()
        .post(`/api/v1/tickets/${ticket.id}/comments`)
        .set(bearer(suite.admin))
        .send({ body: 'Please restart it.', public: true, attachmentIds: [upload.body.id] })
        .expect(201);
      const [reply] = await smtp.waitFor(john, 1, (m) => m.parsed.subject?.startsWith('Re:') ?? false);
      expect(reply.parsed.text).toContain('Type your reply above this line');
      expect(reply.parsed.text).toContain('Please restart it.');
      expect(reply.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['guide.txt', guide.toString()]]);
    });

    it('recognizes its own mail when it comes back to a mailbox, and makes nothing of it', async () => {
      const rosa = uniqueEmail('rosa');
      await deliver({ from: rosa, subject: 'Alta en el CRM' });
      const [ticket] = await ticketOf(rosa);
      const [ack] = await smtp.waitFor(rosa);
      // A forwarding rule sends the acknowledgement back to the support mailbox.
      const uid = await imap.append(SUPPORT, ack.raw);
      await eventually('the looped mail seen', async () => ((await seen(uid)) ? true : undefined));
      await pause(500);
      expect(await commentsOf(ticket.id)).toHaveLength(0);
      expect(await ticketsBy(rosa)).toHaveLength(1);
      expect(await ticketsBy(SUPPORT)).toHaveLength(0);
    });

    it('retries a mail the SMTP server refused for a while, with the same Message-ID', async () => {
      const olga = uniqueEmail('olga');
      smtp.refuse(2);
      const before = smtp.refused;
      await deliver({ from: olga, subject: 'Teclado roto' });
      await ticketOf(olga);
      const [ack] = await smtp.waitFor(olga);
      expect(smtp.refused - before).toBe(2);
      expect(smtp.to(olga)).toHaveLength(1);
      expect(ack.parsed.messageId).toMatch(/^<hd\./);
    });

    it('mails the satisfaction survey when an email ticket is solved', async () => {
      const ines = uniqueEmail('ines');
      await deliver({ from: ines, subject: 'Cambio de contraseña' });
      const [ticket] = await ticketOf(ines);
      await suite.api().patch(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
      const [survey] = await smtp.waitFor(ines, 1, (m) => m.parsed.text?.includes('portal.acme.test/csat/') ?? false);
      expect(survey.header('auto-submitted')).toBe('auto-generated');
      expect(survey.parsed.subject).toBe(`[${ticket.number}] Cambio de contraseña`);
      expect(survey.parsed.text).toMatch(/https:\/\/portal\.acme\.test\/csat\/[A-Za-z0-9_-]{20,}\?rating=good/);
      expect(survey.parsed.text).toMatch(/\?rating=bad/);
    });
  });
});
