import { BusinessCalendar, compileCalendar, CompiledCalendar } from './business-calendar';
import { DAY_MS, localDayAt, MINUTE_MS, wallToInstant, weekdayOf } from './time-zone';

/**
 * Business-time arithmetic on a calendar.
 *
 * - Instants are `Date`s; inside, everything is whole milliseconds, so seconds of a ticket's
 *   timestamp are kept. SLA targets are minutes: `addBusinessMinutes` takes minutes (a fraction is
 *   rounded to the millisecond) and `businessMinutesBetween` answers minutes, a whole number when
 *   both instants are on whole minutes (`businessMillisBetween` gives the exact integer).
 * - A day's opening hours become real instants through the zone: a business day on a change of
 *   clocks counts its real elapsed time (00:00–24:00 on 29 March 2026 in Madrid is 23 hours). An
 *   opening or closing time that does not exist that day (02:30 when the clocks jump 02:00 → 03:00)
 *   moves to the instant of the jump; one that happens twice (clocks going back) is the earlier one.
 * - Spans of consecutive intervals that touch (13:00–13:00, or 24:00 of one day and 00:00 of the
 *   next in a 24×7 calendar) are one continuous span.
 * - An overnight shift belongs to the day it starts: a holiday on that day removes it; a holiday
 *   on the next day does not cut it.
 * - The arithmetic walks day by day over intervals (never minute by minute), and caches each
 *   local day's spans on the compiled calendar: compile a calendar once (`compileCalendar`) and
 *   pass the result when computing for many tickets.
 */

/** A calendar, or the same compiled once for many computations. */
export type CalendarInput = BusinessCalendar | CompiledCalendar;

/** An open span [start, end) in UTC. */
export interface BusinessInterval {
  start: Date;
  end: Date;
}

/** How far a search for the next opening goes before giving up (about 10 years of closed days). */
export const MAX_CLOSED_DAYS = 3_660;

const MAX_CACHED_DAYS = 20_000;

/**
 * The instant `minutes` business minutes after `start`. Counting begins at `start` when it is within
 * opening hours, otherwise at the next opening; a result that fills a span exactly is that span's
 * end (18:00, not the next morning). Adding 0 returns `start` itself, open or not: use
 * `nextBusinessInstant` for "now or the next opening".
 * Throws a RangeError for a negative or non-finite number, and an Error when the calendar never opens
 * (no opening hours at all, or none within about 10 years of holidays).
 */
export function addBusinessMinutes(calendar: CalendarInput, start: Date, minutes: number): Date {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`minutes must be a finite number ≥ 0, not ${minutes}`);
  return new Date(addBusinessMillis(compiled(calendar), instantOf(start, 'start'), Math.round(minutes * MINUTE_MS)));
}

/** Business minutes in [a, b): 0 when b ≤ a. A fraction only when an instant is not on a whole minute. */
export function businessMinutesBetween(calendar: CalendarInput, a: Date, b: Date): number {
  return businessMillisBetween(calendar, a, b) / MINUTE_MS;
}

/** Business milliseconds in [a, b): 0 when b ≤ a. */
export function businessMillisBetween(calendar: CalendarInput, a: Date, b: Date): number {
  const from = instantOf(a, 'a');
  const to = instantOf(b, 'b');
  if (to <= from) return 0;
  let total = 0;
  for (const [start, end] of openSpans(compiled(calendar), from, to)) total += Math.max(0, Math.min(end, to) - start);
  return total;
}

