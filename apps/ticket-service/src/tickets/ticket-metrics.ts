import { TicketStatus } from '@helpdesk/contracts';
import { CachedSample, GaugeSample, PlatformMetrics, sqlRows } from '@helpdesk/platform';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Counted at most every 10 s (an index-only scan of the status index); a scrape waits at most 2 s. */
const TICKETS_BY_STATUS_SAMPLE = { ttlMs: 10_000, timeoutMs: 2_000 };

/** One sample per status, 0 for the statuses no ticket has (so a series never vanishes). */
export function ticketsByStatusSamples(rows: { status: string; count: number | string }[]): GaugeSample[] {
  const counts = new Map<string, number>(Object.values(TicketStatus).map((status) => [status, 0]));
  for (const row of rows) counts.set(row.status, Number(row.count));
  return [...counts].map(([status, value]) => ({ labels: { status }, value }));
}

/** `helpdesk_tickets{status}`: how many tickets are in each status, counted on scrape. */
@Injectable()
export class TicketMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private unregister?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: PlatformMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const counts = new CachedSample(
      () =>
        sqlRows<{ status: string; count: string }>(
          this.dataSource,
          'SELECT status, count(*) AS count FROM "ticket"."tickets" GROUP BY status',
        ),
      TICKETS_BY_STATUS_SAMPLE,
    );
    this.unregister = this.metrics
      .scrapeGauge('helpdesk_tickets', 'Tickets by status (merged tickets are closed)', ['status'])
      .add(async () => {
        const rows = await counts.get();
        return rows ? ticketsByStatusSamples(rows) : [];
      });
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }
}
