import { BusinessCalendar, compileCalendar, InvalidCalendarError, OpeningInterval, Weekday } from './business-calendar';
import {
  addBusinessMinutes,
  businessIntervals,
  businessMillisBetween,
  businessMinutesBetween,
  isBusinessTime,
  MAX_CLOSED_DAYS,
  nextBusinessInstant,
} from './business-time';

const at = (text: string): Date => new Date(text);

/** A calendar with the same intervals on the given weekdays. */
function calendar(
  timeZone: string,
  days: Weekday[],
  intervals: OpeningInterval[],
  holidays: BusinessCalendar['holidays'] = [],
): BusinessCalendar {
  return { timeZone, weeklyHours: Object.fromEntries(days.map((day) => [day, intervals])), holidays };
}

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
const EVERY_DAY: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const NINE_TO_SIX = [{ start: '09:00', end: '18:00' }];
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Madrid office: Epiphany 2026 (a Tuesday) as a fixed date, Christmas every year.
const madridOffice = calendar('Europe/Madrid', WEEKDAYS, NINE_TO_SIX, [{ date: '2026-01-06' }, { month: 12, day: 25 }]);

describe(`${addBusinessMinutes.name} on a Madrid office, Monday to Friday 09:00–18:00`, () => {
  it.each([
    ['before opening counts from 09:00', '2026-11-23T08:00+01:00', 60, '2026-11-23T10:00+01:00'],
    ['inside hours counts from the start', '2026-11-23T10:00+01:00', 30, '2026-11-23T10:30+01:00'],
    ['after closing counts from the next morning', '2026-11-23T19:00+01:00', 60, '2026-11-24T10:00+01:00'],
    ['on Friday evening continues on Monday', '2026-11-20T17:00+01:00', 120, '2026-11-23T10:00+01:00'],
    ['on Saturday starts on Monday', '2026-11-21T12:00+01:00', 1, '2026-11-23T09:01+01:00'],
    ['minutes exactly filling a day end at 18:00, not the next morning', '2026-11-23T09:00+01:00', 540, '2026-11-23T18:00+01:00'],
    ['a full day from before opening ends at 18:00', '2026-11-23T07:00+01:00', 540, '2026-11-23T18:00+01:00'],
    ['one minute more is the next morning', '2026-11-23T09:00+01:00', 541, '2026-11-24T09:01+01:00'],
    ['a working week ends on Friday at 18:00', '2026-11-23T09:00+01:00', 5 * 540, '2026-11-27T18:00+01:00'],
    ['skips a fixed holiday (6 January 2026)', '2026-01-05T17:00+01:00', 120, '2026-01-07T10:00+01:00'],
    ['skips a recurring holiday (25 December 2026, a Friday)', '2026-12-24T17:00+01:00', 120, '2026-12-28T10:00+01:00'],
    ['skips the recurring holiday in another year (25 December 2025, a Thursday)', '2025-12-24T17:00+01:00', 120, '2025-12-26T10:00+01:00'],
    ['keeps seconds of the start', '2026-11-23T10:00:30+01:00', 1, '2026-11-23T10:01:30+01:00'],
    ['takes fractions of a minute to the millisecond', '2026-11-23T10:00+01:00', 0.5, '2026-11-23T10:00:30+01:00'],
    ['adding 0 inside hours is the start', '2026-11-23T10:00+01:00', 0, '2026-11-23T10:00+01:00'],
    ['adding 0 on Saturday is the start itself, not Monday', '2026-11-21T12:00+01:00', 0, '2026-11-21T12:00+01:00'],
  ])('%s', (_name, start, minutes, expected) => {
    expect(addBusinessMinutes(madridOffice, at(start), minutes)).toEqual(at(expected));
  });
});

describe(`${businessMinutesBetween.name} on a Madrid office, Monday to Friday 09:00–18:00`, () => {
  it.each([
    ['within a day', '2026-11-23T10:00+01:00', '2026-11-23T12:00+01:00', 120],
    ['from before opening to after closing', '2026-11-23T06:00+01:00', '2026-11-23T20:00+01:00', 540],
    ['from Friday evening to Monday morning', '2026-11-20T17:00+01:00', '2026-11-23T10:00+01:00', 120],
    ['over a weekend only', '2026-11-21T08:00+01:00', '2026-11-22T20:00+01:00', 0],
    ['over a whole week', '2026-11-23T00:00+01:00', '2026-11-30T00:00+01:00', 2700],
    ['over a fixed holiday', '2026-01-05T00:00+01:00', '2026-01-08T00:00+01:00', 1080],
    ['over Christmas', '2026-12-21T00:00+01:00', '2026-12-28T00:00+01:00', 4 * 540],
    ['as a fraction when an instant is not on a whole minute', '2026-11-23T09:00:30+01:00', '2026-11-23T09:01+01:00', 0.5],
    ['as 0 when b equals a', '2026-11-23T10:00+01:00', '2026-11-23T10:00+01:00', 0],
    ['as 0 when b is before a', '2026-11-23T12:00+01:00', '2026-11-23T10:00+01:00', 0],
  ])('counts %s', (_name, a, b, minutes) => {
    expect(businessMinutesBetween(madridOffice, at(a), at(b))).toBe(minutes);
  });
});

