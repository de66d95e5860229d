import { randomUUID } from 'node:crypto';
import {
  Actor,
  CreateWebhookSubscriptionDto,
  ErrorCode,
  OutboundDeliveryView,
  Role,
  UpdateWebhookSubscriptionDto,
  WEBHOOK_PING_EVENT,
  WebhookSubscriptionView,
} from '@helpdesk/contracts';
import { currentTime, DomainError, sqlRows } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboundSender } from './outbound-sender';

interface SubscriptionRow {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

interface DeliveryRow {
  id: string;
  kind: 'subscription' | 'channel_reply';
  subscription_id: string | null;
  channel_id: string | null;
  event_type: string;
  status: OutboundDeliveryView['status'];
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
  attempt_log: { attempt: number; at: string; statusCode: number | null; durationMs: number; error: string | null }[];
}

/** Never the secret. */
const VIEW_COLUMNS = `id, url, events, description, active, created_at, updated_at`;

function toView(row: SubscriptionRow): WebhookSubscriptionView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    active: row.active,
    hasSecret: true,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toDeliveryView(row: DeliveryRow): OutboundDeliveryView {
  return {
    id: row.id,
    kind: row.kind,
    subscriptionId: row.subscription_id,
    channelId: row.channel_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' && row.next_attempt_at ? row.next_attempt_at.toISOString() : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    attemptLog: row.attempt_log.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
  };
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, 'Only admins manage webhook subscriptions');
}

const DELIVERY_SELECT = `SELECT d.id, d.kind, d.subscription_id, d.channel_id, d.event_type, d.status, d.attempts, d.next_attempt_at,
       d.last_status_code, d.last_error, d.delivered_at, d.created_at,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code,
                                                     'durationMs', a.duration_ms, 'error', a.error) ORDER BY a.attempt)
                   FROM "channel"."outbound_delivery_attempts" a WHERE a.delivery_id = d.id), '[]'::jsonb) AS attempt_log
  FROM "channel"."outbound_deliveries" d`;

/**
 * Outbound webhook subscriptions (admins): where ticket and SLA events are POSTed, signed with the
 * subscription's write-only secret; their deliveries with every try; replaying a finished delivery;
 * a `ping` on demand.
 */
