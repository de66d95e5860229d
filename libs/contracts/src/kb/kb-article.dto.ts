import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Actor } from '../common/actor';
import { Role } from '../common/enums';
import { IsOptionalNonNull } from '../common/validation';
import { PageQuery } from '../common/page';

/** Who may read an article: everyone (published only, for customers and anonymous readers), staff only, or the roles and teams named. */
export enum KbVisibility {
  Public = 'public',
  Internal = 'internal',
  Restricted = 'restricted',
}

export enum KbArticleStatus {
  Draft = 'draft',
  Published = 'published',
  Archived = 'archived',
}

/** A locale code (`es`, `en`, `pt-BR`); the service accepts the ones configured in `KB_LOCALES`. */
export const KB_LOCALE_PATTERN = /^[a-z]{2}(-[A-Z]{2})?$/;
export const KB_MAX_BODY_LENGTH = 200_000;
export const KB_MAX_TAGS = 20;

/**
 * A knowledge-base request. `actor` is null for an anonymous reader of the public knowledge base,
 * who sees published public articles only.
 */
export interface KbCommand {
  actor: Actor | null;
}

export class KbArticleFieldsDto {
  @ApiPropertyOptional({ example: 'Qué hacer cuando la impresora no imprime', maxLength: 300 })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({
    example: '## Pasos\n\n1. Reinicia la cola de impresión.',
    description: 'Markdown; rendered to sanitized HTML (raw HTML in it is shown as text)',
    maxLength: KB_MAX_BODY_LENGTH,
  })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(KB_MAX_BODY_LENGTH)
  body?: string;

  @ApiPropertyOptional({ example: 'Comprueba la cola de impresión y el controlador.', maxLength: 1000 })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(1000)
  summary?: string;

  @ApiPropertyOptional({ type: [String], example: ['impresora', 'hardware'], maxItems: KB_MAX_TAGS })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(KB_MAX_TAGS)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^[\p{L}\p{N}_.-]{1,50}$/u, { each: true, message: 'each tag must be 1-50 letters, digits, "_", "." or "-"' })
  tags?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The category or section the article sits in' })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @ApiPropertyOptional({ enum: KbVisibility, description: 'Default `internal`' })
  @IsOptionalNonNull()
  @IsEnum(KbVisibility)
  visibility?: KbVisibility;

  @ApiPropertyOptional({ enum: Role, isArray: true, description: 'With `restricted`: the roles that may read it' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  allowedRoles?: Role[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'With `restricted`: the teams whose members may read it' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  allowedTeamIds?: string[];

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    example: '2027-06-30',
    description: 'When the article is due for review',
  })
  @IsOptional()
  @ValidateIf((_o: object, v: unknown) => v !== null)
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reviewBy must be a date (YYYY-MM-DD)' })
  reviewBy?: string | null;
}

export class CreateKbArticleDto extends KbArticleFieldsDto {
  @ApiProperty({ example: 'Qué hacer cuando la impresora no imprime', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  declare title: string;

  @ApiProperty({ example: '## Pasos\n\n1. Reinicia la cola de impresión.\n2. Reinstala el controlador.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(KB_MAX_BODY_LENGTH)
  declare body: string;

  @ApiProperty({ example: 'es', description: 'One of the configured locales (`KB_LOCALES`, default `es,en`)' })
  @IsString()
  @Matches(KB_LOCALE_PATTERN, { message: 'locale must be a language code such as es, en or pt-BR' })
  locale: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Make this a translation of that article (same group, another locale)' })
  @IsOptional()
  @IsUUID()
  translationOf?: string;
}

export class UpdateKbArticleDto extends KbArticleFieldsDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'Añade el paso del controlador', description: 'Why: kept with the revision' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class KbArticleListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KbArticleStatus })
  @IsOptional()
  @IsEnum(KbArticleStatus)
  status?: KbArticleStatus;

  @ApiPropertyOptional({ example: 'es' })
  @IsOptional()
  @IsString()
  @Matches(KB_LOCALE_PATTERN, { message: 'locale must be a language code such as es, en or pt-BR' })
  locale?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A category (its sections included) or a section' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ example: 'impresora' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ enum: KbVisibility })
  @IsOptional()
  @IsEnum(KbVisibility)
  visibility?: KbVisibility;
}

export class KbTranslationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'en' }) locale: string;
  @ApiProperty({ example: 'Qué hacer cuando la impresora no imprime' }) title: string;
  @ApiProperty({ enum: KbArticleStatus }) status: KbArticleStatus;
}

