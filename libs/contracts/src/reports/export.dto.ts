import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CallerCommand } from '../common/command';

/** The groupings daily statistics are kept for (`all`: the whole helpdesk, key ''). */
export const STAT_DIMENSIONS = ['all', 'team', 'agent', 'channel', 'priority', 'organization'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** Rows per bus reply of an export (a reply is also cut at ~512 KB, whichever comes first). */
export const EXPORT_PAGE_ROWS = 2000;
/** Rows per page of the incremental export. */
export const INCREMENTAL_PAGE_ROWS = 1000;

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const CURSOR_PATTERN = /^[A-Za-z0-9_-]+$/;

export class ExportPeriodQuery {
  @ApiProperty({ example: '2026-01-01', description: 'First day (inclusive), YYYY-MM-DD in the reporting time zone' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-02-01', description: 'Day after the last (exclusive), YYYY-MM-DD in the reporting time zone' })
  @IsISO8601({ strict: true })
  to: string;

  @ApiPropertyOptional({
    example: true,
    default: true,
    description: 'Start the file with a UTF-8 byte order mark (Excel needs it to read UTF-8); `false` leaves it out',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  bom?: boolean;
}

export class ExportDailyStatsQuery extends ExportPeriodQuery {
  @ApiPropertyOptional({ enum: STAT_DIMENSIONS, example: 'team', default: 'all', description: 'Which grouping’s rows' })
  @IsOptional()
  @IsIn(STAT_DIMENSIONS, { message: `dim must be one of ${STAT_DIMENSIONS.join(', ')}` })
  dim?: StatDimension;
}

export class IncrementalExportQuery {
  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'Facts changed at or after this instant (ISO 8601 date-time); needed on the first page, ignored with a cursor',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedSince?: string;

  @ApiPropertyOptional({ example: 'eyJzIjoiMTIzIn0', description: '`nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(CURSOR_PATTERN, { message: 'cursor must be a cursor returned by a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ example: 1000, minimum: 1, maximum: INCREMENTAL_PAGE_ROWS, default: INCREMENTAL_PAGE_ROWS })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(INCREMENTAL_PAGE_ROWS)
  limit?: number;
}

/** One ticket as reporting sees it (reporting.ticket_facts). Durations in minutes. */
export class TicketFactView {
  @ApiProperty({ format: 'uuid', example: '0b7c5a8e-2f41-4c1e-9a7d-5d3e8f1a2b3c' }) ticketId: string;
  @ApiProperty({ example: 'HD-000123', nullable: true, type: String }) number: string | null;
  @ApiProperty({ example: 'La impresora de la 3ª planta no imprime', nullable: true, type: String }) subject: string | null;
  @ApiProperty({ example: 'solved', nullable: true, type: String }) status: string | null;
  @ApiProperty({ example: 'high', nullable: true, type: String }) priority: string | null;
  @ApiProperty({ example: 'email', nullable: true, type: String }) channel: string | null;
  @ApiProperty({ example: 'incident', nullable: true, type: String }) type: string | null;
  @ApiProperty({ example: 1, nullable: true, type: Number }) tier: number | null;
  @ApiProperty({ format: 'uuid', example: '5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11', nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ format: 'uuid', example: '9d2c1b0a-3e4f-4a5b-8c7d-6e5f4a3b2c1d', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d', nullable: true, type: String }) organizationId:
    string | null;
  @ApiProperty({ format: 'uuid', example: '2b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e', nullable: true, type: String }) requesterId:
    string | null;
  @ApiProperty({ example: ['impresoras', 'vip'], type: [String] }) tags: string[];
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:15:00.000Z', nullable: true, type: String }) createdAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:40:00.000Z', nullable: true, type: String }) firstResponseAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-02T11:00:00.000Z', nullable: true, type: String }) solvedAt: string | null;
  @ApiProperty({ example: 25, nullable: true, type: Number }) firstResponseMinutes: number | null;
  @ApiProperty({ example: 25, nullable: true, type: Number }) firstResponseBusinessMinutes: number | null;
  @ApiProperty({ example: 1545, nullable: true, type: Number }) resolutionMinutes: number | null;
  @ApiProperty({ example: 585, nullable: true, type: Number }) resolutionBusinessMinutes: number | null;
  @ApiProperty({ example: 0 }) reopens: number;
  @ApiProperty({ example: 2 }) agentReplies: number;
  @ApiProperty({ example: 1 }) escalations: number;
  @ApiProperty({ example: 0 }) slaEscalations: number;
  @ApiProperty({ example: 0 }) slaBreaches: number;
  @ApiProperty({ example: 'met', nullable: true, type: String }) slaFirstResponse: string | null;
  @ApiProperty({ example: 'breached', nullable: true, type: String }) slaResolution: string | null;
  @ApiProperty({ example: 'good', nullable: true, type: String }) csatRating: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-02T12:00:00.000Z', nullable: true, type: String }) csatRatedAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-02T12:00:01.000Z' }) changedAt: string;
  @ApiProperty({ example: '8120', description: 'Position in reporting’s change order (a 64-bit integer, as a string)' })
  changeSeq: string;
}

export class IncrementalTicketsView {
  @ApiProperty({
    type: [TicketFactView],
    description: 'Facts changed since, in change order; a ticket changed twice appears once, at its last change',
  })
  data: TicketFactView[];
  @ApiProperty({ example: 'eyJzIjoiODEyMCJ9', description: 'Where the next page starts; keep it to poll for later changes' })
  nextCursor: string;
  @ApiProperty({ example: false, description: 'No more changes for now: poll again later with nextCursor' }) endOfStream: boolean;
}

/** A page of an export over the bus: rows as arrays in `columns` order, and where the next page starts (null: done). */
export class ExportPageView {
  columns: string[];
  rows: unknown[][];
  nextCursor: string | null;
}

export class ExportTicketsPageRequest extends CallerCommand {
  @IsISO8601({ strict: true })
  from: string;

  @IsISO8601({ strict: true })
  to: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(CURSOR_PATTERN)
  cursor?: string;
}

export class ExportDailyStatsPageRequest extends ExportTicketsPageRequest {
  @IsIn(STAT_DIMENSIONS)
  dim: StatDimension;
}

export class IncrementalTicketsRequest extends CallerCommand {
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedSince?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(CURSOR_PATTERN)
  cursor?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INCREMENTAL_PAGE_ROWS)
  limit?: number;
}
