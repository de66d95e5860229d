import { currentTime, PeriodicTask, signatureHeader, sqlRows } from '@helpdesk/platform';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SLA_SERVICE_CONFIG, SlaServiceConfig } from '../config/sla-service.config';

interface Delivery {
  id: string;
  url: string;
  payload: unknown;
  attempts: number;
}

/** Back-off after `attempts` failed tries: 5 s, 10 s, 20 s... up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** How long a claimed delivery stays claimed while its POST is in flight (another replica takes it after). */
const LEASE_MS = 60_000;

/**
 * Sends the escalation webhooks the due work recorded: POST of the `sla.escalated` payload as JSON,
 * signed when SLA_WEBHOOK_SECRET is set (`X-Helpdesk-Signature: t=<unix>,v1=<hex>`, the scheme of the inbound
 * webhooks, from `@helpdesk/platform`). A delivery is leased with SKIP LOCKED before its POST, so
 * replicas do not send it twice at once; a 2xx ends it, anything else retries with back-off until
 * SLA_WEBHOOK_MAX_ATTEMPTS, then it is marked failed (kept, with the last error).
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookSender.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SLA_SERVICE_CONFIG) private readonly config: SlaServiceConfig,
  ) {
    this.task = new PeriodicTask('sending SLA webhooks', config.webhookPollIntervalMs, () => this.sendDue(), this.logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Sends up to `limit` due deliveries; answers how many it tried. */
  async sendDue(limit = 20): Promise<number> {
    const now = currentTime();
    const claimed = await sqlRows<Delivery>(
      this.dataSource,
      `UPDATE "sla"."webhook_deliveries" SET next_attempt_at = $2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM "sla"."webhook_deliveries"
                      WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
                      ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, url, payload, attempts`,
      [now, new Date(now.getTime() + LEASE_MS), limit],
    );
    await Promise.all(claimed.map((delivery) => this.send(delivery)));
    return claimed.length;
  }

  private async send(delivery: Delivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-helpdesk-delivery': delivery.id };
    // The receiver checks the timestamp against its own clock: wall time, never the suite's test clock.
    if (this.config.webhookSecret)
      headers['x-helpdesk-signature'] = signatureHeader(this.config.webhookSecret, Math.floor(Date.now() / 1000), body);
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
      });
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (!error) {
      await this.dataSource.query(`UPDATE "sla"."webhook_deliveries" SET delivered_at = $2, last_error = NULL WHERE id = $1`, [
        delivery.id,
        currentTime(),
      ]);
      return;
    }
    const giveUp = delivery.attempts >= this.config.webhookMaxAttempts;
    await this.dataSource.query(
      `UPDATE "sla"."webhook_deliveries" SET last_error = $2, failed_at = $3, next_attempt_at = $4 WHERE id = $1`,
      [
        delivery.id,
        error.slice(0, 2000),
        giveUp ? currentTime() : null,
        new Date(currentTime().getTime() + retryDelayMs(delivery.attempts)),
      ],
    );
    if (giveUp) this.logger.warn(`SLA webhook ${delivery.id} to ${delivery.url} failed ${delivery.attempts} times; giving up (${error})`);
  }
}
