import {
  Actor,
  CreateKbTicketLinkDto,
  KbArticleTicketLinksQuery,
  KbArticleTicketPageView,
  KbTicketLinkReply,
  KbTicketLinksQuery,
  KbTicketLinkView,
  STAFF_ROLES,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { ticketRefParam, uuidParam } from '../http/request-params';

/** Articles used on tickets (staff): the links both ways, and the article's usage count. */
@ApiTags('knowledge base')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/kb')
export class KbLinksController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...STAFF_ROLES)
  @Post('articles/:id/ticket-links')
  @ApiOperation({
    summary: 'Link an article to a ticket it helped with (staff)',
    description:
      'The ticket (uuid or number) must be one the caller may see, else 422; the article one they may read, else 404. ' +
      'Idempotent: the first link answers 201, linking the same pair again answers 200 with the same link and changes nothing. ' +
      "The article's `usageCount` is the number of tickets it is linked to.",
  })
  @ApiCreatedResponse({ type: KbTicketLinkView, description: 'Linked' })
  @ApiOkResponse({ type: KbTicketLinkView, description: 'Was linked already' })
  @ApiUnprocessableEntityResponse({ description: 'No such ticket, or not one the caller may see' })
  async link(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: CreateKbTicketLinkDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KbTicketLinkView> {
    const result = await this.bus.request<KbTicketLinkReply>(SUBJECTS.kb.ticketLinkCreate, {
      actor,
      articleId: uuidParam(id),
      ticketId: body.ticketId,
    });
    void reply.status(result.created ? 201 : 200);
    return result.link;
  }

  @Roles(...STAFF_ROLES)
  @Delete('articles/:id/ticket-links/:ticketId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unlink an article from a ticket (staff)',
    description: 'By ticket uuid or number. Removing a link that is not there also answers 204.',
  })
  @ApiNoContentResponse({ description: 'Unlinked' })
  async unlink(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('ticketId') ticketId: string): Promise<void> {
    await this.bus.request(SUBJECTS.kb.ticketLinkDelete, { actor, articleId: uuidParam(id), ticketId: ticketRefParam(ticketId) });
  }

  @Roles(...STAFF_ROLES)
  @Get('ticket-links')
  @ApiOperation({
    summary: 'The articles linked to a ticket, with their titles (staff)',
    description: 'Newest link first; only articles the caller may read. The ticket must be one the caller may see (422 otherwise).',
  })
  @ApiOkResponse({ type: [KbTicketLinkView] })
  ofTicket(@CurrentActor() actor: Actor, @Query() query: KbTicketLinksQuery): Promise<KbTicketLinkView[]> {
    return this.bus.request(SUBJECTS.kb.ticketLinksOfTicket, { actor, ticketId: query.ticketId });
  }

  @Roles(...STAFF_ROLES)
  @Get('articles/:id/ticket-links')
  @ApiOperation({
    summary: 'The tickets an article was used on, newest link first (staff)',
    description: 'Ticket ids and numbers only; open a ticket for its content (its own access rules apply).',
  })
  @ApiOkResponse({ type: KbArticleTicketPageView })
  ofArticle(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: KbArticleTicketLinksQuery,
  ): Promise<KbArticleTicketPageView> {
    return this.bus.request(SUBJECTS.kb.ticketLinksOfArticle, { actor, articleId: uuidParam(id), query });
  }
}
