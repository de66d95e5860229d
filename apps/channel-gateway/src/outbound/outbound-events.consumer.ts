import { randomUUID } from 'node:crypto';
import { ChannelReplyRequestedEvent, ChannelType, EventEnvelope, EVENTS } from '@helpdesk/contracts';
import { EventBatchPattern, EventInbox, sqlRows } from '@helpdesk/platform';
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';
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
    private readonly dataSource: DataSource,
    private readonly inbox: EventInbox,
    private readonly sender: OutboundSender,
    private readonly transports: DeliveryTransports,
    private readonly mail: EmailOutbox,
  ) {}

  @EventBatchPattern(EVENTS.ticket.created)
  onTicketCreated(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.ticket.updated)
  onTicketUpdated(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.ticket.commentAdded)
  onCommentAdded(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.ticket.solved)
  onTicketSolved(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.ticket.reopened)
  onTicketReopened(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.ticket.assigned)
  onTicketAssigned(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.ticket.escalated)
  onTicketEscalated(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.ticket.merged)
  onTicketMerged(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.sla.warning)
  onSlaWarning(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.sla.breached)
  onSlaBreached(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
  }

  @EventBatchPattern(EVENTS.sla.escalated)
  onSlaEscalated(@Payload() events: EventEnvelope[]): Promise<void> {
    return this.toSubscribers(events);
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

  /**
   * One look at the subscriptions, then the batch's new events and every delivery in one transaction.
   * When no active subscription lists any of the batch's types (most helpdesks, most of the time:
   * every chat message is a `ticket.comment_added`), the batch is acknowledged after that look,
   * without a transaction or inbox rows: there is nothing to deliver, so nothing to do only once.
   */
  private async toSubscribers(events: EventEnvelope[]): Promise<void> {
    const subscriptions = await subscriptionsFor(this.dataSource.manager, events);
    if (!subscriptions.length) return;
    let made = 0;
    await this.inbox.processBatch(SUBSCRIPTIONS_CONSUMER, events, async (tx, fresh) => {
      made = await this.sender.enqueue(
        tx.manager,
        fresh.flatMap((event) =>
          subscriptions
            .filter((s) => s.events.includes(event.type) || s.events.includes('*'))
            .map((s) => ({
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
        ),
      );
    });
    if (made) this.sender.nudge();
  }
}

/** The active subscriptions that list any of the events' types, or every event (`*`), oldest first. */
function subscriptionsFor(manager: EntityManager, events: readonly EventEnvelope[]): Promise<{ id: string; events: string[] }[]> {
  return sqlRows<{ id: string; events: string[] }>(
    manager,
    `SELECT id, events FROM "channel"."webhook_subscriptions" WHERE active AND events && $1::text[] ORDER BY created_at, id`,
    [[...new Set(events.map((e) => e.type)), '*']],
  );
}
