import { ChannelMessageHandledEvent, EVENTS } from '@helpdesk/contracts';
import { EventInbox, sqlRows } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MailboxesService } from '../email/mailboxes.service';
import { EmailOutbox } from '../email/outbound/email-outbox';
import { DeliveryTransports } from '../outbound/delivery-transport';
import { OutboundSender } from '../outbound/outbound-sender';

const CONSUMER = 'channel.message-handled';

/**
 * ticket-service's word on an inbound message: the log entry becomes `handled` with its ticket, or
 * `ignored` with the reason, and a mailbox check follows so that a mail is acknowledged at once. A
 * person's mail that opened a ticket is answered with the ticket's acknowledgement (when SMTP is set).
 */
@Controller()
export class MessageHandledConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly mailboxes: MailboxesService,
    private readonly mail: EmailOutbox,
    private readonly transports: DeliveryTransports,
    private readonly sender: OutboundSender,
  ) {}

  @EventPattern(EVENTS.channel.messageHandled)
  async onMessageHandled(@Payload() event: ChannelMessageHandledEvent): Promise<void> {
    const { inboundId, outcome, ticketId, ticketNumber, handledAt } = event.data;
    let email = false;
    let acknowledged = 0;
    await this.inbox.process(CONSUMER, event, async (tx) => {
      const rows = await sqlRows<{ channel_type: string; settings: Record<string, unknown>; reason: string | null }>(
        tx.manager,
        `UPDATE "channel"."inbound_messages" m
            SET state = $2::varchar, reason = CASE WHEN $2::varchar = 'ignored' THEN COALESCE(m.reason, 'nothing_to_thread') ELSE m.reason END,
                ticket_id = $3::uuid, handled_at = $4::timestamptz, ticket_number = $5::varchar
           FROM "channel"."channels" c
          WHERE m.id = $1 AND c.id = m.channel_id AND m.state = 'handed_over'
          RETURNING c.type AS channel_type, c.settings, m.reason`,
        [inboundId, outcome === 'ignored' ? 'ignored' : 'handled', ticketId, handledAt, ticketNumber],
      );
      const [row] = rows;
      email = row?.channel_type === 'email';
      // Automated mail never opens a ticket; the `reason` check keeps it that way should one slip through.
      const { requester } = event.data;
      if (!email || outcome !== 'ticket' || row.reason || !ticketId || !ticketNumber || !requester || !this.transports.has('smtp')) return;
      const delivery = await this.mail.ticketCreated(
        tx,
        { id: event.data.channelId, settings: row.settings },
        { id: ticketId, number: ticketNumber, subject: event.data.ticketSubject ?? '' },
        { email: requester.email, name: requester.name, locale: requester.locale },
        inboundId,
      );
      acknowledged = delivery ? await this.sender.enqueue(tx.manager, [delivery]) : 0;
    });
    if (email) this.mailboxes.checkSoon();
    if (acknowledged) this.sender.nudge();
  }
}
