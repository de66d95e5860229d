import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@helpdesk/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { requestContext } from '../context/request-context';
import { RUNTIME, Runtime } from '../runtime';
import { currentTime } from '../time/clock';
import { OutboxRelay } from './outbox-relay';

/** One database transaction and the events it commits with it. */
export interface Transaction {
  manager: EntityManager;
  emit<TData>(type: string, aggregateId: string, data: TData, version?: number): EventEnvelope<TData>;
}

/**
 * Runs work in a transaction and writes the events it emits to the outbox in that same
 * transaction: the change and its events commit together or not at all.
 */
@Injectable()
export class UnitOfWork {
  private readonly schema: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    this.schema = String((dataSource.options as { schema?: string }).schema ?? 'public');
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const events: EventEnvelope[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const value = await work({
        manager,
        emit: (type, aggregateId, data, version = 1) => {
          const event = {
            id: randomUUID(),
            type,
            version,
            occurredAt: currentTime().toISOString(),
            source: this.runtime.service,
            aggregateId,
            requestId: requestContext.requestId(),
            data,
          };
          events.push(event);
          return event;
        },
      });
      if (events.length) await this.append(manager, events);
      return value;
    });
    if (events.length) this.relay.nudge();
    return result;
  }

  private async append(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    const values: unknown[] = [];
    const rows = events.map((event, i) => {
      values.push(event.id, event.type, event.aggregateId, JSON.stringify(event));
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}::jsonb)`;
    });
    await manager.query(`INSERT INTO "${this.schema}"."outbox" (id, type, aggregate_id, payload) VALUES ${rows.join(', ')}`, values);
  }
}
