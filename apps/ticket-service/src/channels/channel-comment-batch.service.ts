import { ChannelMessageReceivedEvent, ChannelMessagesHandledV1, EVENTS, TicketStatus } from '@helpdesk/contracts';
import { currentTime, EventInbox, sqlRows, Transaction, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { insertChannelReplies } from '../tickets/channel-replies';
import { BatchConversation, BatchSender, conversationKey, mayBatch, planChannelBatch, senderKey } from './channel-batch-plan';
import { messageBody, messageHandled } from './channel-messages';

/**
 * The plain comments of a batch of channel messages, in one transaction: the conversations and
 * their tickets locked and read in one statement, the senders in another, the comments and their
 * history in two, every event in one outbox statement, and what became of the messages as one
 * `channel.messages.handled` event. A live chat's follow-up messages are most of
 * the traffic, and one transaction each (a dozen statements) capped ticket-service near 200
 * messages/s. Whatever is not a plain comment (planChannelBatch) is returned, to go one by one
 * through the full intake after this commits.
 */
@Injectable()
export class ChannelCommentBatch {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbox: EventInbox,
  ) {}

  async take(consumer: string, events: readonly ChannelMessageReceivedEvent[]): Promise<ChannelMessageReceivedEvent[]> {
    const candidates = events.filter((event) => mayBatch(event.data));
    if (!candidates.length) return [...events];
    return this.uow.run(async (tx) => {
      const conversations = await lockConversations(tx, candidates);
      const senders = await knownSenders(tx, candidates);
      const plan = planChannelBatch(events, conversations, senders);
      const fresh = new Set(
        await this.inbox.markProcessed(
          tx,
          consumer,
          plan.comments.map((c) => c.event),
        ),
      );
      const comments = plan.comments.filter((c) => fresh.has(c.event));
      const commentIds = await insertChannelReplies(
        tx,
        comments.map(({ event, conversation, sender }) => ({
          ticket: { id: conversation.ticketId, number: conversation.number, requesterId: conversation.requesterId },
          authorId: sender.id,
          body: messageBody(event.data),
        })),
      );
      if (comments.length) {
        // One event for the batch (channel-gateway closes each message as for channel.message.handled).
        const handledAt = currentTime();
        tx.emit<ChannelMessagesHandledV1>(EVENTS.channel.messagesHandled, comments[0].event.data.inboundId, {
          messages: comments.map(({ event, conversation, sender }, i) =>
            messageHandled(
              event.data,
              { outcome: 'comment', ticketId: conversation.ticketId, ticketNumber: conversation.number, commentId: commentIds[i] },
              conversation.subject,
              { id: sender.id, email: sender.email, name: sender.name, locale: sender.locale },
              handledAt,
            ),
          ),
        });
      }
      return plan.oneByOne;
    });
  }
}

/** The conversations' tickets, locked as the one-by-one intake locks them (the conversation, then its ticket). */
async function lockConversations(tx: Transaction, events: readonly ChannelMessageReceivedEvent[]): Promise<Map<string, BatchConversation>> {
  const keys = [...new Map(events.map((e) => [conversationKey(e.data), e.data])).values()];
  const rows = await sqlRows<{
    channel_id: string;
    conversation_id: string;
    channel_type: string | null;
    ticket_id: string;
    number: string;
    subject: string;
    status: TicketStatus;
    requester_id: string;
  }>(
    tx.manager,
    `SELECT c.channel_id, c.conversation_id, c.channel_type, t.id AS ticket_id, t.number, t.subject, t.status, t.requester_id
       FROM "ticket"."channel_conversations" c
       JOIN jsonb_to_recordset($1::jsonb) AS k(channel_id uuid, conversation_id text)
         ON c.channel_id = k.channel_id AND c.conversation_id = k.conversation_id
       JOIN "ticket"."tickets" t ON t.id = c.ticket_id
      ORDER BY t.id
      FOR UPDATE OF c, t`,
    [JSON.stringify(keys.map((k) => ({ channel_id: k.channelId, conversation_id: k.conversationId })))],
  );
  return new Map(
    rows.map((row) => [
      conversationKey({ channelId: row.channel_id, conversationId: row.conversation_id }),
      {
        ticketId: row.ticket_id,
        number: row.number,
        subject: row.subject,
        status: row.status,
        requesterId: row.requester_id,
        channelType: row.channel_type,
      },
    ]),
  );
}

/** The senders already in the directory, by the address the intake matches them on. */
async function knownSenders(tx: Transaction, events: readonly ChannelMessageReceivedEvent[]): Promise<Map<string, BatchSender>> {
  const emails = [...new Set(events.map((e) => senderKey(e.data)))];
  const rows = await sqlRows<BatchSender>(
    tx.manager,
    `SELECT id, name, email, locale FROM "ticket"."users" WHERE email = ANY($1::text[])`,
    [emails],
  );
  return new Map(rows.map((row) => [row.email, row]));
}
