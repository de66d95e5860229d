import { SlaTicketStateV1 } from '@helpdesk/contracts';
import { ticketSlaSummary } from './due-work';
import { EngineClocks } from './ticket-sla';

export interface PublishedSummary {
  nextDueAt: string | null;
  breached: boolean;
}

/**
 * What ticket lists filter on, published only when it changes: the new summary, the ticket's
 * sequence number for it, and the event to publish (null when nothing changed).
 */
export function summaryChange(
  ticketId: string,
  clocks: EngineClocks,
  previous: PublishedSummary | null,
  seq: number,
): { published: PublishedSummary; seq: number; event: SlaTicketStateV1 | null } {
  const { nextDueAt, breached } = ticketSlaSummary(clocks);
  const published = { nextDueAt: nextDueAt?.toISOString() ?? null, breached };
  const unchanged = previous
    ? previous.nextDueAt === published.nextDueAt && previous.breached === published.breached
    : !nextDueAt && !breached;
  if (unchanged) return { published: previous ?? published, seq, event: null };
  return { published, seq: seq + 1, event: { ticketId, seq: seq + 1, ...published } };
}
