import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql';
import { CachedSample } from '../metrics/cached-sample';
import { GaugeSample, PlatformMetrics } from '../metrics/platform-metrics';
import { RUNTIME, Runtime } from '../runtime';

interface OutboxLag {
  pending: number;
  parked: number;
  oldest: number;
}

/** Read at most every 5 s; a scrape waits at most 1 s (the embedded database runs one statement at a time). */
const OUTBOX_SAMPLE = { ttlMs: 5_000, timeoutMs: 1_000 };

/**
 * The outbox lag of this service's schema, read on scrape: rows still to publish, the age of the
 * oldest, and the parked ones. Published rows leave the table, so the query reads only what waits.
 */
@Injectable()
export class OutboxMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly unregister: (() => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: PlatformMetrics,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    const schema = String((this.dataSource.options as { schema?: string }).schema ?? 'public');
    const service = this.runtime.service;
    const lag = new CachedSample(async () => {
      const [row] = await sqlRows<OutboxLag>(
        this.dataSource,
        `SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS pending,
                count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
                COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)), 0)::float8 AS oldest
           FROM "${schema}"."outbox" WHERE published_at IS NULL`,
      );
      return row;
    }, OUTBOX_SAMPLE);
    const gauge = (field: keyof OutboxLag) => async (): Promise<GaugeSample[]> => {
      const value = await lag.get();
      return value ? [{ labels: { service }, value: Number(value[field]) }] : [];
    };
    this.unregister.push(
      this.metrics.outboxPending.add(gauge('pending')),
      this.metrics.outboxOldestAge.add(gauge('oldest')),
      this.metrics.outboxParked.add(gauge('parked')),
    );
  }

  onModuleDestroy(): void {
    for (const unregister of this.unregister.splice(0)) unregister();
  }
}
