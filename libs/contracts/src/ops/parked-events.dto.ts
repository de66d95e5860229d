import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { ActorCommand } from '../common/command';

/**
 * `outgoing`: an event the service could not publish (its outbox row was parked);
 * `incoming`: an event one of its consumers failed on every delivery.
 */
export const PARKED_EVENT_KINDS = ['outgoing', 'incoming'] as const;
export type ParkedEventKind = (typeof PARKED_EVENT_KINDS)[number];

/** Operator requests of one service (each answers its own, so the gateway can ask them all). */
export function opsSubjects(service: string): { parkedList: string; parkedReplay: string } {
  return { parkedList: `ops.${service}.parked.list`, parkedReplay: `ops.${service}.parked.replay` };
}

export class ParkedEventView {
  @ApiProperty({ example: 'ticket-service' }) service: string;
  @ApiProperty({ enum: PARKED_EVENT_KINDS }) kind: ParkedEventKind;
  @ApiProperty({ example: '42', description: 'Addresses it for a replay (with service and kind)' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) eventId: string | null;
  @ApiProperty({ example: 'ticket.created' }) type: string;
  @ApiProperty({
    example: 'reporting-service:ticket.created',
    nullable: true,
    type: String,
    description: 'incoming: the consumer that failed',
  })
  consumer: string | null;
  @ApiProperty({ example: 'consumer reporting-service:ticket.created is not running' }) error: string;
  @ApiProperty({ example: 10, description: 'Tries made before parking' }) attempts: number;
  @ApiProperty({ format: 'date-time' }) parkedAt: string;
}

export class ParkedEventsReportView {
  @ApiProperty({ type: [ParkedEventView] }) data: ParkedEventView[];
  @ApiProperty({
    type: [String],
    example: ['kb-service'],
    description: 'Services that did not answer (their parked events are not listed)',
  })
  unavailable: string[];
}

export class ReplayParkedEventCommand extends ActorCommand {
  @IsIn(PARKED_EVENT_KINDS)
  kind: ParkedEventKind;

  @IsString()
  @Matches(/^\d{1,18}$|^[0-9a-f-]{36}$/)
  id: string;
}
