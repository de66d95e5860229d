import { ChannelMessageHandledEvent, EVENTS } from '@helpdesk/contracts';
import { EventInbox } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MailboxesService } from '../email/mailboxes.service';

const CONSUMER = 'channel.message-handled';

/**
 * ticket-service's word on an inbound message: the log entry becomes `handled` with its ticket, or
 * `ignored` with the reason, and a mailbox check follows so that a mail is acknowledged at once.
 */
@Controller()
export class MessageHandledConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly mailboxes: MailboxesService,
  ) {}

  @EventPattern(EVENTS.channel.messageHandled)
  async onMessageHandled(@Payload() event: ChannelMessageHandledEvent): Promise<void> {
    const { inboundId, outcome, ticketId, ticketNumber, handledAt } = event.data;
    let email = false;
    await this.inbox.process(CONSUMER, event, async (tx) => {
      const rows: { channel_type: string }[] = await tx.manager.query(
        `UPDATE "channel"."inbound_messages" m
            SET state = $2::varchar, reason = CASE WHEN $2::varchar = 'ignored' THEN COALESCE(m.reason, 'nothing_to_thread') ELSE m.reason END,
                ticket_id = $3, handled_at = $4, ticket_number = $5
           FROM "channel"."channels" c
          WHERE m.id = $1 AND c.id = m.channel_id AND m.state = 'handed_over'
          RETURNING c.type AS channel_type`,
        [inboundId, outcome === 'ignored' ? 'ignored' : 'handled', ticketId, handledAt, ticketNumber],
      );
      email = rows.some((row) => row.channel_type === 'email');
    });
    if (email) this.mailboxes.checkSoon();
  }
}
