import request from 'supertest';
import { ADMIN, Target } from './target';

/** Logs in and returns the bearer token. */
export async function login(target: Target, email = ADMIN.email, password = ADMIN.password): Promise<string> {
  const res = await request(target.url).post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let counter = 0;
/** A unique email for this run. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${counter}@e2e.test`;
}

/** Creates a user as admin and returns a token for them. */
export async function userWithRole(
  target: Target,
  adminToken: string,
  role: string,
): Promise<{ id: string; email: string; token: string }> {
  const email = uniqueEmail(role);
  const password = 'password-for-e2e-1';
  const res = await request(target.url)
    .post('/api/v1/users')
    .set(bearer(adminToken))
    .send({ email, name: `E2E ${role}`, role, password });
  if (res.status !== 201) throw new Error(`creating ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, email, token: await login(target, email, password) };
}

export function expectProblem(res: request.Response, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  if (code) expect(res.body.code).toBe(code);
}
