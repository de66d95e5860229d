/** What a member of staff may see, from their role, their teams and the access setting. */
export interface StaffScope {
  /** Admins, and everyone when TICKET_AGENT_ACCESS=all */
  all: boolean;
  userId: string;
  /** Teams they belong to or supervise */
  teamIds: string[];
}

/**
 * Whether staff with this scope see a ticket: everything when unrestricted; otherwise tickets of
 * their teams, tickets assigned to them or that they follow, and tickets in no team yet (the
 * general queue, which someone has to pick up).
 */
export function staffMaySee(
  scope: StaffScope,
  ticket: { teamId: string | null; assigneeId: string | null; followerIds: string[] },
): boolean {
  if (scope.all) return true;
  if (ticket.teamId === null) return true;
  if (ticket.assigneeId === scope.userId || ticket.followerIds.includes(scope.userId)) return true;
  return scope.teamIds.includes(ticket.teamId);
}
