import { randomUUID } from 'node:crypto';
import { ChannelReplyRequestedEvent, ChannelType, EventEnvelope, EVENTS } from '@helpdesk/contracts';
import { EventInbox, sqlRows } from '@helpdesk/platform';
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EmailOutbox } from '../email/outbound/email-outbox';
import { DeliveryTransports } from './delivery-transport';
import { replyTransport } from './event-matching';
import { OutboundSender } from './outbound-sender';

const SUBSCRIPTIONS_CONSUMER = 'channel.outbound-subscriptions';
const REPLIES_CONSUMER = 'channel.outbound-replies';

/** What a subscriber receives: the event's envelope, as the bus carried it. */
export function webhookBody(event: EventEnvelope): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    occurredAt: event.occurredAt,
    aggregateId: event.aggregateId,
    data: event.data,
  };
}

/**
 * Turns events into outbound deliveries, once per event (the inbox) and once per target (the
 * dedupe key): ticket and SLA events into one delivery per active subscription that lists them (or
 * `*`); `channel.reply.requested` into a reply on the channel, by the transport its type takes (chat
 * and Twilio channels with an `outboundUrl`: http; email: smtp, when that transport is registered).
 */
@Controller()
export class OutboundEventsConsumer {
  private readonly logger = new Logger(OutboundEventsConsumer.name);

  constructor(
    private readonly inbox: EventInbox,
    private readonly sender: OutboundSender,
    private readonly transports: DeliveryTransports,
    private readonly mail: EmailOutbox,
  ) {}

  @EventPattern(EVENTS.ticket.created)
  onTicketCreated(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.ticket.updated)
  onTicketUpdated(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.ticket.commentAdded)
  onCommentAdded(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.ticket.solved)
  onTicketSolved(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.ticket.reopened)
  onTicketReopened(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.ticket.assigned)
  onTicketAssigned(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.ticket.escalated)
  onTicketEscalated(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.ticket.merged)
  onTicketMerged(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.sla.warning)
  onSlaWarning(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.sla.breached)
  onSlaBreached(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.sla.escalated)
  onSlaEscalated(@Payload() event: EventEnvelope): Promise<void> {
    return this.toSubscribers(event);
  }

  @EventPattern(EVENTS.channel.replyRequested)
  async onReplyRequested(@Payload() event: ChannelReplyRequestedEvent): Promise<void> {
    const reply = event.data;
    let made = 0;
    await this.inbox.process(REPLIES_CONSUMER, event, async (tx) => {
      const [channel] = await sqlRows<{ type: ChannelType; settings: Record<string, unknown> }>(
        tx.manager,
        `SELECT type, settings FROM "channel"."channels" WHERE id = $1`,
        [reply.channelId],
      );
      if (!channel) return;
      const transport = replyTransport(reply.channelType ?? channel.type);
      if (!transport || !this.transports.has(transport)) {
        this.logger.debug({ ticketId: reply.ticketId, channelType: channel.type }, 'no transport sends replies on this channel');
        return;
      }
      if (transport === 'http' && typeof channel.settings.outboundUrl !== 'string') return;
      if (transport === 'smtp') {
        const mail = await this.mail.reply(tx, { id: reply.channelId, settings: channel.settings }, reply);
        made = mail ? await this.sender.enqueue(tx.manager, [mail]) : 0;
        return;
      }
      made = await this.sender.enqueue(tx.manager, [
        {
          id: randomUUID(),
          kind: 'channel_reply',
          transport,
          subscriptionId: null,
          channelId: reply.channelId,
          eventType: event.type,
          eventId: event.id,
          payload: webhookBody(event),
          dedupeKey: `reply:${reply.channelId}:${reply.commentId}`,
        },
      ]);
    });
    if (made) this.sender.nudge();
  }

  private async toSubscribers(event: EventEnvelope): Promise<void> {
    let made = 0;
    await this.inbox.process(SUBSCRIPTIONS_CONSUMER, event, async (tx) => {
      const subscriptions = await sqlRows<{ id: string }>(
        tx.manager,
        `SELECT id FROM "channel"."webhook_subscriptions" WHERE active AND events && ARRAY[$1, '*']::text[] ORDER BY created_at, id`,
        [event.type],
      );
      made = await this.sender.enqueue(
        tx.manager,
        subscriptions.map((s) => ({
          id: randomUUID(),
          kind: 'subscription' as const,
          transport: 'http',
          subscriptionId: s.id,
          channelId: null,
          eventType: event.type,
          eventId: event.id,
          payload: webhookBody(event),
          dedupeKey: `event:${s.id}:${event.id}`,
        })),
      );
    });
    if (made) this.sender.nudge();
  }
}
