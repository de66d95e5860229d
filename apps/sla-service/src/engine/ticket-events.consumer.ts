import { EventEnvelope, EVENTS, TicketCommentAddedEvent, TicketCreatedEvent, TicketUpdatedEvent } from '@helpdesk/contracts';
import { EventInbox } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SlaTracker } from './sla-tracker.service';
import { commentInput, createdInput, updatedInput } from './ticket-inputs';
import { SlaInput } from './ticket-sla';

const CONSUMER = 'sla.clocks';

/** Ticket events into SLA clocks, each once; an event's time is when it happened at the ticket service. */
@Controller()
export class TicketEventsConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly tracker: SlaTracker,
  ) {}

  @EventPattern(EVENTS.ticket.created)
  async onCreated(@Payload() event: TicketCreatedEvent): Promise<void> {
    await this.track(event, event.data.ticket.id, createdInput(event.data, new Date(event.occurredAt)));
  }

  @EventPattern(EVENTS.ticket.updated)
  async onUpdated(@Payload() event: TicketUpdatedEvent): Promise<void> {
    await this.track(event, event.data.ticket.id, updatedInput(event.data, new Date(event.occurredAt)));
  }

  @EventPattern(EVENTS.ticket.commentAdded)
  async onComment(@Payload() event: TicketCommentAddedEvent): Promise<void> {
    await this.track(event, event.data.ticketId, commentInput(event.data, new Date(event.occurredAt)));
  }

  private async track(event: EventEnvelope, ticketId: string, input: SlaInput): Promise<void> {
    await this.inbox.process(CONSUMER, event, (tx) => this.tracker.record(tx, ticketId, input));
  }
}
