import {
  EscalationActionDto,
  EscalationLevelDto,
  EscalationMatrixDto,
  FieldError,
  MAX_SLA_TARGET_MINUTES,
  NOTIFY_TARGETS,
  REASSIGN_TARGETS,
  SLA_METRICS,
  SlaPauseStatus,
  SlaTargetsDto,
  TicketPriority,
} from '@helpdesk/contracts';

/** The versioned part of a policy: what a ticket keeps once its clocks start. */
export interface SlaPolicyDefinition {
  calendarId: string | null;
  targets: SlaTargetsDto;
  warningPercent: number;
  pauseResolutionOn: SlaPauseStatus[];
  escalation: EscalationMatrixDto;
  /** Warnings and escalations wait for the calendar's opening hours (policies saved before it: false) */
  noticesInBusinessHours?: boolean;
}

export const DEFAULT_WARNING_PERCENT = 75;

const PRIORITIES = Object.values(TicketPriority);

/** Every target set, as `{ path, minutes, businessHours }` (`targets.urgent.firstResponse`). */
export function targetEntries(targets: SlaTargetsDto | undefined): { path: string; minutes: unknown; businessHours: unknown }[] {
  const out: { path: string; minutes: unknown; businessHours: unknown }[] = [];
  for (const priority of PRIORITIES) {
    const perPriority = targets?.[priority];
    for (const metric of SLA_METRICS) {
      const target = perPriority?.[metric];
      if (target) out.push({ path: `targets.${priority}.${metric}`, minutes: target.minutes, businessHours: target.businessHours });
    }
  }
  return out;
}

/**
 * What is wrong with a policy's definition, one entry per field: the answer of a 400 with per-field
 * errors (`targets`, `targets.urgent.resolution.minutes`, `calendarId`,
 * `escalation.levels[1].afterBreachMinutes`, `escalation.levels[0].actions[0].userId`). The shape of
 * each field is checked by the contract DTOs first; this checks what spans fields.
 */
export function validatePolicyDefinition(definition: SlaPolicyDefinition): FieldError[] {
  const errors: FieldError[] = [];
  const targets = targetEntries(definition.targets);
  if (!targets.length)
    errors.push({ field: 'targets', message: 'set at least one target (first response, next response or resolution) for some priority' });
  for (const target of targets) {
    const minutes = target.minutes;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SLA_TARGET_MINUTES)
      errors.push({ field: `${target.path}.minutes`, message: `must be a whole number of minutes from 1 to ${MAX_SLA_TARGET_MINUTES}` });
  }
  const business = targets.filter((t) => t.businessHours === true).map((t) => t.path);
  if (business.length && !definition.calendarId)
    errors.push({ field: 'calendarId', message: `is required when a target counts business minutes (${business.join(', ')})` });
  if (definition.noticesInBusinessHours && !definition.calendarId)
    errors.push({
      field: 'calendarId',
      message: 'is required when warnings and escalations wait for business hours (noticesInBusinessHours)',
    });
  const warning = definition.warningPercent;
  if (!Number.isInteger(warning) || warning < 1 || warning > 99)
    errors.push({ field: 'warningPercent', message: 'must be a whole number from 1 to 99' });
  errors.push(...escalationErrors(definition.escalation));
  return errors;
}

function escalationErrors(escalation: EscalationMatrixDto | undefined): FieldError[] {
  const errors = levelErrors(escalation?.levels ?? [], 'escalation.levels');
  const seen = new Set<string>();
  (escalation?.teams ?? []).forEach((team, index) => {
    if (seen.has(team.teamId))
      errors.push({ field: `escalation.teams[${index}].teamId`, message: `team ${team.teamId} has levels already` });
    seen.add(team.teamId);
    errors.push(...levelErrors(team.levels ?? [], `escalation.teams[${index}].levels`));
  });
  return errors;
}

function levelErrors(levels: EscalationLevelDto[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  levels.forEach((level, index) => {
    const field = `${path}[${index}]`;
    const previous = levels[index - 1];
    if (previous && !(level.afterBreachMinutes > previous.afterBreachMinutes))
      errors.push({
        field: `${field}.afterBreachMinutes`,
        message: `must be after level ${index} (${previous.afterBreachMinutes} minutes): levels go in strictly increasing afterBreachMinutes`,
      });
    if (!level.actions?.length) errors.push({ field: `${field}.actions`, message: 'give at least one action' });
    (level.actions ?? []).forEach((action, i) => errors.push(...actionErrors(action, `${field}.actions[${i}]`)));
  });
  return errors;
}

type ActionField = 'to' | 'userId' | 'url' | 'teamId';

function actionErrors(action: EscalationActionDto, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const needs: ActionField[] = [];
  switch (action.type) {
    case 'notify':
      if (!action.to || !(NOTIFY_TARGETS as readonly string[]).includes(action.to))
        errors.push({ field: `${field}.to`, message: `notify goes to one of ${NOTIFY_TARGETS.join(', ')}` });
      needs.push('to');
      if (action.to === 'user') needs.push('userId');
      if (action.to === 'webhook') needs.push('url');
      break;
    case 'reassign':
      if (!action.to || !(REASSIGN_TARGETS as readonly string[]).includes(action.to))
        errors.push({ field: `${field}.to`, message: `reassign goes to one of ${REASSIGN_TARGETS.join(', ')}` });
      needs.push('to');
      if (action.to === 'team') needs.push('teamId');
      break;
    case 'raise_priority':
      break;
    default:
      return [{ field: `${field}.type`, message: 'must be notify, reassign or raise_priority' }];
  }
  const what = action.to ? `${action.type} to ${action.to}` : action.type;
  for (const key of ['userId', 'url', 'teamId'] as const) {
    const given = action[key] !== undefined && action[key] !== null;
    if (needs.includes(key) && !given) errors.push({ field: `${field}.${key}`, message: `is required for ${what}` });
    if (!needs.includes(key) && given) errors.push({ field: `${field}.${key}`, message: `does not apply to ${what}` });
  }
  if (action.type === 'raise_priority' && action.to !== undefined && action.to !== null)
    errors.push({ field: `${field}.to`, message: 'does not apply to raise_priority' });
  return errors;
}
