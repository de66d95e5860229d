import { Actor, ChannelMessageReceivedV1, Role, TicketPriority, TicketStatus } from '@helpdesk/contracts';
import { sqlRows, Transaction } from '@helpdesk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { Requester, UsersService } from '../directory/users.service';
import { TicketsService } from '../tickets/tickets.service';
import { EmailMessagesService } from './email-messages.service';
import { FetchedFiles } from './inbound-files.fetcher';
import {
  conversationAction,
  IntakeOutcome,
  messageBody,
  phoneDigits,
  requesterRef,
  ticketChannel,
  ticketContent,
} from './channel-messages';

/**
 * Who looks up requesters for channel messages: staff, so that the directory finds or adds the
 * sender by email (a customer actor could only be themselves). Nothing is recorded under this actor.
 */
const DIRECTORY_LOOKUP: Actor = {
  id: '00000000-0000-4000-8000-000000000000',
  role: Role.Admin,
  email: 'channels@system.local',
  name: 'Channels',
};

/**
 * What ticket-service does with a message channel-gateway received: the sender becomes (or is
 * matched to) a requester by email; a message of a conversation with an open ticket is that
 * requester's public reply on it (reopening it as a reply through the API would); otherwise it
 * opens a new ticket. Runs inside the consumer's inbox transaction, so each message applies once.
 */
@Injectable()
export class ChannelIntakeService {
  private readonly logger = new Logger(ChannelIntakeService.name);

  constructor(
    private readonly users: UsersService,
    private readonly tickets: TicketsService,
    private readonly email: EmailMessagesService,
  ) {}

  async receive(
    tx: Transaction,
    message: ChannelMessageReceivedV1,
    fetched: FetchedFiles = new Map(),
  ): Promise<IntakeOutcome & { requester: Requester | null }> {
    if (message.ticketPolicy === 'existing_only') return this.onExistingTicket(tx, message);
    const requester = await this.requester(tx, message);
    if (message.email) return { ...(await this.email.receive(tx, { ...message, email: message.email }, requester, fetched)), requester };
    // The conversation's row is its lock: a second message of a new conversation waits here for the first one's ticket.
    await tx.manager.query(
      `INSERT INTO "ticket"."channel_conversations" (channel_id, conversation_id, channel_type) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, conversation_id) DO UPDATE SET channel_type = EXCLUDED.channel_type
       WHERE "channel_conversations".channel_type IS NULL`,
      [message.channelId, message.conversationId, message.channelType],
    );
    const [current] = await sqlRows<{ ticket_id: string | null; status: TicketStatus | null }>(
      tx.manager,
      `SELECT c.ticket_id, t.status FROM "ticket"."channel_conversations" c
         LEFT JOIN "ticket"."tickets" t ON t.id = c.ticket_id
        WHERE c.channel_id = $1 AND c.conversation_id = $2
        FOR UPDATE OF c`,
      [message.channelId, message.conversationId],
    );
    const action =
      message.ticketPolicy === 'new'
        ? ({ kind: 'new_ticket', reason: 'first_message' } as const)
        : conversationAction(current?.ticket_id && current.status ? { ticketId: current.ticket_id, status: current.status } : null);
    if (action.kind === 'comment') {
      const commentId = await this.tickets.addChannelReply(tx, action.ticketId, requester, messageBody(message));
      if (commentId) {
        const [{ number }] = await sqlRows<{ number: string }>(tx.manager, `SELECT number FROM "ticket"."tickets" WHERE id = $1`, [
          action.ticketId,
        ]);
        return { outcome: 'comment', ticketId: action.ticketId, ticketNumber: number, commentId, requester };
      }
    }
    const author: Actor = { id: requester.id, role: Role.Customer, email: requester.email, name: requester.name };
    const { ticket } = await this.tickets.createWithin(
      tx,
      author,
      {
        ...ticketContent(message),
        ...(message.subject ? { subject: message.subject.slice(0, 250) } : {}),
        channel: ticketChannel(message),
        ...(message.tags?.length ? { tags: message.tags } : {}),
        ...(message.priority ? { priority: message.priority as TicketPriority } : {}),
        ...(message.teamId ? { teamId: message.teamId } : {}),
      },
      { enforceRequiredFields: false },
    );
    await tx.manager.query(
      `UPDATE "ticket"."channel_conversations" SET ticket_id = $3, updated_at = now() WHERE channel_id = $1 AND conversation_id = $2`,
      [message.channelId, message.conversationId, ticket.id],
    );
    this.logger.log(
      { ticketId: ticket.id, channelId: message.channelId, conversationId: message.conversationId },
      'channel message opened a ticket',
    );
    return { outcome: 'ticket', ticketId: ticket.id, ticketNumber: ticket.number, commentId: null, requester };
  }

