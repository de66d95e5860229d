import { BusinessCalendar, compileCalendar } from '../calendars/business-calendar';
import {
  businessTime,
  calendarTime,
  clockProgress,
  pauseClock,
  resumeClock,
  reopenClock,
  rescheduleClock,
  retargetClock,
  SlaClock,
  startClock,
  stopClock,
  TimeMeasure,
  warningDueAt,
} from './sla-clock';

const office: BusinessCalendar = {
  timeZone: 'Europe/Madrid',
  weeklyHours: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '09:00', end: '18:00' }]])),
  holidays: [{ month: 12, day: 25 }],
};
const business = businessTime(compileCalendar(office));
const at = (iso: string) => new Date(iso);
const MIN = 60_000;

type Step = ['pause' | 'resume' | 'stop', string] | ['retarget', string, number];

/** Runs a clock through steps and answers its state. */
function run(measure: TimeMeasure, targetMinutes: number, startedAt: string, steps: Step[]): SlaClock {
  let clock = startClock(measure, targetMinutes, at(startedAt));
  for (const step of steps) {
    if (step[0] === 'pause') clock = pauseClock(measure, clock, at(step[1]));
    if (step[0] === 'resume') clock = resumeClock(measure, clock, at(step[1]));
    if (step[0] === 'stop') clock = stopClock(measure, clock, at(step[1]));
    if (step[0] === 'retarget') clock = retargetClock(measure, clock, step[2], at(step[1]));
  }
  return clock;
}

describe('SLA clocks in calendar time', () => {
  it.each<[string, number, string, Step[], { dueAt: string | null; elapsedMin: number; outcome: string | null }]>([
    ['runs to its due time', 60, '2026-11-23T10:00:00Z', [], { dueAt: '2026-11-23T11:00:00.000Z', elapsedMin: 0, outcome: null }],
    [
      'a pause moves the due time by its length',
      60,
      '2026-11-23T10:00:00Z',
      [
        ['pause', '2026-11-23T10:20:00Z'],
        ['resume', '2026-11-23T12:00:00Z'],
      ],
      { dueAt: '2026-11-23T12:40:00.000Z', elapsedMin: 20, outcome: null },
    ],
    [
      'stopped in time is met',
      60,
      '2026-11-23T10:00:00Z',
      [['stop', '2026-11-23T11:00:00Z']],
      { dueAt: null, elapsedMin: 60, outcome: 'met' },
    ],
    [
      'stopped late is breached',
      60,
      '2026-11-23T10:00:00Z',
      [['stop', '2026-11-23T11:00:01Z']],
      { dueAt: null, elapsedMin: 60 + 1 / 60, outcome: 'breached' },
    ],
    [
      'stopped while paused counts only the running time',
      60,
      '2026-11-23T10:00:00Z',
      [
        ['pause', '2026-11-23T10:30:00Z'],
        ['stop', '2026-11-24T10:00:00Z'],
      ],
      { dueAt: null, elapsedMin: 30, outcome: 'met' },
    ],
    [
      'a tighter target keeps what was counted',
      240,
      '2026-11-23T10:00:00Z',
      [['retarget', '2026-11-23T10:30:00Z', 60]],
      { dueAt: '2026-11-23T11:00:00.000Z', elapsedMin: 30, outcome: null },
    ],
    [
      'a target below what was counted is due at once',
      240,
      '2026-11-23T10:00:00Z',
      [['retarget', '2026-11-23T12:00:00Z', 60]],
      { dueAt: '2026-11-23T12:00:00.000Z', elapsedMin: 120, outcome: null },
    ],
    [
      'a retarget while paused applies on resume',
      60,
      '2026-11-23T10:00:00Z',
      [
        ['pause', '2026-11-23T10:10:00Z'],
        ['retarget', '2026-11-23T11:00:00Z', 30],
        ['resume', '2026-11-23T12:00:00Z'],
      ],
      { dueAt: '2026-11-23T12:20:00.000Z', elapsedMin: 10, outcome: null },
    ],
    [
      'pausing twice or resuming a running clock changes nothing',
      60,
      '2026-11-23T10:00:00Z',
      [
        ['resume', '2026-11-23T10:05:00Z'],
        ['pause', '2026-11-23T10:10:00Z'],
        ['pause', '2026-11-23T10:50:00Z'],
        ['resume', '2026-11-23T11:00:00Z'],
      ],
      { dueAt: '2026-11-23T11:50:00.000Z', elapsedMin: 10, outcome: null },
    ],
    [
      'a stopped clock ignores everything after',
      60,
      '2026-11-23T10:00:00Z',
      [
        ['stop', '2026-11-23T10:10:00Z'],
        ['resume', '2026-11-23T11:00:00Z'],
        ['retarget', '2026-11-23T11:00:00Z', 1],
      ],
      { dueAt: null, elapsedMin: 10, outcome: 'met' },
    ],
  ])('%s', (_name, target, startedAt, steps, expected) => {
    const clock = run(calendarTime, target, startedAt, steps);
    expect({ dueAt: clock.dueAt?.toISOString() ?? null, elapsedMin: clock.elapsedMs / MIN, outcome: clock.outcome }).toEqual(expected);
  });
});

