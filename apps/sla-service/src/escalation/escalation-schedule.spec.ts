import { EscalationLevelDto } from '@helpdesk/contracts';
import { escalationTimeline } from './escalation-schedule';

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
