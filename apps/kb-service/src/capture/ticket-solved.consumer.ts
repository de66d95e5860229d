import { EventEnvelope, EVENTS, TicketSnapshotV1 } from '@helpdesk/contracts';
import { EventInbox } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CaptureService } from './capture.service';

const CONSUMER = 'kb.capture';

/** `ticket.solved` → a capture proposal, once per event however often it is delivered. */
@Controller()
export class TicketSolvedConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly capture: CaptureService,
  ) {}

  @EventPattern(EVENTS.ticket.solved)
  async onSolved(@Payload() event: EventEnvelope<{ ticket: TicketSnapshotV1; actorId: string | null }>): Promise<void> {
    await this.inbox.process(CONSUMER, event, (tx) => this.capture.propose(tx, event.data.ticket, event.data.actorId));
  }
}
