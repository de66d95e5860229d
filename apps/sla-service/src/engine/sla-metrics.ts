import { CachedSample, PlatformMetrics, sqlRows } from '@helpdesk/platform';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { ClockKind } from '../clocks/sla-transitions';
import { CLOCK_KINDS } from './ticket-sla';

/** Counted at most every 10 s (the partial index of breached tickets); a scrape waits at most 2 s. */
const BREACHED_SAMPLE = { ttlMs: 10_000, timeoutMs: 2_000 };

/**
 * `helpdesk_sla_breaches_total{clock}`: breaches announced (`sla.breached` committed) by this
 * replica; `helpdesk_sla_tickets_breached`: tickets with a running clock past due now.
 */
@Injectable()
export class SlaMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly breaches: Counter<string>;
  private unregister?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: PlatformMetrics,
  ) {
    this.breaches = metrics.counter('helpdesk_sla_breaches_total', 'SLA breaches announced (sla.breached events emitted), by clock', [
      'clock',
    ]);
    // Every clock's series exists from the start, at 0.
    for (const clock of CLOCK_KINDS) this.breaches.inc({ clock }, 0);
  }

  /** Counts breaches whose `sla.breached` events were committed. */
  breached(clocks: ClockKind[]): void {
    for (const clock of clocks) this.breaches.inc({ clock });
  }

  onApplicationBootstrap(): void {
    const breached = new CachedSample(async () => {
      const [row] = await sqlRows<{ count: string }>(
        this.dataSource,
        `SELECT count(*) AS count FROM "sla"."ticket_slas" WHERE ("published_state"->>'breached') = 'true'`,
      );
      return Number(row.count);
    }, BREACHED_SAMPLE);
    this.unregister = this.metrics
      .scrapeGauge('helpdesk_sla_tickets_breached', 'Tickets with a running SLA clock past due (breached and not yet stopped)')
      .add(async () => {
        const value = await breached.get();
        return value === undefined ? [] : [{ labels: {}, value }];
      });
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }
}
