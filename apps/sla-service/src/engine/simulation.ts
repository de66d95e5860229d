import {
  SlaComplianceComparisonView,
  SlaComplianceView,
  SlaConditionsDto,
  SlaPriorityComparisonView,
  SlaTargetComplianceView,
  SlaTeamComparisonView,
  TicketPriority,
} from '@helpdesk/contracts';
import { ClockKind } from '../clocks/sla-transitions';
import { policyMatches } from '../policies/policy-matching';
import { SlaPolicyDefinition } from '../policies/policy-validation';
import { clockRules, fireDue } from './due-work';
import {
  applyInput,
  CLOCK_KINDS,
  EngineClock,
  EngineClocks,
  newTicketSla,
  PolicyBook,
  PolicyRef,
  RecordedInput,
  TicketSlaState,
} from './ticket-sla';

/**
 * SLA simulation, pure: a ticket replayed from its recorded inputs under a draft policy, the
 * outcome of each of its clocks at an instant, and compliance counted overall, per priority and
 * per team, beside what the tickets actually had.
 */

/** The draft's place in a PolicyBook (it is never stored). */
export const DRAFT_POLICY: PolicyRef = { id: 'draft', version: 0 };

export interface DraftPolicy {
  conditions: SlaConditionsDto;
  definition: SlaPolicyDefinition;
}

/** A book holding the draft alone: it matches the facts that meet the draft's conditions, nothing else. */
export function draftBook(draft: DraftPolicy, calendars: Pick<PolicyBook, 'businessTime' | 'opening'>): PolicyBook {
  return {
    match: (facts) => (policyMatches(facts, draft.conditions) ? DRAFT_POLICY : null),
    definition: () => draft.definition,
    businessTime: (calendarId) => calendars.businessTime(calendarId),
    opening: (calendarId) => calendars.opening(calendarId),
  };
}

/** Breaches (and warnings, levels) that came due strictly before `at`, as the due-work loop would have fired them. */
function fireBefore(book: PolicyBook, state: TicketSlaState, at: Date): TicketSlaState {
  if (!state.policy) return state;
  return { ...state, clocks: fireDue(state.clocks, clockRules(book, state.policy, state.facts.teamId), new Date(at.getTime() - 1)).clocks };
}

/**
 * The ticket recomputed from its recorded inputs (in time order) under `book`: the policy is
 * decided again by the book wherever an input changed the facts (the recorded decision is
 * ignored), and what came due between inputs fires as it would have (a breach stays a breach
 * after a looser re-target). null when no input carries the ticket's facts.
 */
export function replayUnder(
  book: PolicyBook,
  base: Pick<TicketSlaState, 'ticketId' | 'createdAt'>,
  inputs: RecordedInput[],
): TicketSlaState | null {
  const ordered = [...inputs].sort((a, b) => a.at.getTime() - b.at.getTime());
  let state: TicketSlaState | null = null;
  for (const input of ordered) {
    if (!state) {
      if (!input.facts) continue;
      state = newTicketSla(base.ticketId, base.createdAt, input.facts);
    } else {
      state = fireBefore(book, state, input.at);
    }
    state = applyInput(book, state, input, input.facts ? book.match(input.facts) : undefined).state;
  }
  return state;
}

export type TargetOutcome = 'met' | 'breached' | 'running';

/**
 * A clock's outcome at `now`: met or breached once stopped; breached when it was marked so, when a
 * running clock's due time has come, or when a paused one already counted past its target; running
 * (undecided) otherwise. null: the ticket has no such clock.
 */
export function clockOutcome(clock: EngineClock | undefined, now: Date): TargetOutcome | null {
  if (!clock) return null;
  const breached = clock.outcome === 'breached' || !!clock.breachedAt;
  if (clock.stoppedAt) return breached ? 'breached' : 'met';
  if (breached || clock.elapsedMs > clock.targetMs) return 'breached';
  if (clock.runningSince && clock.dueAt && clock.dueAt <= now) return 'breached';
  return 'running';
}

