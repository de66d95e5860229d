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
          const event = this.envelope(type, aggregateId, data, version);
          events.push(event);
          return event;
        },
      });
      if (events.length) await this.append(manager, events);
      return value;
    });
    if (events.length) this.committed();
    return result;
  }

  /**
   * An event's envelope, for code that writes its outbox rows itself in a single statement (no
   * transaction needed: one statement is atomic), e.g. the inbound log's group commit. Such code
   * inserts into `outboxTable` (id, type, aggregate_id, payload = the envelope) and calls `committed()`.
   */
  envelope<TData>(type: string, aggregateId: string, data: TData, version = 1): EventEnvelope<TData> {
    return {
      id: randomUUID(),
      type,
      version,
      occurredAt: currentTime().toISOString(),
      source: this.runtime.service,
      aggregateId,
      requestId: requestContext.requestId(),
      data,
    };
  }

  /** The service's outbox table, quoted. */
  get outboxTable(): string {
    return `"${this.schema}"."outbox"`;
  }

  /** Events were committed outside `run`: the relay publishes them soon. */
  committed(): void {
    this.relay.nudge();
  }

  /**
   * One statement and one parameter whatever the number of events: the events as one JSON array
   * (a VALUES list of thousands of parameters is slow to parse and plan, and a jsonb[] parameter
   * has every quote of every payload escaped by the driver and unescaped by the server).
   */
  private async append(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.schema}"."outbox" (id, type, aggregate_id, payload)
       SELECT (e->>'id')::uuid, e->>'type', e->>'aggregateId', e FROM jsonb_array_elements($1::jsonb) AS e`,
      [JSON.stringify(events)],
    );
  }
}
