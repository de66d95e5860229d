import {
  CsatReceivedV1,
  EVENTS,
  SlaBreachedV1,
  SlaEscalatedV1,
  SlaFulfilledV1,
  TicketCommentAddedV1,
  TicketSnapshotV1,
  TicketStatus,
} from '@helpdesk/contracts';

/**
 * One ticket as reporting knows it, folded from its events. Events of one ticket reach reporting
 * through several consumers (ticket, SLA and CSAT events), so their order is not guaranteed: every
 * rule here gives the same fact whatever the order (newest snapshot wins, sets are kept sorted,
 * minimums and maximums), which is also what lets a rebuild from the event log equal the live fact.
 */

export interface StatusChange {
  at: string;
  from: string;
  to: string;
}

export interface SlaOutcome {
  outcome: 'met' | 'breached';
  /** When it was met, or when it breached (the due time) */
  at: string;
}

export interface TimedMinutes {
  minutes: number;
  at: string;
}

export interface TicketFactState {
  ticketId: string;
  number: string | null;
  subject: string | null;
  status: TicketStatus | null;
  priority: string | null;
  channel: string | null;
  type: string | null;
  tier: number | null;
  teamId: string | null;
  assigneeId: string | null;
  organizationId: string | null;
  requesterId: string | null;
  tags: string[];
  createdAt: string | null;
  /** `updatedAt` of the snapshot the fields above come from */
  snapshotAt: string | null;
  statusChanges: StatusChange[];
  firstResponseAt: string | null;
  agentReplies: number;
  escalatedAt: string[];
  slaEscalatedAt: string[];
  /** By `clock:cycle` */
  sla: Record<string, SlaOutcome>;
  firstResponseBusiness: TimedMinutes | null;
  resolutionBusiness: TimedMinutes | null;
  csat: { rating: 'good' | 'bad'; at: string } | null;
}

export type ProjectedEvent =
  | { type: typeof EVENTS.ticket.created; data: { ticket: TicketSnapshotV1 } }
  | { type: typeof EVENTS.ticket.updated; data: { ticket: TicketSnapshotV1; changes: { field: string; from: unknown; to: unknown }[] } }
  | { type: typeof EVENTS.ticket.escalated; data: { ticket: TicketSnapshotV1 } }
  | { type: typeof EVENTS.ticket.commentAdded; data: TicketCommentAddedV1 }
  | { type: typeof EVENTS.csat.received; data: CsatReceivedV1 }
  | { type: typeof EVENTS.sla.fulfilled; data: SlaFulfilledV1 }
  | { type: typeof EVENTS.sla.breached; data: SlaBreachedV1 }
  | { type: typeof EVENTS.sla.escalated; data: SlaEscalatedV1 };

/** The event types that shape a ticket fact; the ticket is the event's aggregate. */
export const TICKET_FACT_EVENTS: readonly string[] = [
  EVENTS.ticket.created,
  EVENTS.ticket.updated,
  EVENTS.ticket.escalated,
  EVENTS.ticket.commentAdded,
  EVENTS.csat.received,
  EVENTS.sla.fulfilled,
  EVENTS.sla.breached,
  EVENTS.sla.escalated,
];

export const DONE_STATUSES: readonly string[] = [TicketStatus.Solved, TicketStatus.Closed];
export const isDone = (status: string | null | undefined) => !!status && DONE_STATUSES.includes(status);

export function emptyFact(ticketId: string): TicketFactState {
  return {
    ticketId,
    number: null,
    subject: null,
    status: null,
    priority: null,
    channel: null,
    type: null,
    tier: null,
    teamId: null,
    assigneeId: null,
    organizationId: null,
    requesterId: null,
    tags: [],
    createdAt: null,
    snapshotAt: null,
    statusChanges: [],
    firstResponseAt: null,
    agentReplies: 0,
    escalatedAt: [],
    slaEscalatedAt: [],
    sla: {},
    firstResponseBusiness: null,
    resolutionBusiness: null,
    csat: null,
  };
}

const iso = (at: string) => new Date(at).toISOString();
const earlier = (a: string | null, b: string) => (a === null || b < a ? b : a);
const insertSorted = (list: string[], value: string) => [...list, value].sort();

