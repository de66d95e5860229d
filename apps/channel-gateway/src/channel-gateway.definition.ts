import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { ChannelGatewayModule } from './channel-gateway.module';

export const channelApp: AppDefinition<Record<string, never>> = {
  service: SERVICES.channel,
  defaultPort: 3004,
  readConfig: () => ({}),
  module: (runtime) => ChannelGatewayModule.register(runtime),
};
