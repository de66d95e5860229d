import { FieldError } from '@helpdesk/contracts';
import { resolveTimeZone } from './time-zone';

/** Sunday = 0 … Saturday = 6, as `Date.prototype.getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Local opening hours, 'HH:MM' to 'HH:MM'. `end` may be '24:00'. An interval whose end is not after
 * its start (22:00–06:00) is an overnight shift: it runs into the next day and belongs to the day
 * it starts, so a holiday on that day removes it and a holiday on the next day does not cut it.
 */
export interface OpeningInterval {
  start: string;
  end: string;
}

/** A holiday on one date, or every year on a month and day (`{ month: 12, day: 25 }`). */
export type Holiday = { date: string } | { month: number; day: number };

/**
 * A business calendar: opening hours per weekday (a missing or empty day is closed) in an IANA
 * time zone, and holidays (closed all day). Every day 00:00–24:00 is a 24×7 calendar.
 */
export interface BusinessCalendar {
  timeZone: string;
  weeklyHours: Partial<Record<Weekday, OpeningInterval[]>>;
  holidays: Holiday[];
}

export const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;

/** Minutes since midnight of 'HH:MM' (00:00 to 24:00), or null. */
export function parseClock(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= DAY_MINUTES ? minutes : null;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC-midnight day number (days since 1970-01-01) of a real 'YYYY-MM-DD' date, or null (2026-02-30). */
export function parseDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() / 86_400_000;
}

/** Days in a month of a leap year: a recurring 02-29 is allowed (it applies in leap years only). */
const MAX_DAY_OF_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An interval in minutes of its weekday: `end` is past 1440 for an overnight shift. */
export interface IntervalMinutes {
  start: number;
  end: number;
}

function intervalMinutes(interval: OpeningInterval): IntervalMinutes | null {
  const start = parseClock(interval?.start);
  const end = parseClock(interval?.end);
  if (start === null || end === null || start === DAY_MINUTES || start === end) return null;
  return { start, end: end > start ? end : end + DAY_MINUTES };
}

function describeInterval(day: Weekday, interval: IntervalMinutes): string {
  const nextDay = interval.end > DAY_MINUTES ? `${WEEKDAY_NAMES[(day + 1) % 7]} ` : '';
  return `${WEEKDAY_NAMES[day]} ${clock(interval.start)}–${nextDay}${clock(interval.end % DAY_MINUTES || interval.end)}`;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * What is wrong with a calendar, one entry per field (`weeklyHours.1[0].end`, `holidays[2].date`):
 * the answer of a 400 with per-field errors. An empty list means the calendar is valid.
 */
export function validateCalendar(calendar: BusinessCalendar): FieldError[] {
  const errors: FieldError[] = [];
  const zone = resolveTimeZone(calendar?.timeZone);
  if (zone === null)
    errors.push({ field: 'timeZone', message: `${String(calendar?.timeZone)} is not an IANA time zone (e.g. Europe/Madrid)` });
  else if (zone !== calendar.timeZone && zone.toLowerCase() === calendar.timeZone.toLowerCase())
    errors.push({ field: 'timeZone', message: `write the time zone as ${zone}` });
  errors.push(...weeklyHoursErrors(calendar?.weeklyHours), ...holidaysErrors(calendar?.holidays));
  return errors;
}

function weeklyHoursErrors(weeklyHours: BusinessCalendar['weeklyHours'] | undefined): FieldError[] {
  if (typeof weeklyHours !== 'object' || weeklyHours === null || Array.isArray(weeklyHours))
    return [{ field: 'weeklyHours', message: 'must map weekdays (0 = Sunday … 6 = Saturday) to lists of intervals' }];
  const errors: FieldError[] = [];
  for (const key of Object.keys(weeklyHours)) {
    if (!/^[0-6]$/.test(key)) errors.push({ field: `weeklyHours.${key}`, message: 'weekdays are 0 (Sunday) to 6 (Saturday)' });
  }
  // Every valid interval on a circular week of minutes, to find overlaps across midnight and across Saturday → Sunday.
  const placed: { field: string; day: Weekday; minutes: IntervalMinutes }[] = [];
  for (const day of WEEKDAYS) {
    const intervals = weeklyHours[day];
    if (intervals === undefined) continue;
    if (!Array.isArray(intervals)) {
      errors.push({ field: `weeklyHours.${day}`, message: 'must be a list of { start, end } intervals' });
      continue;
    }
    intervals.forEach((interval, index) => {
      const field = `weeklyHours.${day}[${index}]`;
      const start = parseClock(interval?.start);
      const end = parseClock(interval?.end);
      if (start === null || start === DAY_MINUTES)
        errors.push({ field: `${field}.start`, message: 'must be a time HH:MM from 00:00 to 23:59' });
      if (end === null) errors.push({ field: `${field}.end`, message: 'must be a time HH:MM from 00:00 to 24:00' });
      const minutes = intervalMinutes(interval);
      if (start !== null && end !== null && start === end)
        errors.push({ field, message: 'is empty: start and end are equal (for a whole day use 00:00–24:00)' });
      if (!minutes) return;
      const weekly = { start: day * DAY_MINUTES + minutes.start, end: day * DAY_MINUTES + minutes.end };
      const clash = placed.find((other) => overlaps(weekly, { start: other.minutes.start, end: other.minutes.end }));
      if (clash)
        errors.push({
          field,
          message: `${describeInterval(day, minutes)} overlaps ${clash.field} (${describeInterval(clash.day, weekMinutesToDay(clash.minutes))})`,
        });
      placed.push({ field, day, minutes: weekly });
    });
  }
  return errors;
}

function weekMinutesToDay(minutes: IntervalMinutes): IntervalMinutes {
  const start = minutes.start % DAY_MINUTES;
  return { start, end: start + minutes.end - minutes.start };
}

/** Whether two intervals of the circular week share a minute (touching is fine). */
function overlaps(a: IntervalMinutes, b: IntervalMinutes): boolean {
  return [-WEEK_MINUTES, 0, WEEK_MINUTES].some((shift) => a.start < b.end + shift && b.start + shift < a.end);
}

function holidaysErrors(holidays: Holiday[] | undefined): FieldError[] {
  if (!Array.isArray(holidays)) return [{ field: 'holidays', message: 'must be a list of { date } or { month, day }' }];
  const errors: FieldError[] = [];
  holidays.forEach((holiday: Partial<{ date: unknown; month: unknown; day: unknown }>, index) => {
    const field = `holidays[${index}]`;
    if (typeof holiday !== 'object' || holiday === null) {
      errors.push({ field, message: 'must be { date: YYYY-MM-DD } or { month, day }' });
    } else if ('date' in holiday) {
      if ('month' in holiday || 'day' in holiday) errors.push({ field, message: 'give either a date or a month and day, not both' });
      else if (parseDate(holiday.date) === null)
        errors.push({ field: `${field}.date`, message: `${String(holiday.date)} is not a date as YYYY-MM-DD` });
    } else {
      const { month, day } = holiday;
      const monthOk = Number.isInteger(month) && (month as number) >= 1 && (month as number) <= 12;
      if (!monthOk) errors.push({ field: `${field}.month`, message: 'must be a whole number from 1 to 12' });
      const maxDay = monthOk ? MAX_DAY_OF_MONTH[(month as number) - 1] : 31;
      if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > maxDay)
        errors.push({ field: `${field}.day`, message: `must be a whole number from 1 to ${maxDay}` });
    }
  });
  return errors;
}

