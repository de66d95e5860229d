import { addDays, addMonths, boundDay, dayOf, isTimeZone, splitPeriod, startOfDay, weekOf } from './report-days';

describe('report days', () => {
  it.each([
    ['2026-03-10T23:30:00Z', 'UTC', '2026-03-10'],
    ['2026-03-10T23:30:00Z', 'Europe/Madrid', '2026-03-11'],
    ['2026-03-11T02:00:00Z', 'America/Mexico_City', '2026-03-10'],
    ['2026-12-31T23:00:00Z', 'Europe/Madrid', '2027-01-01'],
  ])('the day of %s in %s is %s', (at, zone, day) => {
    expect(dayOf(new Date(at), zone)).toBe(day);
  });

  it.each([
    ['2026-03-10', 'UTC', '2026-03-10T00:00:00.000Z'],
    ['2026-03-10', 'Europe/Madrid', '2026-03-09T23:00:00.000Z'],
    ['2026-03-29', 'Europe/Madrid', '2026-03-28T23:00:00.000Z'], // the clocks go forward at 02:00 that day
    ['2026-03-30', 'Europe/Madrid', '2026-03-29T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Madrid', '2026-10-25T23:00:00.000Z'],
    ['2026-06-01', 'America/Bogota', '2026-06-01T05:00:00.000Z'],
  ])('%s starts in %s at %s', (day, zone, at) => {
    expect(startOfDay(day, zone).toISOString()).toBe(at);
  });

  it.each([
    ['2026-03-01', 'UTC', '2026-03-01'],
    ['2026-03-01T00:00:00Z', 'UTC', '2026-03-01'],
    ['2026-03-01T00:00:00.000+01:00', 'Europe/Madrid', '2026-03-01'],
    ['2026-03-01T10:00:00Z', 'UTC', null],
    ['2026-03-01T00:00:00Z', 'Europe/Madrid', null],
  ])('bound %s in %s → %s', (value, zone, day) => {
    expect(boundDay(value, zone)).toBe(day);
  });

  it('adds days and months, finds ISO weeks', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(weekOf('2026-03-15')).toBe('2026-03-09'); // a Sunday belongs to the week of the Monday before
    expect(weekOf('2026-03-09')).toBe('2026-03-09');
    expect(isTimeZone('Europe/Madrid')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it.each<[string, string, { days: [string, string][]; months: [string, string] | null }]>([
    ['2026-01-01', '2027-01-01', { days: [], months: ['2026-01-01', '2027-01-01'] }],
    [
      '2026-01-15',
      '2026-03-10',
      {
        days: [
          ['2026-01-15', '2026-02-01'],
          ['2026-03-01', '2026-03-10'],
        ],
        months: ['2026-02-01', '2026-03-01'],
      },
    ],
    ['2026-01-15', '2026-02-10', { days: [['2026-01-15', '2026-02-10']], months: null }],
    ['2026-01-01', '2026-01-31', { days: [['2026-01-01', '2026-01-31']], months: null }],
  ])('splits [%s, %s) into months and loose days', (from, to, split) => {
    expect(splitPeriod(from, to)).toEqual(split);
  });
});
