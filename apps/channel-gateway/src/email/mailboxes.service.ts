import { PeriodicTask, sqlRows } from '@helpdesk/platform';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNEL_GATEWAY_CONFIG, ChannelGatewayConfig } from '../config/channel-gateway.config';
import { acknowledgeable, EmailIntakeService } from './email-intake.service';
import { Mailbox, mailboxFingerprint, mailboxOf } from './mailbox-settings';
import { MailboxSession } from './mailbox-session';

/**
 * Reads every active email channel's mailbox: one session each, checked every
 * EMAIL_POLL_INTERVAL_MS, at once when IDLE reports new mail, and when ticket-service has handled
 * a mail (`checkSoon`) so that it is acknowledged without waiting. Changed settings restart a
 * session; a deactivated or deleted channel's is closed. A failing mailbox is logged and retried
 * without holding up the others.
 */
@Injectable()
export class MailboxesService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailboxesService.name);
  private readonly sessions = new Map<string, { fingerprint: string; session: MailboxSession }>();
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly intake: EmailIntakeService,
    @Inject(CHANNEL_GATEWAY_CONFIG) private readonly config: ChannelGatewayConfig,
  ) {
    this.task = new PeriodicTask('mailbox check', config.email.pollIntervalMs, () => this.checkAll(), this.logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
    this.task.runNow();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await Promise.all([...this.sessions.values()].map(({ session }) => session.close()));
    this.sessions.clear();
  }

  /** Asks for a check as soon as the one running (if any) is over. */
  checkSoon(): void {
    this.task.runNow();
  }

  /** Checks every mailbox once; answers what each check did (or its error). */
  async checkAll(): Promise<Map<string, string>> {
    const mailboxes = await this.mailboxes();
    const ownAddresses = new Set(mailboxes.map((m) => m.address).filter((a): a is string => a !== null));
    const current = new Set(mailboxes.map((m) => m.channelId));
    for (const [channelId, { session }] of this.sessions) {
      if (!current.has(channelId)) {
        this.sessions.delete(channelId);
        await session.close();
      }
    }
    const outcomes = new Map<string, string>();
    for (const mailbox of mailboxes) {
      const session = await this.session(mailbox);
      try {
        const result = await session.check(
          {
            acknowledgeable: async (ids) =>
              new Map([...(await this.intake.states(ids))].map(([id, state]) => [id, acknowledgeable(state)])),
            take: async (source) => acknowledgeable((await this.intake.receive(mailbox, ownAddresses, source)).state),
          },
          this.config.email.batchSize,
        );
        outcomes.set(mailbox.channelId, JSON.stringify(result));
        if (result.taken) this.logger.log({ channelId: mailbox.channelId, ...result }, 'mailbox checked');
      } catch (error) {
        outcomes.set(mailbox.channelId, String(error));
        this.logger.warn({ err: error, channelId: mailbox.channelId, host: mailbox.host }, 'mailbox check failed; will retry');
        await session.close();
      }
    }
    return outcomes;
  }

  private async session(mailbox: Mailbox): Promise<MailboxSession> {
    const fingerprint = mailboxFingerprint(mailbox);
    const existing = this.sessions.get(mailbox.channelId);
    if (existing?.fingerprint === fingerprint) return existing.session;
    if (existing) await existing.session.close();
    const session = new MailboxSession(mailbox, () => this.checkSoon(), this.logger);
    this.sessions.set(mailbox.channelId, { fingerprint, session });
    return session;
  }

  private async mailboxes(): Promise<Mailbox[]> {
    const rows = await sqlRows<{ id: string; settings: Record<string, unknown>; secret: string | null }>(
      this.dataSource,
      `SELECT id, settings, secret FROM "channel"."channels" WHERE type = 'email' AND active ORDER BY created_at, id`,
    );
    return rows.map(mailboxOf);
  }
}