/** Raised when arithmetic is asked of an invalid calendar; `errors` are those of `validateCalendar`. */
export class InvalidCalendarError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid business calendar: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    this.name = InvalidCalendarError.name;
  }
}

/**
 * A validated calendar in the shape the arithmetic needs: intervals in minutes, sorted, per weekday;
 * holidays as sets. Build it once per calendar (`compileCalendar`) when computing for many tickets.
 */
export class CompiledCalendar {
  /** Open local days already turned into instants (see business-time.ts), by local day. */
  readonly daySpans = new Map<number, [number, number][]>();

  constructor(
    readonly timeZone: string,
    readonly weeklyMinutes: readonly (readonly IntervalMinutes[])[],
    private readonly fixedHolidays: ReadonlySet<number>,
    private readonly yearlyHolidays: ReadonlySet<number>,
  ) {}

  /** Whether the calendar opens at all on some weekday (holidays aside). */
  get hasOpeningHours(): boolean {
    return this.weeklyMinutes.some((intervals) => intervals.length > 0);
  }

  /** Whether a local day (days since 1970-01-01) is a holiday. */
  isHoliday(epochDay: number): boolean {
    if (this.fixedHolidays.has(epochDay)) return true;
    if (this.yearlyHolidays.size === 0) return false;
    const date = new Date(epochDay * 86_400_000);
    return this.yearlyHolidays.has((date.getUTCMonth() + 1) * 100 + date.getUTCDate());
  }
}

/** Validates and compiles a calendar; throws `InvalidCalendarError` listing every problem. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const errors = validateCalendar(calendar);
  if (errors.length) throw new InvalidCalendarError(errors);
  const weeklyMinutes = WEEKDAYS.map((day) =>
    (calendar.weeklyHours[day] ?? []).map((interval) => intervalMinutes(interval)!).sort((a, b) => a.start - b.start),
  );
  const fixed = new Set<number>();
  const yearly = new Set<number>();
  for (const holiday of calendar.holidays) {
    if ('date' in holiday) fixed.add(parseDate(holiday.date)!);
    else yearly.add(holiday.month * 100 + holiday.day);
  }
  return new CompiledCalendar(calendar.timeZone, weeklyMinutes, fixed, yearly);
}
