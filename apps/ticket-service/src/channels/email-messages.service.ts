import { Actor, Channel, ChannelMessageReceivedV1, InboundEmailV1, Role, TicketStatus } from '@helpdesk/contracts';
import { sqlRows, Transaction } from '@helpdesk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { AttachmentsService } from '../attachments/attachments.service';
import { Requester } from '../directory/users.service';
import { Ticket } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { IntakeOutcome } from './channel-messages';
import { ThreadClue, threadClues, ticketSubjectFromEmail } from './email-threading';
import { FetchedFiles } from './inbound-files.fetcher';

type EmailMessage = ChannelMessageReceivedV1 & { email: InboundEmailV1 };

/**
 * A mail channel-gateway received: threaded to its ticket (In-Reply-To, References, Thread-Index,
 * subject token — `threadClues`) and added as the sender's reply, reopening it as a reply would;
 * an agent writing from their mailbox replies as an agent; automated mail (an out-of-office, a
 * bounce) becomes an internal note on its ticket and never a ticket of its own. Otherwise — or when
 * its ticket is closed — a new email ticket. Its files become the ticket's attachments, inline images
 * included (the HTML then points at them), and its Message-ID and Outlook conversation name the
 * ticket for the replies that follow.
 */
@Injectable()
export class EmailMessagesService {
  private readonly logger = new Logger(EmailMessagesService.name);

  constructor(
    private readonly tickets: TicketsService,
    private readonly attachments: AttachmentsService,
  ) {}

  async receive(tx: Transaction, message: EmailMessage, requester: Requester, fetched: FetchedFiles): Promise<IntakeOutcome> {
    const { email } = message;
    const threaded = await this.threadedTicket(tx, email);
    const open = threaded && threaded.status !== TicketStatus.Closed ? threaded : null;
    if (open) {
      const files = await this.copyFiles(tx, open.id, requester.id, email, fetched);
      const html = withStoredImages(email.html, open.id, files);
      const staff = await this.isStaff(tx, requester.id);
      const commentId = email.automated
        ? (
            await this.tickets.insertComment(
              tx,
              open,
              { authorId: requester.id, staff },
              `${automatedNote(email.automated)}\n\n${message.text}`,
              false,
              files.map((f) => f.attachmentId),
              html,
            )
          ).comment.id
        : await this.tickets.addChannelReply(tx, open.id, requester, message.text, {
            staff,
            attachmentIds: files.map((f) => f.attachmentId),
            html,
          });
      if (commentId) {
        await this.remember(tx, open.id, message);
        return { outcome: 'comment', ticketId: open.id, ticketNumber: open.number, commentId };
      }
    }
    if (email.automated) {
      this.logger.log({ messageId: email.messageId, reason: email.automated }, 'automated mail without a ticket to join: ignored');
      return { outcome: 'ignored', ticketId: null, ticketNumber: null, commentId: null };
    }
    const author: Actor = { id: requester.id, role: Role.Customer, email: requester.email, name: requester.name };
    const { ticket } = await this.tickets.createWithin(
      tx,
      author,
      {
        subject: ticketSubjectFromEmail(email.subject, message.text.split('\n')[0] ?? ''),
        description: message.text,
        channel: Channel.Email,
      },
      { enforceRequiredFields: false },
    );
    await this.copyFiles(tx, ticket.id, requester.id, email, fetched);
    await this.remember(tx, ticket.id, message);
    this.logger.log({ ticketId: ticket.id, messageId: email.messageId }, 'mail opened a ticket');
    return { outcome: 'ticket', ticketId: ticket.id, ticketNumber: ticket.number, commentId: null };
  }

