import { SUBJECTS, SummaryRequest, SummaryView } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SummaryService } from './summary.service';

@Controller()
export class SummaryHandler {
  constructor(private readonly summaries: SummaryService) {}

  @MessagePattern(SUBJECTS.report.summary)
  summary(@Payload() request: SummaryRequest): Promise<SummaryView> {
    return this.summaries.summary(request);
  }
}
