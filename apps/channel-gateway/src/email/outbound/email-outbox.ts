import { randomUUID } from 'node:crypto';
import { ChannelReplyRequestedV1 } from '@helpdesk/contracts';
import { currentTime, sqlRows, Transaction } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_GATEWAY_CONFIG, ChannelGatewayConfig } from '../../config/channel-gateway.config';
import { NewDelivery } from '../../outbound/outbound-sender';
import { InstanceMarker } from '../instance-marker';
import { helpdeskMessageId } from '../message-ids';
import { MailContent, mailLocale, renderMail } from './email-templates';
import { composeMail, MailAttachment, MailThread } from './outbound-mail';

/** An email channel as the sender needs it. */
export interface MailChannel {
  id: string;
  settings: Record<string, unknown>;
}

/** Who a mail goes to. */
export interface MailRecipient {
  email: string;
  name: string;
  locale: string | null;
}

/**
 * Turns what must be mailed (an agent's reply, the acknowledgement of a new ticket, a satisfaction
 * survey) into an SMTP delivery, inside the caller's transaction: the mail is rendered in the
 * requester's language, threaded after the ticket's earlier mails (received and sent), given a
 * Message-ID of this instance and recorded under it, so that the answer to it lands on the ticket.
 */
@Injectable()
export class EmailOutbox {
  constructor(
    private readonly instance: InstanceMarker,
    @Inject(CHANNEL_GATEWAY_CONFIG) private readonly config: ChannelGatewayConfig,
  ) {}

  /** Whether mail can go out at all (SMTP_URL is set). */
  get enabled(): boolean {
    return this.config.smtp.url !== undefined;
  }

  reply(tx: Transaction, channel: MailChannel, reply: ChannelReplyRequestedV1): Promise<NewDelivery | null> {
    return this.delivery(tx, {
      channel,
      ticketId: reply.ticketId,
      to: { email: reply.requester.email, name: reply.requester.name, locale: reply.requester.locale },
      content: {
        kind: 'reply',
        ticketNumber: reply.ticketNumber,
        subject: reply.subject,
        authorName: reply.author.name,
        text: reply.text,
        html: reply.html ?? null,
      },
      eventType: 'channel.reply.requested',
      eventId: null,
      dedupeKey: `reply:${channel.id}:${reply.commentId}`,
      automatic: false,
      attachments: reply.attachments.map((a) => ({ ticketId: reply.ticketId, id: a.id, filename: a.filename, contentType: a.contentType })),
    });
  }

  /** The acknowledgement a new ticket's requester gets (an automatic mail). */
  ticketCreated(
    tx: Transaction,
    channel: MailChannel,
    ticket: { id: string; number: string; subject: string },
    to: MailRecipient,
    inboundId: string,
  ): Promise<NewDelivery | null> {
    return this.delivery(tx, {
      channel,
      ticketId: ticket.id,
      to,
      content: { kind: 'ticket_created', ticketNumber: ticket.number, subject: ticket.subject, requesterName: to.name },
      eventType: 'channel.message.handled',
      eventId: null,
      dedupeKey: `mail:ticket_created:${inboundId}`,
      automatic: true,
    });
  }

  /** A satisfaction survey with a link per answer; none when no survey page is configured. */
  csat(
    tx: Transaction,
    channel: MailChannel,
    ticket: { id: string; number: string; subject: string },
    to: MailRecipient,
    token: string,
    eventId: string,
  ): Promise<NewDelivery | null> {
    const template = this.config.smtp.csatUrlTemplate;
    if (!template) return Promise.resolve(null);
    const link = (rating: string) => template.replace('{token}', encodeURIComponent(token)).replace('{rating}', encodeURIComponent(rating));
    return this.delivery(tx, {
      channel,
      ticketId: ticket.id,
      to,
      content: {
        kind: 'csat',
        ticketNumber: ticket.number,
        subject: ticket.subject,
        requesterName: to.name,
        goodUrl: link('good'),
        badUrl: link('bad'),
      },
      eventType: 'csat.requested',
      eventId,
      dedupeKey: `mail:csat:${eventId}`,
      automatic: true,
    });
  }

