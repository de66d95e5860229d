import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const HOUR = 3_600_000;

describe('API keys with scopes', () => {
  // The test clock lets a key expire without waiting; the default cache TTL (5 s) is what is documented.
  const suite = useSuite({ TEST_CLOCK: 'true' });

  const createKey = async (body: object = {}) => {
    const res = await suite
      .api()
      .post('/api/v1/api-keys')
      .set(bearer(suite.admin))
      .send({ name: 'Power BI', scopes: ['reports:read'], ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string; prefix: string; name: string; scopes: string[]; lastUsedAt: string | null };
  };
  const summaryWith = (headers: Record<string, string>) => suite.api().get('/api/v1/reports/summary').set(headers);

  it('an admin creates a key; the secret is shown once, never listed nor read back', async () => {
    const key = await createKey({ name: 'Excel – KPIs' });
    expect(key.secret).toMatch(/^hdk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(`${key.prefix}_`)).toBe(true);
    expect(key).toMatchObject({ name: 'Excel – KPIs', scopes: ['reports:read'], lastUsedAt: null, revokedAt: null, expiresAt: null });

    const list = await suite.api().get('/api/v1/api-keys').set(bearer(suite.admin)).expect(200);
    const listed = list.body.data.find((k: { id: string }) => k.id === key.id);
    expect(listed).toMatchObject({ id: key.id, prefix: key.prefix, name: 'Excel – KPIs', scopes: ['reports:read'] });
    expect(listed.createdBy).toEqual(expect.any(String));
    expect(listed).not.toHaveProperty('secret');
    expect(JSON.stringify(list.body)).not.toContain(key.secret.slice(17));

    const one = await suite.api().get(`/api/v1/api-keys/${key.id}`).set(bearer(suite.admin)).expect(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(JSON.stringify(one.body)).not.toContain(key.secret.slice(17));
  });

  it('lists keys newest first, a page at a time', async () => {
    const made = [await createKey({ name: 'page 1' }), await createKey({ name: 'page 2' }), await createKey({ name: 'page 3' })];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await suite
        .api()
        .get('/api/v1/api-keys')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(suite.admin))
        .expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((k) => k.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const mine = seen.filter((id) => made.some((k) => k.id === id));
    expect(mine).toEqual(made.map((k) => k.id).reverse());
    expectProblem(await suite.api().get('/api/v1/api-keys').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(suite.admin)), 400);
  });

  it('a reports:read key reads the report summary as a bearer token, as X-API-Key and as the password of Basic', async () => {
    const key = await createKey();
    for (const headers of [bearer(key.secret), { 'X-API-Key': key.secret }, basic('excel', key.secret), basic('', key.secret)]) {
      const res = await summaryWith(headers);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ticketsCreated: expect.any(Number) });
    }
    const after = await suite.api().get(`/api/v1/api-keys/${key.id}`).set(bearer(suite.admin)).expect(200);
    expect(after.body.lastUsedAt).toEqual(expect.any(String));
  });

  it('a key reaches only routes its scopes open: 403 elsewhere, the public knowledge base included', async () => {
    const key = await createKey();
    const tickets = await suite.api().get('/api/v1/tickets').set('X-API-Key', key.secret);
    expectProblem(tickets, 403, 'FORBIDDEN');
    expect(tickets.body.detail).toMatch(/lacks the scope/);
    expectProblem(await suite.api().get('/api/v1/api-keys').set(bearer(key.secret)), 403, 'FORBIDDEN');
    expectProblem(await suite.api().get('/api/v1/auth/me').set('X-API-Key', key.secret), 403, 'FORBIDDEN');
    expectProblem(await suite.api().get('/api/v1/kb/articles').set('X-API-Key', key.secret), 403, 'FORBIDDEN');
    expectProblem(
      await suite.api().post('/api/v1/tickets').set('X-API-Key', key.secret).send({ subject: 's', description: 'd' }),
      403,
      'FORBIDDEN',
    );
  });

  it('people other than admins cannot manage keys (403); anonymous callers get 401', async () => {
    const supervisor = await userWithRole(suite.target, suite.admin, 'supervisor');
    expectProblem(
      await suite
        .api()
        .post('/api/v1/api-keys')
        .set(bearer(supervisor.token))
        .send({ name: 'x', scopes: ['reports:read'] }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await suite.api().get('/api/v1/api-keys').set(bearer(supervisor.token)), 403, 'FORBIDDEN');
    const anonymous = await suite.api().get('/api/v1/api-keys');
    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer realm="helpdesk"/);
  });

  it('refuses an unknown scope (400, naming the valid ones), no scopes, and an expiry in the past', async () => {
    const bad = await suite
      .api()
      .post('/api/v1/api-keys')
      .set(bearer(suite.admin))
      .send({ name: 'x', scopes: ['tickets:write'] });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'scopes', message: expect.stringContaining('reports:read') })]),
    );
    expectProblem(
      await suite.api().post('/api/v1/api-keys').set(bearer(suite.admin)).send({ name: 'x', scopes: [] }),
      400,
      'VALIDATION_FAILED',
    );
    const past = await suite
      .api()
      .post('/api/v1/api-keys')
      .set(bearer(suite.admin))
      .send({ name: 'x', scopes: ['reports:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expectProblem(past, 400, 'VALIDATION_FAILED');
    expect(past.body.errors[0].field).toBe('expiresAt');
  });

  it('a revoked key stops working at once on the gateway that revoked it (others: within the 5 s cache)', async () => {
    const key = await createKey();
    await summaryWith({ 'X-API-Key': key.secret }).expect(200);
    await suite.api().delete(`/api/v1/api-keys/${key.id}`).set(bearer(suite.admin)).expect(204);
    const res = await summaryWith({ 'X-API-Key': key.secret });
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(res.body.detail).toMatch(/revoked/);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    const shown = await suite.api().get(`/api/v1/api-keys/${key.id}`).set(bearer(suite.admin)).expect(200);
    expect(shown.body.revokedAt).toEqual(expect.any(String));
    // Revoking again changes nothing; an unknown key is a 404.
    await suite.api().delete(`/api/v1/api-keys/${key.id}`).set(bearer(suite.admin)).expect(204);
    expectProblem(
      await suite.api().delete('/api/v1/api-keys/00000000-0000-4000-8000-000000000000').set(bearer(suite.admin)),
      404,
      'NOT_FOUND',
    );
  });

  it('answers wrong, malformed or missing keys with 401 and WWW-Authenticate (Basic after a Basic attempt)', async () => {
    const key = await createKey();
    const wrongSecret = `${key.secret.slice(0, -1)}${key.secret.endsWith('A') ? 'B' : 'A'}`;
    for (const headers of [
      { 'X-API-Key': wrongSecret },
      bearer('hdk_000000000000_' + 'a'.repeat(43)),
      { 'X-API-Key': 'garbage' },
      bearer('hdk_short'),
    ]) {
      const res = await summaryWith(headers);
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toContain('Bearer realm="helpdesk"');
    }
    const badBasic = await summaryWith(basic('excel', wrongSecret));
    expectProblem(badBasic, 401, 'UNAUTHENTICATED');
    expect(badBasic.headers['www-authenticate']).toMatch(/^Basic realm="helpdesk"/);
    const none = await suite.api().get('/api/v1/reports/summary');
    expectProblem(none, 401, 'UNAUTHENTICATED');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="helpdesk"');
    // ?api_key= is for the OData feed and exports only.
    const inQuery = await suite.api().get('/api/v1/reports/summary').query({ api_key: key.secret });
    expectProblem(inQuery, 401, 'UNAUTHENTICATED');
    expect(inQuery.body.detail).toMatch(/OData/);
    expect(JSON.stringify(inQuery.body)).not.toContain(key.secret);
  });

  it('notes the last use at most once a minute', async () => {
    const key = await createKey();
    const lastUsed = async () =>
      (await suite.api().get(`/api/v1/api-keys/${key.id}`).set(bearer(suite.admin)).expect(200)).body.lastUsedAt as string | null;
    const moveClock = async (offsetMs: number) =>
      suite.api().put('/api/v1/admin/test-clock').set(bearer(suite.admin)).send({ offsetMs }).expect(200);
    const offset = (await moveClock(0)).body.offsetMs as number;
    await summaryWith({ 'X-API-Key': key.secret }).expect(200);
    const first = await lastUsed();
    expect(first).toEqual(expect.any(String));
    // Past the gateway's 5 s cache, so ticket-service verifies the key again, but within the minute.
    await moveClock(offset + 10_000);
    await summaryWith({ 'X-API-Key': key.secret }).expect(200);
    expect(await lastUsed()).toBe(first);
    await moveClock(offset + 70_000);
    await summaryWith({ 'X-API-Key': key.secret }).expect(200);
    const later = await lastUsed();
    expect(Date.parse(later as string) - Date.parse(first as string)).toBeGreaterThanOrEqual(60_000);
  });

  it('an expired key answers 401', async () => {
    const key = await createKey({ expiresAt: new Date(Date.now() + HOUR).toISOString() });
    await summaryWith({ 'X-API-Key': key.secret }).expect(200);
    await suite
      .api()
      .put('/api/v1/admin/test-clock')
      .set(bearer(suite.admin))
      .send({ offsetMs: 2 * HOUR })
      .expect(200);
    const res = await summaryWith({ 'X-API-Key': key.secret });
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(res.body.detail).toMatch(/expired/);
  });

  it('declares the API key security schemes in /docs and names them on the report routes', async () => {
    const doc = (await suite.api().get('/docs-json').expect(200)).body;
    expect(doc.components.securitySchemes).toMatchObject({
      'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      'api-key-bearer': { type: 'http', scheme: 'bearer' },
      'api-key-basic': { type: 'http', scheme: 'basic' },
      'api-key-query': { type: 'apiKey', in: 'query', name: 'api_key' },
    });
    const security = doc.paths['/api/v1/reports/summary'].get.security as Record<string, string[]>[];
    expect(security.map((s) => Object.keys(s)[0])).toEqual(
      expect.arrayContaining(['bearer', 'api-key', 'api-key-bearer', 'api-key-basic']),
    );
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/api-keys', '/api/v1/api-keys/{id}']));
  });
});
