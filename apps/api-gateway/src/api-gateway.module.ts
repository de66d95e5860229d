import { PlatformModule, ReadinessCheck, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { AuthController } from './auth/auth.controller';
import { ChannelsController } from './channels/channels.controller';
import { EmailSenderRulesController } from './channels/email-sender-rules.controller';
import { WebhookSubscriptionsController } from './webhook-subscriptions/webhook-subscriptions.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { RolesGuard } from './auth/roles.guard';
import { GATEWAY_CONFIG, GatewayConfig } from './config/gateway.config';
import { RateLimitGuard, STRICT_RATE_LIMIT_KEY } from './http/rate-limit.guard';
import { OrganizationsController } from './organizations/organizations.controller';
import { CsatController } from './csat/csat.controller';
import { ODataController } from './odata/odata.controller';
import { ReportExportsController } from './reports/report-exports.controller';
import { DASHBOARD_FILES, DashboardController } from './dashboard/dashboard.controller';
import { loadDashboardFiles } from './dashboard/dashboard-files';
import { ReportsController } from './reports/reports.controller';
import { RoutingRulesController } from './routing/routing-rules.controller';
import { SlaCalendarsController } from './sla/sla-calendars.controller';
import { SlaPoliciesController } from './sla/sla-policies.controller';
import { TicketSlaController } from './sla/ticket-sla.controller';
import { TeamsController } from './teams/teams.controller';
import { TicketFieldsController } from './ticket-fields/ticket-fields.controller';
import { ParkedEventsController } from './ops/parked-events.controller';
import { TestClockController } from './ops/test-clock.controller';
import { MacrosController, TicketMacrosController } from './macros/macros.controller';
import { AttachmentsController } from './tickets/attachments.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { TicketsController } from './tickets/tickets.controller';
import { UsersController } from './users/users.controller';
import { ViewsController } from './views/views.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { KbArticlesController } from './kb/kb-articles.controller';
import { KbCategoriesController } from './kb/kb-categories.controller';
import { KbCaptureController } from './kb/kb-capture.controller';
import { KbFeedbackController } from './kb/kb-feedback.controller';
import { KbLinksController } from './kb/kb-links.controller';
import { KbSearchController } from './kb/kb-search.controller';

/**
 * The REST front: authentication, roles, rate limits and validation, then a bus request to the
 * service that owns the data. Stateless. Guards run in order: token, rate limit, roles.
 */
@Module({})
export class ApiGatewayModule {
  static register(runtime: Runtime, config: GatewayConfig, extraReadiness: ReadinessCheck[] = []): DynamicModule {
    return {
      module: ApiGatewayModule,
      imports: [
        PlatformModule.forRoot(runtime, { extraReadiness }),
        PassportModule,
        JwtModule.register({}),
        ThrottlerModule.forRoot({
          throttlers: [
            {
              name: 'default',
              ttl: 60_000,
              limit: (context) =>
                context.getHandler() && Reflect.getMetadata(STRICT_RATE_LIMIT_KEY, context.getHandler())
                  ? config.loginRateLimitPerMinute
                  : config.rateLimitPerMinute,
            },
          ],
        }),
      ],
      controllers: [
        AuthController,
        ApiKeysController,
        TicketsController,
        TicketSlaController,
        NotificationsController,
        AttachmentsController,
        UsersController,
        OrganizationsController,
        TeamsController,
        RoutingRulesController,
        TicketFieldsController,
        ParkedEventsController,
        ...(runtime.settings.testClock ? [TestClockController] : []),
        MacrosController,
        TicketMacrosController,
        CsatController,
        ReportsController,
        ReportExportsController,
        ODataController,
        DashboardController,
        SlaCalendarsController,
        SlaPoliciesController,
        ViewsController,
        KbArticlesController,
        KbCategoriesController,
        KbLinksController,
        KbCaptureController,
        KbFeedbackController,
        KbSearchController,
        ChannelsController,
        EmailSenderRulesController,
        WebhookSubscriptionsController,
        WebhooksController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: DASHBOARD_FILES, useFactory: () => loadDashboardFiles() },
        JwtStrategy,
        ApiKeyAuthenticator,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
