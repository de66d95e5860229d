import { PeriodicTask, sqlRows } from '@helpdesk/platform';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';

/** Tickets folded per statement: a short transaction, so that no ticket stays locked for long. */
export const FOLD_CHUNK = 200;

/**
 * Folds comments' pending search vectors into their tickets' (migration 1766300000000) once they
 * have waited TICKET_SEARCH_FOLD_DELAY_MS, checking every TICKET_SEARCH_FOLD_INTERVAL_MS: a ticket
 * that got several messages meanwhile is rewritten once. Searches read the pending vectors too, so
 * the delay changes what work is done, never what is found. Replicas share the work (the fold skips
 * rows another one holds).
 */
@Injectable()
export class SearchFoldJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SearchFoldJob.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: Pick<TicketServiceConfig, 'searchFoldDelayMs' | 'searchFoldIntervalMs'>,
  ) {
    this.task = new PeriodicTask('folding comments into search vectors', config.searchFoldIntervalMs, () => this.foldDue(), this.logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  /** Before the database closes (TypeORM closes it in onApplicationShutdown), so the last pass can finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Folds every ticket due now, FOLD_CHUNK per statement; returns how many. */
  async foldDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ folded }] = await sqlRows<{ folded: number }>(
        this.dataSource,
        `SELECT ticket.fold_pending_search(make_interval(secs => $1::double precision / 1000), $2) AS folded`,
        [this.config.searchFoldDelayMs, FOLD_CHUNK],
      );
      total += folded;
      if (folded < FOLD_CHUNK) return total;
    }
  }
}
