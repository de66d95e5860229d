import { SlaMetricEventType, TicketPriority, TicketStatus } from '@helpdesk/contracts';
import { calendarTime, TimeMeasure } from '../clocks/sla-clock';
import { ClockKind, SlaTicketEvent } from '../clocks/sla-transitions';
import { applyTicketEvent, ClockContext, TicketClocks, TrackedClock } from '../clocks/ticket-clocks';
import { SlaTicket } from '../policies/policy-matching';
import { SlaPolicyDefinition } from '../policies/policy-validation';

/**
 * One ticket's SLA as a fold over what happened to it. The ticket service's events become
 * `SlaInput`s (recorded, so that the state can be recomputed, explained and simulated); each input
 * moves the clocks of the ticket's policy version and yields metric events (activate, pause,
 * resume, fulfil, update_target, cancel, apply_sla), after Zendesk's ticket metric events.
 */

/** What SLA matching and escalation read of a ticket. */
export interface SlaTicketFacts extends SlaTicket {
  status: TicketStatus;
  teamId: string | null;
  assigneeId: string | null;
}

/** A policy version a ticket runs under. */
export interface PolicyRef {
  id: string;
  version: number;
}

/** One thing that happened to the ticket at `at`: its facts after it (absent: unchanged) and what the clocks see. */
export interface SlaInput {
  at: Date;
  facts?: SlaTicketFacts;
  events: SlaTicketEvent[];
}

/** A clock with what the engine has fired for its current run. */
export interface EngineClock extends TrackedClock {
  cycle: number;
  warnedAt: Date | null;
  breachedAt: Date | null;
  firedLevels: number[];
}

export type EngineClocks = Partial<Record<ClockKind, EngineClock>>;

export interface TicketSlaState {
  ticketId: string;
  createdAt: Date;
  facts: SlaTicketFacts;
  policy: PolicyRef | null;
  clocks: EngineClocks;
  /** The ticket has had its first response (so a requester reply starts next response) */
  firstResponded: boolean;
}

export interface MetricEvent {
  clock: ClockKind | null;
  cycle: number;
  type: SlaMetricEventType;
  at: Date;
  detail: Record<string, unknown>;
}

/** What the engine needs to know about policies and calendars. */
export interface PolicyBook {
  /** The policy (current version) that a ticket with these facts gets now; null when none matches. */
  match(facts: SlaTicketFacts): PolicyRef | null;
  definition(policy: PolicyRef): SlaPolicyDefinition;
  /** Business time of a calendar (null when the calendar is gone: counted around the clock). */
  businessTime(calendarId: string): TimeMeasure | null;
  /** The calendar's next opening at or after an instant (null when the calendar is gone). */
  opening(calendarId: string): ((at: Date) => Date) | null;
}

export const CLOCK_KINDS: ClockKind[] = ['first_response', 'next_response', 'resolution'];
const DONE = [TicketStatus.Solved, TicketStatus.Closed];

/** The clock context of a ticket under a policy version, for its current priority. */
export function clockContext(book: PolicyBook, policy: PolicyRef | null, priority: TicketPriority): ClockContext {
  if (!policy) return { targets: undefined, pauseResolutionOn: [], business: null };
  const definition = book.definition(policy);
  return {
    targets: definition.targets[priority],
    pauseResolutionOn: definition.pauseResolutionOn,
    business: definition.calendarId ? (book.businessTime(definition.calendarId) ?? calendarTime) : null,
  };
}

/** How a clock measures time under a ticket's policy. */
export function measureOf(book: PolicyBook, policy: PolicyRef | null, clock: TrackedClock): TimeMeasure {
  if (!clock.businessHours || !policy) return calendarTime;
  const calendarId = book.definition(policy).calendarId;
  return (calendarId && book.businessTime(calendarId)) || calendarTime;
}

const minutes = (ms: number) => Math.round(ms / 600) / 100;
const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The metric events between a clock before and after one input. */
export function clockMetricEvents(
  kind: ClockKind,
  before: EngineClock | undefined,
  after: EngineClock | undefined,
  at: Date,
): MetricEvent[] {
  const event = (clock: EngineClock, type: SlaMetricEventType, detail: Record<string, unknown> = {}): MetricEvent => ({
    clock: kind,
    cycle: clock.cycle,
    type,
    at,
    detail,
  });
  if (!after) return before && !before.stoppedAt ? [event(before, 'cancel')] : [];
  const out: MetricEvent[] = [];
  const fresh = !before || before.cycle !== after.cycle;
  if (fresh) {
    out.push(
      event(after, 'activate', { targetMinutes: minutes(after.targetMs), businessHours: after.businessHours, dueAt: iso(after.dueAt) }),
    );
    if (!after.runningSince && !after.stoppedAt) out.push(event(after, 'pause'));
    return out;
  }
  if (before.targetMs !== after.targetMs)
    out.push(event(after, 'update_target', { targetMinutes: minutes(after.targetMs), dueAt: iso(after.dueAt) }));
  const wasRunning = !!before.runningSince;
  const isRunning = !!after.runningSince;
  if (!before.stoppedAt && after.stoppedAt)
    out.push(event(after, 'fulfil', { outcome: after.outcome, elapsedMinutes: minutes(after.elapsedMs) }));
  else if (wasRunning && !isRunning && !after.stoppedAt) out.push(event(after, 'pause', { elapsedMinutes: minutes(after.elapsedMs) }));
  else if (!wasRunning && isRunning) out.push(event(after, 'resume', { dueAt: iso(after.dueAt) }));
  return out;
}

