import { randomUUID } from 'node:crypto';
import { ChannelMessageReceivedV1, ChannelType, EVENTS, InboundEmailV1 } from '@helpdesk/contracts';
import { currentTime, sqlRows, Transaction, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNEL_GATEWAY_CONFIG, ChannelGatewayConfig } from '../config/channel-gateway.config';
import { classifyMail, MailVerdict } from './automated-mail';
import { parseEmail, ParsedEmail } from './email-content';
import { InstanceMarker } from './instance-marker';
import { Mailbox } from './mailbox-settings';
import { ticketOfHelpdeskMessageId } from './message-ids';

/** What the inbound log holds for a message: `handed_over` waits for ticket-service; the others are done. */
export type InboundState = 'logged' | 'handed_over' | 'handled' | 'ignored';

/** Whether a mail in this state may be acknowledged in its mailbox (`\Seen` or moved). */
export function acknowledgeable(state: InboundState): boolean {
  return state !== 'handed_over';
}

/**
 * Mail into the inbound log: parsed, judged (the helpdesk's own mail, automated mail, a sender over
 * its rate), stored once per Message-ID across every mailbox with its files, and — for a person's mail
 * and for automated mail that may belong to a ticket — handed to ticket-service by an outbox event in
 * the same transaction. The mailbox reader acknowledges a mail only once its state is done.
 */
@Injectable()
export class EmailIntakeService {
  private readonly logger = new Logger(EmailIntakeService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly instance: InstanceMarker,
    @Inject(CHANNEL_GATEWAY_CONFIG) private readonly config: ChannelGatewayConfig,
  ) {}

  /** The log's state of each of these Message-IDs that it has, from whichever mailbox took it. */
  async states(messageIds: string[]): Promise<Map<string, InboundState>> {
    if (!messageIds.length) return new Map();
    const rows = await sqlRows<{ message_id: string; state: InboundState }>(
      this.dataSource,
      `SELECT e.message_id, m.state FROM "channel"."email_message_ids" e
         JOIN "channel"."inbound_messages" m ON m.id = e.inbound_id
        WHERE e.message_id = ANY($1::varchar[])`,
      [messageIds],
    );
    return new Map(rows.map((row) => [row.message_id, row.state]));
  }

  /** Takes one raw mail of `mailbox`; a Message-ID the log has already is not taken again. */
  async receive(mailbox: Mailbox, ownAddresses: ReadonlySet<string>, source: Buffer): Promise<{ inboundId: string; state: InboundState }> {
    const mail = await parseEmail(source, {
      maxAttachmentBytes: this.config.email.maxAttachmentBytes,
      maxAttachments: this.config.email.maxAttachments,
    });
    const marker = await this.instance.get();
    const verdict = classifyMail(
      { headers: mail.headers, from: mail.from?.address ?? null, ownMessage: ticketOfHelpdeskMessageId(mail.messageId, marker) !== null },
      { instance: marker, ownAddresses, senderRule: await this.senderRule(mail.from?.address ?? null) },
    );
    return this.uow.run(async (tx) => {
      const receivedAt = currentTime();
      const id = randomUUID();
      const inserted = await sqlRows<{ id: string }>(
        tx.manager,
        `INSERT INTO "channel"."inbound_messages"
           (id, channel_id, provider_message_id, conversation_id, raw_source, sender, state, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'logged', $7)
         ON CONFLICT (channel_id, provider_message_id) DO NOTHING RETURNING id`,
        [id, mailbox.channelId, mail.messageId, threadRoot(mail), source, mail.from?.address ?? null, receivedAt],
      );
      const taken = inserted.length
        ? await sqlRows<{ message_id: string }>(
            tx.manager,
            `INSERT INTO "channel"."email_message_ids" (message_id, inbound_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id`,
            [mail.messageId, id],
          )
        : [];
      if (!taken.length) {
        // Another mailbox (or an earlier read of this one) has it: this copy is the same message.
        if (inserted.length) await tx.manager.query(`DELETE FROM "channel"."inbound_messages" WHERE id = $1`, [id]);
        const [existing] = await sqlRows<{ id: string; state: InboundState }>(
          tx.manager,
          `SELECT m.id, m.state FROM "channel"."email_message_ids" e JOIN "channel"."inbound_messages" m ON m.id = e.inbound_id
            WHERE e.message_id = $1`,
          [mail.messageId],
        );
        return { inboundId: existing.id, state: existing.state };
      }
      const ignored = await this.ignoredBecause(tx, mail, verdict, receivedAt);
      if (ignored) {
        await this.setState(tx, id, 'ignored', ignored);
        this.logger.log({ channelId: mailbox.channelId, messageId: mail.messageId, reason: ignored }, 'mail ignored');
        return { inboundId: id, state: 'ignored' };
      }
      const files = await this.storeFiles(tx, id, mail);
      await this.setState(tx, id, 'handed_over', verdict.kind === 'automated' ? verdict.reason : null);
      tx.emit<ChannelMessageReceivedV1>(
        EVENTS.channel.messageReceived,
        `${mailbox.channelId}:${threadRoot(mail)}`,
        this.event(id, mailbox, ownAddresses, mail, verdict, files, marker, receivedAt),
      );
      return { inboundId: id, state: 'handed_over' };
    });
  }

