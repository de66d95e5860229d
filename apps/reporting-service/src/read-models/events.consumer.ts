import { EVENTS, EventEnvelope } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Projector } from './projector.service';

/** Every event the read models are built from; each applies once, however often it is delivered. */
@Controller()
export class ReadModelEventsConsumer {
  constructor(private readonly projector: Projector) {}

  @EventPattern(EVENTS.ticket.created)
  async ticketCreated(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.ticket.updated)
  async ticketUpdated(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.ticket.escalated)
  async ticketEscalated(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.ticket.commentAdded)
  async commentAdded(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.csat.received)
  async csatReceived(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.sla.fulfilled)
  async slaFulfilled(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.sla.breached)
  async slaBreached(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.sla.escalated)
  async slaEscalated(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.kb.suggestionsShown)
  async suggestionsShown(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }

  @EventPattern(EVENTS.kb.suggestionSolved)
  async suggestionSolved(@Payload() event: EventEnvelope): Promise<void> {
    await this.projector.apply(event);
  }
}
