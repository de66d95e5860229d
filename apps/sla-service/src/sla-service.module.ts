import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { CalendarsHandler } from './calendars/calendars.handler';
import { CalendarsService } from './calendars/calendars.service';
import { SLA_DATABASE } from './database/schema';
import { PoliciesHandler } from './policies/policies.handler';
import { PoliciesService } from './policies/policies.service';

/** sla-service: business calendars and SLA policies (clocks and escalation come with the rest of the SLA issue). */
@Module({})
export class SlaServiceModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: SlaServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: SLA_DATABASE })],
      controllers: [CalendarsHandler, PoliciesHandler],
      providers: [CalendarsService, PoliciesService],
    };
  }
}
