import {
  CaptureKbArticleCommand,
  DismissKbCaptureProposalCommand,
  KbArticleView,
  KbCaptureProposalPageView,
  KbCaptureProposalView,
  ListKbCaptureProposalsCommand,
  SUBJECTS,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CaptureService } from './capture.service';

/** kb.capture.* requests. */
@Controller()
export class CaptureHandler {
  constructor(private readonly capture: CaptureService) {}

  @MessagePattern(SUBJECTS.kb.captureProposalList)
  list(@Payload() { actor, query }: ListKbCaptureProposalsCommand): Promise<KbCaptureProposalPageView> {
    return this.capture.list(actor, query);
  }

  @MessagePattern(SUBJECTS.kb.captureProposalDismiss)
  dismiss(@Payload() { actor, ticketId }: DismissKbCaptureProposalCommand): Promise<KbCaptureProposalView> {
    return this.capture.dismiss(actor, ticketId);
  }

  @MessagePattern(SUBJECTS.kb.captureFromTicket)
  fromTicket(@Payload() { actor, ticketId, options }: CaptureKbArticleCommand): Promise<KbArticleView> {
    return this.capture.fromTicket(actor, ticketId, options ?? {});
  }
}