export type ClockOutcomes = Partial<Record<ClockKind, TargetOutcome>>;

export function outcomesOf(clocks: EngineClocks, now: Date): ClockOutcomes {
  const out: ClockOutcomes = {};
  for (const kind of CLOCK_KINDS) {
    const outcome = clockOutcome(clocks[kind], now);
    if (outcome) out[kind] = outcome;
  }
  return out;
}

/** One compared ticket: where it is grouped, and its outcomes on both sides. */
export interface ComparedTicket {
  priority: TicketPriority;
  teamId: string | null;
  actual: ClockOutcomes;
  simulated: ClockOutcomes;
}

/** met / (met + breached) as a percentage with 2 decimals; null when nothing is decided. */
export function compliancePercent(met: number, breached: number): number | null {
  const decided = met + breached;
  return decided ? Math.round((met / decided) * 10_000) / 100 : null;
}

type Counts = Record<TargetOutcome, number>;
type Side = Record<ClockKind, Counts>;
interface Comparison {
  actual: Side;
  simulated: Side;
}

const emptySide = (): Side => ({
  first_response: { met: 0, breached: 0, running: 0 },
  next_response: { met: 0, breached: 0, running: 0 },
  resolution: { met: 0, breached: 0, running: 0 },
});
const emptyComparison = (): Comparison => ({ actual: emptySide(), simulated: emptySide() });

function count(side: Side, outcomes: ClockOutcomes): void {
  for (const kind of CLOCK_KINDS) {
    const outcome = outcomes[kind];
    if (outcome) side[kind][outcome] += 1;
  }
}

const targetView = ({ met, breached, running }: Counts): SlaTargetComplianceView => ({
  met,
  breached,
  running,
  compliancePercent: compliancePercent(met, breached),
});

const sideView = (side: Side): SlaComplianceView => ({
  firstResponse: targetView(side.first_response),
  nextResponse: targetView(side.next_response),
  resolution: targetView(side.resolution),
});

const comparisonView = (c: Comparison): SlaComplianceComparisonView => ({ actual: sideView(c.actual), simulated: sideView(c.simulated) });

const PRIORITY_ORDER = Object.values(TicketPriority);

/** Teams by id, "no team" last. */
function teamOrder(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

/** Compliance counted ticket by ticket, so that a year of tickets is never held at once. */
export class ComplianceTally {
  private readonly overall = emptyComparison();
  private readonly priorities = new Map<TicketPriority, Comparison>();
  private readonly teams = new Map<string | null, Comparison>();

  add(ticket: ComparedTicket): void {
    const groups = [this.overall, this.group(this.priorities, ticket.priority), this.group(this.teams, ticket.teamId)];
    for (const group of groups) {
      count(group.actual, ticket.actual);
      count(group.simulated, ticket.simulated);
    }
  }

  view(): { overall: SlaComplianceComparisonView; byPriority: SlaPriorityComparisonView[]; byTeam: SlaTeamComparisonView[] } {
    const byPriority = [...this.priorities.entries()]
      .sort(([a], [b]) => PRIORITY_ORDER.indexOf(a) - PRIORITY_ORDER.indexOf(b))
      .map(([priority, c]) => ({ priority, ...comparisonView(c) }));
    const byTeam = [...this.teams.entries()].sort(([a], [b]) => teamOrder(a, b)).map(([teamId, c]) => ({ teamId, ...comparisonView(c) }));
    return { overall: comparisonView(this.overall), byPriority, byTeam };
  }

  private group<K>(groups: Map<K, Comparison>, key: K): Comparison {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = emptyComparison()));
    return group;
  }
}

const DAY = 86_400_000;

/** What is wrong with a simulation period, per field (from < to, at most `maxDays`). */
export function periodErrors(from: Date, to: Date, maxDays: number): { field: string; message: string }[] {
  if (!(to > from)) return [{ field: 'to', message: 'must be after from' }];
  if (to.getTime() - from.getTime() > maxDays * DAY) return [{ field: 'to', message: `must be at most ${maxDays} days after from` }];
  return [];
}
