import { EscalationLevelDto } from '@helpdesk/contracts';
import { ClockKind } from '../clocks/sla-transitions';

const MINUTE = 60_000;

/** A level of the policy's matrix by its position (levels are numbered from 1, as people say them). */
export interface ScheduledLevel {
  level: number;
  at: Date;
  definition: EscalationLevelDto;
}

/**
 * The levels that concern a breached clock, each with the instant it is due: `afterBreachMinutes`
 * of calendar time after the breach (an escalation reaches people, whatever the opening hours).
 * Levels naming another clock are left out; a level naming none concerns every clock.
 */
export function escalationTimeline(levels: EscalationLevelDto[], clock: ClockKind, breachedAt: Date): ScheduledLevel[] {
  return levels
    .map((definition, i) => ({ level: i + 1, at: new Date(breachedAt.getTime() + definition.afterBreachMinutes * MINUTE), definition }))
    .filter(({ definition }) => !definition.clock || definition.clock === clock);
}
