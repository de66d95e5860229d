import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { TicketStatus, TIERS, Tier } from '../common/enums';
import { IsOptionalNonNull } from '../common/validation';
import { TicketConditionsDto } from '../tickets/ticket-conditions.dto';

/** A year: the longest target an SLA may set. */
export const MAX_SLA_TARGET_MINUTES = 525_600;

/** The clocks an SLA policy sets per priority. */
export const SLA_METRICS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** Statuses that may pause the resolution clock. */
export const SLA_PAUSE_STATUSES = [TicketStatus.Pending, TicketStatus.OnHold] as const;
export type SlaPauseStatus = (typeof SLA_PAUSE_STATUSES)[number];

/** Every condition given must hold; an absent or empty one always holds. */
export class SlaConditionsDto extends TicketConditionsDto {
  @ApiPropertyOptional({ enum: TIERS, isArray: true, example: [2, 3], description: 'The support tier working the ticket' })
  @IsOptional()
  @IsArray()
  @IsIn(TIERS, { each: true })
  tiers?: Tier[];
}

/** One target: a number of minutes, counted in the policy's business calendar or around the clock. */
export class SlaTargetDto {
  @ApiProperty({ example: 240, minimum: 1, maximum: MAX_SLA_TARGET_MINUTES })
  @IsInt()
  @Min(1)
  @Max(MAX_SLA_TARGET_MINUTES)
  minutes: number;

  @ApiProperty({ example: true, description: 'true: business minutes of the policy calendar; false: calendar (wall-clock) minutes' })
  @IsBoolean()
  businessHours: boolean;
}

/** The targets of one priority; a metric left out runs no clock for it. */
export class SlaPriorityTargetsDto {
  @ApiPropertyOptional({ type: SlaTargetDto, description: 'Until the first public reply of an agent' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetDto)
  firstResponse?: SlaTargetDto;

  @ApiPropertyOptional({ type: SlaTargetDto, description: 'From each requester reply until the next public reply of an agent' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetDto)
  nextResponse?: SlaTargetDto;

  @ApiPropertyOptional({ type: SlaTargetDto, description: 'Until the ticket is solved' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetDto)
  resolution?: SlaTargetDto;
}

/** Targets per priority; a policy needs at least one target overall. */
export class SlaTargetsDto {
  @ApiPropertyOptional({ type: SlaPriorityTargetsDto })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaPriorityTargetsDto)
  low?: SlaPriorityTargetsDto;

  @ApiPropertyOptional({ type: SlaPriorityTargetsDto })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaPriorityTargetsDto)
  normal?: SlaPriorityTargetsDto;

  @ApiPropertyOptional({ type: SlaPriorityTargetsDto })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaPriorityTargetsDto)
  high?: SlaPriorityTargetsDto;

  @ApiPropertyOptional({ type: SlaPriorityTargetsDto })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaPriorityTargetsDto)
  urgent?: SlaPriorityTargetsDto;
}

export const ESCALATION_ACTION_TYPES = ['notify', 'reassign', 'raise_priority'] as const;
export type EscalationActionType = (typeof ESCALATION_ACTION_TYPES)[number];
export const NOTIFY_TARGETS = ['assignee', 'team_supervisor', 'user', 'webhook'] as const;
export const REASSIGN_TARGETS = ['team_supervisor', 'team', 'next_tier'] as const;
const ACTION_TARGETS = [...new Set<string>([...NOTIFY_TARGETS, ...REASSIGN_TARGETS])];

/**
 * What an escalation level does: `notify` (to the assignee, the team supervisor, a `user` by
 * `userId`, or a `webhook` by `url`), `reassign` (to the team supervisor, a `team` by `teamId`, or the
 * next tier), or `raise_priority` (one step, up to urgent). Which fields go with which type is
 * checked by the sla-service, field by field.
 */
export class EscalationActionDto {
  @ApiProperty({ enum: ESCALATION_ACTION_TYPES, example: 'notify' })
  @IsIn(ESCALATION_ACTION_TYPES)
  type: EscalationActionType;

  @ApiPropertyOptional({ enum: ACTION_TARGETS, example: 'team_supervisor' })
  @IsOptionalNonNull()
  @IsIn(ACTION_TARGETS)
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'notify to user: who' })
  @IsOptionalNonNull()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: 'https://hooks.example.com/sla', description: 'notify to webhook: where to POST' })
  @IsOptionalNonNull()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'reassign to team: which team' })
  @IsOptionalNonNull()
  @IsUUID()
  teamId?: string;
}

export const SLA_CLOCKS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** One level: `afterBreachMinutes` after a breach (0 = at the breach), perform the actions. */
export class EscalationLevelDto {
  @ApiProperty({ example: 0, minimum: 0, maximum: MAX_SLA_TARGET_MINUTES, description: 'Level 1 usually 0 (at breach), level 2 e.g. 60' })
  @IsInt()
  @Min(0)
  @Max(MAX_SLA_TARGET_MINUTES)
  afterBreachMinutes: number;

  @ApiPropertyOptional({ enum: SLA_CLOCKS, description: 'Only breaches of this clock (absent: any clock)' })
  @IsOptionalNonNull()
  @IsIn(SLA_CLOCKS)
  clock?: SlaClock;

  @ApiProperty({ type: [EscalationActionDto], example: [{ type: 'notify', to: 'team_supervisor' }] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EscalationActionDto)
  actions: EscalationActionDto[];
}

/** A team's own levels: its tickets escalate by them instead of the policy's. */
export class TeamEscalationDto {
  @ApiProperty({ format: 'uuid', example: '8f14e45f-ceea-467f-a0e6-5d1b9b1a4c21' })
  @IsUUID()
  teamId: string;

