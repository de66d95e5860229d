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
}
