import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { SLA_DATABASE } from './database/schema';

/** sla-service: SLA policies, business calendars, clocks and escalation (built out by the SLA issue). */
@Module({})
export class SlaServiceModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: SlaServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: SLA_DATABASE })],
    };
  }
}