  @ApiProperty({
    type: [EscalationLevelDto],
    description: 'In strictly increasing afterBreachMinutes',
    example: [{ afterBreachMinutes: 0, actions: [{ type: 'reassign', to: 'team_supervisor' }] }],
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EscalationLevelDto)
  levels: EscalationLevelDto[];
}

export class EscalationMatrixDto {
  @ApiProperty({
    type: [EscalationLevelDto],
    description: 'In strictly increasing afterBreachMinutes',
    example: [
      { afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'assignee' }] },
      { afterBreachMinutes: 60, actions: [{ type: 'notify', to: 'team_supervisor' }, { type: 'raise_priority' }] },
    ],
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EscalationLevelDto)
  levels: EscalationLevelDto[];

  @ApiPropertyOptional({
    type: [TeamEscalationDto],
    description: "Per team: a ticket of one of these teams escalates by its team's levels instead (the team when a level comes due)",
    example: [
      {
        teamId: '8f14e45f-ceea-467f-a0e6-5d1b9b1a4c21',
        levels: [{ afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'team_supervisor' }] }],
      },
    ],
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TeamEscalationDto)
  teams?: TeamEscalationDto[];
}

const TARGETS_EXAMPLE = {
  urgent: { firstResponse: { minutes: 30, businessHours: false }, resolution: { minutes: 240, businessHours: false } },
  normal: { firstResponse: { minutes: 240, businessHours: true }, resolution: { minutes: 1440, businessHours: true } },
};

class SlaPolicyFields {
  @ApiPropertyOptional({ description: 'Policies are tried in ascending position; the first active match wins', example: 10 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: SlaConditionsDto, description: 'Replaced as a whole on update; absent: every ticket' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaConditionsDto)
  conditions?: SlaConditionsDto;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'The business calendar; required when a target counts business minutes',
  })
  @IsOptional()
  @IsUUID()
  calendarId?: string | null;

  @ApiPropertyOptional({ example: 75, default: 75, minimum: 1, maximum: 99, description: 'Warn when this share of a target is used' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(99)
  warningPercent?: number;

  @ApiPropertyOptional({
    enum: SLA_PAUSE_STATUSES,
    isArray: true,
    default: SLA_PAUSE_STATUSES,
    description: 'Statuses that pause the resolution clock (empty: none)',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayUnique()
  @IsIn(SLA_PAUSE_STATUSES, { each: true })
  pauseResolutionOn?: SlaPauseStatus[];

  @ApiPropertyOptional({ type: EscalationMatrixDto, description: 'Replaced as a whole on update; absent: no escalation' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => EscalationMatrixDto)
  escalation?: EscalationMatrixDto;

  @ApiPropertyOptional({
    default: false,
    example: true,
    description: 'Warnings and escalation levels wait for the opening hours of the policy calendar (no notices at midnight on a Sunday)',
  })
  @IsOptionalNonNull()
  @IsBoolean()
  noticesInBusinessHours?: boolean;
}

export class CreateSlaPolicyDto extends SlaPolicyFields {
  @ApiProperty({ example: 'Clientes VIP', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: SlaTargetsDto, example: TARGETS_EXAMPLE })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetsDto)
  targets: SlaTargetsDto;
}

/** A change to targets, calendar, warning, pauses or escalation makes a new version; new tickets get it. */
export class UpdateSlaPolicyDto extends SlaPolicyFields {
  @ApiPropertyOptional({ example: 'Clientes VIP', maxLength: 200 })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: SlaTargetsDto, example: TARGETS_EXAMPLE, description: 'Replaced as a whole' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetsDto)
  targets?: SlaTargetsDto;
}

/** The versioned part of a policy: what a ticket keeps from the moment its clocks start. */
export class SlaPolicyVersionView {
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) calendarId: string | null;
  @ApiProperty({ type: SlaTargetsDto, example: TARGETS_EXAMPLE }) targets: SlaTargetsDto;
  @ApiProperty({ example: 75 }) warningPercent: number;
  @ApiProperty({ enum: SLA_PAUSE_STATUSES, isArray: true }) pauseResolutionOn: SlaPauseStatus[];
  @ApiProperty({ type: EscalationMatrixDto }) escalation: EscalationMatrixDto;
  @ApiProperty({ example: false }) noticesInBusinessHours: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SlaPolicyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Clientes VIP' }) name: string;
  @ApiProperty({ example: 10 }) position: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: SlaConditionsDto }) conditions: SlaConditionsDto;
  @ApiProperty({ example: 2, description: 'The current version: new tickets get it' }) version: number;
  @ApiProperty({ example: 5, description: 'Counts every change to the policy; its ETag' }) revision: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) calendarId: string | null;
  @ApiProperty({ type: SlaTargetsDto, example: TARGETS_EXAMPLE }) targets: SlaTargetsDto;
  @ApiProperty({ example: 75 }) warningPercent: number;
  @ApiProperty({ enum: SLA_PAUSE_STATUSES, isArray: true }) pauseResolutionOn: SlaPauseStatus[];
  @ApiProperty({ type: EscalationMatrixDto }) escalation: EscalationMatrixDto;
  @ApiProperty({ example: false }) noticesInBusinessHours: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreateSlaPolicyCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateSlaPolicyDto)
  policy: CreateSlaPolicyDto;
}

export class UpdateSlaPolicyCommand extends ActorCommand {
  @IsUUID()
  id: string;

  /** From If-Match: the revision the caller read (412 when the policy changed since) */
  @IsOptional()
  @IsInt()
  expectedRevision?: number;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateSlaPolicyDto)
  changes: UpdateSlaPolicyDto;
}

export class SlaPolicyRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}
