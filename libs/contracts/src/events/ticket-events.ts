import { Channel, TicketPriority, TicketStatus, TicketType } from '../common/enums';
import { EVENTS } from '../subjects';
import { CustomFieldValues } from '../tickets/custom-field.dto';
import { EventEnvelope } from './event-envelope';

export interface TicketSnapshotV1 {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: Channel;
  requesterId: string;
  assigneeId: string | null;
  organizationId: string | null;
  type: TicketType | null;
  tier: number;
  teamId: string | null;
  tags: string[];
  /** All custom field values, internal ones included (added without a version bump: consumers ignore unknown fields) */
  customFields?: CustomFieldValues;
  createdAt: string;
  updatedAt: string;
}

export interface TicketCreatedV1 {
  ticket: TicketSnapshotV1;
  /** null when the system did it (automatic close, routing) */
  actorId: string | null;
}

export interface TicketUpdatedV1 {
  ticket: TicketSnapshotV1;
  /** null when the system did it (automatic close, routing) */
  actorId: string | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

/** Who wrote a comment, as the SLA clocks see it. */
export type CommentAuthorRole = 'requester' | 'end_user' | 'agent' | 'system';

export interface TicketCommentAddedV1 {
  ticketId: string;
  ticketNumber: string;
  commentId: string;
  authorId: string;
  /** requester; end_user (a customer CC'd on the ticket); agent (staff other than the requester); system (automatic notices) */
  authorRole?: CommentAuthorRole;
  public: boolean;
  /** The first public agent reply on the ticket: first response is met */
  firstResponse?: boolean;
  /** Files linked to the comment (the channel gateway sends them with a public reply) */
  attachments?: { id: string; filename: string; contentType: string; size: number }[];
  createdAt: string;
}

export type TicketCreatedEvent = EventEnvelope<TicketCreatedV1, typeof EVENTS.ticket.created>;
export type TicketUpdatedEvent = EventEnvelope<TicketUpdatedV1, typeof EVENTS.ticket.updated>;
export type TicketCommentAddedEvent = EventEnvelope<TicketCommentAddedV1, typeof EVENTS.ticket.commentAdded>;

/** A satisfaction survey issued when a ticket is solved; the channel that answers the requester sends its link. */
export interface CsatRequestedV1 {
  ticketId: string;
  ticketNumber: string;
  requesterId: string;
  /** The survey's single-use token (the credential of `POST /api/v1/csat/{token}`) */
  token: string;
  expiresAt: string;
  /** The ticket's subject and who rates it (absent from publishers before they were added) */
  subject?: string;
  requester?: { id: string; email: string; name: string; locale: string };
}

export type CsatRequestedEvent = EventEnvelope<CsatRequestedV1, typeof EVENTS.csat.requested>;

/** The requester answered a satisfaction survey. */
export interface CsatReceivedV1 {
  ticketId: string;
  requesterId: string;
  rating: 'good' | 'bad';
  comment: string | null;
  ratedAt: string;
}

export type CsatReceivedEvent = EventEnvelope<CsatReceivedV1, typeof EVENTS.csat.received>;

/** A ticket moved up a tier (level 1 → level 2 ...). */
export interface TicketEscalatedV1 {
  ticket: TicketSnapshotV1;
  actorId: string | null;
  fromTier: number;
  toTier: number;
  reason?: string;
}

export type TicketEscalatedEvent = EventEnvelope<TicketEscalatedV1, typeof EVENTS.ticket.escalated>;
