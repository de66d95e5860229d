/**
 * Wall clock ↔ instant conversions in an IANA time zone, with `Intl` only.
 *
 * A "wall" value is a local date and time written as if it were UTC: milliseconds since
 * 1970-01-01T00:00 *local*. Local days are numbered the same way (`epochDay`, day 0 = 1970-01-01).
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

const resolvedZones = new Map<string, string | null>();

/** Whether `Intl` knows the zone, and its own spelling of the name (aliases such as `US/Eastern` are accepted). */
export function resolveTimeZone(timeZone: string): string | null {
  // Offsets such as '+01:00' are accepted by recent engines, but they are not IANA zones.
  if (typeof timeZone !== 'string' || !/^[A-Za-z]/.test(timeZone)) return null;
  let resolved = resolvedZones.get(timeZone);
  if (resolved === undefined) {
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
      resolved = null;
    }
    // Names come from stored calendars: a handful, but keep the map bounded against junk input.
    if (resolvedZones.size >= 1_000) resolvedZones.clear();
    resolvedZones.set(timeZone, resolved);
  }
  return resolved;
}

/** The zone's offset from UTC at an instant, in milliseconds (Madrid in summer: +7 200 000). */
export function zoneOffset(timeZone: string, instant: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const hour = field('hour') % 24;
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), hour, field('minute'), field('second'));
  return wall - (instant - mod(instant, 1000));
}

/** The local wall clock at an instant (see the module comment). */
export function wallAt(timeZone: string, instant: number): number {
  return instant + zoneOffset(timeZone, instant);
}

/**
 * The local day (`epochDay`) an instant falls on: the day whose midnight (as `wallToInstant` places
 * it) is the last one at or before the instant. Uses the cached day offsets, not a fresh `Intl` call.
 */
export function localDayAt(timeZone: string, instant: number): number {
  const utcDay = Math.floor(instant / DAY_MS);
  // Offsets lie within -12 h … +14 h, so the local day is the UTC day or one either side.
  for (const day of [utcDay - 1, utcDay, utcDay + 1]) {
    if (wallToInstant(timeZone, day * DAY_MS) <= instant && instant < wallToInstant(timeZone, (day + 1) * DAY_MS)) return day;
  }
  return Math.floor(wallAt(timeZone, instant) / DAY_MS);
}

/** Sunday = 0 … Saturday = 6 (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return mod(epochDay + 4, 7);
}

/** 'YYYY-MM-DD' of a local day. */
export function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant a wall clock reading happens. A reading that does not exist (skipped when the clocks
 * go forward) gives the instant of the jump, so an opening at 02:30 on such a day opens at 03:00;
 * a reading that happens twice (clocks going back) gives the earlier instant.
 */
export function wallToInstant(timeZone: string, wall: number): number {
  const dayOffset = constantOffsetOfDay(timeZone, Math.floor(wall / DAY_MS));
  return dayOffset === null ? exactWallToInstant(timeZone, wall) : wall - dayOffset;
}

/** Offsets of days without a change of offset, by zone and local day; null for a day with a change. */
const dayOffsets = new Map<string, Map<number, number | null>>();
const MAX_CACHED_DAYS = 50_000;

/**
 * Most days have one offset from midnight to midnight: then every reading of the day is `wall - offset`,
 * and the (slow) `Intl` lookups are made once per zone and day.
 */
function constantOffsetOfDay(timeZone: string, epochDay: number): number | null {
  let days = dayOffsets.get(timeZone);
  if (!days) dayOffsets.set(timeZone, (days = new Map<number, number | null>()));
  const cached = days.get(epochDay);
  if (cached !== undefined) return cached;
  const start = exactWallToInstant(timeZone, epochDay * DAY_MS);
  const end = exactWallToInstant(timeZone, (epochDay + 1) * DAY_MS);
  const offset = zoneOffset(timeZone, start);
  const constant = end - start === DAY_MS && zoneOffset(timeZone, end - 1) === offset ? offset : null;
  if (days.size >= MAX_CACHED_DAYS) days.clear();
  days.set(epochDay, constant);
  return constant;
}

function exactWallToInstant(timeZone: string, wall: number): number {
  // Offsets a day either side: no zone is more than 14 h from UTC, so these bracket any change near `wall`.
  const before = zoneOffset(timeZone, wall - DAY_MS);
  const after = zoneOffset(timeZone, wall + DAY_MS);
  const candidates = [...new Set([before, after])].map((offset) => wall - offset).filter((t) => zoneOffset(timeZone, t) === wall - t);
  if (candidates.length) return Math.min(...candidates);
  if (after <= before) return wall - before; // not a gap: cannot happen with consistent offsets
  // In a gap: the clocks jumped from `before` to `after` somewhere in (wall - after, wall - before].
  let lo = Math.floor((wall - after) / 1000);
  let hi = Math.ceil((wall - before) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffset(timeZone, mid * 1000) === before) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