/** The open spans within [from, to), cut to that window, with spans that touch merged into one. */
export function businessIntervals(calendar: CalendarInput, from: Date, to: Date): BusinessInterval[] {
  const lo = instantOf(from, 'from');
  const hi = instantOf(to, 'to');
  const merged: [number, number][] = [];
  if (hi <= lo) return [];
  for (const [start, spanEnd] of openSpans(compiled(calendar), lo, hi)) {
    const end = Math.min(spanEnd, hi);
    if (end <= start) continue;
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

/** Whether the calendar is open at an instant (a span's start is open, its end is not). */
export function isBusinessTime(calendar: CalendarInput, at: Date): boolean {
  const cal = compiled(calendar);
  const t = instantOf(at, 'at');
  const day = localDayAt(cal.timeZone, t);
  // An overnight shift of the day before may still be running.
  return [day - 1, day].some((d) => spansOfDay(cal, d).some(([start, end]) => start <= t && t < end));
}

/** `at` when the calendar is open then, otherwise its next opening. Throws like `addBusinessMinutes` when it never opens. */
export function nextBusinessInstant(calendar: CalendarInput, at: Date): Date {
  const cal = compiled(calendar);
  assertOpens(cal);
  const first = openSpans(cal, instantOf(at, 'at')).next();
  if (first.done) throw new Error('unreachable: openSpans without a bound ends only by throwing');
  return new Date(first.value[0]);
}

function addBusinessMillis(cal: CompiledCalendar, from: number, millis: number): number {
  if (millis === 0) return from;
  assertOpens(cal);
  let remaining = millis;
  for (const [start, end] of openSpans(cal, from)) {
    if (remaining <= end - start) return start + remaining;
    remaining -= end - start;
  }
  throw new Error('unreachable: openSpans without a bound ends only by throwing');
}

function assertOpens(cal: CompiledCalendar): void {
  if (!cal.hasOpeningHours) throw new Error('The business calendar has no opening hours: business time never passes');
}

/**
 * The open spans of each local day from the one before `from` (its overnight shift may still run),
 * in order, those ending after `from` only and starting no earlier than `from`. Not merged: touching
 * spans come one after the other. Stops before the first day starting at or after `until`; without
 * `until`, throws after MAX_CLOSED_DAYS consecutive days without an opening.
 */
function* openSpans(cal: CompiledCalendar, from: number, until?: number): Generator<[number, number]> {
  let closedDays = 0;
  for (let day = localDayAt(cal.timeZone, from) - 1; ; day++) {
    // Spans of a day start at or after its local midnight.
    if (until !== undefined && wallToInstant(cal.timeZone, day * DAY_MS) >= until) return;
    let opened = false;
    for (const [start, end] of spansOfDay(cal, day)) {
      if (end <= from) continue;
      opened = true;
      yield [Math.max(start, from), end];
    }
    closedDays = opened ? 0 : closedDays + 1;
    if (until === undefined && closedDays > MAX_CLOSED_DAYS)
      throw new Error(`The business calendar does not open within ${MAX_CLOSED_DAYS} days of ${new Date(from).toISOString()}`);
  }
}

/** The spans [start, end) in UTC of the intervals that start on a local day, holidays removed. */
function spansOfDay(cal: CompiledCalendar, day: number): [number, number][] {
  const cached = cal.daySpans.get(day);
  if (cached) return cached;
  const spans: [number, number][] = [];
  if (!cal.isHoliday(day)) {
    for (const interval of cal.weeklyMinutes[weekdayOf(day)]) {
      const start = wallToInstant(cal.timeZone, day * DAY_MS + interval.start * MINUTE_MS);
      const end = wallToInstant(cal.timeZone, day * DAY_MS + interval.end * MINUTE_MS);
      // An interval inside a skipped hour (02:00–02:30 on the day clocks jump 02:00 → 03:00) is empty.
      if (end > start) spans.push([start, end]);
    }
  }
  if (cal.daySpans.size >= MAX_CACHED_DAYS) cal.daySpans.clear();
  cal.daySpans.set(day, spans);
  return spans;
}

function compiled(calendar: CalendarInput): CompiledCalendar {
  return calendar instanceof CompiledCalendar ? calendar : compileCalendar(calendar);
}

function instantOf(value: Date, name: string): number {
  const t = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${name} must be a valid Date`);
  return t;
}
