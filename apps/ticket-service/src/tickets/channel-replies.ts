import { randomUUID } from 'node:crypto';
import { EVENTS, TicketCommentAddedV1 } from '@helpdesk/contracts';
import { Transaction } from '@helpdesk/platform';
import { commentAuthorRole } from './comment-author';
import { commentAddedEvent } from './comment-events';

/** A public reply that came in on a channel, for a ticket the caller has locked. */
export interface ChannelReply {
  ticket: { id: string; number: string; requesterId: string };
  authorId: string;
  body: string;
}

/**
 * Many channel replies in one go: what `TicketsService.addChannelReply` does for a reply that
 * neither reopens the ticket nor carries files (the comment, its `comment_added` history entry and
 * its `ticket.comment.added` event), in two statements for all of them. A ticket's replies get
 * increasing times in the order given. Returns each reply's comment id, in the same order.
 */
export async function insertChannelReplies(tx: Transaction, replies: readonly ChannelReply[]): Promise<string[]> {
  if (!replies.length) return [];
  const last = new Map<string, number>();
  const comments = replies.map((reply) => {
    // Never before (nor at the same millisecond as) the ticket's previous reply in this batch.
    const at = Math.max(Date.now(), (last.get(reply.ticket.id) ?? 0) + 1);
    last.set(reply.ticket.id, at);
    return {
      id: randomUUID(),
      ticketId: reply.ticket.id,
      authorId: reply.authorId,
      body: reply.body,
      public: true,
      createdAt: new Date(at),
    };
  });
  await tx.manager.query(
    `INSERT INTO "ticket"."ticket_comments" (id, ticket_id, author_id, body, body_html, public, created_at)
     SELECT c.id, c.ticket_id, c.author_id, c.body, NULL, true, c.created_at
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, ticket_id uuid, author_id uuid, body text, created_at timestamptz)`,
    [
      JSON.stringify(
        comments.map((c) => ({ id: c.id, ticket_id: c.ticketId, author_id: c.authorId, body: c.body, created_at: c.createdAt })),
      ),
    ],
  );
  await tx.manager.query(
    `INSERT INTO "ticket"."ticket_history" (ticket_id, actor_id, action, changes)
     SELECT h.ticket_id, h.actor_id, 'comment_added', h.changes
       FROM jsonb_to_recordset($1::jsonb) AS h(ticket_id uuid, actor_id uuid, changes jsonb)`,
    [
      JSON.stringify(
        comments.map((c) => ({ ticket_id: c.ticketId, actor_id: c.authorId, changes: [{ field: 'publicReply', from: null, to: c.id }] })),
      ),
    ],
  );
  replies.forEach((reply, i) => {
    const role = commentAuthorRole({ authorId: reply.authorId, staff: false, fromChannel: true }, reply.ticket);
    tx.emit<TicketCommentAddedV1>(
      EVENTS.ticket.commentAdded,
      reply.ticket.id,
      commentAddedEvent(reply.ticket, comments[i], role, false, []),
    );
  });
  return comments.map((c) => c.id);
}
