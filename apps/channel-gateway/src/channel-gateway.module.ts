import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { CHANNEL_DATABASE } from './database/schema';

/** channel-gateway: email, chat, phone, SMS and form intake (built out by the channels issue). */
@Module({})
export class ChannelGatewayModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: ChannelGatewayModule,
      imports: [PlatformModule.forRoot(runtime, { database: CHANNEL_DATABASE })],
    };
  }
}