describe('business time on the days the clocks change', () => {
  const madridEveryDay = (intervals: OpeningInterval[]): BusinessCalendar => calendar('Europe/Madrid', EVERY_DAY, intervals);
  const newYorkEveryDay = (intervals: OpeningInterval[]): BusinessCalendar => calendar('America/New_York', EVERY_DAY, intervals);
  const earlyHours = [{ start: '01:00', end: '04:00' }];
  const twoToThree = [{ start: '02:00', end: '03:00' }];

  it.each([
    [
      'a whole day in Madrid, 29 March 2026, is 23 hours',
      madridEveryDay(ALL_DAY),
      '2026-03-29T00:00+01:00',
      '2026-03-30T00:00+02:00',
      23 * 60,
    ],
    [
      'a whole day in Madrid, 25 October 2026, is 25 hours',
      madridEveryDay(ALL_DAY),
      '2026-10-25T00:00+02:00',
      '2026-10-26T00:00+01:00',
      25 * 60,
    ],
    [
      'a whole day in New York, 8 March 2026, is 23 hours',
      newYorkEveryDay(ALL_DAY),
      '2026-03-08T00:00-05:00',
      '2026-03-09T00:00-04:00',
      23 * 60,
    ],
    [
      'a whole day in New York, 1 November 2026, is 25 hours',
      newYorkEveryDay(ALL_DAY),
      '2026-11-01T00:00-04:00',
      '2026-11-02T00:00-05:00',
      25 * 60,
    ],
    [
      '01:00–04:00 in Madrid on 29 March is 2 real hours',
      madridEveryDay(earlyHours),
      '2026-03-29T00:00+01:00',
      '2026-03-30T00:00+02:00',
      120,
    ],
    [
      '01:00–04:00 in Madrid on 25 October is 4 real hours',
      madridEveryDay(earlyHours),
      '2026-10-25T00:00+02:00',
      '2026-10-26T00:00+01:00',
      240,
    ],
    [
      '01:00–04:00 in New York on 8 March is 2 real hours',
      newYorkEveryDay(earlyHours),
      '2026-03-08T00:00-05:00',
      '2026-03-09T00:00-04:00',
      120,
    ],
    [
      '01:00–04:00 in New York on 1 November is 4 real hours',
      newYorkEveryDay(earlyHours),
      '2026-11-01T00:00-04:00',
      '2026-11-02T00:00-05:00',
      240,
    ],
    [
      '02:00–03:00 in Madrid on 29 March does not happen',
      madridEveryDay(twoToThree),
      '2026-03-29T00:00+01:00',
      '2026-03-30T00:00+02:00',
      0,
    ],
    [
      '02:00–03:00 in Madrid on 25 October runs from the first 02:00',
      madridEveryDay(twoToThree),
      '2026-10-25T00:00+02:00',
      '2026-10-26T00:00+01:00',
      120,
    ],
    [
      '02:00–03:00 in New York on 8 March does not happen',
      newYorkEveryDay(twoToThree),
      '2026-03-08T00:00-05:00',
      '2026-03-09T00:00-04:00',
      0,
    ],
    [
      '02:00–03:00 in New York on 1 November is one hour',
      newYorkEveryDay(twoToThree),
      '2026-11-01T00:00-04:00',
      '2026-11-02T00:00-05:00',
      60,
    ],
    [
      '02:30–10:00 in Madrid on 29 March opens at the jump to 03:00',
      madridEveryDay([{ start: '02:30', end: '10:00' }]),
      '2026-03-29T00:00+01:00',
      '2026-03-30T00:00+02:00',
      420,
    ],
    [
      '09:00–18:00 every day in Madrid over the March weekend',
      madridEveryDay(NINE_TO_SIX),
      '2026-03-28T12:00+01:00',
      '2026-03-30T12:00+02:00',
      18 * 60,
    ],
    [
      '09:00–18:00 every day in New York over the November weekend',
      newYorkEveryDay(NINE_TO_SIX),
      '2026-10-31T12:00-04:00',
      '2026-11-02T12:00-05:00',
      18 * 60,
    ],
    [
      'a night shift 22:00–06:00 in Madrid into 29 March is 7 hours',
      madridEveryDay([{ start: '22:00', end: '06:00' }]),
      '2026-03-28T12:00+01:00',
      '2026-03-29T12:00+02:00',
      7 * 60,
    ],
    [
      'a night shift 22:00–06:00 in Madrid into 25 October is 9 hours',
      madridEveryDay([{ start: '22:00', end: '06:00' }]),
      '2026-10-24T12:00+02:00',
      '2026-10-25T12:00+01:00',
      9 * 60,
    ],
  ])('%s', (_name, cal, a, b, minutes) => {
    expect(businessMinutesBetween(cal, at(a), at(b))).toBe(minutes);
  });

  it.each([
    ['Madrid office, Friday before 29 March', 'Europe/Madrid', '2026-03-27T17:00+01:00', '2026-03-30T10:00+02:00'],
    ['Madrid office, Friday before 25 October', 'Europe/Madrid', '2026-10-23T17:00+02:00', '2026-10-26T10:00+01:00'],
    ['New York office, Friday before 8 March', 'America/New_York', '2026-03-06T17:00-05:00', '2026-03-09T10:00-04:00'],
    ['New York office, Friday before 1 November', 'America/New_York', '2026-10-30T17:00-04:00', '2026-11-02T10:00-05:00'],
    // Until 2022 Mexico City moved to summer time on the first Sunday of April (5 April 2026 would have been one).
    ['Mexico City office, UTC−6 all year', 'America/Mexico_City', '2026-04-03T17:00-06:00', '2026-04-06T10:00-06:00'],
  ])('adds 120 minutes keeping 09:00–18:00 local: %s', (_name, zone, start, expected) => {
    expect(addBusinessMinutes(calendar(zone, WEEKDAYS, NINE_TO_SIX), at(start), 120)).toEqual(at(expected));
  });

  it('adds over a skipped hour: 60 minutes from 01:00 on 29 March in Madrid reach 03:00 local', () => {
    expect(addBusinessMinutes(madridEveryDay(earlyHours), at('2026-03-29T01:00+01:00'), 60)).toEqual(at('2026-03-29T03:00+02:00'));
  });

  it.each([
    ['first Sunday of April 2026', '2026-04-05T00:00-06:00', '2026-04-06T00:00-06:00', 1440],
    ['last Sunday of October 2026', '2026-10-25T00:00-06:00', '2026-10-26T00:00-06:00', 1440],
    ['first Sunday of April 2022, when the clocks still moved', '2022-04-03T00:00-06:00', '2022-04-04T00:00-05:00', 1380],
  ])('a whole day in Mexico City on the %s is %i minutes', (_name, a, b, minutes) => {
    expect(businessMinutesBetween(calendar('America/Mexico_City', EVERY_DAY, ALL_DAY), at(a), at(b))).toBe(minutes);
  });
});

