import { TicketStatus } from '@helpdesk/contracts';

const { New, Open, Pending, OnHold, Solved, Closed } = TicketStatus;

/**
 * Which status may follow which. `new` is only ever the first status; `closed` is final
 * (a follow-up is a new ticket); a solved ticket reopens or closes.
 */
export const STATUS_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  [New]: [Open, Pending, OnHold, Solved],
  [Open]: [Pending, OnHold, Solved],
  [Pending]: [Open, OnHold, Solved],
  [OnHold]: [Open, Pending, Solved],
  [Solved]: [Open, Closed],
  [Closed]: [],
};

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return STATUS_TRANSITIONS[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}