  /** The first ticket a clue names, in `threadClues` order; null for a new conversation. */
  private async threadedTicket(tx: Transaction, email: InboundEmailV1): Promise<Ticket | null> {
    for (const clue of threadClues(email)) {
      const ticketId = await this.ticketOf(tx, clue);
      if (!ticketId) continue;
      const ticket = await tx.manager.findOne(Ticket, { where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
      if (ticket) return ticket;
    }
    return null;
  }

  private async ticketOf(tx: Transaction, clue: ThreadClue): Promise<string | null> {
    switch (clue.kind) {
      case 'ticket_id':
        return clue.ticketId;
      case 'message_id':
      case 'thread_index': {
        const key = clue.kind === 'message_id' ? clue.messageId : `ti:${clue.conversation}`;
        const [row] = await sqlRows<{ ticket_id: string }>(tx.manager, `SELECT ticket_id FROM "ticket"."email_threads" WHERE key = $1`, [
          key,
        ]);
        return row?.ticket_id ?? null;
      }
      case 'ticket_number': {
        const [row] = await sqlRows<{ id: string }>(tx.manager, `SELECT id FROM "ticket"."tickets" WHERE number = $1`, [clue.number]);
        return row?.id ?? null;
      }
    }
  }

  /** The mail's Message-ID and Outlook conversation now name this ticket; the channel conversation points at it (replies go out by it). */
  private async remember(tx: Transaction, ticketId: string, message: EmailMessage): Promise<void> {
    const conversation = message.email.threadIndex ? threadConversationKey(message.email.threadIndex) : null;
    await tx.manager.query(
      `INSERT INTO "ticket"."email_threads" (key, ticket_id) SELECT k, $2 FROM unnest($1::varchar[]) AS k ON CONFLICT (key) DO NOTHING`,
      [[message.email.messageId, ...(conversation ? [conversation] : [])], ticketId],
    );
    await tx.manager.query(
      `INSERT INTO "ticket"."channel_conversations" (channel_id, conversation_id, ticket_id, channel_type) VALUES ($1, $2, $3, 'email')
       ON CONFLICT (channel_id, conversation_id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id, channel_type = 'email', updated_at = now()`,
      [message.channelId, message.conversationId, ticketId],
    );
  }

  /** Stores the mail's files (fetched from channel-gateway before the transaction) as the ticket's attachments. */
  private async copyFiles(
    tx: Transaction,
    ticketId: string,
    uploaderId: string,
    email: InboundEmailV1,
    fetched: FetchedFiles,
  ): Promise<{ attachmentId: string; contentId: string | null }[]> {
    const copied: { attachmentId: string; contentId: string | null }[] = [];
    for (const file of email.files) {
      const chunks = fetched.get(file.id);
      if (!chunks) throw new Error(`inbound file ${file.id} was not fetched before the intake`);
      const attachmentId = await this.attachments.storeReceived(tx.manager, {
        ticketId,
        uploaderId,
        filename: file.filename,
        contentType: file.contentType,
        chunks,
      });
      copied.push({ attachmentId, contentId: file.contentId });
    }
    return copied;
  }

  private async isStaff(tx: Transaction, userId: string): Promise<boolean> {
    const [row] = await sqlRows<{ role: Role }>(tx.manager, `SELECT role FROM "ticket"."users" WHERE id = $1`, [userId]);
    return row !== undefined && row.role !== Role.Customer;
  }
}

/** The `email_threads` key of a Thread-Index's conversation. */
function threadConversationKey(threadIndex: string): string | null {
  const clue = threadClues({ inReplyTo: null, references: [], threadIndex, subject: '', helpdeskMessageTickets: {} }).find(
    (c) => c.kind === 'thread_index',
  );
  return clue?.kind === 'thread_index' ? `ti:${clue.conversation}` : null;
}

/** The HTML with each `cid:` image pointing at its copy among the ticket's attachments. */
export function withStoredImages(
  html: string | null,
  ticketId: string,
  files: { attachmentId: string; contentId: string | null }[],
): string | null {
  if (!html) return null;
  return html.replace(/(["'])cid:([^"']+)\1/gi, (whole, quote: string, cid: string) => {
    const file = files.find((f) => f.contentId === cid.toLowerCase());
    return file ? `${quote}/api/v1/tickets/${ticketId}/attachments/${file.attachmentId}${quote}` : whole;
  });
}

/** The line above an automated mail's text in its internal note. */
function automatedNote(reason: string): string {
  return `[Automated mail (${reason}): added as an internal note, no reply is sent]`;
}
