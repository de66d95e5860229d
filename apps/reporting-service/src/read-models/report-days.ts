/**
 * Reports count whole days in one time zone (REPORTING_TIME_ZONE, default UTC): every read-model
 * row is a day (`YYYY-MM-DD`) or a month (its first day). Pure date arithmetic on those strings.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows the IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function parts(at: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day of an instant in a zone. */
export function dayOf(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The first day of the day's month. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function utcDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: string, days: number): string {
  return new Date(utcDay(day).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export function addMonths(month: string, months: number): string {
  const d = utcDay(month);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcDay(b).getTime() - utcDay(a).getTime()) / 86_400_000);
}

/** The Monday of the ISO week holding the day. */
export function weekOf(day: string): string {
  const weekday = (utcDay(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The instant a day starts in a zone (the first instant whose day is `day`). */
export function startOfDay(day: string, timeZone: string): Date {
  let guess = utcDay(day).getTime();
  for (let i = 0; i < 3; i++) {
    const p = parts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const offset = seen - guess;
    const next = utcDay(day).getTime() - offset;
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

/**
 * A report bound as a day: a date (`2026-01-01`) is itself; a date-time must be the start of a day
 * in the zone (null otherwise: reports count whole days).
 */
export function boundDay(value: string, timeZone: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const day = dayOf(at, timeZone);
  return startOfDay(day, timeZone).getTime() === at.getTime() ? day : null;
}

/**
 * Splits [from, to) into whole months and the loose days around them, so that a year reads twelve
 * month rows instead of 365 day rows.
 */
export function splitPeriod(from: string, to: string): { days: [string, string][]; months: [string, string] | null } {
  const firstFullMonth = from === monthOf(from) ? from : addMonths(monthOf(from), 1);
  const endMonth = monthOf(to);
  if (firstFullMonth >= endMonth) return { days: [[from, to]], months: null };
  const days: [string, string][] = [];
  if (from < firstFullMonth) days.push([from, firstFullMonth]);
  if (endMonth < to) days.push([endMonth, to]);
  return { days, months: [firstFullMonth, endMonth] };
}
