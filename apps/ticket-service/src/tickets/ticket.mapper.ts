import {
  CommentAttachmentView,
  CommentView,
  CustomFieldValues,
  HistoryEntryView,
  TicketSnapshotV1,
  TicketView,
  UserRefView,
} from '@helpdesk/contracts';
import { toUserRef } from '../directory/user.mapper';
import { TicketComment } from './ticket-comment.entity';
import { TicketHistory } from './ticket-history.entity';
import { Ticket } from './ticket.entity';

/** The ticket for a reader; `customFields` are the values that reader may see; staff also see its SLA state. */
export function toTicketView(
  ticket: Ticket,
  requester: UserRefView,
  customFields: CustomFieldValues,
  reader: { staff: boolean } = { staff: false },
): TicketView {
  const view: TicketView = {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    requester,
    assigneeId: ticket.assigneeId,
    organizationId: ticket.organizationId,
    type: ticket.type,
    tier: ticket.tier,
    teamId: ticket.teamId,
    tags: ticket.tags,
    customFields,
    dueAt: ticket.dueAt?.toISOString() ?? null,
    followUpOfId: ticket.followUpOfId,
    problemId: ticket.problemId,
    followerIds: ticket.followerIds,
    mergedIntoId: ticket.mergedIntoId ?? null,
    possibleDuplicateOfId: ticket.possibleDuplicateOfId ?? null,
    satisfaction:
      ticket.csatRating && ticket.csatRatedAt
        ? { rating: ticket.csatRating, comment: ticket.csatComment, ratedAt: ticket.csatRatedAt.toISOString() }
        : null,
    firstResponseAt: ticket.firstResponseAt?.toISOString() ?? null,
    solvedAt: ticket.solvedAt?.toISOString() ?? null,
    version: ticket.version,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
  if (reader.staff) view.sla = { nextDueAt: ticket.slaNextDueAt?.toISOString() ?? null, breached: ticket.slaBreached ?? false };
  return view;
}

export function toTicketSnapshot(ticket: Ticket): TicketSnapshotV1 {
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    requesterId: ticket.requesterId,
    assigneeId: ticket.assigneeId,
    organizationId: ticket.organizationId,
    type: ticket.type,
    tier: ticket.tier,
    teamId: ticket.teamId,
    tags: ticket.tags,
    customFields: ticket.customFields ?? {},
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}

export function toCommentView(comment: TicketComment, author: UserRefView, attachments: CommentAttachmentView[] = []): CommentView {
  return {
    id: comment.id,
    ticketId: comment.ticketId,
    author,
    body: comment.body,
    html: comment.bodyHtml ?? null,
    public: comment.public,
    attachments,
    createdAt: comment.createdAt.toISOString(),
  };
}

export function toHistoryView(entry: TicketHistory): HistoryEntryView {
  return {
    id: entry.id,
    action: entry.action,
    actor: entry.actor ? toUserRef(entry.actor) : null,
    changes: entry.changes,
    createdAt: entry.createdAt.toISOString(),
  };
}
