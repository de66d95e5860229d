import { ChannelMessageHandledEvent, ChannelMessageHandledV1, ChannelMessagesHandledEvent, EVENTS } from '@helpdesk/contracts';
import { EventBatchPattern, EventInbox, sqlRows, Transaction } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { MailboxesService } from '../email/mailboxes.service';
import { EmailOutbox } from '../email/outbound/email-outbox';
import { DeliveryTransports } from '../outbound/delivery-transport';
import { OutboundSender } from '../outbound/outbound-sender';

const CONSUMER = 'channel.message-handled';
const BATCH_CONSUMER = 'channel.messages-handled';

/**
 * ticket-service's word on an inbound message: the log entry becomes `handled` with its ticket, or
 * `ignored` with the reason, and a mailbox check follows so that a mail is acknowledged at once. A
 * person's mail that opened a ticket is answered with the ticket's acknowledgement (when SMTP is set).
 * The word comes one message per event (`channel.message.handled`) or, for the plain comments
 * ticket-service takes together, several per event (`channel.messages.handled`); both close the
 * same way.
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

  /** In batches: one transaction closes every log entry of the batch in one statement (1,000 messages/s end to end). */
  @EventBatchPattern(EVENTS.channel.messageHandled)
  onMessagesHandled(@Payload() events: ChannelMessageHandledEvent[]): Promise<void> {
    return this.close(CONSUMER, events, (event) => [event.data]);
  }

  /** The same for events that each carry several messages. */
  @EventBatchPattern(EVENTS.channel.messagesHandled)
  onBatchesHandled(@Payload() events: ChannelMessagesHandledEvent[]): Promise<void> {
    return this.close(BATCH_CONSUMER, events, (event) => event.data.messages);
  }

  private async close<E extends ChannelMessageHandledEvent | ChannelMessagesHandledEvent>(
    consumer: string,
    events: E[],
    messagesOf: (event: E) => ChannelMessageHandledV1[],
  ): Promise<void> {
    let email = false;
    let acknowledged = 0;
    await this.inbox.processBatch(consumer, events, async (tx, fresh) => {
      const messages = fresh.flatMap(messagesOf);
      const rows = await sqlRows<{ id: string; channel_type: string; settings: Record<string, unknown>; reason: string | null }>(
        tx.manager,
        `UPDATE "channel"."inbound_messages" m
            SET state = e.state, reason = CASE WHEN e.state = 'ignored' THEN COALESCE(m.reason, 'nothing_to_thread') ELSE m.reason END,
                ticket_id = e.ticket_id, handled_at = e.handled_at, ticket_number = e.ticket_number
           FROM jsonb_to_recordset($1::jsonb) AS e(inbound_id uuid, state varchar, ticket_id uuid, handled_at timestamptz, ticket_number varchar),
                "channel"."channels" c
          WHERE m.id = e.inbound_id AND c.id = m.channel_id AND m.state = 'handed_over'
          RETURNING m.id, c.type AS channel_type, c.settings, m.reason`,
        [JSON.stringify(messages.map(handledRow))],
      );
      const closed = new Map(rows.map((row) => [row.id, row]));
      for (const message of messages) {
        const row = closed.get(message.inboundId);
        if (row?.channel_type !== 'email') continue;
        email = true;
        acknowledged += await this.acknowledge(tx, message, row);
      }
    });
    if (email) this.mailboxes.checkSoon();
    if (acknowledged) this.sender.nudge();
  }

  /** A person's mail that opened a ticket gets the ticket's acknowledgement (automated mail never opens one; `reason` keeps it so). */
  private async acknowledge(
    tx: Transaction,
    message: ChannelMessageHandledV1,
    row: { settings: Record<string, unknown>; reason: string | null },
  ): Promise<number> {
    const { inboundId, outcome, ticketId, ticketNumber, requester } = message;
    if (outcome !== 'ticket' || row.reason || !ticketId || !ticketNumber || !requester || !this.transports.has('smtp')) return 0;
    const delivery = await this.mail.ticketCreated(
      tx,
      { id: message.channelId, settings: row.settings },
      { id: ticketId, number: ticketNumber, subject: message.ticketSubject ?? '' },
      { email: requester.email, name: requester.name, locale: requester.locale },
      inboundId,
    );
    return delivery ? this.sender.enqueue(tx.manager, [delivery]) : 0;
  }
}

/** What a handled message sets on its log entry. */
function handledRow(data: ChannelMessageHandledV1) {
  return {
    inbound_id: data.inboundId,
    state: data.outcome === 'ignored' ? 'ignored' : 'handled',
    ticket_id: data.ticketId,
    handled_at: data.handledAt,
    ticket_number: data.ticketNumber,
  };
}
