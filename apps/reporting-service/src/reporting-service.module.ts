import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { REPORTING_DATABASE } from './database/schema';
import { SummaryHandler } from './summary/summary.handler';
import { SummaryService } from './summary/summary.service';
import { TicketFactsConsumer } from './ticket-facts/ticket-facts.consumer';

/** reporting-service: read models built from events, and the KPIs over them. */
@Module({})
export class ReportingServiceModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: ReportingServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: REPORTING_DATABASE })],
      controllers: [TicketFactsConsumer, SummaryHandler],
      providers: [SummaryService],
    };
  }
}
