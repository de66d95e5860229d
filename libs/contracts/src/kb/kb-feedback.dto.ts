import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page';
import { KbArticleStatus, KbCommand } from './kb-article.dto';

export const KB_FEEDBACK_COMMENT_MAX = 2000;

export class CreateKbFeedbackDto {
  @ApiProperty({ example: true, description: 'Whether the article helped' })
  @IsBoolean()
  helpful: boolean;

  @ApiPropertyOptional({
    example: 'Faltaba el paso de reiniciar el router.',
    maxLength: KB_FEEDBACK_COMMENT_MAX,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  @MaxLength(KB_FEEDBACK_COMMENT_MAX)
  comment?: string | null;
}

export class KbHelpfulCounts {
  @ApiProperty({ example: 12 }) yes: number;
  @ApiProperty({ example: 1 }) no: number;
}

/** The answer to a vote. */
export class KbFeedbackReceiptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty({ example: true }) helpful: boolean;
  @ApiProperty({ example: 'Faltaba el paso de reiniciar el router.', nullable: true, type: String }) comment: string | null;
  @ApiProperty({ example: false, description: "true when it replaced the caller's earlier vote on the article" }) replaced: boolean;
  @ApiProperty({ type: KbHelpfulCounts, description: "The article's counts after the vote" }) counts: KbHelpfulCounts;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class KbFeedbackView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: false }) helpful: boolean;
  @ApiProperty({ example: 'Faltaba el paso de reiniciar el router.', nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: an anonymous reader' }) actorId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class KbFeedbackPageView {
  @ApiProperty({ type: [KbFeedbackView] }) data: KbFeedbackView[];
  @ApiProperty({ example: 'MjAyNi0xMi0wNlQxMDowMDowMC4wMDBafGE', nullable: true, type: String }) nextCursor: string | null;
}

export class KbFeedbackListQuery extends PageQuery {}

/** The review queue is ranked (most urgent first), not keyed: its cursor names a position in the ranking. */
export class KbReviewQueueQuery extends PageQuery {}

export type KbReviewReason = 'overdue' | 'poor_feedback';

/** An article due for review, and why. */
export class KbReviewEntryView {
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty({ example: 'Qué hacer cuando la impresora no imprime' }) title: string;
  @ApiProperty({ example: 'es' }) locale: string;
  @ApiProperty({ enum: KbArticleStatus }) status: KbArticleStatus;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ enum: ['overdue', 'poor_feedback'], isArray: true, example: ['overdue', 'poor_feedback'] }) reasons: KbReviewReason[];
  @ApiProperty({ format: 'date', nullable: true, type: String }) reviewBy: string | null;
  @ApiProperty({ example: 12, nullable: true, type: Number, description: 'Days past the review date (null: not overdue)' })
  daysOverdue: number | null;
  @ApiProperty({ type: KbHelpfulCounts }) helpful: KbHelpfulCounts;
  @ApiProperty({ example: 38, nullable: true, type: Number, description: 'Share of helpful votes, 0-100 rounded (null: no votes)' })
  helpfulPercent: number | null;
}

export class KbReviewQueueView {
  @ApiProperty({ type: [KbReviewEntryView] }) data: KbReviewEntryView[];
  @ApiProperty({ example: 'bzoyNQ', nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ example: 5, description: 'Votes an article needs before its feedback can count as poor' }) minVotes: number;
  @ApiProperty({ example: 50, description: 'Below this share of helpful votes, feedback is poor' }) minHelpfulPercent: number;
}

export interface CreateKbFeedbackCommand extends KbCommand {
  articleId: string;
  feedback: CreateKbFeedbackDto;
}
export interface ListKbFeedbackCommand extends KbCommand {
  articleId: string;
  query: KbFeedbackListQuery;
}
export interface KbReviewQueueCommand extends KbCommand {
  query: KbReviewQueueQuery;
}
