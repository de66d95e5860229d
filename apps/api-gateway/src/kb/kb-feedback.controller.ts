import {
  Actor,
  CreateKbFeedbackDto,
  KbFeedbackListQuery,
  KbFeedbackPageView,
  KbFeedbackReceiptView,
  KbReviewQueueQuery,
  KbReviewQueueView,
  STAFF_ROLES,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CurrentReader, OptionalAuth } from '../auth/optional-auth.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

/** Whether articles helped, and the queue of articles due for review. */
@ApiTags('knowledge base')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/kb')
export class KbFeedbackController {
  constructor(private readonly bus: BusClient) {}

  @OptionalAuth()
  @Post('articles/:id/feedback')
  @ApiOperation({
    summary: 'Say whether an article helped, with an optional comment (anyone who can read it, no token needed)',
    description:
      'A logged-in reader has one vote per article: voting again replaces the earlier vote (200, `replaced: true`) and the counts ' +
      'move with it. Anonymous votes cannot be told apart: each one is counted (201); the per-IP rate limit applies. An article ' +
      'the caller may not read answers 404.',
  })
  @ApiCreatedResponse({ type: KbFeedbackReceiptView, description: 'A new vote' })
  @ApiOkResponse({ type: KbFeedbackReceiptView, description: "The caller's earlier vote, replaced" })
  async vote(
    @CurrentReader() actor: Actor | null,
    @Param('id') id: string,
    @Body() feedback: CreateKbFeedbackDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KbFeedbackReceiptView> {
    const receipt = await this.bus.request<KbFeedbackReceiptView>(SUBJECTS.kb.feedbackCreate, {
      actor,
      articleId: uuidParam(id),
      feedback,
    });
    void reply.status(receipt.replaced ? 200 : 201);
    return receipt;
  }

  @Roles(...STAFF_ROLES)
  @Get('articles/:id/feedback')
  @ApiOperation({
    summary: 'The feedback comments on an article, newest first (staff)',
    description: "Votes that came with a comment; the article's `helpful` counts all votes.",
  })
  @ApiOkResponse({ type: KbFeedbackPageView })
  list(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: KbFeedbackListQuery): Promise<KbFeedbackPageView> {
    return this.bus.request(SUBJECTS.kb.feedbackList, { actor, articleId: uuidParam(id), query });
  }

  @Roles(...STAFF_ROLES)
  @Get('review-queue')
  @ApiOperation({
    summary: 'Articles due for review: past their review date or with poor feedback, most urgent first (staff)',
    description:
      'Drafts and published articles the caller may read (not archived or deleted). `reasons` says why: `overdue` (review date ' +
      'before today, UTC) and/or `poor_feedback` (at least KB_REVIEW_MIN_VOTES votes, default 5, and under ' +
      'KB_REVIEW_MIN_HELPFUL_PERCENT % of them helpful, default 50). Ranking: both reasons first, then the longest overdue, then ' +
      'the lowest helpful share.',
  })
  @ApiOkResponse({ type: KbReviewQueueView })
  reviewQueue(@CurrentActor() actor: Actor, @Query() query: KbReviewQueueQuery): Promise<KbReviewQueueView> {
    return this.bus.request(SUBJECTS.kb.reviewQueue, { actor, query });
  }
}
