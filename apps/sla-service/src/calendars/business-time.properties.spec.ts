import fc from 'fast-check';
import { BusinessCalendar, Holiday, OpeningInterval, validateCalendar, Weekday, WEEKDAYS } from './business-calendar';
import { addBusinessMinutes, businessIntervals, businessMillisBetween, businessMinutesBetween, isBusinessTime } from './business-time';

/**
 * Properties over random valid calendars (split days, overnight shifts, 24×7, holidays) in zones
 * with and without clock changes, including half-hour changes (Lord Howe) and +12:45 (Chatham).
 */

const ZONES = ['Europe/Madrid', 'America/New_York', 'America/Mexico_City', 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const RUNS = { numRuns: 100 };

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A day's own intervals: pairs of sorted distinct minutes within 00:00–24:00, and maybe the start of a night shift after them. */
const dayArbitrary = fc.record({
  boundaries: fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }),
  nightShift: fc.option(fc.record({ start: fc.integer({ min: 0, max: 1439 }), end: fc.integer({ min: 0, max: 1439 }) }), {
    nil: undefined,
  }),
});

const holidayArbitrary: fc.Arbitrary<Holiday> = fc.oneof(
  fc
    .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => ({ date: d.toISOString().slice(0, 10) })),
  fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
);

type DaySpec = { boundaries: number[]; nightShift?: { start: number; end: number } };

/** Weekly hours from day specs, each night shift cut so that it ends by the next day's first opening. */
function weeklyHours(days: DaySpec[]): BusinessCalendar['weeklyHours'] {
  const own = days.map((day) => {
    const sorted = [...day.boundaries].sort((a, b) => a - b);
    const intervals: [number, number][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([sorted[i], sorted[i + 1]]);
    return intervals;
  });
  const lastEnd = (weekday: number): number => (own[weekday].length ? own[weekday][own[weekday].length - 1][1] : 0);
  // A night shift starts after the day's own intervals; it is kept (maybe cut shorter) if there is room.
  const nightStart = (weekday: number): number | undefined => {
    const night = days[weekday].nightShift;
    return night && night.start >= lastEnd(weekday) && lastEnd(weekday) < 1440 ? night.start : undefined;
  };
  const firstStart = (weekday: number): number => Math.min(own[weekday].length ? own[weekday][0][0] : 1440, nightStart(weekday) ?? 1440);
  const hours: BusinessCalendar['weeklyHours'] = {};
  WEEKDAYS.forEach((weekday: Weekday) => {
    const intervals: OpeningInterval[] = own[weekday].map(([start, end]) => ({ start: clock(start), end: clock(end) }));
    const start = nightStart(weekday);
    if (start !== undefined) {
      const end = Math.min(days[weekday].nightShift!.end, firstStart((weekday + 1) % 7), start);
      if (end < start) intervals.push({ start: clock(start), end: clock(end) });
    }
    if (intervals.length) hours[weekday] = intervals;
  });
  return hours;
}

const calendarArbitrary: fc.Arbitrary<BusinessCalendar> = fc
  .oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({
          timeZone: fc.constantFrom(...ZONES),
          days: fc.array(dayArbitrary, { minLength: 7, maxLength: 7 }),
          holidays: fc.array(holidayArbitrary, { maxLength: 6 }),
        })
        .map(({ timeZone, days, holidays }) => ({ timeZone, weeklyHours: weeklyHours(days), holidays })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ timeZone: fc.constantFrom(...ZONES), holidays: fc.array(holidayArbitrary, { maxLength: 3 }) })
        .map(({ timeZone, holidays }) => twentyFourSeven(timeZone, holidays)),
    },
  )
  .filter((calendar) => Object.keys(calendar.weeklyHours).length > 0);

function twentyFourSeven(timeZone: string, holidays: Holiday[] = []): BusinessCalendar {
  return { timeZone, weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]])), holidays };
}

/** Around some clock changes of 2026: Madrid, New York, Lord Howe (half an hour), Chatham. */
const CLOCK_CHANGES = [
  '2026-03-29T01:00Z',
  '2026-10-25T01:00Z',
  '2026-03-08T07:00Z',
  '2026-11-01T06:00Z',
  '2026-04-04T15:00Z',
  '2026-10-03T15:30Z',
  '2026-04-04T14:00Z',
  '2026-09-26T14:00Z',
].map((t) => Date.parse(t));
const DAY = 86_400_000;

