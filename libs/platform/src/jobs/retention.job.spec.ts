import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';
import { createPlatformTables } from '../database/platform-tables';
import { Runtime } from '../runtime';
import { RetentionJob } from './retention.job';

/** The retention job against a real (embedded) PostgreSQL: old bookkeeping goes, recent stays. */
describe(RetentionJob.name, () => {
  let dir: string;
  let pg: EmbeddedPostgres;
  let dataSource: DataSource;
  const runtime = { settings: { inboxRetentionDays: 30, idempotencyKeyTtlHours: 24 } } as unknown as Runtime;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'retention-'));
    pg = await startEmbeddedPostgres(dir);
    dataSource = new DataSource({ type: 'postgres', url: pg.url, schema: 'kept' });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA kept`);
    const runner = dataSource.createQueryRunner();
    await createPlatformTables(runner, 'kept');
    await runner.release();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forgets processed events after INBOX_RETENTION_DAYS and idempotency keys after IDEMPOTENCY_KEY_TTL_HOURS', async () => {
    const processed = async (age: string) =>
      dataSource.query(`INSERT INTO kept.processed_events (consumer, event_id, processed_at) VALUES ('c', $1, now() - $2::interval)`, [
        randomUUID(),
        age,
      ]);
    const key = async (age: string) =>
      dataSource.query(
        `INSERT INTO kept.idempotency_keys (scope, key, request_hash, created_at) VALUES ('s', $1, $2, now() - $3::interval)`,
        [randomUUID(), 'x'.repeat(64), age],
      );
    await processed('31 days');
    await processed('29 days');
    await key('25 hours');
    await key('23 hours');

    expect(await new RetentionJob(dataSource, runtime).prune()).toBe(2);
    const left = async (table: string) => Number((await dataSource.query(`SELECT count(*) AS n FROM kept.${table}`))[0].n);
    expect(await left('processed_events')).toBe(1);
    expect(await left('idempotency_keys')).toBe(1);
  });
});
