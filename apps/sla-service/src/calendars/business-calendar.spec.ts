import { BusinessCalendar, compileCalendar, InvalidCalendarError, parseClock, validateCalendar } from './business-calendar';

const office = (extra: Partial<BusinessCalendar> = {}): BusinessCalendar => ({
  timeZone: 'Europe/Madrid',
  weeklyHours: { 1: [{ start: '09:00', end: '18:00' }] },
  holidays: [],
  ...extra,
});

describe(parseClock.name, () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', null],
    ['9:00', null],
    ['12:60', null],
    ['25:00', null],
    ['12:00:00', null],
    [900, null],
  ])('%j → %j', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes);
  });
});

describe(validateCalendar.name, () => {
  it.each<[string, Partial<BusinessCalendar>]>([
    ['a Monday office', {}],
    ['a 24×7 calendar', { weeklyHours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [{ start: '00:00', end: '24:00' }]])) }],
    [
      'intervals that touch',
      {
        weeklyHours: {
          1: [
            { start: '13:00', end: '17:00' },
            { start: '09:00', end: '13:00' },
          ],
        },
      },
    ],
    [
      'an overnight shift ending where the next day opens',
      { weeklyHours: { 1: [{ start: '22:00', end: '06:00' }], 2: [{ start: '06:00', end: '14:00' }] } },
    ],
    ['an overnight shift to 00:00', { weeklyHours: { 5: [{ start: '22:00', end: '00:00' }], 6: [{ start: '00:00', end: '02:00' }] } }],
    ['a closed day as an empty list', { weeklyHours: { 0: [] } }],
    [
      'a fixed and a recurring holiday, 29 February included',
      { holidays: [{ date: '2028-02-29' }, { month: 12, day: 25 }, { month: 2, day: 29 }] },
    ],
    ['a time zone alias', { timeZone: 'US/Eastern' }],
  ])('accepts %s', (_name, extra) => {
    expect(validateCalendar(office(extra))).toEqual([]);
  });

  it.each<[string, Partial<BusinessCalendar>, { field: string; message: string }[]]>([
    [
      'an unknown time zone',
      { timeZone: 'Europe/Atlantis' },
      [{ field: 'timeZone', message: 'Europe/Atlantis is not an IANA time zone (e.g. Europe/Madrid)' }],
    ],
    [
      'an offset instead of a zone',
      { timeZone: '+01:00' },
      [{ field: 'timeZone', message: '+01:00 is not an IANA time zone (e.g. Europe/Madrid)' }],
    ],
    ['a zone in the wrong case', { timeZone: 'europe/madrid' }, [{ field: 'timeZone', message: 'write the time zone as Europe/Madrid' }]],
    [
      'a time without a leading zero',
      { weeklyHours: { 1: [{ start: '9:00', end: '18:00' }] } },
      [{ field: 'weeklyHours.1[0].start', message: 'must be a time HH:MM from 00:00 to 23:59' }],
    ],
    [
      'an end past 24:00',
      { weeklyHours: { 1: [{ start: '09:00', end: '24:30' }] } },
      [{ field: 'weeklyHours.1[0].end', message: 'must be a time HH:MM from 00:00 to 24:00' }],
    ],
    [
      'a start at 24:00',
      { weeklyHours: { 1: [{ start: '24:00', end: '06:00' }] } },
      [{ field: 'weeklyHours.1[0].start', message: 'must be a time HH:MM from 00:00 to 23:59' }],
    ],
    [
      'a zero-length interval',
      { weeklyHours: { 1: [{ start: '09:00', end: '09:00' }] } },
      [{ field: 'weeklyHours.1[0]', message: 'is empty: start and end are equal (for a whole day use 00:00–24:00)' }],
    ],
    [
      'overlapping intervals of a day',
      {
        weeklyHours: {
          3: [
            { start: '09:00', end: '14:00' },
            { start: '13:00', end: '19:00' },
          ],
        },
      },
      [{ field: 'weeklyHours.3[1]', message: 'Wednesday 13:00–19:00 overlaps weeklyHours.3[0] (Wednesday 09:00–14:00)' }],
    ],
    [
      'an overnight shift spilling into the next day’s hours',
      { weeklyHours: { 1: [{ start: '22:00', end: '06:00' }], 2: [{ start: '05:00', end: '09:00' }] } },
      [{ field: 'weeklyHours.2[0]', message: 'Tuesday 05:00–09:00 overlaps weeklyHours.1[0] (Monday 22:00–Tuesday 06:00)' }],
    ],
    [
      'a Saturday night shift spilling into Sunday',
      { weeklyHours: { 0: [{ start: '00:00', end: '24:00' }], 6: [{ start: '23:00', end: '01:00' }] } },
      [{ field: 'weeklyHours.6[0]', message: 'Saturday 23:00–Sunday 01:00 overlaps weeklyHours.0[0] (Sunday 00:00–24:00)' }],
    ],
    [
      'a weekday that does not exist',
      { weeklyHours: { 7: [] } as BusinessCalendar['weeklyHours'] },
      [{ field: 'weeklyHours.7', message: 'weekdays are 0 (Sunday) to 6 (Saturday)' }],
    ],
    [
      'a date that does not exist',
      { holidays: [{ date: '2026-02-30' }] },
      [{ field: 'holidays[0].date', message: '2026-02-30 is not a date as YYYY-MM-DD' }],
    ],
    [
      'a date in another format',
      { holidays: [{ date: '25/12/2026' }] },
      [{ field: 'holidays[0].date', message: '25/12/2026 is not a date as YYYY-MM-DD' }],
    ],
    ['month 13', { holidays: [{ month: 13, day: 1 }] }, [{ field: 'holidays[0].month', message: 'must be a whole number from 1 to 12' }]],
    ['day 0', { holidays: [{ month: 1, day: 0 }] }, [{ field: 'holidays[0].day', message: 'must be a whole number from 1 to 31' }]],
    ['31 April', { holidays: [{ month: 4, day: 31 }] }, [{ field: 'holidays[0].day', message: 'must be a whole number from 1 to 30' }]],
    [
      'a date and a month together',
      { holidays: [{ date: '2026-12-25', month: 12, day: 25 }] },
      [{ field: 'holidays[0]', message: 'give either a date or a month and day, not both' }],
    ],
  ])('rejects %s', (_name, extra, errors) => {
    expect(validateCalendar(office(extra))).toEqual(errors);
  });

  it('reports every problem at once', () => {
    const calendar = office({ timeZone: 'Nowhere', weeklyHours: { 1: [{ start: '09:00', end: '9' }] }, holidays: [{ month: 0, day: 40 }] });
    expect(validateCalendar(calendar).map((e) => e.field)).toEqual([
      'timeZone',
      'weeklyHours.1[0].end',
      'holidays[0].month',
      'holidays[0].day',
    ]);
  });
});

