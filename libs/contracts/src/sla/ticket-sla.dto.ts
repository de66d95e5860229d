import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ActorCommand } from '../common/command';
import { SLA_CLOCKS, SlaClock } from './sla-policy.dto';

/** The recorded steps of a ticket's SLA, after Zendesk's ticket metric events. */
export const SLA_METRIC_EVENT_TYPES = [
  'apply_sla',
  'activate',
  'pause',
  'resume',
  'fulfil',
  'update_target',
  'cancel',
  'warning',
  'breach',
  'escalate',
] as const;
export type SlaMetricEventType = (typeof SLA_METRIC_EVENT_TYPES)[number];

export const SLA_TARGET_STATUSES = ['running', 'paused', 'met', 'breached'] as const;
export type SlaTargetStatus = (typeof SLA_TARGET_STATUSES)[number];

export class SlaPolicyRefView {
  @ApiProperty({ format: 'uuid', example: '5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11' }) id: string;
  @ApiProperty({ example: 'Clientes VIP' }) name: string;
  @ApiProperty({ example: 2, description: 'The version the ticket keeps' }) version: number;
}

/** One target of the ticket: how it stands now. Minutes count as the target does (business or calendar). */
export class SlaTargetStateView {
  @ApiProperty({ enum: SLA_CLOCKS, example: 'first_response' }) clock: SlaClock;
  @ApiProperty({ example: 1, description: 'Next response counts one run per unanswered requester reply' }) cycle: number;
  @ApiProperty({ enum: SLA_TARGET_STATUSES, example: 'running', description: 'met/breached once stopped' }) status: SlaTargetStatus;
  @ApiProperty({ example: 240 }) targetMinutes: number;
  @ApiProperty({ example: true, description: 'Counted in the policy calendar’s business hours' }) businessHours: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2026-11-24T12:00:00.000Z',
    description: 'null while paused or stopped',
  })
  dueAt: string | null;
  @ApiProperty({ example: 95.5 }) elapsedMinutes: number;
  @ApiProperty({ example: 144.5, description: 'Negative once overdue' }) remainingMinutes: number;
  @ApiProperty({ example: false }) paused: boolean;
  @ApiProperty({ example: false, description: 'The target was missed (a running clock stays breached)' }) breached: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) breachedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-24T10:00:00.000Z' }) warnedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) stoppedAt: string | null;
  @ApiProperty({ type: [Number], example: [1], description: 'Escalation levels fired for this run of the clock' })
  escalatedLevels: number[];
}

export class SlaMetricEventView {
  @ApiProperty({ enum: SLA_CLOCKS, nullable: true, example: 'first_response', description: 'null for apply_sla' }) clock: SlaClock | null;
  @ApiProperty({ example: 1 }) cycle: number;
  @ApiProperty({ enum: SLA_METRIC_EVENT_TYPES, example: 'activate' }) type: SlaMetricEventType;
  @ApiProperty({ format: 'date-time', example: '2026-11-24T08:00:00.000Z' }) at: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { dueAt: '2026-11-24T12:00:00.000Z', targetMinutes: 240 } })
  detail: Record<string, unknown>;
}

export class TicketSlaView {
  @ApiProperty({ format: 'uuid', example: '0b3c9b52-2f0e-4a55-a1a8-8d1f2c3e4b5a' }) ticketId: string;
  @ApiProperty({ type: SlaPolicyRefView, nullable: true, description: 'null: no policy matched the ticket' })
  policy: SlaPolicyRefView | null;
  @ApiProperty({ type: [SlaTargetStateView] }) targets: SlaTargetStateView[];
  @ApiProperty({ type: [SlaMetricEventView], description: 'How the SLA got here, oldest first' }) events: SlaMetricEventView[];
  @ApiProperty({ format: 'date-time', example: '2026-11-24T09:35:30.000Z', description: 'The instant the figures are for' }) at: string;
}

export class TicketSlaCommand extends ActorCommand {
  @IsUUID()
  ticketId: string;
}
