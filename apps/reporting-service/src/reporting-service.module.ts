import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { REPORTING_CONFIG, ReportingConfig } from './config/reporting.config';
import { REPORTING_DATABASE } from './database/schema';
import { ExportsHandler } from './exports/exports.handler';
import { ExportsService } from './exports/exports.service';
import { ODataHandler } from './odata/odata.handler';
import { ODataService } from './odata/odata.service';
import { ReadModelEventsConsumer } from './read-models/events.consumer';
import { Projector } from './read-models/projector.service';
import { RebuildHandler } from './read-models/rebuild.handler';
import { RebuildService } from './read-models/rebuild.service';
import { SummaryHandler } from './summary/summary.handler';
import { SummaryService } from './summary/summary.service';

/** reporting-service: read models built from events, and the KPIs over them. */
@Module({})
export class ReportingServiceModule {
  static register(runtime: Runtime, config: ReportingConfig): DynamicModule {
    return {
      module: ReportingServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: REPORTING_DATABASE })],
      controllers: [ReadModelEventsConsumer, SummaryHandler, RebuildHandler, ExportsHandler, ODataHandler],
      providers: [{ provide: REPORTING_CONFIG, useValue: config }, Projector, RebuildService, SummaryService, ExportsService, ODataService],
    };
  }
}