/**
 * Instants from 2025 to 2028 to the millisecond, or on a whole quarter hour (where openings are),
 * a third of them within three days of a clock change.
 */
const instantArbitrary = fc
  .oneof(
    fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') }),
    fc
      .integer({ min: Date.parse('2025-01-01T00:00:00Z') / 900_000, max: Date.parse('2028-01-01T00:00:00Z') / 900_000 })
      .map((q) => q * 900_000),
    fc.tuple(fc.constantFrom(...CLOCK_CHANGES), fc.integer({ min: -3 * DAY, max: 3 * DAY })).map(([change, shift]) => change + shift),
  )
  .map((t) => new Date(t));
const minutesArbitrary = fc.integer({ min: 0, max: 20_000 });

describe('business time properties', () => {
  it('the generated calendars are valid', () => {
    fc.assert(
      fc.property(calendarArbitrary, (calendar) => {
        expect(validateCalendar(calendar)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('business minutes between a and add(a, n) are n', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, minutesArbitrary, (calendar, a, n) => {
        expect(businessMinutesBetween(calendar, a, addBusinessMinutes(calendar, a, n))).toBe(n);
      }),
      RUNS,
    );
  });

  it('add is monotonic in n', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, minutesArbitrary, minutesArbitrary, (calendar, a, m, n) => {
        const [low, high] = m <= n ? [m, n] : [n, m];
        expect(addBusinessMinutes(calendar, a, low).getTime()).toBeLessThanOrEqual(addBusinessMinutes(calendar, a, high).getTime());
      }),
      RUNS,
    );
  });

  it('between is additive: between(a, b) + between(b, c) = between(a, c) for a ≤ b ≤ c', () => {
    fc.assert(
      fc.property(calendarArbitrary, fc.array(instantArbitrary, { minLength: 3, maxLength: 3 }), (calendar, instants) => {
        const [a, b, c] = instants.sort((x, y) => x.getTime() - y.getTime());
        expect(businessMillisBetween(calendar, a, b) + businessMillisBetween(calendar, b, c)).toBe(businessMillisBetween(calendar, a, c));
      }),
      { numRuns: 40 },
    );
  });

  it('add(a, between(a, b)) is the first instant with that much business time: at or before b, with none left until b', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, fc.integer({ min: 0, max: 20 * 1440 }), (calendar, a, minutes) => {
        const b = new Date(a.getTime() + minutes * 60_000);
        const reached = addBusinessMinutes(calendar, a, businessMinutesBetween(calendar, a, b));
        expect(reached.getTime()).toBeLessThanOrEqual(b.getTime());
        expect(businessMillisBetween(calendar, reached, b)).toBe(0);
      }),
      RUNS,
    );
  });

  it('the result of add (n > 0) is inside an open span or at its end', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, fc.integer({ min: 1, max: 20_000 }), (calendar, a, n) => {
        const result = addBusinessMinutes(calendar, a, n);
        const justBefore = new Date(result.getTime() - 1);
        expect(isBusinessTime(calendar, justBefore)).toBe(true);
        expect(businessMillisBetween(calendar, justBefore, result)).toBe(1);
      }),
      RUNS,
    );
  });

  it('on a 24×7 calendar, add(a, n) is a + n real minutes and between is the real time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instantArbitrary, fc.integer({ min: 0, max: 100_000 }), (zone, a, n) => {
        const calendar = twentyFourSeven(zone);
        const expected = new Date(a.getTime() + n * 60_000);
        expect(addBusinessMinutes(calendar, a, n)).toEqual(expected);
        expect(businessMinutesBetween(calendar, a, expected)).toBe(n);
        expect(businessIntervals(calendar, a, expected)).toEqual(n ? [{ start: a, end: expected }] : []);
      }),
      RUNS,
    );
  });

  it('the open intervals are ordered, apart, and add up to between', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, fc.integer({ min: 0, max: 30 * 1440 }), (calendar, a, minutes) => {
        const b = new Date(a.getTime() + minutes * 60_000);
        const intervals = businessIntervals(calendar, a, b);
        intervals.forEach(({ start, end }, i) => {
          expect(start.getTime()).toBeLessThan(end.getTime());
          if (i > 0) expect(intervals[i - 1].end.getTime()).toBeLessThan(start.getTime());
        });
        const total = intervals.reduce((sum, { start, end }) => sum + end.getTime() - start.getTime(), 0);
        expect(total).toBe(businessMillisBetween(calendar, a, b));
      }),
      { numRuns: 60 },
    );
  });
});
