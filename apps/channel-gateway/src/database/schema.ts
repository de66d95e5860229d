import { ServiceDatabaseOptions } from '@helpdesk/platform';
import { InitialChannelGatewaySchema1763900000000 } from './migrations/1763900000000-InitialChannelGatewaySchema';
import { ChannelsInboundLog1764200000000 } from './migrations/1764200000000-ChannelsInboundLog';
import { EmailIntake1764320000000 } from './migrations/1764320000000-EmailIntake';
import { FormAndCtiIntake1764340000000 } from './migrations/1764340000000-FormAndCtiIntake';
import { OutboundDeliveries1764340000002 } from './migrations/1764340000002-OutboundDeliveries';
import { EmailSent1764350000000 } from './migrations/1764350000000-EmailSent';

export const CHANNEL_DATABASE: ServiceDatabaseOptions = {
  schema: 'channel',
  entities: [],
  migrations: [
    InitialChannelGatewaySchema1763900000000,
    ChannelsInboundLog1764200000000,
    EmailIntake1764320000000,
    FormAndCtiIntake1764340000000,
    OutboundDeliveries1764340000002,
    EmailSent1764350000000,
  ],
};
