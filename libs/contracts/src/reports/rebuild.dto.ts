import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ActorCommand } from '../common/command';

export const REBUILD_STATUSES = ['running', 'done', 'failed'] as const;

export class RebuildView {
  @ApiProperty({ format: 'uuid', example: '0b7c5a8e-2f41-4c1e-9a7d-5d3e8f1a2b3c' }) id: string;
  @ApiProperty({ enum: REBUILD_STATUSES, example: 'done' }) status: (typeof REBUILD_STATUSES)[number];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11' }) requestedBy:
    string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-06T17:00:00.000Z' }) requestedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-12-06T17:00:04.000Z' }) finishedAt: string | null;
  @ApiProperty({ example: 8120, nullable: true, type: Number, description: 'Events replayed' }) events: number | null;
  @ApiProperty({ example: 1024, nullable: true, type: Number, description: 'Tickets rebuilt' }) tickets: number | null;
  @ApiProperty({ example: null, nullable: true, type: String }) error: string | null;
}

export class StartRebuildRequest extends ActorCommand {}

export class GetRebuildRequest extends ActorCommand {
  @IsUUID()
  id: string;
}
