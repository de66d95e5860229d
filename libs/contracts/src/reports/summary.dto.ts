import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CallerCommand } from '../common/command';
import { SLA_CLOCKS, SlaClock } from '../sla/sla-policy.dto';

export const SUMMARY_GROUPINGS = ['day', 'week', 'month', 'team', 'agent', 'channel', 'priority', 'organization'] as const;
export type SummaryGrouping = (typeof SUMMARY_GROUPINGS)[number];

export class SummaryQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description:
      'First day of the period (inclusive): a date, or a date-time at the start of a day in the reporting time zone. Default: 30 days before `to`.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2027-01-01',
    description: 'End of the period (exclusive), as `from`. Default: tomorrow (so today is in).',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    enum: SUMMARY_GROUPINGS,
    example: 'team',
    description: 'One group per day, ISO week, month, team, ... (absent: totals only)',
  })
  @IsOptional()
  @IsIn(SUMMARY_GROUPINGS, { message: `groupBy must be one of ${SUMMARY_GROUPINGS.join(', ')}` })
  groupBy?: SummaryGrouping;
}

export class DurationStatsView {
  @ApiProperty({ example: 42, description: 'Tickets measured' }) count: number;
  @ApiProperty({
    example: 35,
    nullable: true,
    type: Number,
    description: 'Median, in minutes (within 1/64 of the exact value above 64 minutes)',
  })
  median: number | null;
  @ApiProperty({ example: 182.5, nullable: true, type: Number, description: '90th percentile, in minutes' }) p90: number | null;
}

export class DurationView {
  @ApiProperty({ type: DurationStatsView, description: 'Wall-clock minutes' }) calendar: DurationStatsView;
  @ApiProperty({ type: DurationStatsView, description: 'Minutes within the business hours of the ticket’s SLA calendar' })
  business: DurationStatsView;
}

export class ReportSlaComplianceView {
  @ApiProperty({ enum: SLA_CLOCKS, example: 'first_response' }) target: SlaClock;
  @ApiProperty({ example: 40 }) met: number;
  @ApiProperty({ example: 2 }) breached: number;
  @ApiProperty({ example: 95.24, nullable: true, type: Number, description: 'met ÷ (met + breached) × 100; null when none ended' })
  compliancePercent: number | null;
}

export class CsatView {
  @ApiProperty({ example: 18 }) good: number;
  @ApiProperty({ example: 2 }) bad: number;
  @ApiProperty({ example: 90, nullable: true, type: Number, description: 'good ÷ rated × 100; null when nobody rated' }) percent:
    number | null;
}

export class DeflectionView {
  @ApiProperty({ example: 120, description: 'Suggestion sessions that showed at least one article' }) sessions: number;
  @ApiProperty({ example: 30, description: 'Sessions whose reader said an article solved the problem' }) deflected: number;
  @ApiProperty({ example: 25, nullable: true, type: Number, description: 'deflected ÷ sessions × 100' }) percent: number | null;
}

export class ProductivityView {
  @ApiProperty({ example: 4, description: 'Agents who solved at least one of the group’s tickets in the period' }) agents: number;
  @ApiProperty({ example: 10.5, nullable: true, type: Number, description: 'solved ÷ agents' }) solvedPerAgent: number | null;
  @ApiProperty({ example: 96, description: 'Public agent replies on the tickets solved in the period' }) agentReplies: number;
  @ApiProperty({ example: 2.29, nullable: true, type: Number, description: 'agentReplies ÷ solved' }) repliesPerTicket: number | null;
}

export class SummaryGroupView {
  @ApiProperty({
    example: '5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11',
    nullable: true,
    type: String,
    description:
      'The day or week (its Monday) or month (its first day), team id, agent id, channel, priority or organization id; null for none (no team, unassigned)',
  })
  key: string | null;
  @ApiProperty({ example: 42, description: 'Tickets created in the period' }) ticketsCreated: number;
  @ApiProperty({ example: 40, description: 'Tickets solved in the period (at their last solve) and still solved or closed' })
  ticketsSolved: number;
  @ApiProperty({ example: 3, description: 'Times a solved or closed ticket was reopened in the period' }) reopened: number;
  @ApiProperty({
    example: 57,
    description: 'Tickets not solved or closed at the end of the period (for day, week and month groups: at the end of each)',
  })
  backlog: number;
  @ApiProperty({ type: DurationView, description: 'Creation → first public agent reply, of replies made in the period' })
  firstResponseTime: DurationView;
  @ApiProperty({ type: DurationView, description: 'Creation → last solve, of tickets solved in the period' }) resolutionTime: DurationView;
  @ApiProperty({ type: [ReportSlaComplianceView] }) sla: ReportSlaComplianceView[];
  @ApiProperty({ example: 2, description: 'Escalations to a higher tier in the period' }) escalations: number;
  @ApiProperty({ example: 1, description: 'SLA escalation levels fired in the period' }) slaEscalations: number;
  @ApiProperty({ type: CsatView, description: 'Ratings given in the period' }) csat: CsatView;
  @ApiProperty({
    type: DeflectionView,
    nullable: true,
    description: 'Knowledge-base deflection; for the whole helpdesk only (totals, and day, week and month groups)',
  })
  deflection: DeflectionView | null;
  @ApiProperty({ type: ProductivityView }) productivity: ProductivityView;
}

export class SummaryView {
  @ApiProperty({ example: '2026-01-01', description: 'First day of the period' }) from: string;
  @ApiProperty({ example: '2027-01-01', description: 'Day after the period' }) to: string;
  @ApiProperty({ example: 'Europe/Madrid', description: 'The time zone days are counted in (REPORTING_TIME_ZONE)' }) timeZone: string;
  @ApiProperty({ enum: SUMMARY_GROUPINGS, nullable: true, example: 'team' }) groupBy: SummaryGrouping | null;
  @ApiProperty({ example: 128, description: 'Tickets created in the period (the same as total.ticketsCreated)' }) ticketsCreated: number;
  @ApiProperty({ type: SummaryGroupView, description: 'The whole helpdesk over the period' }) total: SummaryGroupView;
  @ApiProperty({ type: [SummaryGroupView], description: 'One per group that has figures, in key order' }) groups: SummaryGroupView[];
}

/** A person (staff) or an integration with `reports:read` may ask. */
export class SummaryRequest extends CallerCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => SummaryQuery)
  query: SummaryQuery;
}
