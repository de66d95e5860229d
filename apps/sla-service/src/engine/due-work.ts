import { EscalationActionDto, EscalationLevelDto } from '@helpdesk/contracts';
import { TimeMeasure, warningDueAt } from '../clocks/sla-clock';
import { ClockKind } from '../clocks/sla-transitions';
import { escalationTimeline } from '../escalation/escalation-schedule';
import { SlaPolicyDefinition } from '../policies/policy-validation';
import { CLOCK_KINDS, EngineClock, EngineClocks, measureOf, PolicyBook, PolicyRef } from './ticket-sla';

/**
 * What a ticket's clocks have coming (warnings, breaches, escalation levels), when, and what fires
 * at a given instant. Each fires once per run of a clock: the clock records it (warnedAt,
 * breachedAt, firedLevels) in the same transaction that publishes it.
 */

/** When notices may go out: at once, or at the next opening of the policy calendar. */
export type NoticeHours = (at: Date) => Date;
export const anyTime: NoticeHours = (at) => at;

export type Firing =
  | { type: 'warning'; clock: ClockKind; cycle: number; at: Date; dueAt: Date }
  | { type: 'breach'; clock: ClockKind; cycle: number; at: Date; dueAt: Date }
  | { type: 'escalate'; clock: ClockKind; cycle: number; at: Date; level: number; breachedAt: Date; actions: EscalationActionDto[] };

export interface ClockRules {
  definition: SlaPolicyDefinition;
  /** The escalation levels that apply: the ticket's team's, or the policy's */
  levels: EscalationLevelDto[];
  measure: TimeMeasure;
  notices: NoticeHours;
}

/** A team's own escalation levels when the matrix has them, otherwise the policy's. */
export function escalationLevelsFor(definition: SlaPolicyDefinition, teamId: string | null): EscalationLevelDto[] {
  const team = teamId ? definition.escalation.teams?.find((t) => t.teamId === teamId) : undefined;
  return team?.levels ?? definition.escalation.levels;
}

/** The rules a ticket's clocks fire by under its policy version, for the ticket's team. */
export function clockRules(book: PolicyBook, policy: PolicyRef | null, teamId: string | null): (clock: EngineClock) => ClockRules {
  return (clock) => {
    if (!policy) throw new Error('a clock runs only under a policy');
    const definition = book.definition(policy);
    const opening = definition.noticesInBusinessHours && definition.calendarId ? book.opening(definition.calendarId) : null;
    return {
      definition,
      levels: escalationLevelsFor(definition, teamId),
      measure: measureOf(book, policy, clock),
      notices: opening ?? anyTime,
    };
  };
}

/** What a clock has coming, in no particular order. Only a running clock fires anything. */
export function pendingFirings(kind: ClockKind, clock: EngineClock, rules: ClockRules): Firing[] {
  if (!clock.runningSince || clock.stoppedAt || !clock.dueAt) return [];
  const base = { clock: kind, cycle: clock.cycle };
  if (!clock.breachedAt) {
    const out: Firing[] = [{ ...base, type: 'breach', at: clock.dueAt, dueAt: clock.dueAt }];
    const warnAt = clock.warnedAt ? null : warningDueAt(rules.measure, clock, rules.definition.warningPercent);
    if (warnAt) out.push({ ...base, type: 'warning', at: rules.notices(warnAt), dueAt: clock.dueAt });
    return out;
  }
  const breachedAt = clock.breachedAt;
  return escalationTimeline(rules.levels, kind, breachedAt)
    .filter(({ level }) => !clock.firedLevels.includes(level))
    .map(({ level, at, definition }) => ({
      ...base,
      type: 'escalate',
      at: rules.notices(at),
      level,
      breachedAt,
      actions: definition.actions,
    }));
}

/** The earliest instant something fires for the ticket (null: nothing to do until the next ticket event). */
export function nextActionAt(clocks: EngineClocks, rulesOf: (clock: EngineClock) => ClockRules): Date | null {
  let next: Date | null = null;
  for (const kind of CLOCK_KINDS) {
    const clock = clocks[kind];
    if (!clock) continue;
    for (const firing of pendingFirings(kind, clock, rulesOf(clock))) if (!next || firing.at < next) next = firing.at;
  }
  return next;
}

const ORDER: Record<Firing['type'], number> = { warning: 0, breach: 1, escalate: 2 };

/**
 * Everything due by `now` (after downtime: all that came due meanwhile, once each, in order), and
 * the clocks that record it. A warning held for business hours past its breach is dropped: the
 * breach says more.
 * A breach is dated at the due time, whenever it is noticed; escalation levels count from it.
 */
export function fireDue(
  clocks: EngineClocks,
  rulesOf: (clock: EngineClock) => ClockRules,
  now: Date,
): { clocks: EngineClocks; fired: Firing[] } {
  const next: EngineClocks = { ...clocks };
  const fired: Firing[] = [];
  for (const kind of CLOCK_KINDS) {
    let clock = next[kind];
    if (!clock) continue;
    const rules = rulesOf(clock);
    // Firing a breach makes the escalation levels pending: look again until nothing more is due.
    for (;;) {
      const due = pendingFirings(kind, clock, rules)
        .filter((f) => f.at <= now)
        .sort((a, b) => ORDER[a.type] - ORDER[b.type] || a.at.getTime() - b.at.getTime());
      if (!due.length) break;
      for (const firing of due) {
        fired.push(firing);
        if (firing.type === 'warning') clock = { ...clock, warnedAt: now };
        if (firing.type === 'breach') clock = { ...clock, breachedAt: firing.dueAt, outcome: 'breached' };
        if (firing.type === 'escalate') clock = { ...clock, firedLevels: [...clock.firedLevels, firing.level] };
      }
    }
    next[kind] = clock;
  }
  return { clocks: next, fired };
}

/** What ticket lists filter on: the earliest due time of a running clock not yet breached, and whether one has breached. */
export function ticketSlaSummary(clocks: EngineClocks): { nextDueAt: Date | null; breached: boolean } {
  let nextDueAt: Date | null = null;
  let breached = false;
  for (const kind of CLOCK_KINDS) {
    const clock = clocks[kind];
    if (!clock || clock.stoppedAt) continue;
    if (clock.breachedAt || clock.outcome === 'breached') breached = true;
    else if (clock.dueAt && (!nextDueAt || clock.dueAt < nextDueAt)) nextDueAt = clock.dueAt;
  }
  return { nextDueAt, breached };
}
