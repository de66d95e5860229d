import { SERVICES, WEBHOOK_MAX_BODY_BYTES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { CHANNEL_DATABASE } from './database/schema';
import { ChannelGatewayModule } from './channel-gateway.module';
import { ChannelGatewayConfig, readChannelGatewayConfig } from './config/channel-gateway.config';

export const channelApp: AppDefinition<ChannelGatewayConfig> = {
  service: SERVICES.channel,
  defaultPort: 3004,
  database: CHANNEL_DATABASE,
  readConfig: (source) => readChannelGatewayConfig(source),
  module: (runtime, config) => ChannelGatewayModule.register(runtime, config),
  // Distributed, channel-gateway serves /webhooks/* itself: signatures need the raw body.
  http: { bodyLimit: () => WEBHOOK_MAX_BODY_BYTES, rawBody: true, configure: () => undefined },
};
