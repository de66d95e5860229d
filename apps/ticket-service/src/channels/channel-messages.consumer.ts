import { ChannelMessageHandledV1, ChannelMessageReceivedEvent, EVENTS } from '@helpdesk/contracts';
import { currentTime, EventBatchPattern, EventInbox, sqlRows } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ChannelCommentBatch } from './channel-comment-batch.service';
import { ChannelIntakeService } from './channel-intake.service';
import { messageHandled } from './channel-messages';
import { InboundFilesFetcher } from './inbound-files.fetcher';

const CONSUMER = 'ticket.channel-messages';

/**
 * channel-gateway's inbound messages; each becomes one ticket or comment, however often it is
 * delivered (EventInbox), and what became of it goes back as `channel.message.handled` in the same
 * transaction (channel-gateway acknowledges a mail only then).
 */
@Controller()
export class ChannelMessagesConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly intake: ChannelIntakeService,
    private readonly files: InboundFilesFetcher,
    private readonly batch: ChannelCommentBatch,
  ) {}

  /**
   * In batches (one on the in-process bus): the plain comments of the batch together in one
   * transaction (ChannelCommentBatch), then the rest one by one, in order.
   */
  @EventBatchPattern(EVENTS.channel.messageReceived)
  async onMessagesReceived(@Payload() events: ChannelMessageReceivedEvent[]): Promise<void> {
    const oneByOne = await this.batch.take(CONSUMER, events);
    for (const event of oneByOne) await this.receive(event);
  }

  private async receive(event: ChannelMessageReceivedEvent): Promise<void> {
    // Files first, outside the transaction: channel-gateway answers these requests.
    const fetched = await this.files.fetch(event.data.email);
    await this.inbox.process(CONSUMER, event, async (tx) => {
      const { requester, ...outcome } = await this.intake.receive(tx, event.data, fetched);
      const [user] = requester
        ? await sqlRows<{ locale: string }>(tx.manager, `SELECT locale FROM "ticket"."users" WHERE id = $1`, [requester.id])
        : [];
      const [ticket] = outcome.ticketId
        ? await sqlRows<{ subject: string }>(tx.manager, `SELECT subject FROM "ticket"."tickets" WHERE id = $1`, [outcome.ticketId])
        : [];
      tx.emit<ChannelMessageHandledV1>(
        EVENTS.channel.messageHandled,
        event.data.inboundId,
        messageHandled(
          event.data,
          outcome,
          ticket?.subject ?? null,
          requester ? { id: requester.id, email: requester.email, name: requester.name, locale: user?.locale ?? 'es' } : null,
          currentTime(),
        ),
      );
    });
  }
}
