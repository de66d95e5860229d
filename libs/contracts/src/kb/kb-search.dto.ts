import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { KB_LOCALE_PATTERN, KbArticleStatus, KbCommand, KbVisibility } from './kb-article.dto';
import { KbSuggestionView } from './kb-suggestion.dto';

export const KB_SEARCH_MAX_QUERY_LENGTH = 200;
export const KB_SEARCH_DEFAULT_LIMIT = 10;
export const KB_SEARCH_MAX_LIMIT = 50;
export const KB_SUGGESTIONS_MAX_TEXT_LENGTH = 5000;
export const KB_SUGGESTIONS_DEFAULT_LIMIT = 5;
export const KB_SUGGESTIONS_MAX_LIMIT = 10;

/** Where suggestions were shown: the public web form, the customer portal, or an agent's ticket view. */
export type KbSuggestionSource = 'form' | 'portal' | 'agent';
export const KB_SUGGESTION_SOURCES: readonly KbSuggestionSource[] = ['form', 'portal', 'agent'];

/** What a reader did with a suggestion session: opened an article, said it solved the problem, or filed a ticket anyway. */
export type KbSuggestionEventKind = 'clicked' | 'solved' | 'ticket_created';
export const KB_SUGGESTION_EVENT_KINDS: readonly KbSuggestionEventKind[] = ['clicked', 'solved', 'ticket_created'];

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** `tags=a,b` or `tags=a&tags=b`: one lower-case list without repeats. */
const tagList = ({ value }: { value: unknown }): unknown => {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  if (!items.every((v) => typeof v === 'string')) return value;
  const tags = items.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  return [...new Set(tags.filter((v) => v.length > 0))];
};

const LOCALE_MESSAGE = 'locale must be a language code such as es, en or pt-BR';

export class KbSearchQuery {
  @ApiProperty({
    example: 'impresora no imprime',
    minLength: 1,
    maxLength: KB_SEARCH_MAX_QUERY_LENGTH,
    description:
      'Words to find (web-search syntax: `"exact phrase"`, `-excluded`, `or`). Accents and letter case are ignored and words are ' +
      'stemmed in the language of each article ("impresoras" finds "impresora").',
  })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'q must not be empty' })
  @MaxLength(KB_SEARCH_MAX_QUERY_LENGTH)
  q: string;

  @ApiPropertyOptional({ example: 'es', description: 'Only articles in this locale (one of `KB_LOCALES`); every locale when absent' })
  @IsOptional()
  @IsString()
  @Matches(KB_LOCALE_PATTERN, { message: LOCALE_MESSAGE })
  locale?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only articles in this category (its sections included) or section' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['impresora', 'hardware'],
    description: 'Only articles carrying every one of these tags (`tags=a,b` or `tags=a&tags=b`)',
  })
  @IsOptional()
  @Transform(tagList)
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: KB_SEARCH_MAX_LIMIT, default: KB_SEARCH_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(KB_SEARCH_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ example: 'bzoxMA', description: 'Opaque cursor from `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor returned by a previous page' })
  cursor?: string;
}

export class KbSearchHitView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Qué hacer cuando la impresora no imprime', description: 'Plain text: escape it before putting it in HTML' })
  title: string;
  @ApiProperty({ example: 'es' }) locale: string;
  @ApiProperty({ example: 'Comprueba la cola de impresión y el controlador.' }) summary: string;
  @ApiProperty({
    example: 'Reinicia la cola de <mark>impresión</mark> y vuelve a enviar el documento…',
    description: 'Safe HTML: the matched words in `<mark>`, every other character of the article escaped',
  })
  snippet: string;
  @ApiProperty({
    example: 1.42,
    description: 'Relevance, higher first: 1 more when a word is in the title, plus the weighted cover density (title > tags > body)',
  })
  score: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) categoryId: string | null;
  @ApiProperty({ type: [String], example: ['impresora', 'hardware'] }) tags: string[];
  @ApiProperty({ enum: KbArticleStatus, description: 'Always `published` for customers and anonymous readers' }) status: KbArticleStatus;
  @ApiProperty({ enum: KbVisibility }) visibility: KbVisibility;
  @ApiProperty({ example: '/kb/articles/0b5e6c1e-8f1d-4c59-9a59-3f0f7d7f2a10' }) url: string;
}

