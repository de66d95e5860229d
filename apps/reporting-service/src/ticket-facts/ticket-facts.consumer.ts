import { EVENTS, TicketCreatedEvent, TicketUpdatedEvent } from '@helpdesk/contracts';
import { EventInbox } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TicketFact } from './ticket-fact.entity';

const CONSUMER = 'reporting.ticket-facts';

/** Projects ticket events into `ticket_facts`; each event applies once, however often it is delivered. */
@Controller()
export class TicketFactsConsumer {
  constructor(private readonly inbox: EventInbox) {}

  @EventPattern(EVENTS.ticket.created)
  async onCreated(@Payload() event: TicketCreatedEvent): Promise<void> {
    const t = event.data.ticket;
    await this.inbox.process(CONSUMER, event, async ({ manager }) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(TicketFact)
        .values({
          ticketId: t.id,
          number: t.number,
          status: t.status,
          priority: t.priority,
          channel: t.channel,
          requesterId: t.requesterId,
          assigneeId: t.assigneeId,
          createdAt: new Date(t.createdAt),
          updatedAt: new Date(t.updatedAt),
        })
        .orIgnore()
        .execute();
    });
  }

  @EventPattern(EVENTS.ticket.updated)
  async onUpdated(@Payload() event: TicketUpdatedEvent): Promise<void> {
    const t = event.data.ticket;
    await this.inbox.process(CONSUMER, event, async ({ manager }) => {
      // Only a newer state replaces an older one, whatever order events arrive in.
      await manager
        .createQueryBuilder()
        .update(TicketFact)
        .set({ status: t.status, priority: t.priority, assigneeId: t.assigneeId, updatedAt: new Date(t.updatedAt) })
        .where('ticket_id = :id AND updated_at <= :at', { id: t.id, at: new Date(t.updatedAt) })
        .execute();
    });
  }
}
