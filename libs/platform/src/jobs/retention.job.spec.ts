import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ScratchDatabase, startPlatformScratchDatabase } from '../database/scratch-database';
import { Runtime } from '../runtime';
import { RetentionJob } from './retention.job';

/** The retention job against a real (embedded) PostgreSQL: old bookkeeping goes, recent stays. */
describe(RetentionJob.name, () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  const runtime = { settings: { inboxRetentionDays: 30, idempotencyKeyTtlHours: 24 } } as unknown as Runtime;

  beforeAll(async () => {
    scratch = await startPlatformScratchDatabase('retention', 'kept');
    dataSource = scratch.dataSource;
  });

  afterAll(async () => {
    await scratch?.stop();
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
