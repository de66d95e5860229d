import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';
import { PageQuery } from '../common/page';
import { TicketSort } from './ticket.dto';

/** The built-in views every member of staff has; their ids are stable. */
export enum BuiltInViewId {
  MyOpen = 'my-open',
  UnassignedInMyTeams = 'unassigned-in-my-teams',
  AllOpen = 'all-open',
  SlaBreached = 'sla-breached',
  SlaBreachingSoon = 'sla-breaching-soon',
}

/** The built-in "breaching soon" view: running SLA clocks due within this many minutes. */
export const SLA_BREACHING_SOON_MINUTES = 60;

export enum ViewKind {
  BuiltIn = 'builtin',
  Personal = 'personal',
  Team = 'team',
}

/** Counts stop at this many matching tickets (then `countCapped` is true and a client shows "10000+"). */
export const VIEW_COUNT_CAP = 10_000;

/** A view id in a path: a built-in id or a uuid. */
export const VIEW_ID_PATTERN =
  /^(my-open|unassigned-in-my-teams|all-open|sla-breached|sla-breaching-soon|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

const FILTERS_DESCRIPTION =
  'The same names and values as the query parameters of `GET /api/v1/tickets` (q, status, priority, assigneeId, requesterId, ' +
  'organizationId, type, teamId, tag, problemId, sla, slaDueWithin). An unknown name or a bad value is a 422 with one entry per field (`filters.<name>`).';

export class CreateViewDto {
  @ApiProperty({ example: 'Impresoras del piso 3', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A team view, shared with the team (created by its supervisor or an admin); without it the view is personal',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { q: 'impresora', status: 'open' },
    description: FILTERS_DESCRIPTION,
  })
  @IsObject()
  filters: Record<string, unknown>;

  @ApiPropertyOptional({ enum: TicketSort, default: TicketSort.Newest })
  @IsOptional()
  @IsEnum(TicketSort)
  sort?: TicketSort;
}

export class UpdateViewDto {
  @ApiPropertyOptional({ example: 'Impresoras del piso 3', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { q: 'impresora', status: 'pending' },
    description: FILTERS_DESCRIPTION,
  })
  @IsOptional()
  @IsObject()
  filters?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: TicketSort })
  @IsOptional()
  @IsEnum(TicketSort)
  sort?: TicketSort;
}

export class ViewView {
  @ApiProperty({ example: 'my-open', description: 'A uuid, or the stable id of a built-in view' }) id: string;
  @ApiProperty({ example: 'My open tickets' }) name: string;
  @ApiProperty({ enum: ViewKind }) kind: ViewKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Personal views: their owner' }) ownerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Team views: the team' }) teamId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { q: 'impresora', status: 'open' },
    description: 'Built-in views: empty (their conditions are fixed)',
  })
  filters: Record<string, unknown>;
  @ApiProperty({ enum: TicketSort }) sort: TicketSort;
  @ApiProperty({ example: 42, description: `Tickets matching it that the caller can see, counted up to ${VIEW_COUNT_CAP}` }) count: number;
  @ApiProperty({ description: `true when there are more than ${VIEW_COUNT_CAP} (show "${VIEW_COUNT_CAP}+")` }) countCapped: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) createdAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updatedAt: string | null;
}

export class ViewRefCommand extends ActorCommand {
  @IsString()
  @Matches(VIEW_ID_PATTERN)
  viewId: string;
}

export class CreateViewCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateViewDto)
  view: CreateViewDto;
}

export class UpdateViewCommand extends ViewRefCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateViewDto)
  changes: UpdateViewDto;
}

export class ViewTicketsCommand extends ViewRefCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => PageQuery)
  page: PageQuery;
}