describe('SLA clocks in business time (Mon–Fri 09:00–18:00 Madrid)', () => {
  it.each<[string, number, string, Step[], string | null]>([
    // 23 Nov 2026 is a Monday; Madrid is UTC+1 in November.
    ['inside hours', 120, '2026-11-23T09:00:00Z', [], '2026-11-23T11:00:00.000Z'],
    ['opened at night: counts from the next opening', 60, '2026-11-23T20:00:00Z', [], '2026-11-24T09:00:00.000Z'],
    ['Friday evening into Monday', 120, '2026-11-27T16:00:00Z', [], '2026-11-30T09:00:00.000Z'],
    ['over Christmas (a Friday) and the weekend', 120, '2026-12-24T16:00:00Z', [], '2026-12-28T09:00:00.000Z'],
    [
      'a pause over the night costs nothing extra',
      240,
      '2026-11-23T15:00:00Z',
      [
        ['pause', '2026-11-23T16:00:00Z'],
        ['resume', '2026-11-24T07:00:00Z'],
      ],
      '2026-11-24T11:00:00.000Z',
    ],
  ])('%s', (_name, target, startedAt, steps, dueAt) => {
    expect(run(business, target, startedAt, steps).dueAt?.toISOString() ?? null).toBe(dueAt);
  });
});

