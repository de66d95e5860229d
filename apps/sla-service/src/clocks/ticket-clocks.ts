import { SlaPriorityTargetsDto, SlaTargetDto, TicketStatus } from '@helpdesk/contracts';
import {
  calendarTime,
  pauseClock,
  reopenClock,
  resumeClock,
  retargetClock,
  SlaClock,
  startClock,
  stopClock,
  TimeMeasure,
} from './sla-clock';
import { ClockKind, clockCommands, ClockPhases, SlaTicketEvent } from './sla-transitions';

/** A ticket's clock with how it counts (business hours of the policy's calendar, or every minute). */
export type TrackedClock = SlaClock & { businessHours: boolean };

export type TicketClocks = Partial<Record<ClockKind, TrackedClock>>;

/** What the ticket's policy version says, for its current priority. */
export interface ClockContext {
  /** The targets of the ticket's priority (undefined: the policy sets none for it) */
  targets: SlaPriorityTargetsDto | undefined;
  pauseResolutionOn: TicketStatus[];
  /** The policy calendar's business time (null when the policy has none) */
  business: TimeMeasure | null;
}

const METRIC: Record<ClockKind, keyof SlaPriorityTargetsDto> = {
  first_response: 'firstResponse',
  next_response: 'nextResponse',
  resolution: 'resolution',
};

/** The moves of an existing clock that keep its way of counting. */
const MOVES = { pause: pauseClock, resume: resumeClock, stop: stopClock, reopen: reopenClock };

export function phasesOf(clocks: TicketClocks): ClockPhases {
  const phase = (clock: TrackedClock | undefined) =>
    !clock ? 'absent' : clock.stoppedAt ? 'stopped' : clock.runningSince ? 'running' : 'paused';
  return { first_response: phase(clocks.first_response), next_response: phase(clocks.next_response), resolution: phase(clocks.resolution) };
}

function measureOf(businessHours: boolean, context: ClockContext): TimeMeasure {
  if (!businessHours) return calendarTime;
  if (!context.business) throw new Error('a business-hours target needs its policy calendar');
  return context.business;
}

/**
 * The ticket's clocks after an event at `at`: sla-transitions decides which clocks move, sla-clock
 * moves them. A next-response clock that starts again replaces the stopped one (it measures the
 * new unanswered reply); a cancelled clock disappears.
 */
export function applyTicketEvent(event: SlaTicketEvent, clocks: TicketClocks, context: ClockContext, at: Date): TicketClocks {
  const target = (kind: ClockKind): SlaTargetDto | undefined => context.targets?.[METRIC[kind]];
  const commands = clockCommands(event, phasesOf(clocks), {
    pauseResolutionOn: context.pauseResolutionOn,
    targets: { first_response: !!target('first_response'), next_response: !!target('next_response'), resolution: !!target('resolution') },
  });
  const next: TicketClocks = { ...clocks };
  for (const { kind, operation } of commands) {
    const clock = next[kind];
    const goal = target(kind);
    if (operation === 'start' && goal) {
      next[kind] = { ...startClock(measureOf(goal.businessHours, context), goal.minutes, at), businessHours: goal.businessHours };
      continue;
    }
    if (!clock) continue;
    if (operation === 'cancel') {
      delete next[kind];
      continue;
    }
    if (operation === 'retarget' && goal) {
      // A target counted another way (business ↔ calendar minutes) keeps what was counted.
      const measure = measureOf(goal.businessHours, context);
      next[kind] = { ...retargetClock(measure, clock, goal.minutes, at), businessHours: goal.businessHours };
      continue;
    }
    const measure = measureOf(clock.businessHours, context);
    const move = MOVES[operation as keyof typeof MOVES] as (typeof MOVES)[keyof typeof MOVES] | undefined;
    if (move) next[kind] = { ...move(measure, clock, at), businessHours: clock.businessHours };
  }
  return next;
}