  /** Why a mail is left alone: the helpdesk's own, no sender, or a sender over its rate; null to hand it over. */
  private async ignoredBecause(tx: Transaction, mail: ParsedEmail, verdict: MailVerdict, now: Date): Promise<string | null> {
    if (verdict.kind === 'own') return verdict.reason;
    if (!mail.from) return 'no_sender';
    const [{ count }] = await sqlRows<{ count: number }>(
      tx.manager,
      `SELECT count(*)::int AS count FROM "channel"."inbound_messages"
        WHERE sender = $1 AND state IN ('handed_over', 'handled') AND received_at > $2::timestamptz - make_interval(mins => $3)`,
      [mail.from.address, now, this.config.email.senderWindowMinutes],
    );
    return count >= this.config.email.senderLimit ? 'rate_limited' : null;
  }

  private async setState(tx: Transaction, id: string, state: InboundState, reason: string | null): Promise<void> {
    await tx.manager.query(`UPDATE "channel"."inbound_messages" SET state = $2, reason = $3 WHERE id = $1`, [id, state, reason]);
  }

  private async storeFiles(tx: Transaction, inboundId: string, mail: ParsedEmail): Promise<NonNullable<InboundEmailV1['files']>> {
    const stored: NonNullable<InboundEmailV1['files']> = [];
    for (const [position, file] of mail.files.entries()) {
      const id = randomUUID();
      await tx.manager.query(
        `INSERT INTO "channel"."inbound_files" (id, inbound_id, position, filename, content_type, size_bytes, content_id, inline, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          inboundId,
          position,
          file.filename.slice(0, 255),
          file.contentType.slice(0, 255),
          file.size,
          file.contentId,
          file.inline,
          file.content,
        ],
      );
      stored.push({
        id,
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        contentId: file.contentId,
        inline: file.inline,
      });
    }
    return stored;
  }

  private event(
    inboundId: string,
    mailbox: Mailbox,
    ownAddresses: ReadonlySet<string>,
    mail: ParsedEmail,
    verdict: MailVerdict,
    files: NonNullable<InboundEmailV1['files']>,
    marker: string,
    receivedAt: Date,
  ): ChannelMessageReceivedV1 {
    const from = mail.from!;
    const helpdeskMessageTickets: Record<string, string> = {};
    for (const id of [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references]) {
      const ticketId = ticketOfHelpdeskMessageId(id, marker);
      if (ticketId) helpdeskMessageTickets[id] = ticketId;
    }
    const notOwn = (address: string) => !ownAddresses.has(address) && address !== from.address;
    const skippedNote = mail.skipped.length
      ? `\n\n[${mail.skipped.map((s) => `${s.filename} (${s.size} bytes)`).join(', ')}: over the attachment limit, kept in the original mail]`
      : '';
    return {
      inboundId,
      channelId: mailbox.channelId,
      channelType: ChannelType.Email,
      providerMessageId: mail.messageId,
      conversationId: threadRoot(mail),
      from: { id: from.address, name: from.name || from.address, email: from.address },
      text: (mail.text || mail.subject || '(no text)') + skippedNote,
      attachments: [],
      sentAt: (mail.sentAt ?? receivedAt).toISOString(),
      receivedAt: receivedAt.toISOString(),
      email: {
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        threadIndex: mail.threadIndex,
        subject: mail.subject,
        to: mail.to.filter(notOwn),
        cc: mail.cc.filter(notOwn),
        html: mail.html && mail.html.length <= HTML_MAX_CHARS ? mail.html : null,
        helpdeskMessageTickets,
        automated: verdict.kind === 'automated' ? verdict.reason : null,
        files,
      },
    };
  }

  private async senderRule(address: string | null): Promise<'person' | 'automated' | null> {
    if (!address) return null;
    const domain = address.slice(address.indexOf('@'));
    const rows = await sqlRows<{ sender: string; verdict: 'person' | 'automated' }>(
      this.dataSource,
      `SELECT sender, verdict FROM "channel"."email_sender_rules" WHERE sender = $1 OR sender = $2`,
      [address, domain],
    );
    // The address's own rule wins over its domain's.
    return (rows.find((r) => r.sender === address) ?? rows[0])?.verdict ?? null;
  }
}

/** The sanitized HTML travels with the event up to this size (the text always does). */
const HTML_MAX_CHARS = 200_000;

/** The conversation a mail belongs to, as its first Message-ID: the thread's root, else its parent, else itself. */
function threadRoot(mail: ParsedEmail): string {
  return (mail.references[0] ?? mail.inReplyTo ?? mail.messageId).slice(0, 200);
}