describe('an overnight shift 22:00–06:00, Monday to Friday nights, in Madrid', () => {
  const nights = calendar('Europe/Madrid', WEEKDAYS, [{ start: '22:00', end: '06:00' }]);
  // 24 November 2026 is a Tuesday: its night is off, Monday's night still ends on Tuesday at 06:00.
  const nightsWithHoliday = calendar('Europe/Madrid', WEEKDAYS, [{ start: '22:00', end: '06:00' }], [{ date: '2026-11-24' }]);

  it.each([
    ['before the shift counts from 22:00', nights, '2026-11-23T21:00+01:00', 60, '2026-11-23T23:00+01:00'],
    ['across midnight and into the next night', nights, '2026-11-23T23:00+01:00', 480, '2026-11-24T23:00+01:00'],
    ["on Saturday early morning is still Friday's shift", nights, '2026-11-21T02:00+01:00', 60, '2026-11-21T03:00+01:00'],
    ['at the end of the Friday shift continues on Monday night', nights, '2026-11-21T05:30+01:00', 60, '2026-11-23T22:30+01:00'],
    ['a holiday on the next day does not cut the shift', nightsWithHoliday, '2026-11-24T05:00+01:00', 30, '2026-11-24T05:30+01:00'],
    ['a holiday removes the shift starting that day', nightsWithHoliday, '2026-11-24T05:00+01:00', 120, '2026-11-25T23:00+01:00'],
  ])('%s', (_name, cal, start, minutes, expected) => {
    expect(addBusinessMinutes(cal, at(start), minutes)).toEqual(at(expected));
  });

  it.each([
    ['Monday noon to Wednesday noon', nights, 960],
    ['Monday noon to Wednesday noon with Tuesday a holiday', nightsWithHoliday, 480],
  ])('counts %s', (_name, cal, minutes) => {
    expect(businessMinutesBetween(cal, at('2026-11-23T12:00+01:00'), at('2026-11-25T12:00+01:00'))).toBe(minutes);
  });
});

