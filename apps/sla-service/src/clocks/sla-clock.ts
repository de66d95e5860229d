import { addBusinessMinutes, businessMillisBetween, CalendarInput } from '../calendars/business-time';

/** How a clock measures time: every minute (calendar time) or only a calendar's opening hours. */
export interface TimeMeasure {
  /** The instant `ms` of counted time after `at` */
  add(at: Date, ms: number): Date;
  /** Counted time from `a` to `b` in ms (0 when b ≤ a) */
  between(a: Date, b: Date): number;
}

export const calendarTime: TimeMeasure = {
  add: (at, ms) => new Date(at.getTime() + ms),
  between: (a, b) => Math.max(0, b.getTime() - a.getTime()),
};

export function businessTime(calendar: CalendarInput): TimeMeasure {
  return {
    add: (at, ms) => addBusinessMinutes(calendar, at, ms / 60_000),
    between: (a, b) => businessMillisBetween(calendar, a, b),
  };
}

export type ClockOutcome = 'met' | 'breached';

/**
 * One SLA target on one ticket. While running, `elapsedMs` is what was counted before
 * `runningSince` and `dueAt` is when the target is reached; paused, it holds everything counted
 * and `dueAt` is null; stopped, `outcome` says whether the target was met.
 */
export interface SlaClock {
  targetMs: number;
  elapsedMs: number;
  runningSince: Date | null;
  dueAt: Date | null;
  stoppedAt: Date | null;
  outcome: ClockOutcome | null;
}

const MINUTE = 60_000;

/** A clock started at `at` with a target in minutes. */
export function startClock(measure: TimeMeasure, targetMinutes: number, at: Date): SlaClock {
  const targetMs = targetMinutes * MINUTE;
  return { targetMs, elapsedMs: 0, runningSince: at, dueAt: measure.add(at, targetMs), stoppedAt: null, outcome: null };
}

/** Counted time up to `at`. */
export function elapsedAt(measure: TimeMeasure, clock: SlaClock, at: Date): number {
  const until = clock.stoppedAt && clock.stoppedAt < at ? clock.stoppedAt : at;
  return clock.elapsedMs + (clock.runningSince ? measure.between(clock.runningSince, until) : 0);
}

/** Stops counting until resumed (pending, on hold); a stopped or paused clock is left as it is. */
export function pauseClock(measure: TimeMeasure, clock: SlaClock, at: Date): SlaClock {
  if (!clock.runningSince || clock.stoppedAt) return clock;
  return { ...clock, elapsedMs: elapsedAt(measure, clock, at), runningSince: null, dueAt: null };
}

/** Counts again from `at`; the due time moves by as much counted time as the pause took. */
export function resumeClock(measure: TimeMeasure, clock: SlaClock, at: Date): SlaClock {
  if (clock.runningSince || clock.stoppedAt) return clock;
  return { ...clock, runningSince: at, dueAt: dueFrom(measure, at, clock.targetMs - clock.elapsedMs) };
}

/** Stops the clock for good: met when the counted time did not pass the target. */
export function stopClock(measure: TimeMeasure, clock: SlaClock, at: Date): SlaClock {
  if (clock.stoppedAt) return clock;
  const elapsedMs = elapsedAt(measure, clock, at);
  return {
    ...clock,
    elapsedMs,
    runningSince: null,
    dueAt: null,
    stoppedAt: at,
    outcome: clock.outcome === 'breached' || elapsedMs > clock.targetMs ? 'breached' : 'met',
  };
}

/**
 * A solved ticket reopened: its stopped clock counts again from `at`, keeping what was counted
 * (a breach stays a breach). Running or paused clocks are left as they are.
 */
export function reopenClock(measure: TimeMeasure, clock: SlaClock, at: Date): SlaClock {
  if (!clock.stoppedAt) return clock;
  return {
    ...clock,
    stoppedAt: null,
    outcome: clock.outcome === 'breached' ? 'breached' : null,
    runningSince: at,
    dueAt: dueFrom(measure, at, clock.targetMs - clock.elapsedMs),
  };
}

/** A new target (the priority changed): what was counted stays, the due time follows the new target. */
export function retargetClock(measure: TimeMeasure, clock: SlaClock, targetMinutes: number, at: Date): SlaClock {
  if (clock.stoppedAt) return clock;
  const targetMs = targetMinutes * MINUTE;
  if (!clock.runningSince) return { ...clock, targetMs };
  const elapsedMs = elapsedAt(measure, clock, at);
  return { ...clock, targetMs, elapsedMs, runningSince: at, dueAt: dueFrom(measure, at, targetMs - elapsedMs) };
}

/**
 * The calendar changed (hours, holidays, zone): a running clock's due time follows it. What was
 * counted before `runningSince` stays; the time since is counted by the new calendar.
 */
export function rescheduleClock(measure: TimeMeasure, clock: SlaClock): SlaClock {
  if (!clock.runningSince || clock.stoppedAt) return clock;
  return { ...clock, dueAt: dueFrom(measure, clock.runningSince, clock.targetMs - clock.elapsedMs) };
}

/** The instant the counted time reaches `percent` of the target, if that is still ahead of the clock's run. */
export function warningDueAt(measure: TimeMeasure, clock: SlaClock, percent: number): Date | null {
  if (!clock.runningSince || clock.stoppedAt) return null;
  const warnMs = Math.round((clock.targetMs * percent) / 100);
  if (warnMs <= clock.elapsedMs) return null;
  return measure.add(clock.runningSince, warnMs - clock.elapsedMs);
}

/** What a reader wants to know at `at`: counted and remaining time, paused, breached. */
export interface ClockProgress {
  elapsedMs: number;
  remainingMs: number;
  paused: boolean;
  breached: boolean;
}

export function clockProgress(measure: TimeMeasure, clock: SlaClock, at: Date): ClockProgress {
  const elapsedMs = elapsedAt(measure, clock, at);
  return {
    elapsedMs,
    remainingMs: clock.targetMs - elapsedMs,
    paused: !clock.runningSince && !clock.stoppedAt,
    breached: clock.outcome === 'breached' || elapsedMs > clock.targetMs || (clock.dueAt !== null && at >= clock.dueAt),
  };
}

/** Past its target already (a retarget below what was counted): due now. */
function dueFrom(measure: TimeMeasure, at: Date, remainingMs: number): Date {
  return remainingMs <= 0 ? at : measure.add(at, remainingMs);
}
