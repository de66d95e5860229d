import { ChannelMessageReceivedEvent, EVENTS } from '@helpdesk/contracts';
import { EventInbox } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ChannelIntakeService } from './channel-intake.service';

const CONSUMER = 'ticket.channel-messages';

/** channel-gateway's inbound messages; each becomes one ticket or comment, however often it is delivered (EventInbox). */
@Controller()
export class ChannelMessagesConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly intake: ChannelIntakeService,
  ) {}

  @EventPattern(EVENTS.channel.messageReceived)
  async onMessageReceived(@Payload() event: ChannelMessageReceivedEvent): Promise<void> {
    await this.inbox.process(CONSUMER, event, async (tx) => {
      await this.intake.receive(tx, event.data);
    });
  }
}