@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: OutboundSender,
  ) {}

  async create(actor: Actor, dto: CreateWebhookSubscriptionDto): Promise<WebhookSubscriptionView> {
    assertAdmin(actor);
    const [row] = await sqlRows<SubscriptionRow>(
      this.dataSource,
      `INSERT INTO "channel"."webhook_subscriptions" (id, url, events, secret, description, active)
       VALUES ($1, $2, $3::text[], $4, $5, $6) RETURNING ${VIEW_COLUMNS}`,
      [randomUUID(), dto.url, dto.events, dto.secret, dto.description?.trim() || null, dto.active ?? true],
    );
    return toView(row);
  }

  async list(actor: Actor): Promise<WebhookSubscriptionView[]> {
    assertAdmin(actor);
    const rows = await sqlRows<SubscriptionRow>(
      this.dataSource,
      `SELECT ${VIEW_COLUMNS} FROM "channel"."webhook_subscriptions" ORDER BY created_at, id`,
    );
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<WebhookSubscriptionView> {
    assertAdmin(actor);
    return toView(await this.row(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, changes: UpdateWebhookSubscriptionDto): Promise<WebhookSubscriptionView> {
    assertAdmin(actor);
    const [row] = await sqlRows<SubscriptionRow>(
      this.dataSource,
      `UPDATE "channel"."webhook_subscriptions"
          SET url = COALESCE($2, url), events = COALESCE($3::text[], events), secret = COALESCE($4, secret),
              description = CASE WHEN $5::boolean THEN $6 ELSE description END, active = COALESCE($7, active), updated_at = now()
        WHERE id = $1 RETURNING ${VIEW_COLUMNS}`,
      [
        id,
        changes.url ?? null,
        changes.events ?? null,
        changes.secret ?? null,
        changes.description !== undefined,
        changes.description?.trim() || null,
        changes.active ?? null,
      ],
    );
    if (!row) throw DomainError.notFound('Webhook subscription', id);
    return toView(row);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor);
    const deleted = await sqlRows<{ id: string }>(
      this.dataSource,
      `DELETE FROM "channel"."webhook_subscriptions" WHERE id = $1 RETURNING id`,
      [id],
    );
    if (!deleted.length) throw DomainError.notFound('Webhook subscription', id);
  }

  /** The subscription's deliveries, newest first, each with its tries. */
  async deliveries(actor: Actor, id: string, limit = 50): Promise<OutboundDeliveryView[]> {
    assertAdmin(actor);
    await this.row(this.dataSource.manager, id);
    const rows = await sqlRows<DeliveryRow>(
      this.dataSource,
      `${DELIVERY_SELECT} WHERE d.subscription_id = $1 ORDER BY d.created_at DESC, d.id LIMIT $2`,
      [id, limit],
    );
    return rows.map(toDeliveryView);
  }

  /**
   * Sends a delivered or failed delivery again, with a fresh budget of tries (its log keeps the old
   * ones). 409 while it is still pending: the engine has it.
   */
  async replay(actor: Actor, deliveryId: string): Promise<OutboundDeliveryView> {
    assertAdmin(actor);
    const replayed = await this.dataSource.transaction(async (manager) => {
      const [row] = await sqlRows<{ status: string }>(
        manager,
        `SELECT status FROM "channel"."outbound_deliveries" WHERE id = $1 FOR UPDATE`,
        [deliveryId],
      );
      if (!row) throw DomainError.notFound('Delivery', deliveryId);
      if (row.status === 'pending') {
        throw new DomainError(ErrorCode.Conflict, `Delivery ${deliveryId} is still pending; it is being sent`, { deliveryId });
      }
      await manager.query(
        `UPDATE "channel"."outbound_deliveries"
            SET status = 'pending', attempts_base = attempts, next_attempt_at = $2, delivered_at = NULL
          WHERE id = $1`,
        [deliveryId, currentTime()],
      );
      return this.delivery(manager, deliveryId);
    });
    this.sender.nudge();
    return replayed;
  }

  /** A `ping` to the subscription now (whatever its events, even inactive: it checks the receiver and the secret). */
  async ping(actor: Actor, id: string): Promise<OutboundDeliveryView> {
    assertAdmin(actor);
    const subscription = await this.row(this.dataSource.manager, id);
    const deliveryId = randomUUID();
    const now = currentTime().toISOString();
    await this.sender.enqueue(this.dataSource.manager, [
      {
        id: deliveryId,
        kind: 'subscription',
        transport: 'http',
        subscriptionId: id,
        channelId: null,
        eventType: WEBHOOK_PING_EVENT,
        eventId: null,
        payload: {
          id: deliveryId,
          type: WEBHOOK_PING_EVENT,
          version: 1,
          occurredAt: now,
          aggregateId: id,
          data: { subscriptionId: id, url: subscription.url, events: subscription.events },
        },
        dedupeKey: `ping:${deliveryId}`,
      },
    ]);
    this.sender.nudge();
    return this.delivery(this.dataSource.manager, deliveryId);
  }

  private async delivery(manager: EntityManager, id: string): Promise<OutboundDeliveryView> {
    const [row] = await sqlRows<DeliveryRow>(manager, `${DELIVERY_SELECT} WHERE d.id = $1`, [id]);
    if (!row) throw DomainError.notFound('Delivery', id);
    return toDeliveryView(row);
  }

  private async row(manager: EntityManager, id: string): Promise<SubscriptionRow> {
    const [row] = await sqlRows<SubscriptionRow>(manager, `SELECT ${VIEW_COLUMNS} FROM "channel"."webhook_subscriptions" WHERE id = $1`, [
      id,
    ]);
    if (!row) throw DomainError.notFound('Webhook subscription', id);
    return row;
  }
}
