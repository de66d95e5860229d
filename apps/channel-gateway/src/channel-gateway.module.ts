import { BusClient, PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { ChannelsHandler } from './channels/channels.handler';
import { ChannelsService } from './channels/channels.service';
import { CHANNEL_GATEWAY_CONFIG, ChannelGatewayConfig } from './config/channel-gateway.config';
import { CHANNEL_DATABASE } from './database/schema';
import { EmailIntakeService } from './email/email-intake.service';
import { InstanceMarker } from './email/instance-marker';
import { MailboxesService } from './email/mailboxes.service';
import { SenderRulesHandler } from './email/sender-rules.handler';
import { SenderRulesService } from './email/sender-rules.service';
import { InboundFilesHandler } from './inbound/inbound-files.handler';
import { InboundLogService } from './inbound/inbound-log.service';
import { InboundLogWriter } from './inbound/inbound-log.writer';
import { MessageHandledConsumer } from './inbound/message-handled.consumer';
import { DELIVERY_TRANSPORTS, DeliveryTransport, DeliveryTransports } from './outbound/delivery-transport';
import { HttpTransport } from './outbound/http-transport';
import { CsatMailConsumer } from './email/outbound/csat-mail.consumer';
import { EmailOutbox } from './email/outbound/email-outbox';
import { SmtpTransport } from './email/outbound/smtp-transport';
import { ticketAttachmentFetcher } from './email/outbound/ticket-attachments';
import { OutboundEventsConsumer } from './outbound/outbound-events.consumer';
import { OutboundSender } from './outbound/outbound-sender';
import { WebhookSubscriptionsHandler } from './outbound/webhook-subscriptions.handler';
import { WebhookSubscriptionsService } from './outbound/webhook-subscriptions.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksHandler } from './webhooks/webhooks.handler';

/**
 * channel-gateway: channels as configuration, and the inbound log that turns provider webhooks into
 * `channel.message.received` events (chat, Twilio SMS and voice webhooks; mailboxes read over IMAP).
 * `WebhooksController` is HTTP (its own port, distributed); `WebhooksHandler` takes the same webhooks
 * forwarded by the API gateway over the bus. Outbound (`outbound/`): webhook subscriptions and replies
 * sent back on channels, as logged, retried deliveries.
 */
@Module({})
export class ChannelGatewayModule {
  static register(runtime: Runtime, config: ChannelGatewayConfig): DynamicModule {
    return {
      module: ChannelGatewayModule,
      imports: [PlatformModule.forRoot(runtime, { database: CHANNEL_DATABASE })],
      controllers: [
        ChannelsHandler,
        WebhooksHandler,
        WebhooksController,
        MessageHandledConsumer,
        InboundFilesHandler,
        SenderRulesHandler,
        OutboundEventsConsumer,
        WebhookSubscriptionsHandler,
        CsatMailConsumer,
      ],
      providers: [
        ChannelsService,
        InboundLogService,
        InboundLogWriter,
        InstanceMarker,
        EmailIntakeService,
        MailboxesService,
        SenderRulesService,
        OutboundSender,
        WebhookSubscriptionsService,
        EmailOutbox,
        // The delivery transports by name: http (webhooks, chat and SMS replies), smtp (email) when SMTP_URL is set.
        {
          provide: DELIVERY_TRANSPORTS,
          useFactory: (bus: BusClient): DeliveryTransport[] => [
            new HttpTransport(),
            ...(config.smtp.url ? [new SmtpTransport(config.smtp.url, ticketAttachmentFetcher(bus))] : []),
          ],
          inject: [BusClient],
        },
        {
          provide: DeliveryTransports,
          useFactory: (transports: DeliveryTransport[]) => new DeliveryTransports(transports),
          inject: [DELIVERY_TRANSPORTS],
        },
        { provide: CHANNEL_GATEWAY_CONFIG, useValue: config },
      ],
    };
  }
}
