import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startStandalone, StandaloneSuite } from '../../apps/standalone/src/standalone';

/** What a new user sees the first time `npm start` runs, with no configuration at all. */
describe('standalone first run', () => {
  let dataDir: string;
  let suite: StandaloneSuite | undefined;
  let printed = '';

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-first-run-'));
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += chunk.toString();
      return true;
    });
  });

  afterAll(async () => {
    await suite?.close();
    jest.restoreAllMocks();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = () => ({ PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', HELPDESK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

  it('generates an admin, prints its credentials once, and they log in', async () => {
    suite = await startStandalone(env());
    const match = /email:\s+(\S+)\s+.*?password:\s+(\S+)/s.exec(printed);
    expect(match).not.toBeNull();
    const [, email, password] = match as RegExpExecArray;
    const login = await request(suite.url).post('/api/v1/auth/login').send({ email, password });
    expect(login.status).toBe(200);
  });

  it('does not print them again on the next start', async () => {
    await suite?.close();
    printed = '';
    suite = await startStandalone(env());
    expect(printed).not.toContain('password:');
  });
});