export class KbArticleSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Shared by the language versions of one article' }) translationGroup: string;
  @ApiProperty({ example: 'es' }) locale: string;
  @ApiProperty({ example: 'que-hacer-cuando-la-impresora-no-imprime' }) slug: string;
  @ApiProperty({ example: 'Qué hacer cuando la impresora no imprime' }) title: string;
  @ApiProperty({ example: 'Comprueba la cola de impresión y el controlador.' }) summary: string;
  @ApiProperty({ type: [String], example: ['impresora', 'hardware'] }) tags: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) categoryId: string | null;
  @ApiProperty({ enum: KbVisibility }) visibility: KbVisibility;
  @ApiProperty({ enum: KbArticleStatus }) status: KbArticleStatus;
  @ApiProperty({ example: 3, description: 'The content revision: increases with every save that changes the article' }) revision: number;
  @ApiProperty({ example: 5, description: 'Increases with every change, status included: the ETag' }) version: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class KbArticleView extends KbArticleSummaryView {
  @ApiProperty({ example: '## Pasos\\n\\n1. Reinicia la cola de impresión.', description: 'Markdown source' }) body: string;
  @ApiProperty({
    example: '<h2>Pasos</h2><ol><li>Reinicia la cola de impresión.</li></ol>',
    description: 'Sanitized HTML rendered from the body',
  })
  bodyHtml: string;
  @ApiProperty({ enum: Role, isArray: true }) allowedRoles: Role[];
  @ApiProperty({ type: [String], format: 'uuid' }) allowedTeamIds: string[];
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) reviewBy: string | null;
  @ApiProperty({ nullable: true, description: 'The solved ticket the article was captured from', type: Object, example: null })
  sourceTicket: { id: string; number: string } | null;
  @ApiProperty({ example: 14, description: 'Tickets it was linked to' }) usageCount: number;
  @ApiProperty({ example: 230 }) viewCount: number;
  @ApiProperty({ example: { yes: 12, no: 1 } }) helpful: { yes: number; no: number };
  @ApiProperty({ type: [KbTranslationRef], description: 'The other language versions the caller may read' })
  translations: KbTranslationRef[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class KbArticlePageView {
  @ApiProperty({ type: [KbArticleSummaryView] }) data: KbArticleSummaryView[];
  @ApiProperty({ nullable: true, type: String, example: 'MjAyNi0xMi0wNlQxMDowMDowMFp8MTIz' }) nextCursor: string | null;
}

export class KbRevisionView {
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty({ example: 3 }) revision: number;
  @ApiProperty({ example: 'Qué hacer cuando la impresora no imprime' }) title: string;
  @ApiProperty({ example: 'Comprueba la cola de impresión y el controlador.' }) summary: string;
  @ApiProperty({ example: '## Pasos\\n\\n1. Reinicia la cola de impresión.' }) body: string;
  @ApiProperty({ type: [String], example: ['impresora', 'hardware'] }) tags: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) categoryId: string | null;
  @ApiProperty({ enum: KbVisibility }) visibility: KbVisibility;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ nullable: true, type: String, example: 'Añade el paso del controlador' }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** One run of a field's text in a diff: unchanged, only in the newer revision, or only in the older one. */
export class KbDiffPart {
  @ApiProperty({ enum: ['equal', 'added', 'removed'] }) op: 'equal' | 'added' | 'removed';
  @ApiProperty({ example: 'Reinicia la cola de impresión.\\n' }) text: string;
}

export class KbFieldDiff {
  @ApiProperty({ enum: ['title', 'summary', 'body', 'tags', 'categoryId', 'visibility'] }) field: string;
  @ApiProperty({ example: true }) changed: boolean;
  @ApiProperty({ type: [KbDiffPart], description: 'Line by line for the body, word by word for the other fields' }) parts: KbDiffPart[];
}

export class KbRevisionDiffView {
  @ApiProperty({ example: 1 }) from: number;
  @ApiProperty({ example: 3 }) to: number;
  @ApiProperty({ type: [KbFieldDiff] }) fields: KbFieldDiff[];
}

export class KbRevisionDiffQuery {
  @ApiProperty({ minimum: 1, example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  from: number;

  @ApiProperty({ minimum: 1, example: 3 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  to: number;
}

export interface CreateKbArticleCommand extends KbCommand {
  article: CreateKbArticleDto;
  idempotencyKey?: string;
}
export interface KbArticleRefCommand extends KbCommand {
  id: string;
}
export interface UpdateKbArticleCommand extends KbCommand {
  id: string;
  changes: UpdateKbArticleDto;
  /** From If-Match: 412 when the article's version moved on */
  expectedVersion?: number;
}
export interface ListKbArticlesCommand extends KbCommand {
  query: KbArticleListQuery;
}
export interface KbArticleStatusCommand extends KbCommand {
  id: string;
  status: KbArticleStatus;
  expectedVersion?: number;
}
export interface KbRevisionRefCommand extends KbCommand {
  id: string;
  revision: number;
  expectedVersion?: number;
}
export interface KbRevisionDiffCommand extends KbCommand {
  id: string;
  from: number;
  to: number;
}