  /** The email channel a ticket's mail came in on (its latest), or null for a ticket of another channel. */
  async channelOfTicket(tx: Transaction, ticketId: string): Promise<MailChannel | null> {
    const [row] = await sqlRows<{ id: string; settings: Record<string, unknown> }>(
      tx.manager,
      `SELECT c.id, c.settings FROM "channel"."inbound_messages" m JOIN "channel"."channels" c ON c.id = m.channel_id
        WHERE m.ticket_id = $1 AND c.type = 'email' AND c.active ORDER BY m.received_at DESC LIMIT 1`,
      [ticketId],
    );
    return row ?? null;
  }

  private async delivery(
    tx: Transaction,
    mail: {
      channel: MailChannel;
      ticketId: string;
      to: MailRecipient;
      content: MailContent;
      eventType: string;
      eventId: string | null;
      dedupeKey: string;
      automatic: boolean;
      attachments?: MailAttachment[];
    },
  ): Promise<NewDelivery | null> {
    const from = this.fromAddress(mail.channel);
    if (!from || !mail.to.email) return null;
    const [already] = await sqlRows<{ id: string }>(tx.manager, `SELECT id FROM "channel"."outbound_deliveries" WHERE dedupe_key = $1`, [
      mail.dedupeKey,
    ]);
    if (already) return null;
    const instance = await this.instance.get();
    const deliveryId = randomUUID();
    const messageId = helpdeskMessageId(mail.ticketId, instance, from.address.slice(from.address.indexOf('@') + 1));
    const rendered = renderMail(mail.content, mailLocale(mail.to.locale));
    const composed = composeMail({
      rendered,
      from,
      to: mail.to.email,
      messageId,
      thread: await this.thread(tx, mail.ticketId, mail.to.email),
      instance,
      automatic: mail.automatic,
      topic: mail.content.subject,
      sentAt: currentTime(),
      attachments: mail.attachments,
    });
    await tx.manager.query(
      `INSERT INTO "channel"."email_sent" (message_id, ticket_id, channel_id, kind, delivery_id, recipient) VALUES ($1, $2, $3, $4, $5, $6)`,
      [messageId, mail.ticketId, mail.channel.id, mail.content.kind, deliveryId, mail.to.email],
    );
    return {
      id: deliveryId,
      kind: 'channel_reply',
      transport: 'smtp',
      subscriptionId: null,
      channelId: mail.channel.id,
      eventType: mail.eventType,
      eventId: mail.eventId,
      payload: composed,
      dedupeKey: mail.dedupeKey,
    };
  }

  /** The ticket's mails so far, oldest first, and the one this mail answers: the recipient's latest. */
  private async thread(tx: Transaction, ticketId: string, recipient: string): Promise<MailThread> {
    const rows = await sqlRows<{ message_id: string; sender: string | null }>(
      tx.manager,
      `SELECT message_id, sender FROM (
         SELECT m.provider_message_id AS message_id, m.sender, m.received_at AS at
           FROM "channel"."inbound_messages" m JOIN "channel"."channels" c ON c.id = m.channel_id
          WHERE m.ticket_id = $1 AND c.type = 'email' AND m.state = 'handled'
         UNION ALL
         SELECT message_id, NULL, created_at FROM "channel"."email_sent" WHERE ticket_id = $1
       ) mails ORDER BY at`,
      [ticketId],
    );
    const fromRecipient = rows.filter((r) => r.sender?.toLowerCase() === recipient.toLowerCase());
    const received = rows.filter((r) => r.sender !== null);
    return {
      ticketId,
      messageIds: rows.map((r) => r.message_id),
      answering: (fromRecipient[fromRecipient.length - 1] ?? received[received.length - 1])?.message_id ?? null,
    };
  }

  /** The channel's address (`address`, else its login when that is an address), else MAIL_FROM. */
  private fromAddress(channel: MailChannel): { name: string; address: string } | null {
    const s = channel.settings;
    const login = typeof s.user === 'string' && s.user.includes('@') ? s.user : null;
    const address = (typeof s.address === 'string' ? s.address : null) ?? login ?? this.config.smtp.from ?? null;
    if (!address) return null;
    const name = typeof s.senderName === 'string' ? s.senderName : this.config.smtp.fromName;
    return { name, address: address.toLowerCase() };
  }
}
