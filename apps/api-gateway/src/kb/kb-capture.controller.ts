import {
  Actor,
  CaptureKbArticleDto,
  KbArticleView,
  KbCaptureProposalListQuery,
  KbCaptureProposalPageView,
  KbCaptureProposalView,
  STAFF_ROLES,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { versionEtag } from '../http/etag';
import { ticketRefParam } from '../http/request-params';

/** Knowledge capture: solved tickets proposed as articles, and drafts made from them (staff). */
@ApiTags('knowledge base')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/kb')
export class KbCaptureController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...STAFF_ROLES)
  @Post('articles/from-ticket/:ticketId')
  @ApiOperation({
    summary: 'Draft an article from a solved ticket (staff)',
    description:
      'The ticket (uuid or number) must be one the caller may see (404) and solved or closed (422). Title: the subject; body: the reply ' +
      'that solved it (the last public staff reply before the solve, else the last public staff reply; none is a 422) as plain text ' +
      'quoted safely in Markdown, and a note naming the ticket; `sourceTicket` points back. Locale: the one asked for, else the ' +
      "requester's if configured, else the first configured one. Visibility: `internal` unless asked. The ticket's capture proposal " +
      'becomes `drafted`. One article per ticket: a second capture is a 409 whose `articleId` names the first.',
  })
  @ApiCreatedResponse({ type: KbArticleView })
  @ApiConflictResponse({ description: 'An article was already captured from the ticket (`articleId` names it)' })
  async fromTicket(
    @CurrentActor() actor: Actor,
    @Param('ticketId') ticketId: string,
    @Body() options: CaptureKbArticleDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KbArticleView> {
    const view = await this.bus.request<KbArticleView>(SUBJECTS.kb.captureFromTicket, {
      actor,
      ticketId: ticketRefParam(ticketId),
      options: options ?? {},
    });
    void reply.header('ETag', versionEtag(view.version)).header('Location', `/api/v1/kb/articles/${view.id}`);
    return view;
  }

  @Roles(...STAFF_ROLES)
  @Get('capture-proposals')
  @ApiOperation({
    summary: 'Solved tickets proposed for knowledge capture, latest solve first (staff)',
    description:
      'Every solved ticket without a linked or captured article is proposed once; a re-solve refreshes its solve time and keeps ' +
      'its state. `state=open` (the default) leaves out tickets that got a linked article since.',
  })
  @ApiOkResponse({ type: KbCaptureProposalPageView })
  list(@CurrentActor() actor: Actor, @Query() query: KbCaptureProposalListQuery): Promise<KbCaptureProposalPageView> {
    return this.bus.request(SUBJECTS.kb.captureProposalList, { actor, query });
  }

  @Roles(...STAFF_ROLES)
  @Post('capture-proposals/:ticketId/dismiss')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dismiss a capture proposal: nothing worth an article (staff)',
    description: 'By ticket uuid or number; dismissing again answers the same. A drafted proposal cannot be dismissed (409).',
  })
  @ApiOkResponse({ type: KbCaptureProposalView })
  dismiss(@CurrentActor() actor: Actor, @Param('ticketId') ticketId: string): Promise<KbCaptureProposalView> {
    return this.bus.request(SUBJECTS.kb.captureProposalDismiss, { actor, ticketId: ticketRefParam(ticketId) });
  }
}
