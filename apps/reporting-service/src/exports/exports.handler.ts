import {
  ExportDailyStatsPageRequest,
  ExportPageView,
  ExportTicketsPageRequest,
  IncrementalTicketsRequest,
  IncrementalTicketsView,
  SUBJECTS,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ExportsService } from './exports.service';

@Controller()
export class ExportsHandler {
  constructor(private readonly exports: ExportsService) {}

  @MessagePattern(SUBJECTS.report.exportTicketsPage)
  tickets(@Payload() request: ExportTicketsPageRequest): Promise<ExportPageView> {
    return this.exports.ticketsPage(request);
  }

  @MessagePattern(SUBJECTS.report.exportDailyStatsPage)
  dailyStats(@Payload() request: ExportDailyStatsPageRequest): Promise<ExportPageView> {
    return this.exports.dailyStatsPage(request);
  }

  @MessagePattern(SUBJECTS.report.exportTicketsIncremental)
  incremental(@Payload() request: IncrementalTicketsRequest): Promise<IncrementalTicketsView> {
    return this.exports.incremental(request);
  }
}
