import { SUBJECTS, TicketSlaCommand, TicketSlaView } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TicketSlaReader } from './ticket-sla.reader';

@Controller()
export class TicketSlaHandler {
  constructor(private readonly reader: TicketSlaReader) {}

  @MessagePattern(SUBJECTS.sla.ticketSla)
  get(@Payload() { actor, ticketId }: TicketSlaCommand): Promise<TicketSlaView> {
    return this.reader.get(actor, ticketId);
  }
}
