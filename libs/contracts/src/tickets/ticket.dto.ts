import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommentAttachmentView, MAX_COMMENT_ATTACHMENTS } from './attachment.dto';
import { Channel, TicketPriority, TicketStatus, TicketType, TIERS, Tier } from '../common/enums';
import { IsOptionalNonNull } from '../common/validation';
import { SatisfactionView } from './csat.dto';
import { PresenceView } from './presence.dto';
import { PageQuery } from '../common/page';
import { CustomFieldValues } from './custom-field.dto';

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

const CUSTOM_FIELDS_EXAMPLE = { printer_model: 'laserjet_4000', floor: 3, warranty_until: '2027-06-30' };

export class CreateTicketDto extends TicketClassificationFields {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: CUSTOM_FIELDS_EXAMPLE,
    description:
      'Custom field values by key (see /api/v1/ticket-fields): text, number, date YYYY-MM-DD, option value, list of option values, true/false. ' +
      'Each bad or missing required value is reported as `customFields.<key>`.',
  })
  @IsOptionalNonNull()
  @IsObject()
  customFields?: Record<string, unknown>;

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

  @ApiPropertyOptional({
    example: 'HD-000123',
    description: 'A closed ticket (uuid or number) this one follows up; closed tickets are read-only',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  followUpOf?: string;
}

export class UpdateTicketDto extends TicketClassificationFields {
  @ApiPropertyOptional({ type: [String], example: ['vip'], description: 'Tags to add to the current ones (bulk updates and macros)' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @Transform(normalizeTags)
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits, _ . : - (max 50)' })
  addTags?: string[];

  @ApiPropertyOptional({ type: [String], example: ['waiting'], description: 'Tags to remove from the current ones' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @Transform(normalizeTags)
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits, _ . : - (max 50)' })
  removeTags?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { printer_model: 'laserjet_4000', warranty_until: null },
    description: 'Custom field values to change by key; null clears one; keys not given stay as they are',
  })
  @IsOptionalNonNull()
  @IsObject()
  customFields?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'With status `solved` on a problem: solve its unsolved incidents too' })
  @IsOptionalNonNull()
  @IsBoolean()
  solveIncidents?: boolean;

  @ApiPropertyOptional({ example: 'La impresora del piso 3 no imprime', maxLength: 250 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  subject?: string;

  @ApiPropertyOptional({ example: 'Desde esta mañana la impresora muestra "papel atascado".', maxLength: 65536 })
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
  /** Staff: earliest SLA due time first, tickets without a running clock last */
  SlaDue = 'sla_due',
}

/** `?sla=`: the SLA states a list filters on (staff only). */
export enum TicketSlaFilter {
  Breached = 'breached',
}

/** `?slaDueWithin=`: at most a week ahead, in minutes. */
export const MAX_SLA_DUE_WITHIN_MINUTES = 10_080;

/** The filters only staff may use (a customer naming one gets 403): SLA state is internal. */
export const STAFF_ONLY_TICKET_FILTERS = ['sla', 'slaDueWithin'] as const;

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

  @ApiPropertyOptional({
    enum: TicketSlaFilter,
    example: TicketSlaFilter.Breached,
    description: 'Staff only: `breached` = a clock of the ticket has breached its SLA target',
  })
  @IsOptional()
  @IsEnum(TicketSlaFilter)
  sla?: TicketSlaFilter;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_SLA_DUE_WITHIN_MINUTES,
    example: 60,
    description:
      'Staff only: tickets with a running SLA clock, not breached yet, due within this many minutes from now ' +
      '(those already past due but not yet reported breached included)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SLA_DUE_WITHIN_MINUTES)
  slaDueWithin?: number;
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
  'sla',
  'slaDueWithin',
] as const satisfies readonly (keyof TicketFiltersDto)[];

export class TicketSortQuery {
  @ApiPropertyOptional({
    enum: TicketSort,
    description:
      'Default `newest`. `relevance` (with `q`): ts_rank, subject above description above comments, ties newest first; ' +
      'it ranks every match, so a word found in a large share of the tickets is slow to order (see BENCHMARKS.md). ' +
      '`sla_due` (staff): earliest SLA due time first, tickets without a running clock last, ties oldest first',
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

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_COMMENT_ATTACHMENTS,
    example: ['0d9b6a8e-52c4-4f7e-8f0c-7c1c6c3b2a10'],
    description:
      'Attachments uploaded by you to this ticket (POST /tickets/:id/attachments) and not linked yet; they take the visibility of the comment',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COMMENT_ATTACHMENTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class UserRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Ana Pérez' }) name: string;
  @ApiProperty({ example: 'ana@example.com' }) email: string;
}

/** What lists filter on: the ticket's SLA as sla-service last reported it (details: GET /tickets/:id/sla). */
export class TicketSlaStateView {
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2026-11-24T12:00:00.000Z',
    description: 'The earliest due time of a running clock that has not breached (null: none)',
  })
  nextDueAt: string | null;
  @ApiProperty({ example: false, description: 'A clock of the ticket has breached' }) breached: boolean;
}

export class TicketView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HD-000123' }) number: string;
  @ApiProperty({ example: 'La impresora del piso 3 no imprime' }) subject: string;
  @ApiProperty({ example: 'Desde esta mañana la impresora muestra "papel atascado".' }) description: string;
  @ApiProperty({ enum: TicketStatus }) status: TicketStatus;
  @ApiProperty({ enum: TicketPriority }) priority: TicketPriority;
  @ApiProperty({ enum: Channel }) channel: Channel;
  @ApiProperty({ type: UserRefView }) requester: UserRefView;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "The requester's organization" }) organizationId: string | null;
  @ApiProperty({ enum: TicketType, nullable: true }) type: TicketType | null;
  @ApiProperty({ enum: TIERS, type: Number }) tier: Tier;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ example: ['impresora', 'piso-3'], type: [String] }) tags: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: CUSTOM_FIELDS_EXAMPLE,
    description: 'Custom field values by key; customers see only the fields shown to them',
  })
  customFields: CustomFieldValues;
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
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The first public reply by staff (first response)' })
  firstResponseAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) solvedAt: string | null;
  @ApiPropertyOptional({ type: TicketSlaStateView, description: 'Staff only: the SLA state sla-service last reported' })
  sla?: TicketSlaStateView;
  @ApiProperty({ example: 3, description: 'Increments on every change; the ETag is derived from it' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TicketPageView {
  @ApiProperty({ type: [TicketView] }) data: TicketView[];
  @ApiProperty({ example: 'eyJzZXEiOiIxMjMifQ', nullable: true, type: String }) nextCursor: string | null;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ type: UserRefView }) author: UserRefView;
  @ApiProperty({ example: 'Hemos reemplazado el tóner, ¿puede probar de nuevo?' }) body: string;
  @ApiProperty({
    example: '<p>Hemos reemplazado el <b>tóner</b>, ¿puede probar de nuevo?</p>',
    nullable: true,
    description:
      'An email’s HTML, sanitized (no scripts or event handlers; inline images point at the ticket’s attachments); null for other comments',
  })
  html: string | null;
  @ApiProperty() public: boolean;
  @ApiProperty({ type: [CommentAttachmentView] }) attachments: CommentAttachmentView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FieldChangeView {
  @ApiProperty({ example: 'status' }) field: string;
  @ApiProperty({ example: 'open', nullable: true }) from: unknown;
  @ApiProperty({ example: 'pending', nullable: true }) to: unknown;
  @ApiPropertyOptional({ example: 'the requester replied', description: 'Why an automatic change happened' }) reason?: string;
}

export class HistoryEntryView {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty({ example: 'updated', description: 'created | updated | comment_added' }) action: string;
  @ApiProperty({ type: UserRefView, nullable: true }) actor: UserRefView | null;
  @ApiProperty({ type: [FieldChangeView] }) changes: FieldChangeView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
