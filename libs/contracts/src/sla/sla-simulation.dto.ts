import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsObject, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';
import { TicketPriority } from '../common/enums';
import { CreateSlaPolicyDto } from './sla-policy.dto';

/** The longest period a simulation replays. */
export const MAX_SLA_SIMULATION_DAYS = 366;

/** The most tickets a simulation reads; beyond it the answer says `truncated`. */
export const MAX_SLA_SIMULATION_TICKETS = 100_000;

/** A draft policy replayed over the tickets created in [from, to). */
export class SimulateSlaPolicyDto {
  @ApiProperty({
    type: CreateSlaPolicyDto,
    description:
      'The draft, shaped as a new policy (validated the same way). Its conditions choose the tickets compared; position and active are ignored.',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => CreateSlaPolicyDto)
  policy: CreateSlaPolicyDto;

  @ApiProperty({ format: 'date-time', example: '2026-10-01T00:00:00.000Z', description: 'Tickets created from this instant (inclusive)' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-01T00:00:00.000Z',
    description: `Until this instant (exclusive); after from, at most ${MAX_SLA_SIMULATION_DAYS} days later`,
  })
  @IsISO8601({ strict: true })
  to: string;
}

/** One target's outcomes over the tickets compared. */
export class SlaTargetComplianceView {
  @ApiProperty({ example: 42, description: 'Stopped within the target' }) met: number;
  @ApiProperty({ example: 6, description: 'Missed (a running clock past its due time counts as missed)' }) breached: number;
  @ApiProperty({ example: 3, description: 'Not decided yet at the moment of the answer (running or paused, still within the target)' })
  running: number;
  @ApiProperty({
    example: 87.5,
    nullable: true,
    type: Number,
    description: 'met / (met + breached) × 100, rounded to 2 decimals; null when nothing is decided',
  })
  compliancePercent: number | null;
}

/** Compliance per target. Next response counts the latest run of each ticket. */
export class SlaComplianceView {
  @ApiProperty({ type: SlaTargetComplianceView, example: { met: 42, breached: 6, running: 3, compliancePercent: 87.5 } })
  firstResponse: SlaTargetComplianceView;
  @ApiProperty({ type: SlaTargetComplianceView, example: { met: 10, breached: 0, running: 1, compliancePercent: 100 } })
  nextResponse: SlaTargetComplianceView;
  @ApiProperty({ type: SlaTargetComplianceView, example: { met: 30, breached: 15, running: 6, compliancePercent: 66.67 } })
  resolution: SlaTargetComplianceView;
}

const COMPLIANCE_EXAMPLE = {
  firstResponse: { met: 42, breached: 6, running: 3, compliancePercent: 87.5 },
  nextResponse: { met: 10, breached: 0, running: 1, compliancePercent: 100 },
  resolution: { met: 30, breached: 15, running: 6, compliancePercent: 66.67 },
};

/** What the tickets had (their stored clocks) beside what they would have had under the draft. */
export class SlaComplianceComparisonView {
  @ApiProperty({ type: SlaComplianceView, example: COMPLIANCE_EXAMPLE, description: 'From the clocks the tickets actually ran' })
  actual: SlaComplianceView;
  @ApiProperty({ type: SlaComplianceView, example: COMPLIANCE_EXAMPLE, description: 'From the tickets replayed under the draft' })
  simulated: SlaComplianceView;
}

export class SlaPriorityComparisonView extends SlaComplianceComparisonView {
  @ApiProperty({ enum: TicketPriority, example: TicketPriority.High, description: "The ticket's current priority" })
  priority: TicketPriority;
}

export class SlaTeamComparisonView extends SlaComplianceComparisonView {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    example: '7d2b9c1e-3f4a-4b5c-8d6e-9f0a1b2c3d4e',
    description: "The ticket's current team; null: no team",
  })
  teamId: string | null;
}

export class SlaSimulationTicketsView {
  @ApiProperty({ example: 1200, description: 'Tickets created in the period (read, up to the cap)' }) inPeriod: number;
  @ApiProperty({ example: 300, description: "Of those, the tickets whose current facts meet the draft's conditions" }) matched: number;
  @ApiProperty({ example: 0, description: 'Of the matched, those with no recorded inputs: left out of both sides' }) skipped: number;
  @ApiProperty({ example: 300, description: 'The tickets compared: matched minus skipped' }) compared: number;
}

/** Actual against simulated compliance of the tickets the draft's conditions match. Nothing is changed. */
export class SlaSimulationView {
  @ApiProperty({ format: 'date-time', example: '2026-10-01T00:00:00.000Z' }) from: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-01T00:00:00.000Z' }) to: string;
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-24T09:35:30.000Z',
    description: 'The instant clocks not yet stopped are judged at (running past due: breached)',
  })
  at: string;
  @ApiProperty({ type: SlaSimulationTicketsView, example: { inPeriod: 1200, matched: 300, skipped: 0, compared: 300 } })
  tickets: SlaSimulationTicketsView;
  @ApiProperty({
    example: false,
    description: `true: the period held more than ${MAX_SLA_SIMULATION_TICKETS} tickets; only the first (oldest) ones were read`,
  })
  truncated: boolean;
  @ApiProperty({ type: SlaComplianceComparisonView, example: { actual: COMPLIANCE_EXAMPLE, simulated: COMPLIANCE_EXAMPLE } })
  overall: SlaComplianceComparisonView;
  @ApiProperty({
    type: [SlaPriorityComparisonView],
    example: [{ priority: 'high', actual: COMPLIANCE_EXAMPLE, simulated: COMPLIANCE_EXAMPLE }],
    description: 'Per current priority, low to urgent (only priorities with compared tickets)',
  })
  byPriority: SlaPriorityComparisonView[];
  @ApiProperty({
    type: [SlaTeamComparisonView],
    example: [{ teamId: null, actual: COMPLIANCE_EXAMPLE, simulated: COMPLIANCE_EXAMPLE }],
    description: 'Per current team (teamId null: no team, listed last)',
  })
  byTeam: SlaTeamComparisonView[];
}

export class SimulateSlaPolicyCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => SimulateSlaPolicyDto)
  simulation: SimulateSlaPolicyDto;
}
