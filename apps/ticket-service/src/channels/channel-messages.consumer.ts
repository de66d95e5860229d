import { ChannelMessageHandledV1, ChannelMessageReceivedEvent, EVENTS } from '@helpdesk/contracts';
import { currentTime, EventBatchPattern, EventInbox, inLanes, sqlRows, Transaction } from '@helpdesk/platform';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
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
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {}

  /**
   * In batches (one on the in-process bus): the plain comments of the batch together in one
   * transaction (ChannelCommentBatch), then the rest each in its own transaction, up to
   * CHANNEL_INTAKE_CONCURRENCY at once, each conversation's in order (intakeLane): a burst of new
   * conversations opens its tickets side by side instead of one after another. Two at a time is
   * enough: each is a dozen round trips to PostgreSQL, and on a busy machine more lanes opened
   * tickets hardly faster (intake bench: ≈160/s with one, ≈220/s with two, ≈250/s with three or
   * eight) while the extra busy connections took CPU from the webhooks (BENCHMARKS.md).
   */
  @EventBatchPattern(EVENTS.channel.messageReceived)
  async onMessagesReceived(@Payload() events: ChannelMessageReceivedEvent[]): Promise<void> {
    const oneByOne = await this.batch.take(CONSUMER, events);
    await inLanes(
      oneByOne,
      (event) => intakeLane(event.data),
      (event) => this.receive(event),
      this.config.channelIntakeConcurrency,
    );
  }

  private async receive(event: ChannelMessageReceivedEvent): Promise<void> {
    // Files first, outside the transaction: channel-gateway answers these requests.
    const fetched = await this.files.fetch(event.data.email);
    await this.inbox.process(CONSUMER, event, async (tx) => {
      const { requester, ...outcome } = await this.intake.receive(tx, event.data, fetched);
      const { locale, subject } = await acknowledgementDetails(tx, requester?.id ?? null, outcome.ticketId);
      tx.emit<ChannelMessageHandledV1>(
        EVENTS.channel.messageHandled,
        event.data.inboundId,
        messageHandled(
          event.data,
          outcome,
          subject,
          requester ? { id: requester.id, email: requester.email, name: requester.name, locale: locale ?? 'es' } : null,
          currentTime(),
        ),
      );
    });
  }
}

/** The requester's locale and the ticket's subject, for channel-gateway's acknowledgement: one round trip. */
async function acknowledgementDetails(
  tx: Transaction,
  requesterId: string | null,
  ticketId: string | null,
): Promise<{ locale: string | null; subject: string | null }> {
  if (!requesterId && !ticketId) return { locale: null, subject: null };
  const [row] = await sqlRows<{ locale: string | null; subject: string | null }>(
    tx.manager,
    `SELECT (SELECT locale FROM "ticket"."users" WHERE id = $1) AS locale, (SELECT subject FROM "ticket"."tickets" WHERE id = $2) AS subject`,
    [requesterId, ticketId],
  );
  return row;
}