/** A clock that (re)started gets a new run: nothing fired for it yet. */
function withRuns(before: EngineClocks, after: TicketClocks): EngineClocks {
  const out: EngineClocks = {};
  for (const kind of CLOCK_KINDS) {
    const clock = after[kind];
    if (!clock) continue;
    const previous = before[kind];
    const sameRun = previous && (clock as Partial<EngineClock>).cycle === previous.cycle;
    out[kind] = sameRun
      ? (clock as EngineClock)
      : { ...clock, cycle: (previous?.cycle ?? 0) + 1, warnedAt: null, breachedAt: null, firedLevels: [] };
  }
  return out;
}

function applyEvents(
  book: PolicyBook,
  policy: PolicyRef | null,
  priority: TicketPriority,
  clocks: EngineClocks,
  events: SlaTicketEvent[],
  at: Date,
): EngineClocks {
  let next = clocks;
  for (const event of events) next = withRuns(next, applyTicketEvent(event, next, clockContext(book, policy, priority), at));
  return next;
}

/**
 * Another policy matches the ticket now (its tier, tags, organization... changed): the running
 * clocks take the new policy's targets keeping what they counted, those it has no target for stop
 * counting, and those it adds start now (first response only before the first reply, none once solved).
 */
function switchPolicy(book: PolicyBook, state: TicketSlaState, policy: PolicyRef | null, at: Date): EngineClocks {
  let clocks = applyEvents(book, policy, state.facts.priority, state.clocks, [{ type: 'priority' }], at);
  if (!policy || DONE.includes(state.facts.status)) return clocks;
  const context = clockContext(book, policy, state.facts.priority);
  const starts: SlaTicketEvent[] = [{ type: 'created', status: state.facts.status }];
  const started = withRuns(clocks, applyTicketEvent(starts[0], {}, context, at));
  if (!clocks.first_response && !state.firstResponded && started.first_response)
    clocks = { ...clocks, first_response: started.first_response };
  if (!clocks.resolution && started.resolution) clocks = { ...clocks, resolution: started.resolution };
  return withRuns(state.clocks, clocks);
}

/** The state of a ticket the engine has not seen yet: created by its first input. */
export function newTicketSla(ticketId: string, createdAt: Date, facts: SlaTicketFacts): TicketSlaState {
  return { ticketId, createdAt, facts, policy: null, clocks: {}, firstResponded: false };
}

/**
 * The ticket after one input. `decided` is the policy decision for this input: the book's match
 * when the input is first processed, the recorded decision when inputs are replayed, undefined
 * when the input changed no facts.
 */
export function applyInput(
  book: PolicyBook,
  state: TicketSlaState,
  input: SlaInput,
  decided: PolicyRef | null | undefined,
): { state: TicketSlaState; metrics: MetricEvent[] } {
  const facts = input.facts ?? state.facts;
  // No decision (a comment: the facts did not change): the ticket stays under its policy.
  const policyAt = decided === undefined ? state.policy : decided;
  const created = input.events.some((e) => e.type === 'created');
  const samePolicy = (a: PolicyRef | null, b: PolicyRef | null) => a?.id === b?.id;
  // A ticket keeps the policy version it started with while the same policy matches.
  const policy = created || !samePolicy(policyAt, state.policy) ? policyAt : state.policy;
  const metrics: MetricEvent[] = [];
  let clocks = state.clocks;
  if (!created && !samePolicy(policy, state.policy)) {
    clocks = switchPolicy(book, { ...state, facts }, policy, input.at);
  }
  if (created || !samePolicy(policy, state.policy))
    metrics.push({
      clock: null,
      cycle: 0,
      type: 'apply_sla',
      at: input.at,
      detail: { policyId: policy?.id ?? null, version: policy?.version ?? null },
    });
  clocks = applyEvents(book, policy, facts.priority, clocks, input.events, input.at);
  for (const kind of CLOCK_KINDS) metrics.push(...clockMetricEvents(kind, state.clocks[kind], clocks[kind], input.at));
  const firstResponded = state.firstResponded || input.events.some((e) => e.type === 'comment' && e.public && e.authorRole === 'agent');
  return { state: { ...state, facts, policy, clocks, firstResponded }, metrics };
}

/** A recorded input with the policy decision taken when it was first processed. */
export interface RecordedInput extends SlaInput {
  /** undefined: the input changed no facts, so no policy was matched for it */
  policy?: PolicyRef | null;
}

/**
 * The ticket recomputed from its recorded inputs (in time order). What the engine fired for each
 * run of a clock (warnings, breaches, levels) is kept from `fired`, the state before the replay.
 */
export function replayInputs(
  book: PolicyBook,
  base: Pick<TicketSlaState, 'ticketId' | 'createdAt'>,
  inputs: RecordedInput[],
  fired: EngineClocks = {},
): { state: TicketSlaState | null; metrics: MetricEvent[] } {
  const ordered = [...inputs].sort((a, b) => a.at.getTime() - b.at.getTime());
  let state: TicketSlaState | null = null;
  const metrics: MetricEvent[] = [];
  for (const input of ordered) {
    if (!state) {
      if (!input.facts) continue;
      state = newTicketSla(base.ticketId, base.createdAt, input.facts);
    }
    const step = applyInput(book, state, input, input.policy);
    state = step.state;
    metrics.push(...step.metrics);
  }
  if (!state) return { state, metrics };
  const clocks: EngineClocks = {};
  for (const kind of CLOCK_KINDS) {
    const clock = state.clocks[kind];
    const before = fired[kind];
    if (!clock) continue;
    clocks[kind] =
      before && before.cycle === clock.cycle
        ? {
            ...clock,
            warnedAt: before.warnedAt,
            breachedAt: before.breachedAt,
            firedLevels: before.firedLevels,
            outcome: before.breachedAt ? 'breached' : clock.outcome,
          }
        : clock;
  }
  return { state: { ...state, clocks }, metrics };
}
