import {
  isUuid,
  Actor,
  ActorCommand,
  ErrorCode,
  EventEnvelope,
  opsSubjects,
  ParkedEventView,
  ReplayParkedEventCommand,
  Role,
} from '@helpdesk/contracts';
import { Controller, Inject, Injectable, Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { EventPublisher } from '../bus/bus-client';
import { sqlRows } from '../database/sql';
import { DomainError } from '../errors/domain-error';
import { OutboxRelay } from '../outbox/outbox-relay';
import { RUNTIME, Runtime } from '../runtime';

const LIST_LIMIT = 500;

/**
 * What an operator sees of a service's parked events and how they send one again: an outgoing
 * event (its outbox row) goes back to the relay with a fresh count of tries; an incoming one is
 * published again under a new message id, and every consumer but the one that failed skips it,
 * since they recorded its event id when they processed it.
 */
@Injectable()
export class ParkedEvents {
  private readonly schema: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly publisher: EventPublisher,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    this.schema = String((dataSource.options as { schema?: string }).schema ?? 'public');
  }

  async list(): Promise<ParkedEventView[]> {
    const outgoing = await sqlRows<{ id: string; type: string; attempts: number; last_error: string | null; parked_at: Date }>(
      this.dataSource,
      `SELECT id, type, attempts, last_error, parked_at FROM "${this.schema}"."outbox" WHERE parked_at IS NOT NULL ORDER BY seq LIMIT $1`,
      [LIST_LIMIT],
    );
    const incoming = await sqlRows<{
      id: string;
      consumer: string;
      subject: string;
      payload: EventEnvelope | null;
      error: string;
      deliveries: number;
      parked_at: Date;
    }>(
      this.dataSource,
      `SELECT id, consumer, subject, payload, error, deliveries, parked_at FROM "${this.schema}"."parked_events"
        WHERE replayed_at IS NULL ORDER BY id LIMIT $1`,
      [LIST_LIMIT],
    );
    const service = this.runtime.service;
    return [
      ...outgoing.map((r) => ({
        service,
        kind: 'outgoing' as const,
        id: r.id,
        eventId: r.id,
        type: r.type,
        consumer: null,
        error: r.last_error ?? '',
        attempts: r.attempts,
        parkedAt: r.parked_at.toISOString(),
      })),
      ...incoming.map((r) => ({
        service,
        kind: 'incoming' as const,
        id: String(r.id),
        eventId: r.payload?.id ?? null,
        type: r.payload?.type ?? r.subject,
        consumer: r.consumer,
        error: r.error,
        attempts: r.deliveries,
        parkedAt: r.parked_at.toISOString(),
      })),
    ];
  }

  async replay(kind: 'outgoing' | 'incoming', id: string): Promise<void> {
    // Outgoing events are addressed by event id (uuid), incoming ones by their parked row (a number).
    if (kind === 'outgoing' ? !isUuid(id) : !/^\d{1,18}$/.test(id)) throw DomainError.notFound('Parked event', id);
    if (kind === 'outgoing') {
      const rows = await sqlRows(
        this.dataSource,
        `UPDATE "${this.schema}"."outbox" SET parked_at = NULL, attempts = 0, locked_until = NULL, last_error = NULL
          WHERE id = $1::uuid AND parked_at IS NOT NULL RETURNING id`,
        [id],
      );
      if (!rows.length) throw DomainError.notFound('Parked event', id);
      this.relay.nudge();
      return;
    }
    const [row] = await sqlRows<{ payload: EventEnvelope | null }>(
      this.dataSource,
      `SELECT payload FROM "${this.schema}"."parked_events" WHERE id = $1::bigint AND replayed_at IS NULL`,
      [id],
    );
    if (!row?.payload) throw DomainError.notFound('Parked event', id);
    await this.publisher.publish(row.payload, { messageId: `${row.payload.id}:replay:${id}` });
    await this.dataSource.query(`UPDATE "${this.schema}"."parked_events" SET replayed_at = now() WHERE id = $1::bigint`, [id]);
  }
}

function adminOnly(actor: Actor): void {
  if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, 'Only admins see and replay parked events');
}

/** The ops.<service>.parked.* handlers of one service (subjects carry the service's name). */
export function parkedEventsHandler(service: string): Type<unknown> {
  const subjects = opsSubjects(service);

  @Controller()
  class ParkedEventsHandler {
    constructor(private readonly parked: ParkedEvents) {}

    @MessagePattern(subjects.parkedList)
    list(@Payload() { actor }: ActorCommand): Promise<ParkedEventView[]> {
      adminOnly(actor);
      return this.parked.list();
    }

    @MessagePattern(subjects.parkedReplay)
    async replay(@Payload() { actor, kind, id }: ReplayParkedEventCommand): Promise<{ replayed: true }> {
      adminOnly(actor);
      await this.parked.replay(kind, id);
      return { replayed: true };
    }
  }
  return ParkedEventsHandler;
}
