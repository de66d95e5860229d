import { CommentAuthorRole, TicketCommentAddedV1 } from '@helpdesk/contracts';

/** The `ticket.comment.added` payload of a comment, whichever path inserted it. */
export function commentAddedEvent(
  ticket: { id: string; number: string },
  comment: { id: string; authorId: string; public: boolean; createdAt: Date },
  authorRole: CommentAuthorRole,
  firstResponse: boolean,
  attachments: { id: string; filename: string; contentType: string; size: number }[],
): TicketCommentAddedV1 {
  return {
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    commentId: comment.id,
    authorId: comment.authorId,
    authorRole,
    public: comment.public,
    firstResponse,
    attachments: attachments.map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
    createdAt: comment.createdAt.toISOString(),
  };
}
