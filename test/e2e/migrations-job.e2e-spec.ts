import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { INTEGRATION_PG_URL } from '../support/distributed-topology';
import { topology } from '../support/target';

const ROOT = resolve(__dirname, '../..');
const START_APP = join(ROOT, 'scripts/start-app.js');
const SCHEMAS = ['ticket', 'sla', 'kb', 'channel', 'reporting'];

/** Runs the image's entrypoint (`node scripts/start-app.js ...`) as the migrations Job does. */
function startApp(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [START_APP, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, output }));
  });
}

// The Job runs the built apps against a real PostgreSQL: the distributed run only (npm run test:integration).
const describeDistributed = topology() === 'distributed' ? describe : describe.skip;

describeDistributed('The migrations entrypoint (start-app.js migrate)', () => {
  const dbName = `helpdesk_migrate_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const url = new URL(INTEGRATION_PG_URL);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  const admin = async <T>(work: (client: Client) => Promise<T>, connectionString = INTEGRATION_PG_URL): Promise<T> => {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const appliedPerSchema = () =>
    admin(async (client) => {
      const counts: Record<string, number> = {};
      for (const schema of SCHEMAS) {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."migrations"`);
        counts[schema] = Number(rows[0].n);
      }
      return counts;
    }, databaseUrl);

  beforeAll(() => admin((client) => client.query(`CREATE DATABASE "${dbName}"`)));
  afterAll(() => admin((client) => client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)));

  it("applies every service's migrations without NATS or any other setting, logs JSON lines, and exits 0", async () => {
    const run = await startApp(['migrate'], { DATABASE_URL: databaseUrl });
    expect(run).toMatchObject({ code: 0 });
    // Every line is JSON (the Job's logs go where the apps' go).
    const lines = run.output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg?: string; applied?: string[] });
    const done = lines.filter((line) => line.msg?.endsWith('migrations done'));
    expect(done.map((line) => line.msg)).toEqual([
      'ticket-service: migrations done',
      'sla-service: migrations done',
      'kb-service: migrations done',
      'channel-gateway: migrations done',
      'reporting-service: migrations done',
    ]);
    expect(done.every((line) => (line.applied ?? []).length > 0)).toBe(true);
    const counts = await appliedPerSchema();
    for (const schema of SCHEMAS) expect(counts[schema]).toBeGreaterThan(0);
  });

  it('applies nothing the second time (the Job can run on every release)', async () => {
    const before = await appliedPerSchema();
    const run = await startApp([], { HELPDESK_APP: 'migrate', DATABASE_URL: databaseUrl });
    expect(run.code).toBe(0);
    expect(run.output).toContain('"applied":[]');
    expect(run.output).not.toMatch(/"applied":\["/);
    expect(await appliedPerSchema()).toEqual(before);
  });

  it('fails with one clear line without DATABASE_URL, and with a usage line for an unknown app', async () => {
    const missing = await startApp(['migrate'], {});
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('Configuration error: DATABASE_URL is required to migrate');
    const unknown = await startApp(['billing-service'], {});
    expect(unknown.code).toBe(64);
    expect(unknown.output).toContain('start-app: unknown app "billing-service"');
    const none = await startApp([], {});
    expect(none.code).toBe(64);
  });
});
