import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsHandler } from './attachments/attachments.handler';
import { AttachmentsService } from './attachments/attachments.service';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from './config/ticket-service.config';
import { TICKET_DATABASE } from './database/schema';
import { AdminSeed } from './directory/admin-seed';
import { ApiKeysHandler } from './directory/api-keys.handler';
import { ApiKeysService } from './directory/api-keys.service';
import { DirectoryHandler } from './directory/directory.handler';
import { OrganizationsService } from './directory/organizations.service';
import { TeamsService } from './directory/teams.service';
import { PasswordHasher } from './directory/password-hasher';
import { User } from './directory/user.entity';
import { UsersService } from './directory/users.service';
import { AutoCloseJob } from './tickets/auto-close.job';
import { TicketMetrics } from './tickets/ticket-metrics';
import { RoutingHandler } from './routing/routing.handler';
import { CustomFieldsHandler } from './custom-fields/custom-fields.handler';
import { CustomFieldsService } from './custom-fields/custom-fields.service';
import { MacrosHandler } from './macros/macros.handler';
import { MacrosService } from './macros/macros.service';
import { RoutingService } from './routing/routing.service';
import { CsatService } from './tickets/csat.service';
import { PresenceService } from './tickets/presence.service';
import { TicketsHandler } from './tickets/tickets.handler';
import { TicketsService } from './tickets/tickets.service';
import { TicketQueryScopes } from './tickets/ticket-query-scope';
import { TicketSearch } from './search/ticket-search.service';
import { SearchFoldJob } from './search/search-fold.job';
import { ViewsHandler } from './views/views.handler';
import { ViewsService } from './views/views.service';
import { NotificationsHandler } from './notifications/notifications.handler';
import { NotificationsService } from './notifications/notifications.service';
import { SlaEventsConsumer } from './sla/sla-events.consumer';
import { SlaTicketsService } from './sla/sla-tickets.service';
import { ChannelIntakeService } from './channels/channel-intake.service';
import { ChannelCommentBatch } from './channels/channel-comment-batch.service';
import { InboundFilesFetcher } from './channels/inbound-files.fetcher';
import { EmailMessagesService } from './channels/email-messages.service';
import { CallerLookupHandler } from './channels/caller-lookup.handler';
import { ChannelMessagesConsumer } from './channels/channel-messages.consumer';

@Module({})
export class TicketServiceModule {
  static register(runtime: Runtime, config: TicketServiceConfig): DynamicModule {
    return {
      module: TicketServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: TICKET_DATABASE }), TypeOrmModule.forFeature([User])],
      controllers: [
        TicketsHandler,
        AttachmentsHandler,
        DirectoryHandler,
        ApiKeysHandler,
        RoutingHandler,
        CustomFieldsHandler,
        MacrosHandler,
        ViewsHandler,
        NotificationsHandler,
        SlaEventsConsumer,
        ChannelMessagesConsumer,
        CallerLookupHandler,
      ],
      providers: [
        { provide: TICKET_SERVICE_CONFIG, useValue: config },
        PasswordHasher,
        OrganizationsService,
        TeamsService,
        ApiKeysService,
        UsersService,
        CustomFieldsService,
        RoutingService,
        PresenceService,
        CsatService,
        AttachmentsService,
        TicketQueryScopes,
        TicketSearch,
        TicketsService,
        MacrosService,
        ViewsService,
        NotificationsService,
        SlaTicketsService,
        ChannelIntakeService,
        ChannelCommentBatch,
        EmailMessagesService,
        InboundFilesFetcher,
        AdminSeed,
        AutoCloseJob,
        SearchFoldJob,
        TicketMetrics,
      ],
    };
  }
}