describe('a 24×7 calendar', () => {
  const madrid247 = calendar('Europe/Madrid', EVERY_DAY, ALL_DAY);
  const newYork247 = calendar('America/New_York', EVERY_DAY, ALL_DAY);

  it.each([
    ['across midnight', madrid247, '2026-11-23T22:30:00Z', 90],
    ['ending exactly at midnight', madrid247, '2026-11-23T22:00:00Z', 60],
    ['across the March change in Madrid', madrid247, '2026-03-29T00:30:00Z', 120],
    ['across the October change in Madrid', madrid247, '2026-10-25T00:30:00Z', 120],
    ['across the March change in New York', newYork247, '2026-03-08T06:30:00Z', 120],
    ['across the November change in New York', newYork247, '2026-11-01T05:30:00Z', 120],
    ['over a fortnight', newYork247, '2026-10-25T05:30:00Z', 14 * 1440],
  ])('adds real minutes %s', (_name, cal, start, minutes) => {
    const begin = at(start);
    const end = new Date(begin.getTime() + minutes * 60_000);
    expect(addBusinessMinutes(cal, begin, minutes)).toEqual(end);
    expect(businessMinutesBetween(cal, begin, end)).toBe(minutes);
  });

  it('is one continuous span: 24:00 of a day touches 00:00 of the next', () => {
    expect(businessIntervals(madrid247, at('2026-03-27T12:00:00Z'), at('2026-03-31T12:00:00Z'))).toEqual([
      { start: at('2026-03-27T12:00:00Z'), end: at('2026-03-31T12:00:00Z') },
    ]);
  });

  it('is closed all day on a holiday', () => {
    const withHoliday = calendar('Europe/Madrid', EVERY_DAY, ALL_DAY, [{ month: 12, day: 25 }]);
    expect(businessIntervals(withHoliday, at('2026-12-24T12:00+01:00'), at('2026-12-26T12:00+01:00'))).toEqual([
      { start: at('2026-12-24T12:00+01:00'), end: at('2026-12-25T00:00+01:00') },
      { start: at('2026-12-26T00:00+01:00'), end: at('2026-12-26T12:00+01:00') },
    ]);
  });
});

describe('several intervals a day: 09:00–13:00 and 15:00–19:00, Monday to Friday, in Madrid', () => {
  const split = calendar('Europe/Madrid', WEEKDAYS, [
    { start: '09:00', end: '13:00' },
    { start: '15:00', end: '19:00' },
  ]);

  it.each([
    ['over lunch', '2026-11-23T12:00+01:00', 90, '2026-11-23T15:30+01:00'],
    ['from inside lunch', '2026-11-23T13:30+01:00', 10, '2026-11-23T15:10+01:00'],
    ['a whole day to 19:00', '2026-11-23T09:00+01:00', 480, '2026-11-23T19:00+01:00'],
    ['the morning exactly, to 13:00', '2026-11-23T09:00+01:00', 240, '2026-11-23T13:00+01:00'],
    ['from the evening to the next morning', '2026-11-23T18:30+01:00', 60, '2026-11-24T09:30+01:00'],
  ])('adds %s', (_name, start, minutes, expected) => {
    expect(addBusinessMinutes(split, at(start), minutes)).toEqual(at(expected));
  });

  it('counts both intervals', () => {
    expect(businessMinutesBetween(split, at('2026-11-23T10:00+01:00'), at('2026-11-23T16:00+01:00'))).toBe(240);
  });

  it('lists the open spans of a day', () => {
    expect(businessIntervals(split, at('2026-11-23T00:00+01:00'), at('2026-11-24T00:00+01:00'))).toEqual([
      { start: at('2026-11-23T09:00+01:00'), end: at('2026-11-23T13:00+01:00') },
      { start: at('2026-11-23T15:00+01:00'), end: at('2026-11-23T19:00+01:00') },
    ]);
  });

  it('merges intervals that touch', () => {
    const touching = calendar(
      'Europe/Madrid',
      [1],
      [
        { start: '09:00', end: '13:00' },
        { start: '13:00', end: '17:00' },
      ],
    );
    expect(businessIntervals(touching, at('2026-11-23T00:00+01:00'), at('2026-11-24T00:00+01:00'))).toEqual([
      { start: at('2026-11-23T09:00+01:00'), end: at('2026-11-23T17:00+01:00') },
    ]);
  });
});

