import { EventEnvelope } from '@helpdesk/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Transaction, UnitOfWork } from '../outbox/unit-of-work';

/**
 * Idempotent event consumption: the event id is recorded in `processed_events` in the same
 * transaction as the consumer's effect, so a redelivered event does nothing the second time.
 */
@Injectable()
export class EventInbox {
  private readonly schema: string;

  constructor(
    dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {
    this.schema = String((dataSource.options as { schema?: string }).schema ?? 'public');
  }

  /** Runs `work` once per (consumer, event); returns false when the event was already processed. */
  async process(consumer: string, event: EventEnvelope, work: (tx: Transaction) => Promise<void>): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const inserted: unknown[] = await tx.manager.query(
        `INSERT INTO "${this.schema}"."processed_events" (consumer, event_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, event.id],
      );
      if (!inserted.length) return false;
      await work(tx);
      return true;
    });
  }

  /**
   * The batch form of `process`: one transaction for the events, `work` given those not processed
   * before (in the order given; a repeat within the batch counts once). Returns how many were new.
   */
  async processBatch<E extends EventEnvelope>(
    consumer: string,
    events: readonly E[],
    work: (tx: Transaction, fresh: E[]) => Promise<void>,
  ): Promise<number> {
    if (!events.length) return 0;
    return this.uow.run(async (tx) => {
      const fresh = await this.markProcessed(tx, consumer, events);
      if (fresh.length) await work(tx, fresh);
      return fresh.length;
    });
  }

  /**
   * Records the events as processed by `consumer` within `tx` (it commits with the work they did);
   * returns those not processed before, in the order given (a repeat within the list counts once).
   */
  async markProcessed<E extends EventEnvelope>(tx: Transaction, consumer: string, events: readonly E[]): Promise<E[]> {
    if (!events.length) return [];
    const inserted: { event_id: string }[] = await tx.manager.query(
      `INSERT INTO "${this.schema}"."processed_events" (consumer, event_id)
       SELECT $1, id FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, events.map((e) => e.id)],
    );
    const taken = new Set(inserted.map((row) => row.event_id.toLowerCase()));
    return events.filter((e) => taken.delete(e.id.toLowerCase()));
  }
}
