import { EventEnvelope } from '../events/event-envelope';
import { EVENTS } from '../subjects';
import { EscalationActionDto, SlaClock } from './sla-policy.dto';

/** Which clock of which ticket, under which policy version. `cycle` counts the clock's runs (next response restarts). */
export interface SlaClockRefV1 {
  ticketId: string;
  clock: SlaClock;
  cycle: number;
  policyId: string;
  policyVersion: number;
  /** The ticket's assignee and team when the SLA service last heard of them (the responsible person) */
  assigneeId: string | null;
  teamId: string | null;
}

/** `warningPercent` of a target has been used. */
export interface SlaWarningV1 extends SlaClockRefV1 {
  dueAt: string;
  warningPercent: number;
  warnedAt: string;
}

/** A running clock passed its due time. `breachedAt` is the due time itself; it is reported once. */
export interface SlaBreachedV1 extends SlaClockRefV1 {
  dueAt: string;
  breachedAt: string;
}

/** An escalation level came due for a breached clock: the ticket service performs its ticket actions. */
export interface SlaEscalatedV1 extends SlaClockRefV1 {
  /** From 1, as the policy's matrix numbers them */
  level: number;
  breachedAt: string;
  escalatedAt: string;
  actions: EscalationActionDto[];
}

/**
 * A clock stopped: its target was met or missed (`breached`: stopped after its due time). For
 * reporting: `elapsedMinutes` counts as the target does (business or calendar, pauses left out);
 * `businessMinutes` and `calendarMinutes` run from the ticket's creation to the stop (first response
 * and resolution; null for next response), business minutes in the policy's calendar (around the
 * clock when the policy has none).
 */
export interface SlaFulfilledV1 extends SlaClockRefV1 {
  outcome: 'met' | 'breached';
  dueAt: string | null;
  fulfilledAt: string;
  elapsedMinutes: number;
  businessHours: boolean;
  businessMinutes: number | null;
  calendarMinutes: number | null;
}

/** What ticket lists filter on ("breaching in the next N minutes", "breached"); `seq` orders the changes of one ticket. */
export interface SlaTicketStateV1 {
  ticketId: string;
  seq: number;
  /** The earliest due time among the ticket's running clocks that have not breached (null: none) */
  nextDueAt: string | null;
  /** A running or paused clock of the ticket has breached */
  breached: boolean;
}

export type SlaWarningEvent = EventEnvelope<SlaWarningV1, typeof EVENTS.sla.warning>;
export type SlaBreachedEvent = EventEnvelope<SlaBreachedV1, typeof EVENTS.sla.breached>;
export type SlaEscalatedEvent = EventEnvelope<SlaEscalatedV1, typeof EVENTS.sla.escalated>;
export type SlaFulfilledEvent = EventEnvelope<SlaFulfilledV1, typeof EVENTS.sla.fulfilled>;
export type SlaTicketStateEvent = EventEnvelope<SlaTicketStateV1, typeof EVENTS.sla.ticketState>;
