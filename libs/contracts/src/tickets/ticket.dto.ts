import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Channel, TicketPriority, TicketStatus, TicketType, TIERS, Tier } from '../common/enums';
import { IsOptionalNonNull } from '../common/validation';
import { SatisfactionView } from './csat.dto';
import { PresenceView } from './presence.dto';
import { PageQuery } from '../common/page';

export const TICKET_NUMBER_PATTERN = /^HD-\d{6,}$/;

export class RequesterRefDto {
  @ApiProperty({ example: 'ana@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Ana Pérez' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export const TAG_PATTERN = /^[a-z0-9][a-z0-9_.:-]{0,49}$/;

const normalizeTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? [...new Set((value as unknown[]).map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)))] : value;

/** How a ticket is classified and where it sits; staff set these (customers may set the type). */
export class TicketClassificationFields {
  @ApiPropertyOptional({ enum: TicketType, nullable: true })
  @IsOptional()
  @IsEnum(TicketType)
  type?: TicketType | null;

  @ApiPropertyOptional({ enum: TIERS, default: 1, description: 'Staff only: the support tier working the ticket' })
  @IsOptionalNonNull()
  @IsIn(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Staff only' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['printer', 'floor-3'], description: 'Staff only; lower-cased, duplicates dropped' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @Transform(normalizeTags)
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits, _ . : - (max 50)' })
  tags?: string[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'Staff only' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Staff only, incidents only: the problem ticket that causes this incident',
  })
  @IsOptional()
  @IsUUID()
  problemId?: string | null;
}

export class CreateTicketDto extends TicketClassificationFields {
  @ApiProperty({ example: 'La impresora del piso 3 no imprime', maxLength: 250 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  subject: string;

  @ApiProperty({ example: 'Desde esta mañana la impresora muestra "papel atascado".', maxLength: 65536 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65536)
  description: string;

  @ApiPropertyOptional({ enum: TicketPriority, default: TicketPriority.Normal })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ type: RequesterRefDto, description: 'Defaults to the caller' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RequesterRefDto)
  requester?: RequesterRefDto;

  @ApiPropertyOptional({ enum: Channel, default: Channel.Api })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel;

  @ApiPropertyOptional({ description: 'A closed ticket (uuid or number) this one follows up; closed tickets are read-only' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  followUpOf?: string;
}

export class UpdateTicketDto extends TicketClassificationFields {
  @ApiPropertyOptional({ description: 'With status `solved` on a problem: solve its unsolved incidents too' })
  @IsOptionalNonNull()
  @IsBoolean()
  solveIncidents?: boolean;

  @ApiPropertyOptional({ maxLength: 250 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  subject?: string;

  @ApiPropertyOptional({ maxLength: 65536 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(65536)
  description?: string;

  @ApiPropertyOptional({ enum: TicketStatus })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TicketPriority })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null unassigns' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

/** Statuses that still need work (Zendesk's "unsolved"): what the built-in views call open. */
export const UNSOLVED_STATUSES: readonly TicketStatus[] = [TicketStatus.New, TicketStatus.Open, TicketStatus.Pending, TicketStatus.OnHold];

export const MAX_SEARCH_TEXT_LENGTH = 200;

/** How a list is ordered: newest first, or by relevance to `q` (then newest). */
export enum TicketSort {
  Newest = 'newest',
  Relevance = 'relevance',
}

/**
 * The filters of a ticket list: query parameters of `GET /tickets`, and what a saved view stores.
 * All given filters hold at once.
 */
export class TicketFiltersDto {
  @ApiPropertyOptional({
    maxLength: MAX_SEARCH_TEXT_LENGTH,
    example: 'impresora "papel atascado" -toner',
    description:
      'Full-text search over subject, description and comments (staff also match internal notes), in Spanish and English, ' +
      'accents and case ignored, words reduced to their stem ("impresoras" finds "impresora", "printers" finds "printer"). ' +
      'Web-search syntax: all words must appear, "quoted phrase", `or`, `-excluded`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SEARCH_TEXT_LENGTH)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The incidents of a problem' })
  @IsOptional()
  @IsUUID()
  problemId?: string;

  @ApiPropertyOptional({ enum: TicketStatus })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TicketPriority })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  requesterId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: TicketType })
  @IsOptional()
  @IsEnum(TicketType)
  type?: TicketType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ example: 'printer' })
  @IsOptional()
  @Matches(TAG_PATTERN)
  tag?: string;
}

/** The names a filter may have (a saved view with any other is a 422). */
export const TICKET_FILTER_NAMES = [
  'q',
  'problemId',
  'status',
  'priority',
  'assigneeId',
  'requesterId',
  'organizationId',
  'type',
  'teamId',
  'tag',
] as const satisfies readonly (keyof TicketFiltersDto)[];

export class TicketSortQuery {
  @ApiPropertyOptional({
    enum: TicketSort,
    description:
      'Default `newest`. `relevance` (with `q`): ts_rank, subject above description above comments, ties newest first; ' +
      'it ranks every match, so a word found in a large share of the tickets is slow to order (see BENCHMARKS.md)',
  })
  @IsOptional()
  @IsEnum(TicketSort)
  sort?: TicketSort;
}

export class ListTicketsQuery extends IntersectionType(TicketFiltersDto, TicketSortQuery, PageQuery) {}

export class AddCommentDto {
  @ApiProperty({ example: 'Hemos reemplazado el tóner, ¿puede probar de nuevo?', maxLength: 65536 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65536)
  body: string;

  @ApiPropertyOptional({
    default: true,
    description: 'true: a public reply the requester sees; false: an internal note for staff only',
  })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

export class UserRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class TicketView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HD-000123' }) number: string;
  @ApiProperty() subject: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TicketStatus }) status: TicketStatus;
  @ApiProperty({ enum: TicketPriority }) priority: TicketPriority;
  @ApiProperty({ enum: Channel }) channel: Channel;
  @ApiProperty({ type: UserRefView }) requester: UserRefView;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "The requester's organization" }) organizationId: string | null;
  @ApiProperty({ enum: TicketType, nullable: true }) type: TicketType | null;
  @ApiProperty({ enum: TIERS, type: Number }) tier: Tier;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The closed ticket this one follows up' }) followUpOfId:
    string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Incidents: the problem causing them' })
  problemId: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'People kept informed, such as the assignee before an escalation' })
  followerIds: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Set when this ticket was merged into another' })
  mergedIntoId: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A recent open ticket of the same requester that this one seems to repeat (same message, or a similar subject)',
  })
  possibleDuplicateOfId: string | null;
  @ApiProperty({ type: () => SatisfactionView, nullable: true, description: "The requester's satisfaction rating, once given" })
  satisfaction: SatisfactionView | null;
  @ApiPropertyOptional({
    type: () => [PresenceView],
    description: 'Staff reading one ticket: the other agents viewing or typing on it now (entries expire after ~30 s)',
  })
  presence?: PresenceView[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) solvedAt: string | null;
  @ApiProperty({ description: 'Increments on every change; the ETag is derived from it' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TicketPageView {
  @ApiProperty({ type: [TicketView] }) data: TicketView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ type: UserRefView }) author: UserRefView;
  @ApiProperty() body: string;
  @ApiProperty() public: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FieldChangeView {
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true }) from: unknown;
  @ApiProperty({ nullable: true }) to: unknown;
  @ApiPropertyOptional({ description: 'Why an automatic change happened' }) reason?: string;
}

export class HistoryEntryView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'updated', description: 'created | updated | comment_added' }) action: string;
  @ApiProperty({ type: UserRefView, nullable: true }) actor: UserRefView | null;
  @ApiProperty({ type: [FieldChangeView] }) changes: FieldChangeView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
