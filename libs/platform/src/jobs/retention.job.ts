import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RUNTIME, Runtime } from '../runtime';
import { PeriodicTask } from './periodic-task';

const HOURLY = 3_600_000;
const BATCH = 10_000;

/**
 * Keeps the platform's bookkeeping tables bounded: processed-event ids older than
 * INBOX_RETENTION_DAYS (a redelivery or replay older than that would be processed again) and
 * idempotency keys older than IDEMPOTENCY_KEY_TTL_HOURS. Hourly, in batches, on every replica
 * (deleting the same old rows twice is harmless).
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly task: PeriodicTask;
  private readonly schema: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    this.schema = String((dataSource.options as { schema?: string }).schema ?? 'public');
    this.task = new PeriodicTask(
      'pruning processed events and idempotency keys',
      HOURLY,
      () => this.prune(),
      new Logger(RetentionJob.name),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Deletes what is past its retention; answers how many rows went. */
  async prune(): Promise<number> {
    const { inboxRetentionDays, idempotencyKeyTtlHours } = this.runtime.settings;
    return (
      (await this.pruneTable('processed_events', 'processed_at', `${inboxRetentionDays} days`)) +
      (await this.pruneTable('idempotency_keys', 'created_at', `${idempotencyKeyTtlHours} hours`))
    );
  }

  private async pruneTable(table: string, column: string, age: string): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = await this.dataSource.query<[unknown, number]>(
        `DELETE FROM "${this.schema}"."${table}" WHERE ctid IN (
           SELECT ctid FROM "${this.schema}"."${table}" WHERE "${column}" < now() - $1::interval LIMIT ${BATCH})`,
        [age],
      );
      total += count;
      if (count < BATCH) return total;
    }
  }
}
