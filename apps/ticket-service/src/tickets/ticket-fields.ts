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
}

export const STAFF_ONLY_FIELDS = ['tier', 'teamId', 'tags', 'dueAt', 'assigneeId'] as const;

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
  };
}

/** The requested changes in the same comparable shape (a due date is normalised to UTC ISO 8601). */
export function requestedFields(dto: UpdateTicketDto): Partial<TicketFields> {
  const { dueAt, ...rest } = dto;
  const out: Partial<TicketFields> = { ...rest };
  if (dueAt !== undefined) out.dueAt = dueAt === null ? null : new Date(dueAt).toISOString();
  return out;
}

/** The staff-only fields a request sets (customers may not). */
export function staffOnlyFieldsIn(dto: object): string[] {
  return STAFF_ONLY_FIELDS.filter((field) => (dto as Record<string, unknown>)[field] !== undefined);
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
