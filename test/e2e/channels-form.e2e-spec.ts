import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { bearer, expectProblem, uniqueEmail } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

/** The public web form: tickets without login, a honeypot, Idempotency-Key, a size limit, a per-address rate limit and CORS. */
describe('Channels: the public web form', () => {
  const suite = useSuite({ FORM_RATE_LIMIT_PER_MINUTE: '10' });
  const ORIGIN = 'https://www.example.com';
  let channelId = '';

  beforeAll(async () => {
    const res = await suite
      .api()
      .post('/api/v1/channels')
      .set(bearer(suite.admin))
      .send({ type: 'form', name: 'Formulario web', settings: { allowedOrigins: [ORIGIN], priority: 'high' } })
      .expect(201);
    channelId = res.body.id as string;
  });

  const submission = (fields: Record<string, string> = {}) => ({
    name: 'Ana López',
    email: uniqueEmail('form'),
    subject: 'No puedo entrar en mi cuenta',
    message: 'Desde ayer me dice que la contraseña es incorrecta.',
    ...fields,
  });
  const submit = (body: object | string, headers: Record<string, string> = {}, path = `/webhooks/form/${channelId}`) => {
    let req = request(suite.target.webhookUrl).post(path);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return typeof body === 'string' ? req.set('content-type', 'application/x-www-form-urlencoded').send(body) : req.send(body);
  };
  const ticketsOfEmail = async (email: string) => {
    const list = await suite.api().get(`/api/v1/tickets?limit=100`).set(bearer(suite.admin)).expect(200);
    return (
      list.body.data as { subject: string; channel: string; priority: string; requesterId?: string; requester?: { email: string } }[]
    ).filter((t) => JSON.stringify(t).includes(email));
  };

  it('opens a form ticket and answers 201 with the inbound id, the ticket number and no suggestions without the knowledge base', async () => {
    const form = submission();
    const res = await submit(form).expect(201);
    expect(res.body).toMatchObject({ received: true, duplicate: false, id: expect.any(String), suggestions: [] });
    const [ticket] = await waitFor(
      'the form ticket',
      async () => ((await ticketsOfEmail(form.email)).length ? ticketsOfEmail(form.email) : undefined),
      30_000,
      200,
    );
    expect(ticket).toMatchObject({ subject: form.subject, channel: 'form', priority: 'high' });
    // A URL-encoded form on /webhooks/form naming the channel in the query.
    const urlencoded = await submit(new URLSearchParams(submission()).toString(), {}, `/webhooks/form?channelId=${channelId}`).expect(201);
    expect(urlencoded.body.received).toBe(true);
  });

  it('answers a filled honeypot as a success and makes nothing; a double submit with one Idempotency-Key makes one ticket', async () => {
    const bot = submission({ website: 'http://spam.example' });
    expect((await submit(bot).expect(201)).body).toMatchObject({ received: true, suggestions: [] });
    const form = submission();
    const key = randomBytes(8).toString('hex');
    const first = await submit(form, { 'Idempotency-Key': key }).expect(201);
    const second = await submit(form, { 'Idempotency-Key': key }).expect(201);
    expect(second.body).toMatchObject({ duplicate: true, id: first.body.id });
    await waitFor('the ticket', async () => ((await ticketsOfEmail(form.email)).length ? true : undefined), 30_000, 200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await ticketsOfEmail(form.email)).toHaveLength(1);
    expect(await ticketsOfEmail(bot.email)).toHaveLength(0);
  });

  it('refuses a body above 64 KiB with 413 and bad fields with 400, one error per field', async () => {
    expectProblem(await submit(submission({ message: 'x'.repeat(70_000) })), 413, 'PAYLOAD_TOO_LARGE');
    const bad = await submit({ name: '', email: 'not-an-email', subject: 'x', message: '', locale: 'fr' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['name', 'email', 'message', 'locale']),
    );
  });

  it('answers with the published public articles matching the form and the suggestion session they opened', async () => {
    const article = await suite
      .api()
      .post('/api/v1/kb/articles')
      .set(bearer(suite.admin))
      .send({
        title: 'Restablecer la contraseña de la cuenta',
        body: 'Pulsa «¿Olvidaste tu contraseña?» en la pantalla de entrada.',
        locale: 'es',
        visibility: 'public',
      })
      .expect(201);
    const internal = await suite
      .api()
      .post('/api/v1/kb/articles')
      .set(bearer(suite.admin))
      .send({
        title: 'Contraseña de la cuenta de servicio',
        body: 'Solo para el equipo de sistemas.',
        locale: 'es',
        visibility: 'internal',
      })
      .expect(201);
    for (const id of [article.body.id, internal.body.id]) {
      await suite.api().post(`/api/v1/kb/articles/${id}/publish`).set(bearer(suite.admin)).expect(200);
    }
    const res = await submit(submission({ locale: 'es' })).expect(201);
    expect(res.body.suggestions).toEqual([
      expect.objectContaining({
        id: article.body.id,
        title: 'Restablecer la contraseña de la cuenta',
        url: `/kb/articles/${article.body.id}`,
      }),
    ]);
    expect(res.body.suggestionSessionId).toMatch(/^[0-9a-f-]{36}$/);
    const solved = await suite
      .api()
      .post(`/api/v1/kb/suggestion-sessions/${res.body.suggestionSessionId}/events`)
      .send({ kind: 'solved', articleId: article.body.id })
      .expect(200);
    expect(solved.body.recorded).toBe(true);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const allowed = await request(suite.target.webhookUrl)
      .options(`/webhooks/form/${channelId}`)
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    const denied = await request(suite.target.webhookUrl).options('/webhooks/form').set('Origin', 'https://evil.example.com');
    expectProblem(denied, 403, 'FORBIDDEN');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 429 with Retry-After past FORM_RATE_LIMIT_PER_MINUTE submissions from one address', async () => {
    let limited: request.Response | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await submit(submission({ website: 'bot' }));
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expectProblem(limited!, 429, 'RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
