import { EVENTS, SlaBreachedEvent, SlaEscalatedEvent, SlaTicketStateEvent, SlaWarningEvent } from '@helpdesk/contracts';
import { EventInbox } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SlaTicketsService } from './sla-tickets.service';

const CONSUMER = 'ticket.sla-events';

/** sla-service's events about tickets; each applies once, however often it is delivered (EventInbox). */
@Controller()
export class SlaEventsConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly sla: SlaTicketsService,
  ) {}

  @EventPattern(EVENTS.sla.warning)
  async onWarning(@Payload() event: SlaWarningEvent): Promise<void> {
    await this.inbox.process(CONSUMER, event, (tx) => this.sla.warning(tx, event.data));
  }

  @EventPattern(EVENTS.sla.breached)
  async onBreached(@Payload() event: SlaBreachedEvent): Promise<void> {
    await this.inbox.process(CONSUMER, event, (tx) => this.sla.breached(tx, event.data));
  }

  @EventPattern(EVENTS.sla.escalated)
  async onEscalated(@Payload() event: SlaEscalatedEvent): Promise<void> {
    await this.inbox.process(CONSUMER, event, (tx) => this.sla.escalated(tx, event.data));
  }

  @EventPattern(EVENTS.sla.ticketState)
  async onTicketState(@Payload() event: SlaTicketStateEvent): Promise<void> {
    await this.inbox.process(CONSUMER, event, async (tx) => {
      await this.sla.ticketState(tx, event.data);
    });
  }
}