describe(isBusinessTime.name, () => {
  const nights = calendar('Europe/Madrid', [5], [{ start: '22:00', end: '06:00' }]);

  it.each([
    [madridOffice, '2026-11-23T09:00+01:00', true],
    [madridOffice, '2026-11-23T18:00+01:00', false],
    [madridOffice, '2026-11-21T12:00+01:00', false],
    [madridOffice, '2026-12-25T12:00+01:00', false],
    [nights, '2026-11-21T05:59+01:00', true],
    [nights, '2026-11-21T06:00+01:00', false],
  ])('%#: at %s → %s', (cal, instant, open) => {
    expect(isBusinessTime(cal, at(instant))).toBe(open);
  });
});

describe(nextBusinessInstant.name, () => {
  it.each([
    ['2026-11-23T10:00+01:00', '2026-11-23T10:00+01:00'],
    ['2026-11-23T18:00+01:00', '2026-11-24T09:00+01:00'],
    ['2026-11-20T20:00+01:00', '2026-11-23T09:00+01:00'],
  ])('from %s is %s', (instant, expected) => {
    expect(nextBusinessInstant(madridOffice, at(instant))).toEqual(at(expected));
  });
});

describe('errors', () => {
  it('a calendar without opening hours throws instead of looping', () => {
    const closed = calendar('Europe/Madrid', [], []);
    expect(() => addBusinessMinutes(closed, at('2026-11-23T10:00:00Z'), 1)).toThrow('The business calendar has no opening hours');
    expect(businessMinutesBetween(closed, at('2026-11-23T10:00:00Z'), at('2027-11-23T10:00:00Z'))).toBe(0);
  });

  it('a calendar closed by holidays on every day it opens gives up after about 10 years', () => {
    const wednesdays = calendar('Europe/Madrid', [3], NINE_TO_SIX);
    expect(addBusinessMinutes(wednesdays, at('2026-11-23T10:00:00Z'), 1)).toEqual(at('2026-11-25T09:01+01:00'));
    const everyDate = Array.from({ length: 12 }, (_, m) =>
      Array.from({ length: MONTH_DAYS[m] }, (_, d) => ({ month: m + 1, day: d + 1 })),
    ).flat();
    const alwaysHoliday = { ...wednesdays, holidays: everyDate };
    expect(() => addBusinessMinutes(alwaysHoliday, at('2026-11-23T10:00:00Z'), 1)).toThrow(`does not open within ${MAX_CLOSED_DAYS} days`);
    expect(() => nextBusinessInstant(alwaysHoliday, at('2026-11-23T10:00:00Z'))).toThrow(`does not open within ${MAX_CLOSED_DAYS} days`);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('adding %s minutes is a RangeError', (minutes) => {
    expect(() => addBusinessMinutes(madridOffice, at('2026-11-23T10:00:00Z'), minutes)).toThrow(RangeError);
  });

  it('an invalid date is a RangeError', () => {
    expect(() => businessMinutesBetween(madridOffice, new Date('nope'), at('2026-11-23T10:00:00Z'))).toThrow(RangeError);
  });

  it('an invalid calendar throws its field errors', () => {
    expect(() => addBusinessMinutes({ ...madridOffice, timeZone: 'Madrid' }, at('2026-11-23T10:00:00Z'), 1)).toThrow(InvalidCalendarError);
  });
});

describe('a compiled calendar', () => {
  it('gives the same answers as the plain one', () => {
    const compiled = compileCalendar(madridOffice);
    const start = at('2026-12-24T17:00+01:00');
    expect(addBusinessMinutes(compiled, start, 1000)).toEqual(addBusinessMinutes(madridOffice, start, 1000));
    expect(businessMillisBetween(compiled, start, at('2027-01-10T00:00:00Z'))).toBe(
      businessMillisBetween(madridOffice, start, at('2027-01-10T00:00:00Z')),
    );
  });
});