describe('warnings and progress', () => {
  it.each([
    ['75% of an hour', calendarTime, '2026-11-23T10:00:00Z', 60, 75, '2026-11-23T10:45:00.000Z'],
    ['75% of 8 business hours from Monday 16:00 Madrid', business, '2026-11-23T15:00:00Z', 480, 75, '2026-11-24T12:00:00.000Z'],
  ] as const)('%s', (_name, measure, startedAt, target, percent, expected) => {
    expect(warningDueAt(measure, startClock(measure, target, at(startedAt)), percent)?.toISOString()).toBe(expected);
  });

  it('has no warning ahead when paused, stopped or already past it', () => {
    const clock = startClock(calendarTime, 60, at('2026-11-23T10:00:00Z'));
    expect(warningDueAt(calendarTime, pauseClock(calendarTime, clock, at('2026-11-23T10:10:00Z')), 75)).toBeNull();
    expect(warningDueAt(calendarTime, stopClock(calendarTime, clock, at('2026-11-23T10:10:00Z')), 75)).toBeNull();
    const late = retargetClock(calendarTime, clock, 60, at('2026-11-23T10:50:00Z'));
    expect(warningDueAt(calendarTime, late, 75)).toBeNull();
  });

  it.each([
    ['before its due time', '2026-11-23T10:30:00Z', { elapsedMs: 30 * MIN, remainingMs: 30 * MIN, paused: false, breached: false }],
    ['at its due time', '2026-11-23T11:00:00Z', { elapsedMs: 60 * MIN, remainingMs: 0, paused: false, breached: true }],
    ['past it', '2026-11-23T11:30:00Z', { elapsedMs: 90 * MIN, remainingMs: -30 * MIN, paused: false, breached: true }],
  ])('progress %s', (_name, when, expected) => {
    const clock = startClock(calendarTime, 60, at('2026-11-23T10:00:00Z'));
    expect(clockProgress(calendarTime, clock, at(when))).toEqual(expected);
  });

  it('shows a paused clock as paused, and a breached one stays breached once stopped in time', () => {
    const clock = startClock(calendarTime, 60, at('2026-11-23T10:00:00Z'));
    expect(clockProgress(calendarTime, pauseClock(calendarTime, clock, at('2026-11-23T10:10:00Z')), at('2026-11-23T12:00:00Z'))).toEqual({
      elapsedMs: 10 * MIN,
      remainingMs: 50 * MIN,
      paused: true,
      breached: false,
    });
    // The engine marks a breach on the clock (outcome) when it fires it; stopping in time keeps it.
    expect(stopClock(calendarTime, { ...clock, outcome: 'breached' }, at('2026-11-23T10:30:00Z')).outcome).toBe('breached');
  });
});

describe(reopenClock.name, () => {
  it('counts again from the reopening, keeping what was counted; a breach stays a breach', () => {
    const solved = stopClock(calendarTime, startClock(calendarTime, 60, at('2026-11-23T10:00:00Z')), at('2026-11-23T10:40:00Z'));
    const reopened = reopenClock(calendarTime, solved, at('2026-11-24T09:00:00Z'));
    expect(reopened).toMatchObject({ elapsedMs: 40 * MIN, outcome: null, stoppedAt: null, dueAt: at('2026-11-24T09:20:00Z') });
    const late = stopClock(calendarTime, startClock(calendarTime, 60, at('2026-11-23T10:00:00Z')), at('2026-11-23T12:00:00Z'));
    expect(reopenClock(calendarTime, late, at('2026-11-24T09:00:00Z'))).toMatchObject({
      outcome: 'breached',
      dueAt: at('2026-11-24T09:00:00Z'),
    });
    const running = startClock(calendarTime, 60, at('2026-11-23T10:00:00Z'));
    expect(reopenClock(calendarTime, running, at('2026-11-23T10:30:00Z'))).toBe(running);
  });
});

describe(rescheduleClock.name, () => {
  const madridWithHoliday = businessTime(compileCalendar({ ...office, holidays: [{ month: 11, day: 24 }] }));
  it.each<[string, SlaClock, string | null]>([
    // Started Monday 23 Nov 16:00 UTC with 4 business hours: 1 h on Monday, 3 h on Tuesday (due 11:00 UTC).
    ['a new holiday on Tuesday moves the rest to Wednesday', run(business, 240, '2026-11-23T16:00:00Z', []), '2026-11-25T11:00:00.000Z'],
    [
      'what was counted before a pause stays',
      run(business, 240, '2026-11-23T15:00:00Z', [
        ['pause', '2026-11-23T16:00:00Z'],
        ['resume', '2026-11-23T17:00:00Z'],
      ]),
      '2026-11-25T11:00:00.000Z',
    ],
    ['a paused clock has no due time to move', run(business, 240, '2026-11-23T15:00:00Z', [['pause', '2026-11-23T16:00:00Z']]), null],
    ['a stopped clock is done', run(business, 240, '2026-11-23T15:00:00Z', [['stop', '2026-11-23T16:00:00Z']]), null],
  ])('%s', (_name, clock, dueAt) => {
    expect(rescheduleClock(madridWithHoliday, clock).dueAt?.toISOString() ?? null).toBe(dueAt);
  });
});
