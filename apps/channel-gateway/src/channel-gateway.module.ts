import { PlatformModule, Runtime } from '@helpdesk/platform';
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
import { MessageHandledConsumer } from './inbound/message-handled.consumer';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksHandler } from './webhooks/webhooks.handler';

/**
 * channel-gateway: channels as configuration, and the inbound log that turns provider webhooks into
 * `channel.message.received` events (chat, Twilio SMS and voice webhooks; mailboxes read over IMAP).
 * `WebhooksController` is HTTP (its own port, distributed); `WebhooksHandler` takes the same webhooks
 * forwarded by the API gateway over the bus.
 */
@Module({})
export class ChannelGatewayModule {
  static register(runtime: Runtime, config: ChannelGatewayConfig): DynamicModule {
    return {
      module: ChannelGatewayModule,
      imports: [PlatformModule.forRoot(runtime, { database: CHANNEL_DATABASE })],
      controllers: [ChannelsHandler, WebhooksHandler, WebhooksController, MessageHandledConsumer, InboundFilesHandler, SenderRulesHandler],
      providers: [
        ChannelsService,
        InboundLogService,
        InstanceMarker,
        EmailIntakeService,
        MailboxesService,
        SenderRulesService,
        { provide: CHANNEL_GATEWAY_CONFIG, useValue: config },
      ],
    };
  }
}