function withSnapshot(fact: TicketFactState, t: TicketSnapshotV1): TicketFactState {
  const at = iso(t.updatedAt);
  const createdAt = fact.createdAt ?? iso(t.createdAt);
  if (fact.snapshotAt !== null && at < fact.snapshotAt) return { ...fact, createdAt };
  return {
    ...fact,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    type: t.type ?? null,
    tier: t.tier ?? null,
    teamId: t.teamId ?? null,
    assigneeId: t.assigneeId ?? null,
    organizationId: t.organizationId ?? null,
    requesterId: t.requesterId,
    tags: [...(t.tags ?? [])].sort(),
    createdAt,
    snapshotAt: at,
  };
}

const byChange = (a: StatusChange, b: StatusChange) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`);

function mergeOutcome(current: SlaOutcome | undefined, next: SlaOutcome): SlaOutcome {
  if (!current) return next;
  if (current.outcome !== next.outcome) return current.outcome === 'breached' ? current : next;
  return next.at < current.at ? next : current;
}

/** The fact after one event. Pure; the same events in any order give the same fact. */
export function applyEvent(fact: TicketFactState, event: ProjectedEvent): TicketFactState {
  switch (event.type) {
    case EVENTS.ticket.created:
      return withSnapshot(fact, event.data.ticket);
    case EVENTS.ticket.updated: {
      const next = withSnapshot(fact, event.data.ticket);
      const at = iso(event.data.ticket.updatedAt);
      const changes = (event.data.changes ?? [])
        .filter((c) => c.field === 'status' && typeof c.from === 'string' && typeof c.to === 'string')
        .map((c) => ({ at, from: c.from as string, to: c.to as string }));
      return changes.length ? { ...next, statusChanges: [...next.statusChanges, ...changes].sort(byChange) } : next;
    }
    case EVENTS.ticket.escalated: {
      const next = withSnapshot(fact, event.data.ticket);
      return { ...next, escalatedAt: insertSorted(next.escalatedAt, iso(event.data.ticket.updatedAt)) };
    }
    case EVENTS.ticket.commentAdded: {
      const c = event.data;
      const agentReply = c.public && c.authorRole === 'agent';
      return {
        ...fact,
        agentReplies: fact.agentReplies + (agentReply ? 1 : 0),
        firstResponseAt: c.firstResponse ? earlier(fact.firstResponseAt, iso(c.createdAt)) : fact.firstResponseAt,
      };
    }
    case EVENTS.csat.received: {
      const at = iso(event.data.ratedAt);
      if (fact.csat && fact.csat.at > at) return fact;
      return { ...fact, csat: { rating: event.data.rating === 'bad' ? 'bad' : 'good', at } };
    }
    case EVENTS.sla.breached: {
      const key = `${event.data.clock}:${event.data.cycle}`;
      return { ...fact, sla: { ...fact.sla, [key]: mergeOutcome(fact.sla[key], { outcome: 'breached', at: iso(event.data.breachedAt) }) } };
    }
    case EVENTS.sla.escalated:
      return { ...fact, slaEscalatedAt: insertSorted(fact.slaEscalatedAt, iso(event.data.escalatedAt)) };
    case EVENTS.sla.fulfilled: {
      const f = event.data;
      const key = `${f.clock}:${f.cycle}`;
      const at = iso(f.fulfilledAt);
      const outcome: SlaOutcome = { outcome: f.outcome, at: f.outcome === 'breached' && f.dueAt ? iso(f.dueAt) : at };
      let next: TicketFactState = { ...fact, sla: { ...fact.sla, [key]: mergeOutcome(fact.sla[key], outcome) } };
      if (f.businessMinutes !== null && f.clock === 'first_response') {
        const current = next.firstResponseBusiness;
        if (!current || at < current.at) next = { ...next, firstResponseBusiness: { minutes: f.businessMinutes, at } };
      }
      if (f.businessMinutes !== null && f.clock === 'resolution') {
        const current = next.resolutionBusiness;
        if (!current || at > current.at || (at === current.at && f.businessMinutes > current.minutes))
          next = { ...next, resolutionBusiness: { minutes: f.businessMinutes, at } };
      }
      return next;
    }
    default:
      return fact;
  }
}

/** When the ticket was last solved (or closed without a solve), while it stays done; null when it is not done. */
export function solvedAt(fact: TicketFactState): string | null {
  if (!isDone(fact.status)) return null;
  let last: string | null = null;
  for (const c of fact.statusChanges) if (!isDone(c.from) && isDone(c.to) && (last === null || c.at > last)) last = c.at;
  return last;
}

/** Times the ticket went from done back to work. */
export function reopenTimes(fact: TicketFactState): string[] {
  return fact.statusChanges.filter((c) => isDone(c.from) && !isDone(c.to)).map((c) => c.at);
}

export const minutesBetween = (from: string, to: string) => Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 60_000);
