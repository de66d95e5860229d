import { BusinessCalendar, compileCalendar } from '../calendars/business-calendar';
import { nextBusinessInstant } from '../calendars/business-time';
import { calendarTime, startClock } from '../clocks/sla-clock';
import { SlaPolicyDefinition } from '../policies/policy-validation';
import { anyTime, ClockRules, escalationLevelsFor, fireDue, Firing, nextActionAt, ticketSlaSummary } from './due-work';
import { EngineClock, EngineClocks } from './ticket-sla';

const at = (text: string) => new Date(text);
const definition: SlaPolicyDefinition = {
  calendarId: null,
  targets: {},
  warningPercent: 75,
  pauseResolutionOn: [],
  escalation: {
    levels: [
      { afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'assignee' }] },
      { afterBreachMinutes: 60, actions: [{ type: 'raise_priority' }] },
      { afterBreachMinutes: 120, clock: 'resolution', actions: [{ type: 'notify', to: 'team_supervisor' }] },
    ],
  },
};
const rules: ClockRules = { definition, levels: definition.escalation.levels, measure: calendarTime, notices: anyTime };

/** A first-response clock of 60 minutes started at 09:00 UTC on Monday 23 November 2026. */
function clock(overrides: Partial<EngineClock> = {}): EngineClock {
  return {
    ...startClock(calendarTime, 60, at('2026-11-23T09:00:00Z')),
    businessHours: false,
    cycle: 1,
    warnedAt: null,
    breachedAt: null,
    firedLevels: [],
    ...overrides,
  };
}

const summary = (fired: Firing[]) => fired.map((f) => (f.type === 'escalate' ? `level ${f.level}` : f.type));

describe(fireDue.name, () => {
  it.each<[string, EngineClock, string, string[], string | null]>([
    ['nothing before the warning', clock(), '2026-11-23T09:30:00Z', [], '2026-11-23T09:45:00.000Z'],
    ['the warning at 75%', clock(), '2026-11-23T09:45:00Z', ['warning'], '2026-11-23T10:00:00.000Z'],
    ['a warning once', clock({ warnedAt: at('2026-11-23T09:45:00Z') }), '2026-11-23T09:50:00Z', [], '2026-11-23T10:00:00.000Z'],
    [
      'the breach and level 1 at the due time',
      clock({ warnedAt: at('2026-11-23T09:45:00Z') }),
      '2026-11-23T10:00:00Z',
      ['breach', 'level 1'],
      '2026-11-23T11:00:00.000Z',
    ],
    [
      'level 2 an hour after the breach; level 3 concerns resolution only',
      clock({ warnedAt: at('2026-11-23T09:45:00Z'), breachedAt: at('2026-11-23T10:00:00Z'), outcome: 'breached', firedLevels: [1] }),
      '2026-11-23T11:00:00Z',
      ['level 2'],
      null,
    ],
    [
      'after downtime, everything that came due, in order, once',
      clock(),
      '2026-11-23T13:00:00Z',
      ['warning', 'breach', 'level 1', 'level 2'],
      null,
    ],
    [
      'nothing for a paused clock',
      { ...clock(), runningSince: null, dueAt: null, elapsedMs: 50 * 60_000 },
      '2026-11-23T13:00:00Z',
      [],
      null,
    ],
    [
      'nothing for a stopped clock',
      { ...clock(), runningSince: null, dueAt: null, stoppedAt: at('2026-11-23T09:10:00Z'), outcome: 'met' },
      '2026-11-23T13:00:00Z',
      [],
      null,
    ],
  ])('%s', (_name, start, now, fired, next) => {
    const result = fireDue({ first_response: start }, () => rules, at(now));
    expect(summary(result.fired)).toEqual(fired);
    expect(nextActionAt(result.clocks, () => rules)?.toISOString() ?? null).toBe(next);
    // Firing again at the same instant fires nothing more.
    expect(fireDue(result.clocks, () => rules, at(now)).fired).toEqual([]);
  });

  it('dates a breach at the due time, however late it is noticed, and escalates from there', () => {
    const { clocks, fired } = fireDue({ first_response: clock() }, () => rules, at('2026-11-23T10:30:00Z'));
    expect(clocks.first_response).toMatchObject({ breachedAt: at('2026-11-23T10:00:00Z'), outcome: 'breached', firedLevels: [1] });
    expect(fired.find((f) => f.type === 'breach')?.at).toEqual(at('2026-11-23T10:00:00Z'));
    expect(nextActionAt(clocks, () => rules)).toEqual(at('2026-11-23T11:00:00Z'));
  });

  it('holds warnings and levels for business hours when the policy says so, never the breach itself', () => {
    const office: BusinessCalendar = {
      timeZone: 'Europe/Madrid',
      weeklyHours: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '09:00', end: '18:00' }]])),
      holidays: [],
    };
    const compiled = compileCalendar(office);
    const quiet: ClockRules = { ...rules, notices: (instant) => nextBusinessInstant(compiled, instant) };
    // Friday 27 Nov 2026, 16:00 UTC (17:00 in Madrid): a 4-hour calendar-time target, due at 20:00 UTC.
    const friday = { ...clock(), ...startClock(calendarTime, 240, at('2026-11-27T16:00:00Z')) };
    const evening = fireDue({ first_response: friday }, () => quiet, at('2026-11-27T20:00:00Z'));
    expect(summary(evening.fired)).toEqual(['breach']);
    // The 75% warning (19:00 UTC) was held for Monday and the breach came first: the warning is dropped.
    expect(nextActionAt(evening.clocks, () => quiet)).toEqual(at('2026-11-30T08:00:00Z'));
    // Level 1 (at the breach) and level 2 (an hour later, Friday night) both wait for Monday's opening.
    const monday = fireDue(evening.clocks, () => quiet, at('2026-11-30T08:00:00Z'));
    expect(summary(monday.fired)).toEqual(['level 1', 'level 2']);
  });
});

