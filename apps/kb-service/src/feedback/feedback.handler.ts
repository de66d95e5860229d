import {
  CreateKbFeedbackCommand,
  KbFeedbackPageView,
  KbFeedbackReceiptView,
  KbReviewQueueCommand,
  KbReviewQueueView,
  ListKbFeedbackCommand,
  SUBJECTS,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FeedbackService } from './feedback.service';

/** kb.feedback.* and kb.review-queue requests. */
@Controller()
export class FeedbackHandler {
  constructor(private readonly feedback: FeedbackService) {}

  @MessagePattern(SUBJECTS.kb.feedbackCreate)
  create(@Payload() { actor, articleId, feedback }: CreateKbFeedbackCommand): Promise<KbFeedbackReceiptView> {
    return this.feedback.vote(actor, articleId, feedback);
  }

  @MessagePattern(SUBJECTS.kb.feedbackList)
  list(@Payload() { actor, articleId, query }: ListKbFeedbackCommand): Promise<KbFeedbackPageView> {
    return this.feedback.comments(actor, articleId, query);
  }

  @MessagePattern(SUBJECTS.kb.reviewQueue)
  reviewQueue(@Payload() { actor, query }: KbReviewQueueCommand): Promise<KbReviewQueueView> {
    return this.feedback.reviewQueue(actor, query);
  }
}
