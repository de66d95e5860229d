import { TicketPriority, TicketStatus, TicketType, Tier, UpdateTicketDto } from '@helpdesk/contracts';
import { Ticket } from './ticket.entity';

/** A ticket's changeable fields as plain comparable values (dates as ISO strings). */
export interface TicketFields {
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  type: TicketType | null;
  tier: Tier;
  teamId: string | null;
  tags: string[];
  dueAt: string | null;
  problemId: string | null;
}

export const STAFF_ONLY_FIELDS = ['tier', 'teamId', 'tags', 'dueAt', 'assigneeId', 'problemId'] as const;

export function currentFields(ticket: Ticket): TicketFields {
  return {
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId,
    type: ticket.type,
    tier: ticket.tier,
    teamId: ticket.teamId,
    tags: ticket.tags,
    dueAt: ticket.dueAt ? ticket.dueAt.toISOString() : null,
    problemId: ticket.problemId,
  };
}

/**
 * The requested changes in the same comparable shape: a due date normalised to UTC ISO 8601, and
 * `addTags`/`removeTags` applied to the current tags (after `tags`, when both are given).
 */
export function requestedFields(dto: UpdateTicketDto, currentTags: string[]): Partial<TicketFields> {
  const { dueAt, solveIncidents: _solveIncidents, customFields: _customFields, addTags, removeTags, ...rest } = dto;
  const out: Partial<TicketFields> = { ...rest };
  if (dueAt !== undefined) out.dueAt = dueAt === null ? null : new Date(dueAt).toISOString();
  if (addTags?.length || removeTags?.length) {
    const base = out.tags ?? currentTags;
    out.tags = [...new Set([...base, ...(addTags ?? [])])].filter((tag) => !removeTags?.includes(tag));
  }
  return out;
}

/** The staff-only fields a request sets (customers may not). */
export function staffOnlyFieldsIn(dto: object): string[] {
  return STAFF_ONLY_FIELDS.filter((field) => (dto as Record<string, unknown>)[field] !== undefined);
}

/** What is wrong with linking a ticket to a problem, or null when the link is fine. */
export function problemLinkError(
  ticket: { id: string; type: TicketType | null },
  problem: { id: string; type: TicketType | null } | null,
): string | null {
  if (!problem) return 'problemId must name an existing ticket';
  if (problem.id === ticket.id) return 'a ticket cannot be its own problem';
  if (problem.type !== TicketType.Problem) return 'problemId must name a ticket of type problem';
  if (ticket.type !== TicketType.Incident) return 'only incidents link a problem (set type to incident)';
  return null;
}

/** When a status change moves the solved/closed timestamps. */
export function lifecycleTimestamps(
  from: TicketStatus,
  to: TicketStatus,
  now: Date,
  current: { solvedAt: Date | null; closedAt: Date | null },
): { solvedAt: Date | null; closedAt: Date | null } {
  if (to === TicketStatus.Solved && from !== TicketStatus.Solved) return { solvedAt: now, closedAt: null };
  if (to === TicketStatus.Closed) return { solvedAt: current.solvedAt ?? now, closedAt: now };
  if (to !== TicketStatus.Solved) return { solvedAt: null, closedAt: null };
  return current;
}

/** A public reply by the requester on a ticket waiting for them, or already solved, reopens it. */
export function reopensOnRequesterReply(status: TicketStatus): boolean {
  return status === TicketStatus.Pending || status === TicketStatus.Solved;
}
