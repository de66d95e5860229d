import { createHmac, randomBytes } from 'node:crypto';
import request from 'supertest';
import { bearer, expectProblem, uniqueEmail } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * Twilio SMS webhooks: forms signed over the URL Twilio called become tickets and replies once per
 * MessageSid, the conversation being the sender's number, answered with empty TwiML.
 */
describe('Channels: the Twilio SMS webhook', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);
  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${run}-${++seq}`;
  const hex = (bytes: number) => randomBytes(bytes).toString('hex');
  const messageSid = () => `SM${hex(16)}`;
  /** A Spanish mobile number nobody else in this run has. */
  const phone = () => `+346${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  /** Signed the way Twilio documents it, computed here, independently of the app's code. */
  const twilioSign = (authToken: string, url: string, params: Record<string, string>) =>
    createHmac('sha1', authToken)
      .update(
        Object.keys(params)
          .sort()
          .reduce((acc, name) => acc + name + params[name], url),
      )
      .digest('base64');

  async function twilioChannel(): Promise<{ id: string; authToken: string }> {
    const authToken = hex(16);
    const res = await suite
      .api()
      .post('/api/v1/channels')
      .set(bearer(suite.admin))
      .send({ type: 'twilio', name: unique('SMS'), settings: { accountSid: `AC${hex(16)}`, authToken, phoneNumber: '+34910000000' } })
      .expect(201);
    expect(JSON.stringify(res.body)).not.toContain(authToken);
    return { id: res.body.id as string, authToken };
  }

  const sms = (overrides: Record<string, string> = {}): Record<string, string> => ({
    ToCountry: 'ES',
    MessageSid: messageSid(),
    AccountSid: `AC${hex(16)}`,
    From: phone(),
    To: '+34910000000',
    Body: 'No me llega la factura\nDesde el mes pasado.',
    NumMedia: '0',
    ...overrides,
  });

  function post(
    channel: { id: string; authToken: string },
    params: Record<string, string>,
    options: { base?: string; signedUrl?: string; signature?: string | null; body?: string; route?: 'sms' | 'voice' } = {},
  ) {
    const base = options.base ?? suite.target.webhookUrl;
    const path = `/webhooks/twilio/${channel.id}/${options.route ?? 'sms'}`;
    const signature =
      options.signature === undefined ? twilioSign(channel.authToken, options.signedUrl ?? base + path, params) : options.signature;
    let req = request(base).post(path).set('content-type', 'application/x-www-form-urlencoded');
    if (signature !== null) req = req.set('X-Twilio-Signature', signature);
    return req.send(options.body ?? new URLSearchParams(params).toString());
  }

  const ticketsOf = async (requesterId: string) =>
    (await suite.api().get(`/api/v1/tickets?requesterId=${requesterId}&limit=100`).set(bearer(suite.admin)).expect(200)).body.data as {
      id: string;
      subject: string;
      description: string;
      channel: string;
    }[];
  const commentsOf = async (ticketId: string) =>
    (await suite.api().get(`/api/v1/tickets/${ticketId}/comments`).set(bearer(suite.admin)).expect(200)).body as {
      body: string;
      public: boolean;
      author: { id: string };
    }[];
  const eventually = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) => waitFor(what, probe, timeoutMs, 200);

  async function customerWithPhone(number: string): Promise<string> {
    const res = await suite
      .api()
      .post('/api/v1/users')
      .set(bearer(suite.admin))
      .send({
        email: uniqueEmail('sms'),
        name: 'Cliente SMS',
        role: 'customer',
        phone: number.replace(/^(\+34)(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3 $4'),
      })
      .expect(201);
    return res.body.id as string;
  }

  async function findUser(email: string): Promise<{ id: string; email: string; phone: string | null } | undefined> {
    let cursor: string | undefined;
    do {
      const page = await suite
        .api()
        .get(`/api/v1/users?role=customer&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set(bearer(suite.admin))
        .expect(200);
      const found = (page.body.data as { id: string; email: string; phone: string | null }[]).find((u) => u.email === email);
      if (found) return found;
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    return undefined;
  }

  it('opens an SMS ticket for the customer with that phone, answers empty TwiML, and adds the next SMS as their reply', async () => {
    const channel = await twilioChannel();
    const from = phone();
    const customerId = await customerWithPhone(from);
    const res = await post(
      channel,
      sms({ From: from, NumMedia: '1', MediaUrl0: 'https://api.twilio.com/2010-04-01/Media/ME1', MediaContentType0: 'image/jpeg' }),
    ).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.text).toBe(TWIML);
    const [ticket] = await eventually('the SMS ticket', async () =>
      (await ticketsOf(customerId)).length ? ticketsOf(customerId) : undefined,
    );
    expect(ticket).toMatchObject({ subject: 'No me llega la factura', channel: 'sms' });
    expect(ticket.description).toContain('https://api.twilio.com/2010-04-01/Media/ME1');

    await post(channel, sms({ From: from, Body: 'Ya la he encontrado, gracias' })).expect(200);
    const comments = await eventually('the reply', async () => ((await commentsOf(ticket.id)).length ? commentsOf(ticket.id) : undefined));
    expect(comments).toEqual([
      expect.objectContaining({ body: 'Ya la he encontrado, gracias', public: true, author: expect.objectContaining({ id: customerId }) }),
    ]);
    expect(await ticketsOf(customerId)).toHaveLength(1);
  });

  it('gives an unknown number a placeholder requester that keeps the number, and one result per MessageSid', async () => {
    const channel = await twilioChannel();
    const from = phone();
    const message = sms({ From: from });
    await post(channel, message).expect(200);
    const again = await post(channel, message).expect(200);
    expect(again.text).toBe(TWIML);
    const email = `${from.slice(1)}@phone.invalid`;
    const user = await eventually('the placeholder requester', () => findUser(email));
    expect(user.phone).toBe(from);
    const tickets = await eventually('the ticket', async () => ((await ticketsOf(user.id)).length ? ticketsOf(user.id) : undefined));
    // A late duplicate event would show up as a second ticket or a comment: give it time to (not) happen.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await ticketsOf(user.id)).toHaveLength(1);
    expect(await commentsOf(tickets[0].id)).toHaveLength(0);
  });

  it('refuses a missing or wrong signature, tampered parameters or another URL with 403, before anything is stored', async () => {
    const channel = await twilioChannel();
    const message = sms();
    expectProblem(await post(channel, message, { signature: null }), 403, 'FORBIDDEN');
    expectProblem(await post(channel, message, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }), 403, 'FORBIDDEN');
    const signature = twilioSign(channel.authToken, `${suite.target.webhookUrl}/webhooks/twilio/${channel.id}/sms`, message);
    expectProblem(await post(channel, { ...message, Body: 'tampered' }, { signature }), 403, 'FORBIDDEN');
    expectProblem(
      await post(channel, message, { signedUrl: `https://elsewhere.example.com/webhooks/twilio/${channel.id}/sms` }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await post({ ...channel, authToken: hex(16) }, message), 403, 'FORBIDDEN');
    // Nothing was stored: the real message is new.
    const res = await post(channel, message).expect(200);
    expect(res.text).toBe(TWIML);
  });

  it('answers 404 for an unknown or non-Twilio channel, 400 for a malformed form, 415 for JSON', async () => {
    const channel = await twilioChannel();
    expectProblem(await post({ id: '8e1f6a52-0000-4000-8000-000000000000', authToken: channel.authToken }, sms()), 404, 'NOT_FOUND');
    const chat = await suite
      .api()
      .post('/api/v1/channels')
      .set(bearer(suite.admin))
      .send({ type: 'chat', name: unique('Chat'), settings: { signingSecret: `whsec_${hex(16)}` } })
      .expect(201);
    expectProblem(await post({ id: chat.body.id as string, authToken: channel.authToken }, sms()), 404, 'NOT_FOUND');

    const bad = { MessageSid: 'not-a-sid', From: 'x'.repeat(30), Body: '' };
    const res = await post(channel, bad);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(['MessageSid', 'From', 'To']));
    const garbage = '%%%garbage&&=';
    expectProblem(await post(channel, Object.fromEntries(new URLSearchParams(garbage)), { body: garbage }), 400, 'VALIDATION_FAILED');

    const json = await request(suite.target.webhookUrl)
      .post(`/webhooks/twilio/${channel.id}/sms`)
      .set('content-type', 'application/json')
      .set('X-Twilio-Signature', 'x')
      .send(JSON.stringify(sms()));
    expectProblem(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('also takes the webhook through the API gateway’s URL (one public host), signed over that URL', async () => {
    const channel = await twilioChannel();
    const from = phone();
    const customerId = await customerWithPhone(from);
    const res = await post(channel, sms({ From: from }), { base: suite.target.url }).expect(200);
    expect(res.text).toBe(TWIML);
    await eventually('the ticket', async () => ((await ticketsOf(customerId)).length ? ticketsOf(customerId) : undefined));
  });

  describe('voice', () => {
    const call = (from: string, fields: Record<string, string>) => ({ CallSid: callSid, From: from, To: '+34910000000', ...fields });
    let callSid = '';
    const voice = (channel: { id: string; authToken: string }, params: Record<string, string>) => post(channel, params, { route: 'voice' });

    it('makes a finished call a phone ticket, adds its recording and transcript once each, and ignores ringing', async () => {
      const channel = await twilioChannel();
      const from = phone();
      const customerId = await customerWithPhone(from);
      callSid = `CA${hex(16)}`;
      const ringing = await voice(channel, call(from, { CallStatus: 'ringing' })).expect(200);
      expect(ringing.text).toBe(TWIML);
      expect(ringing.headers['content-type']).toMatch(/^text\/xml/);
      await voice(channel, call(from, { CallStatus: 'completed', CallDuration: '42' })).expect(200);
      const [ticket] = await eventually('the call ticket', async () =>
        (await ticketsOf(customerId)).length ? ticketsOf(customerId) : undefined,
      );
      expect(ticket).toMatchObject({ subject: `Call from ${from} (completed, 42 s)`, channel: 'phone' });

      const recording = call(from, { CallStatus: 'completed', RecordingUrl: 'https://api.twilio.com/2010-04-01/Recordings/RE1' });
      await voice(channel, recording).expect(200);
      await voice(channel, recording).expect(200);
      await voice(channel, call(from, { TranscriptionText: 'Necesito ayuda con mi pedido', TranscriptionStatus: 'completed' })).expect(200);
      const comments = await eventually('the recording and the transcript', async () => {
        const list = await commentsOf(ticket.id);
        return list.length >= 2 ? list : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const bodies = (await commentsOf(ticket.id)).map((c) => c.body);
      expect(bodies).toHaveLength(2);
      expect(bodies.join('\n')).toContain('https://api.twilio.com/2010-04-01/Recordings/RE1');
      expect(bodies.join('\n')).toContain('Necesito ayuda con mi pedido');
      expect(comments.every((c) => c.author.id === customerId)).toBe(true);
      expect(await ticketsOf(customerId)).toHaveLength(1);
    });

    it('makes a missed call a callback ticket; refuses bad signatures and bad forms', async () => {
      const channel = await twilioChannel();
      const from = phone();
      const customerId = await customerWithPhone(from);
      callSid = `CA${hex(16)}`;
      await voice(channel, call(from, { CallStatus: 'no-answer' })).expect(200);
      const [ticket] = await eventually('the callback ticket', async () =>
        (await ticketsOf(customerId)).length ? ticketsOf(customerId) : undefined,
      );
      expect(ticket).toMatchObject({ subject: `Callback: missed call from ${from} (no-answer)`, channel: 'phone' });

      expectProblem(await post(channel, call(from, { CallStatus: 'busy' }), { route: 'voice', signature: null }), 403, 'FORBIDDEN');
      expectProblem(await voice(channel, call(from, { CallStatus: 'exploded' })), 400, 'VALIDATION_FAILED');
      expectProblem(
        await voice({ ...channel, id: '8e1f6a52-0000-4000-8000-000000000000' }, call(from, { CallStatus: 'busy' })),
        404,
        'NOT_FOUND',
      );
    });

    it('takes voice callbacks through the API gateway’s URL too', async () => {
      const channel = await twilioChannel();
      const from = phone();
      const customerId = await customerWithPhone(from);
      callSid = `CA${hex(16)}`;
      const res = await post(channel, call(from, { CallStatus: 'busy' }), { route: 'voice', base: suite.target.url }).expect(200);
      expect(res.text).toBe(TWIML);
      await eventually('the ticket', async () => ((await ticketsOf(customerId)).length ? ticketsOf(customerId) : undefined));
    });
  });
});