describe('escalation levels of a breached resolution clock (breach 10:00; levels at 0, 60, 90 for first response only, 240 min)', () => {
  const matrix: ClockRules = {
    ...rules,
    levels: [
      { afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'assignee' }] },
      { afterBreachMinutes: 60, actions: [{ type: 'notify', to: 'team_supervisor' }] },
      { afterBreachMinutes: 90, clock: 'first_response', actions: [{ type: 'raise_priority' }] },
      { afterBreachMinutes: 240, clock: 'resolution', actions: [{ type: 'reassign', to: 'next_tier' }] },
    ],
  };
  const breached = (fired: number[]) =>
    clock({ dueAt: at('2026-11-23T10:00:00Z'), breachedAt: at('2026-11-23T10:00:00Z'), outcome: 'breached', firedLevels: fired });
  it.each<[string, number[], string, number[], string | null]>([
    ['at the breach: level 1', [], '10:00', [1], '11:00'],
    ['just before level 2', [1], '10:59', [], '11:00'],
    ['at level 2', [1], '11:00', [2], '14:00'],
    ['after downtime: everything due meanwhile, once, in order', [1], '15:00', [2, 4], null],
    ['nothing twice', [1, 2, 4], '18:00', [], null],
    ['a level that failed to fire stays due', [2], '11:30', [1], '14:00'],
  ])('%s', (_name, fired, now, expectedFire, expectedNext) => {
    const result = fireDue({ resolution: breached(fired) }, () => matrix, at(`2026-11-23T${now}:00Z`));
    expect(result.fired.map((f) => (f.type === 'escalate' ? f.level : f.type))).toEqual(expectedFire);
    expect(
      nextActionAt(result.clocks, () => matrix)
        ?.toISOString()
        .slice(11, 16) ?? null,
    ).toBe(expectedNext);
  });

  it('has nothing to do without levels', () => {
    const result = fireDue({ resolution: breached([]) }, () => ({ ...matrix, levels: [] }), at('2026-11-24T00:00:00Z'));
    expect(result.fired).toEqual([]);
    expect(nextActionAt(result.clocks, () => ({ ...matrix, levels: [] }))).toBeNull();
  });
});

describe(escalationLevelsFor.name, () => {
  const team = '8f14e45f-ceea-467f-a0e6-5d1b9b1a4c21';
  const own = [{ afterBreachMinutes: 15, actions: [{ type: 'reassign' as const, to: 'team_supervisor' }] }];
  const withTeams = { ...definition, escalation: { ...definition.escalation, teams: [{ teamId: team, levels: own }] } };
  it.each<[string, SlaPolicyDefinition, string | null, number[]]>([
    ['the policy’s levels without team levels', definition, team, [0, 60, 120]],
    ['the team’s own levels for its tickets', withTeams, team, [15]],
    ['the policy’s for other teams', withTeams, '00000000-0000-4000-8000-000000000000', [0, 60, 120]],
    ['the policy’s for tickets without a team', withTeams, null, [0, 60, 120]],
  ])('%s', (_name, policy, teamId, delays) => {
    expect(escalationLevelsFor(policy, teamId).map((l) => l.afterBreachMinutes)).toEqual(delays);
  });

  it('fires a team’s levels for its ticket', () => {
    const teamRules: ClockRules = { ...rules, levels: escalationLevelsFor(withTeams, team) };
    const { fired } = fireDue({ first_response: clock() }, () => teamRules, at('2026-11-23T10:20:00Z'));
    expect(summary(fired)).toEqual(['warning', 'breach', 'level 1']);
    expect(fired.at(-1)).toMatchObject({ at: at('2026-11-23T10:15:00Z'), actions: own[0].actions });
  });
});

describe(ticketSlaSummary.name, () => {
  it.each<[string, EngineClocks, { nextDueAt: string | null; breached: boolean }]>([
    ['no clocks', {}, { nextDueAt: null, breached: false }],
    [
      'the earliest running due time',
      { first_response: clock(), resolution: clock({ dueAt: at('2026-11-23T09:30:00Z') }) },
      { nextDueAt: '2026-11-23T09:30:00.000Z', breached: false },
    ],
    [
      'a breached clock that still runs',
      { first_response: clock({ breachedAt: at('2026-11-23T10:00:00Z'), outcome: 'breached' }), resolution: clock() },
      { nextDueAt: '2026-11-23T10:00:00.000Z', breached: true },
    ],
    [
      'stopped clocks count for nothing',
      { first_response: { ...clock(), stoppedAt: at('2026-11-23T11:00:00Z'), outcome: 'breached', runningSince: null, dueAt: null } },
      { nextDueAt: null, breached: false },
    ],
  ])('%s', (_name, clocks, expected) => {
    const result = ticketSlaSummary(clocks);
    expect({ nextDueAt: result.nextDueAt?.toISOString() ?? null, breached: result.breached }).toEqual(expected);
  });
});
