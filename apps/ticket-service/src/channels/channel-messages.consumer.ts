import { ChannelMessageHandledV1, ChannelMessageReceivedEvent, EVENTS } from '@helpdesk/contracts';
import { currentTime, EventBatchPattern, EventInbox, inLanes, RUNTIME, Runtime, sqlRows } from '@helpdesk/platform';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ChannelCommentBatch } from './channel-comment-batch.service';
import { ChannelIntakeService } from './channel-intake.service';
import { intakeLane, messageHandled } from './channel-messages';
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
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /**
   * In batches (one on the in-process bus): the plain comments of the batch together in one
   * transaction (ChannelCommentBatch), then the rest each in its own transaction, up to
   * EVENT_CONCURRENCY at once, each conversation's in order (intakeLane): a burst of new
   * conversations opens its tickets side by side instead of one after another.
   */
  @EventBatchPattern(EVENTS.channel.messageReceived)
  async onMessagesReceived(@Payload() events: ChannelMessageReceivedEvent[]): Promise<void> {
    const oneByOne = await this.batch.take(CONSUMER, events);
    await inLanes(
      oneByOne,
      (event) => intakeLane(event.data),
      (event) => this.receive(event),
      this.runtime.settings.eventConcurrency,
    );
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