export class KbSearchResultView {
  @ApiProperty({ type: [KbSearchHitView] }) data: KbSearchHitView[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor: string | null;
  @ApiProperty({
    enum: ['none', 'partial', 'fuzzy'],
    example: 'none',
    description:
      '`partial` when articles holding every word were too few and articles holding some of the words were added; ' +
      '`fuzzy` when that too found too little and titles close in spelling were added (typo tolerance)',
  })
  fallback: 'none' | 'partial' | 'fuzzy';
  @ApiPropertyOptional({ example: 'impresora', description: 'The query spelled as the closest titles spell it, when it differs' })
  didYouMean?: string;
}

export class KbSuggestionsQuery {
  @ApiProperty({
    example: 'La impresora no imprime\nDesde ayer la impresora del piso 3 no saca ninguna hoja.',
    minLength: 1,
    maxLength: KB_SUGGESTIONS_MAX_TEXT_LENGTH,
    description: 'What the reader is writing: a ticket’s subject and description',
  })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(KB_SUGGESTIONS_MAX_TEXT_LENGTH)
  text: string;

  @ApiPropertyOptional({ example: 'es', description: 'The language of the text and of the articles (default: the first of `KB_LOCALES`)' })
  @IsOptional()
  @IsString()
  @Matches(KB_LOCALE_PATTERN, { message: LOCALE_MESSAGE })
  locale?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: KB_SUGGESTIONS_MAX_LIMIT, default: KB_SUGGESTIONS_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(KB_SUGGESTIONS_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ enum: KB_SUGGESTION_SOURCES, default: 'portal', description: 'Where the suggestions are shown' })
  @IsOptional()
  @IsIn(KB_SUGGESTION_SOURCES)
  source?: KbSuggestionSource;
}

export class KbSuggestionsView {
  @ApiProperty({
    format: 'uuid',
    description: 'The suggestion session: send clicks, "this solved my problem" and "I filed a ticket anyway" to it',
  })
  sessionId: string;
  @ApiProperty({ type: [KbSuggestionView] }) data: KbSuggestionView[];
}

export class KbSuggestionEventDto {
  @ApiProperty({ enum: KB_SUGGESTION_EVENT_KINDS, example: 'solved' })
  @IsIn(KB_SUGGESTION_EVENT_KINDS)
  kind: KbSuggestionEventKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'The suggested article (required for `clicked` and `solved`)' })
  @ValidateIf((o: KbSuggestionEventDto) => o.kind !== 'ticket_created' || o.articleId !== undefined)
  @IsUUID()
  articleId?: string;
}

export class KbSuggestionEventView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ enum: KB_SUGGESTION_EVENT_KINDS, example: 'solved' }) kind: KbSuggestionEventKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) articleId: string | null;
  @ApiProperty({ example: true, description: 'false when the same event was recorded before (nothing changed)' }) recorded: boolean;
}

export class KbDeflectionQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions opened at or after (default: 30 days before `to`)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions opened before (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: KB_SUGGESTION_SOURCES, description: 'Only sessions of this source' })
  @IsOptional()
  @IsIn(KB_SUGGESTION_SOURCES)
  source?: KbSuggestionSource;
}

export class KbDeflectionView {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ example: 120, description: 'Suggestion sessions that showed at least one article' }) sessions: number;
  @ApiProperty({ example: 14, description: 'Sessions where nothing was found to show (gaps in the knowledge base); not in `sessions`' })
  emptySessions: number;
  @ApiProperty({ example: 64, description: 'Sessions with at least one suggestion opened' }) clicked: number;
  @ApiProperty({ example: 30, description: 'Sessions where the reader said an article solved the problem and filed no ticket' })
  deflected: number;
  @ApiProperty({ example: 40, description: 'Sessions that ended in a ticket anyway' }) ticketCreated: number;
  @ApiProperty({ example: 0.25, description: '`deflected ÷ sessions` (0 when there are none), 4 decimals' }) deflectionRate: number;
  @ApiProperty({ example: 0.5333, description: '`clicked ÷ sessions`, 4 decimals' }) clickThroughRate: number;
}

export interface KbSearchCommand extends KbCommand {
  query: KbSearchQuery;
}
export interface KbSuggestionEventCommand extends KbCommand {
  sessionId: string;
  event: KbSuggestionEventDto;
}
export interface KbDeflectionCommand extends KbCommand {
  query: KbDeflectionQuery;
}