  /**
   * A message that only adds to a ticket (an outbound call): a comment on the conversation's open
   * ticket, else on the latest open ticket of the user with that phone; nothing (and no requester
   * made up) when there is none.
   */
  private async onExistingTicket(
    tx: Transaction,
    message: ChannelMessageReceivedV1,
  ): Promise<IntakeOutcome & { requester: Requester | null }> {
    const digits = phoneDigits(message.from.phone);
    const [found] = await sqlRows<{ ticket_id: string; number: string; requester_id: string }>(
      tx.manager,
      `SELECT t.id AS ticket_id, t.number, t.requester_id FROM "ticket"."channel_conversations" c
         JOIN "ticket"."tickets" t ON t.id = c.ticket_id
        WHERE c.channel_id = $1 AND c.conversation_id = $2 AND t.status NOT IN ('solved', 'closed')
       UNION ALL
       (SELECT t.id, t.number, t.requester_id FROM "ticket"."tickets" t JOIN "ticket"."users" u ON u.id = t.requester_id
         WHERE $3::text IS NOT NULL AND u.active AND u.phone IS NOT NULL AND regexp_replace(u.phone, '\\D', '', 'g') = $3
           AND t.status NOT IN ('solved', 'closed')
         ORDER BY t.updated_at DESC, t.id LIMIT 1)
       LIMIT 1`,
      [message.channelId, message.conversationId, digits],
    );
    if (!found) {
      this.logger.log(
        { channelId: message.channelId, conversationId: message.conversationId },
        'channel message with no open ticket: logged only',
      );
      return { outcome: 'ignored', ticketId: null, ticketNumber: null, commentId: null, requester: null };
    }
    const [user] = await sqlRows<{ id: string; name: string; email: string; organization_id: string | null }>(
      tx.manager,
      `SELECT id, name, email, organization_id FROM "ticket"."users" WHERE id = $1`,
      [found.requester_id],
    );
    const requester: Requester = { id: user.id, name: user.name, email: user.email, organizationId: user.organization_id };
    const commentId = await this.tickets.addChannelReply(tx, found.ticket_id, requester, messageBody(message));
    return commentId
      ? { outcome: 'comment', ticketId: found.ticket_id, ticketNumber: found.number, commentId, requester }
      : { outcome: 'ignored', ticketId: null, ticketNumber: null, commentId: null, requester };
  }

  /**
   * The sender as a requester: by email when the channel gives one; by phone (SMS, calls) an active
   * user whose phone has the same digits (customers first, then the oldest); otherwise matched or
   * created by the stable placeholder address of `requesterRef`, a new one keeping the number as its phone.
   */
  private async requester(tx: Transaction, message: ChannelMessageReceivedV1): Promise<Requester> {
    const digits = message.from.email ? null : phoneDigits(message.from.phone);
    if (digits) {
      const [row] = await sqlRows<{ id: string; name: string; email: string; organization_id: string | null }>(
        tx.manager,
        `SELECT id, name, email, organization_id FROM "ticket"."users"
          WHERE active AND phone IS NOT NULL AND regexp_replace(phone, '\\D', '', 'g') = $1
          ORDER BY (role = 'customer') DESC, created_at, id LIMIT 1`,
        [digits],
      );
      if (row) return { id: row.id, name: row.name, email: row.email, organizationId: row.organization_id };
    }
    const requester = await this.users.resolveRequester(tx.manager, DIRECTORY_LOOKUP, requesterRef(message.channelId, message.from));
    if (digits && message.from.phone) {
      await tx.manager.query(`UPDATE "ticket"."users" SET phone = $2 WHERE id = $1 AND phone IS NULL`, [
        requester.id,
        message.from.phone.slice(0, 40),
      ]);
    }
    return requester;
  }
}