describe(compileCalendar.name, () => {
  it('throws the field errors of an invalid calendar', () => {
    const calendar = office({ holidays: [{ date: '2026-02-30' }] });
    expect(() => compileCalendar(calendar)).toThrow(InvalidCalendarError);
    expect(() => compileCalendar(calendar)).toThrow('Invalid business calendar: holidays[0].date 2026-02-30 is not a date as YYYY-MM-DD');
  });

  it('sorts intervals and turns an overnight end into minutes past the day', () => {
    const compiled = compileCalendar(
      office({
        weeklyHours: {
          1: [
            { start: '22:00', end: '06:00' },
            { start: '09:00', end: '13:00' },
          ],
        },
      }),
    );
    expect(compiled.weeklyMinutes[1]).toEqual([
      { start: 540, end: 780 },
      { start: 1320, end: 1800 },
    ]);
    expect(compiled.weeklyMinutes[0]).toEqual([]);
  });

  it('knows fixed and recurring holidays', () => {
    const compiled = compileCalendar(office({ holidays: [{ date: '2026-01-06' }, { month: 12, day: 25 }] }));
    const day = (date: string): number => Date.parse(date) / 86_400_000;
    expect(
      [day('2026-01-06'), day('2027-01-06'), day('2026-12-25'), day('2031-12-25'), day('2026-12-24')].map((d) => compiled.isHoliday(d)),
    ).toEqual([true, false, true, true, false]);
  });
});
