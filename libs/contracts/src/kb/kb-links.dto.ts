import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { KbArticleStatus, KbCommand, KbVisibility } from './kb-article.dto';
import { PageQuery } from '../common/page';

/** A ticket as the knowledge base names it: its uuid or its number (`HD-000123`). */
export const KB_TICKET_REF_PATTERN = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[Hh][Dd]-\d{6,})$/;
const TICKET_REF_MESSAGE = 'ticketId must be a ticket uuid or a ticket number like HD-000123';

export class CreateKbTicketLinkDto {
  @ApiProperty({ example: 'HD-000123', description: 'The ticket: its uuid or its number' })
  @IsString()
  @MaxLength(64)
  @Matches(KB_TICKET_REF_PATTERN, { message: TICKET_REF_MESSAGE })
  ticketId: string;
}

export class KbTicketLinksQuery {
  @ApiProperty({ example: 'HD-000123', description: 'The ticket: its uuid or its number' })
  @IsString()
  @MaxLength(64)
  @Matches(KB_TICKET_REF_PATTERN, { message: TICKET_REF_MESSAGE })
  ticketId: string;
}

export class KbArticleTicketLinksQuery extends PageQuery {}

/** One article used on a ticket. */
export class KbTicketLinkView {
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty({ example: 'Qué hacer cuando la impresora no imprime' }) articleTitle: string;
  @ApiProperty({ example: 'es' }) articleLocale: string;
  @ApiProperty({ enum: KbArticleStatus }) articleStatus: KbArticleStatus;
  @ApiProperty({ enum: KbVisibility }) articleVisibility: KbVisibility;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'HD-000123' }) ticketNumber: string;
  @ApiProperty({ format: 'uuid', description: 'Who linked it' }) linkedBy: string;
  @ApiProperty({ example: 3, description: 'The number of tickets the article is linked to' }) usageCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** One ticket an article was used on. */
export class KbArticleTicketView {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'HD-000123' }) ticketNumber: string;
  @ApiProperty({ format: 'uuid' }) linkedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class KbArticleTicketPageView {
  @ApiProperty({ type: [KbArticleTicketView] }) data: KbArticleTicketView[];
  @ApiProperty({ example: 'MjAyNi0xMi0wNlQxMDowMDowMC4wMDBafGE', nullable: true, type: String }) nextCursor: string | null;
}

/** The reply of a link request: `created` is false when the link was there already. */
export interface KbTicketLinkReply {
  link: KbTicketLinkView;
  created: boolean;
}

export interface CreateKbTicketLinkCommand extends KbCommand {
  articleId: string;
  ticketId: string;
}
export interface DeleteKbTicketLinkCommand extends KbCommand {
  articleId: string;
  ticketId: string;
}
export interface KbTicketLinksOfTicketCommand extends KbCommand {
  ticketId: string;
}
export interface KbTicketLinksOfArticleCommand extends KbCommand {
  articleId: string;
  query: KbArticleTicketLinksQuery;
}
