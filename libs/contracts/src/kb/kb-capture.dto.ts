import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '../common/page';
import { KB_LOCALE_PATTERN, KbCommand, KbVisibility } from './kb-article.dto';

export enum KbCaptureState {
  Open = 'open',
  Drafted = 'drafted',
  Dismissed = 'dismissed',
}

/** Options of a draft captured from a solved ticket. */
export class CaptureKbArticleDto {
  @ApiPropertyOptional({
    example: 'es',
    description: "One of the configured locales; default: the requester's language if configured, else the first configured locale",
  })
  @IsOptional()
  @IsString()
  @Matches(KB_LOCALE_PATTERN, { message: 'locale must be a language code such as es, en or pt-BR' })
  locale?: string;

  @ApiPropertyOptional({ enum: [KbVisibility.Public, KbVisibility.Internal], description: 'Default `internal`' })
  @IsOptional()
  @IsEnum(KbVisibility)
  @IsIn([KbVisibility.Public, KbVisibility.Internal], { message: 'visibility must be public or internal' })
  visibility?: KbVisibility;
}

export class KbCaptureProposalListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KbCaptureState, default: KbCaptureState.Open })
  @IsOptional()
  @IsEnum(KbCaptureState)
  state?: KbCaptureState;
}

/** A solved ticket that may be worth an article. */
export class KbCaptureProposalView {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'HD-000123' }) ticketNumber: string;
  @ApiProperty({ example: 'La impresora del piso 3 no imprime' }) subject: string;
  @ApiProperty({ format: 'date-time', description: 'The latest solve' }) solvedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who solved it (null: the system)' }) solvedBy: string | null;
  @ApiProperty({ enum: KbCaptureState }) state: KbCaptureState;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The draft captured from it' }) articleId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class KbCaptureProposalPageView {
  @ApiProperty({ type: [KbCaptureProposalView] }) data: KbCaptureProposalView[];
  @ApiProperty({ example: 'MjAyNi0xMi0wNlQxMDowMDowMC4wMDBafGE', nullable: true, type: String }) nextCursor: string | null;
}

export interface ListKbCaptureProposalsCommand extends KbCommand {
  query: KbCaptureProposalListQuery;
}
export interface DismissKbCaptureProposalCommand extends KbCommand {
  ticketId: string;
}
export interface CaptureKbArticleCommand extends KbCommand {
  ticketId: string;
  options: CaptureKbArticleDto;
}
