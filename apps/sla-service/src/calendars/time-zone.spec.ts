import { DAY_MS, isoDate, localDayAt, MINUTE_MS, resolveTimeZone, wallToInstant, weekdayOf, zoneOffset } from './time-zone';

/** The wall value of a local 'YYYY-MM-DDTHH:MM'. */
const wall = (local: string): number => Date.parse(`${local}:00Z`);
const iso = (instant: number): string => new Date(instant).toISOString();

describe(zoneOffset.name, () => {
  it.each([
    ['Europe/Madrid', '2026-01-15T12:00:00Z', 60],
    ['Europe/Madrid', '2026-07-15T12:00:00Z', 120],
    ['America/New_York', '2026-01-15T12:00:00Z', -300],
    ['America/New_York', '2026-07-15T12:00:00Z', -240],
    ['America/Mexico_City', '2026-01-15T12:00:00Z', -360],
    ['America/Mexico_City', '2026-07-15T12:00:00Z', -360],
    ['America/Mexico_City', '2022-07-15T12:00:00Z', -300],
    ['Asia/Kolkata', '2026-07-15T12:00:00Z', 330],
  ])('%s at %s is %i minutes from UTC', (zone, instant, minutes) => {
    expect(zoneOffset(zone, Date.parse(instant))).toBe(minutes * MINUTE_MS);
  });
});

describe(wallToInstant.name, () => {
  it.each([
    ['an ordinary winter time', 'Europe/Madrid', '2026-11-23T09:00', '2026-11-23T08:00:00.000Z'],
    ['an ordinary summer time', 'Europe/Madrid', '2026-07-01T09:00', '2026-07-01T07:00:00.000Z'],
    ['24:00 as midnight of the next day', 'Europe/Madrid', '2026-11-24T00:00', '2026-11-23T23:00:00.000Z'],
    ['a skipped time as the jump (Madrid, 02:30 on 29 March)', 'Europe/Madrid', '2026-03-29T02:30', '2026-03-29T01:00:00.000Z'],
    ['the skipped 02:00 itself as the jump', 'Europe/Madrid', '2026-03-29T02:00', '2026-03-29T01:00:00.000Z'],
    ['03:00 after the jump', 'Europe/Madrid', '2026-03-29T03:00', '2026-03-29T01:00:00.000Z'],
    ['a repeated time as the earlier one (Madrid, 02:30 on 25 October)', 'Europe/Madrid', '2026-10-25T02:30', '2026-10-25T00:30:00.000Z'],
    ['03:00 after the repeated hour', 'Europe/Madrid', '2026-10-25T03:00', '2026-10-25T02:00:00.000Z'],
    ['a skipped time as the jump (New York, 02:30 on 8 March)', 'America/New_York', '2026-03-08T02:30', '2026-03-08T07:00:00.000Z'],
    [
      'a repeated time as the earlier one (New York, 01:30 on 1 November)',
      'America/New_York',
      '2026-11-01T01:30',
      '2026-11-01T05:30:00.000Z',
    ],
    ['no change in Mexico City on the first Sunday of April 2026', 'America/Mexico_City', '2026-04-05T02:30', '2026-04-05T08:30:00.000Z'],
    ['a skipped time in Mexico City before 2023 (3 April 2022)', 'America/Mexico_City', '2022-04-03T02:30', '2022-04-03T08:00:00.000Z'],
    ['a half-hour jump (Lord Howe, 02:15 on 4 October 2026)', 'Australia/Lord_Howe', '2026-10-04T02:15', '2026-10-03T15:30:00.000Z'],
  ])('places %s', (_name, zone, local, expected) => {
    expect(iso(wallToInstant(zone, wall(local)))).toBe(expected);
  });
});

describe(localDayAt.name, () => {
  it.each([
    ['Europe/Madrid', '2026-11-23T22:59:59.999Z', '2026-11-23', 1],
    ['Europe/Madrid', '2026-11-23T23:00:00.000Z', '2026-11-24', 2],
    ['America/New_York', '2026-11-23T03:00:00.000Z', '2026-11-22', 0],
    ['Pacific/Kiritimati', '2026-11-23T10:00:00.000Z', '2026-11-24', 2],
    ['Pacific/Pago_Pago', '2026-11-23T10:00:00.000Z', '2026-11-22', 0],
  ])('in %s, %s is on %s (weekday %i)', (zone, instant, date, weekday) => {
    const day = localDayAt(zone, Date.parse(instant));
    expect(isoDate(day)).toBe(date);
    expect(weekdayOf(day)).toBe(weekday);
  });

  it('counts the local day from midnight even when midnight is the jump', () => {
    // Santiago de Chile moves its clocks at midnight: 2026-09-06 starts at 01:00.
    const midnight = wallToInstant('America/Santiago', 20_702 * DAY_MS);
    expect(isoDate(20_702)).toBe('2026-09-06');
    expect(localDayAt('America/Santiago', midnight)).toBe(20_702);
    expect(localDayAt('America/Santiago', midnight - 1)).toBe(20_701);
  });
});

describe(resolveTimeZone.name, () => {
  it.each([
    ['Europe/Madrid', 'Europe/Madrid'],
    ['UTC', 'UTC'],
    ['US/Eastern', 'America/New_York'],
    ['Mars/Olympus_Mons', null],
    ['+01:00', null],
    ['', null],
  ])('%j → %j', (zone, expected) => {
    expect(resolveTimeZone(zone)).toBe(expected);
  });
});
