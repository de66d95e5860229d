import { ChannelType } from '@helpdesk/contracts';
import { currentTime, PeriodicTask, sqlRows } from '@helpdesk/platform';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CHANNEL_GATEWAY_CONFIG, ChannelGatewayConfig } from '../config/channel-gateway.config';
import { backoffDelayMs, givesUp } from './backoff';
import { DeliveryResult, DeliveryTransports, OutboundMessage } from './delivery-transport';

/** A delivery to make: what the consumers and the ping write. */
export interface NewDelivery {
  id: string;
  kind: 'subscription' | 'channel_reply';
  transport: string;
  subscriptionId: string | null;
  channelId: string | null;
  eventType: string;
  eventId: string | null;
  payload: unknown;
  /** One delivery per key: a redelivered event finds its delivery there */
  dedupeKey: string;
}

interface ClaimedRow {
  id: string;
  kind: 'subscription' | 'channel_reply';
  transport: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  attempts_base: number;
  subscription_url: string | null;
  subscription_secret: string | null;
  subscription_active: boolean | null;
  channel_id: string | null;
  channel_type: ChannelType | null;
  channel_settings: Record<string, unknown> | null;
  channel_secret: string | null;
  channel_active: boolean | null;
}

/** How long a claimed delivery stays claimed beyond its request's timeout (another replica takes it after). */
const LEASE_MARGIN_MS = 30_000;
const BATCH = 20;

/**
 * The outbound engine: sends due deliveries. A claim takes a batch with `FOR UPDATE SKIP LOCKED` and
 * pushes each one's `next_attempt_at` a lease ahead (the request's timeout plus a margin), so another
 * replica neither waits for it nor sends it while the request is in flight; a replica that dies
 * mid-send leaves it to be claimed again after the lease. Each try is logged; a 2xx delivers, anything
 * else backs off exponentially (with jitter) until OUTBOUND_MAX_ATTEMPTS, then the delivery is failed.
 */
@Injectable()
export class OutboundSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboundSender.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transports: DeliveryTransports,
    @Inject(CHANNEL_GATEWAY_CONFIG) private readonly config: ChannelGatewayConfig,
  ) {
    this.task = new PeriodicTask('sending outbound deliveries', config.outbound.pollIntervalMs, () => this.sendDue(), this.logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Looks for due deliveries now (after new ones are committed). */
  nudge(): void {
    this.task.runNow();
  }

  /** Writes deliveries (a key already there is skipped); answers how many are new. */
  async enqueue(manager: EntityManager, deliveries: NewDelivery[]): Promise<number> {
    if (!deliveries.length) return 0;
    const inserted = await sqlRows<{ id: string }>(
      manager,
      `INSERT INTO "channel"."outbound_deliveries"
         (id, kind, transport, subscription_id, channel_id, event_type, event_id, payload, dedupe_key, next_attempt_at)
       SELECT (d->>'id')::uuid, d->>'kind', d->>'transport', (d->>'subscriptionId')::uuid, (d->>'channelId')::uuid,
              d->>'eventType', (d->>'eventId')::uuid, d->'payload', d->>'dedupeKey', $2
         FROM jsonb_array_elements($1::jsonb) AS d
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [JSON.stringify(deliveries), currentTime()],
    );
    return inserted.length;
  }

  /** Sends due deliveries, batch after batch, until none is due; answers how many tries were made. */
  async sendDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claim();
      if (!claimed.length) return total;
      total += claimed.length;
      await Promise.all(claimed.map((row) => this.send(row)));
    }
  }

  private async claim(): Promise<ClaimedRow[]> {
    const now = currentTime();
    return sqlRows<ClaimedRow>(
      this.dataSource,
      `WITH due AS (
         SELECT id FROM "channel"."outbound_deliveries"
          WHERE status = 'pending' AND next_attempt_at <= $1
          ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE "channel"."outbound_deliveries" d SET next_attempt_at = $2, attempts = d.attempts + 1
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.kind, d.transport, d.event_type, d.payload, d.attempts, d.attempts_base, d.subscription_id, d.channel_id
       )
       SELECT c.id, c.kind, c.transport, c.event_type, c.payload, c.attempts, c.attempts_base,
              s.url AS subscription_url, s.secret AS subscription_secret, s.active AS subscription_active,
              c.channel_id, ch.type AS channel_type, ch.settings AS channel_settings, ch.secret AS channel_secret, ch.active AS channel_active
         FROM claimed c
         LEFT JOIN "channel"."webhook_subscriptions" s ON s.id = c.subscription_id
         LEFT JOIN "channel"."channels" ch ON ch.id = c.channel_id`,
      [now, new Date(now.getTime() + this.config.outbound.timeoutMs + LEASE_MARGIN_MS), BATCH],
    );
  }

  private async send(row: ClaimedRow): Promise<void> {
    const at = currentTime();
    const result = await this.attempt(row);
    const failures = row.attempts - row.attempts_base;
    const giveUp = !result.ok && givesUp(failures, this.config.outbound.maxAttempts);
    const next =
      result.ok || giveUp ? null : new Date(currentTime().getTime() + backoffDelayMs(failures, this.config.outbound.backoffBaseMs));
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "channel"."outbound_delivery_attempts" (delivery_id, attempt, at, status_code, duration_ms, error)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [row.id, row.attempts, at, result.statusCode, Math.round(result.durationMs), result.error],
      );
      await manager.query(
        `UPDATE "channel"."outbound_deliveries"
            SET status = $2, next_attempt_at = $3, last_status_code = $4, last_error = $5, delivered_at = $6
          WHERE id = $1`,
        [
          row.id,
          result.ok ? 'delivered' : giveUp ? 'failed' : 'pending',
          next,
          result.statusCode,
          result.error,
          result.ok ? currentTime() : null,
        ],
      );
    });
    if (!result.ok && !giveUp)
      this.logger.log(
        { deliveryId: row.id, eventType: row.event_type, statusCode: result.statusCode, error: result.error },
        'outbound delivery try failed; will retry',
      );
    if (giveUp)
      this.logger.warn({ deliveryId: row.id, eventType: row.event_type, error: result.error }, 'outbound delivery failed; giving up');
  }

  /** One try through the delivery's transport; a target that is gone or switched off is a failed try. */
  private async attempt(row: ClaimedRow): Promise<DeliveryResult> {
    const refused = (error: string): DeliveryResult => ({ ok: false, statusCode: null, error, durationMs: 0 });
    const transport = this.transports.get(row.transport);
    if (!transport) return refused(`no ${row.transport} transport is registered`);
    let target: OutboundMessage['target'];
    if (row.kind === 'subscription') {
      if (!row.subscription_url || !row.subscription_active) return refused('the subscription is inactive');
      target = { url: row.subscription_url, secret: row.subscription_secret, channel: null };
    } else {
      if (!row.channel_id || !row.channel_type || !row.channel_settings) return refused('the channel is gone');
      if (!row.channel_active) return refused('the channel is inactive');
      const url = row.channel_settings.outboundUrl;
      target = {
        url: typeof url === 'string' ? url : null,
        secret: row.channel_secret,
        channel: { id: row.channel_id, type: row.channel_type, settings: row.channel_settings },
      };
    }
    return transport.send(
      { deliveryId: row.id, kind: row.kind, eventType: row.event_type, payload: row.payload, attempt: row.attempts, target },
      { timeoutMs: this.config.outbound.timeoutMs },
    );
  }
}
