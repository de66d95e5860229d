import { CommentAuthorRole } from '@helpdesk/contracts';

/** How a comment came to be written: by a person (staff or not), or automatically (merge notices). */
export interface CommentOrigin {
  authorId: string;
  staff: boolean;
  automatic?: boolean;
  /** The comment arrived from a channel (a chat message, an agent's mail): it is not sent back out on it */
  fromChannel?: boolean;
}

/** Who wrote a comment, seen from the ticket: its requester, another end user, an agent, or the system. */
export function commentAuthorRole(origin: CommentOrigin, ticket: { requesterId: string }): CommentAuthorRole {
  if (origin.automatic) return 'system';
  if (origin.authorId === ticket.requesterId) return 'requester';
  return origin.staff ? 'agent' : 'end_user';
}

/**
 * Whether a comment is the ticket's first response: the first public reply by an agent (Zendesk's
 * definition). Internal notes, the requester's own replies (even a staff member's on their own
 * ticket), CC'd end users and automatic notices do not count; the description a staff member types
 * when opening a ticket for someone is not a comment, so it never counts either.
 */
export function isFirstResponse(role: CommentAuthorRole, isPublic: boolean, ticket: { firstResponseAt: Date | null }): boolean {
  return isPublic && role === 'agent' && !ticket.firstResponseAt;
}
