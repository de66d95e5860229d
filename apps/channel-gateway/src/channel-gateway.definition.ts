import { SERVICES, WEBHOOK_MAX_BODY_BYTES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { ChannelGatewayModule } from './channel-gateway.module';

export const channelApp: AppDefinition<Record<string, never>> = {
  service: SERVICES.channel,
  defaultPort: 3004,
  readConfig: () => ({}),
  module: (runtime) => ChannelGatewayModule.register(runtime),
  // Distributed, channel-gateway serves /webhooks/* itself: signatures need the raw body.
  http: { bodyLimit: () => WEBHOOK_MAX_BODY_BYTES, rawBody: true, configure: () => undefined },
};
