import { EscalationLevelDto } from '@helpdesk/contracts';
import { dueEscalations, escalationTimeline } from './escalation-schedule';

const levels: EscalationLevelDto[] = [
  { afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'assignee' }] },
  { afterBreachMinutes: 60, actions: [{ type: 'notify', to: 'team_supervisor' }] },
  { afterBreachMinutes: 90, clock: 'first_response', actions: [{ type: 'raise_priority' }] },
  { afterBreachMinutes: 240, clock: 'resolution', actions: [{ type: 'reassign', to: 'next_tier' }] },
];
const breachedAt = new Date('2026-11-23T10:00:00Z');

describe(escalationTimeline.name, () => {
  it.each([
    ['resolution', [1, 2, 4], ['10:00', '11:00', '14:00']],
    ['first_response', [1, 2, 3], ['10:00', '11:00', '11:30']],
    ['next_response', [1, 2], ['10:00', '11:00']],
  ] as const)('%s: levels %j at %j', (clock, numbers, times) => {
    const timeline = escalationTimeline(levels, clock, breachedAt);
    expect(timeline.map((l) => l.level)).toEqual(numbers);
    expect(timeline.map((l) => l.at.toISOString().slice(11, 16))).toEqual(times);
  });
});

describe(dueEscalations.name, () => {
  it.each([
    ['at the breach: level 1', [], '10:00', [1], '11:00'],
    ['just before level 2', [1], '10:59', [], '11:00'],
    ['at level 2', [1], '11:00', [2], '14:00'],
    ['after downtime: everything due meanwhile, once, in order', [1], '15:00', [2, 4], null],
    ['nothing twice', [1, 2, 4], '18:00', [], null],
    ['a level that failed to fire stays due', [2], '11:30', [1], '14:00'],
  ] as const)('%s', (_name, fired, now, expectedFire, expectedNext) => {
    const { fire, nextAt } = dueEscalations(levels, 'resolution', breachedAt, fired, new Date(`2026-11-23T${now}:00Z`));
    expect(fire.map((l) => l.level)).toEqual(expectedFire);
    expect(nextAt?.toISOString().slice(11, 16) ?? null).toBe(expectedNext);
  });

  it('has nothing to do without levels', () => {
    expect(dueEscalations([], 'resolution', breachedAt, [], new Date('2026-11-24T00:00:00Z'))).toEqual({ fire: [], nextAt: null });
  });
});
