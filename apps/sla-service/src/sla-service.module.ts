import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { CalendarsHandler } from './calendars/calendars.handler';
import { CalendarsService } from './calendars/calendars.service';
import { SLA_SERVICE_CONFIG, SlaServiceConfig } from './config/sla-service.config';
import { SLA_DATABASE } from './database/schema';
import { CalendarReschedules } from './engine/calendar-reschedules';
import { DueWorkRunner } from './engine/due-work.runner';
import { SlaMetrics } from './engine/sla-metrics';
import { DueWorkService } from './engine/due-work.service';
import { PolicyLibrary } from './engine/policy-library';
import { SlaSimulationHandler } from './engine/simulation.handler';
import { SlaSimulationService } from './engine/simulation.service';
import { SlaTracker } from './engine/sla-tracker.service';
import { TicketEventsConsumer } from './engine/ticket-events.consumer';
import { TicketSlaHandler } from './engine/ticket-sla.handler';
import { TicketSlaReader } from './engine/ticket-sla.reader';
import { WebhookSender } from './engine/webhook-sender';
import { PoliciesHandler } from './policies/policies.handler';
import { PoliciesService } from './policies/policies.service';

/** sla-service: business calendars, SLA policies, the clocks of every ticket, and the warnings, breaches and escalations they fire. */
@Module({})
export class SlaServiceModule {
  static register(runtime: Runtime, config: SlaServiceConfig): DynamicModule {
    return {
      module: SlaServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: SLA_DATABASE })],
      controllers: [CalendarsHandler, PoliciesHandler, TicketEventsConsumer, TicketSlaHandler, SlaSimulationHandler],
      providers: [
        { provide: SLA_SERVICE_CONFIG, useValue: config },
        CalendarsService,
        PoliciesService,
        PolicyLibrary,
        SlaTracker,
        DueWorkService,
        SlaMetrics,
        DueWorkRunner,
        CalendarReschedules,
        WebhookSender,
        TicketSlaReader,
        SlaSimulationService,
      ],
    };
  }
}
