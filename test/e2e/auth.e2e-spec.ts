import request from 'supertest';
import { bearer, expectProblem, uniqueEmail, userWithRole } from '../support/api';
import { ADMIN } from '../support/target';
import { useSuite } from '../support/suite';

describe('Authentication, roles and rate limits', () => {
  const suite = useSuite({ LOGIN_RATE_LIMIT_PER_MINUTE: '8', RATE_LIMIT_PER_MINUTE: '60' });

  it('logs in with email and password and returns a bearer token', async () => {
    const res = await suite.api().post('/api/v1/auth/login').send(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    const me = await suite.api().get('/api/v1/auth/me').set(bearer(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: ADMIN.email, role: 'admin', active: true });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('answers 401 problem+json for a wrong password or an unknown email, with the same message', async () => {
    const wrong = await suite.api().post('/api/v1/auth/login').send({ email: ADMIN.email, password: 'not-the-password' });
    const unknown = await suite
      .api()
      .post('/api/v1/auth/login')
      .send({ email: uniqueEmail('nobody'), password: 'whatever-123' });
    expectProblem(wrong, 401, 'UNAUTHENTICATED');
    expectProblem(unknown, 401, 'UNAUTHENTICATED');
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('answers 401 without a token, with a malformed one, or with one signed by someone else', async () => {
    expectProblem(await suite.api().get('/api/v1/tickets'), 401, 'UNAUTHENTICATED');
    expectProblem(await suite.api().get('/api/v1/tickets').set('Authorization', 'Bearer not.a.jwt'), 401, 'UNAUTHENTICATED');
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiYWRtaW4ifQ.' +
      'c2lnbmF0dXJlLW1hZGUtdXA';
    expectProblem(await suite.api().get('/api/v1/tickets').set(bearer(forged)), 401, 'UNAUTHENTICATED');
  });

  it('lets only admins create users, and refuses a taken email with 409', async () => {
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    const byAgent = await suite
      .api()
      .post('/api/v1/users')
      .set(bearer(agent.token))
      .send({ email: uniqueEmail('x'), name: 'X', role: 'agent', password: 'long-enough-pw' });
    expectProblem(byAgent, 403, 'FORBIDDEN');
    const again = await suite.api().post('/api/v1/users').set(bearer(suite.admin)).send({ email: agent.email, name: 'Dup', role: 'agent' });
    expectProblem(again, 409, 'CONFLICT');
  });

  it('keeps customers out of staff routes and reports', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(await suite.api().get('/api/v1/users').set(bearer(customer.token)), 403, 'FORBIDDEN');
    expectProblem(await suite.api().get('/api/v1/reports/summary').set(bearer(customer.token)), 403, 'FORBIDDEN');
    const me = await suite.api().get('/api/v1/auth/me').set(bearer(customer.token));
    expect(me.body.role).toBe('customer');
  });

  it('answers in Spanish when the client prefers it', async () => {
    const res = await suite.api().get('/api/v1/tickets').set('Accept-Language', 'es-ES,es;q=0.9,en;q=0.5');
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(res.body.title).toBe('Se requiere autenticación');
  });

  it('limits logins per client: 429 with Retry-After and RateLimit headers', async () => {
    const attempts = [];
    for (let i = 0; i < 10; i += 1) {
      attempts.push(
        await suite
          .api()
          .post('/api/v1/auth/login')
          .send({ email: uniqueEmail('brute'), password: 'guess-guess' }),
      );
    }
    const limited = attempts.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    expectProblem(limited as request.Response, 429, 'RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(attempts[0].headers['ratelimit-limit']).toBe('8');
    expect(attempts[0].headers).toHaveProperty('ratelimit-remaining');
    expect(attempts[0].headers).toHaveProperty('ratelimit-reset');
  });
});
