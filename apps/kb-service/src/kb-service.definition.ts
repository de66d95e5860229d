import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { KbServiceModule } from './kb-service.module';

export const kbApp: AppDefinition<Record<string, never>> = {
  service: SERVICES.kb,
  defaultPort: 3003,
  readConfig: () => ({}),
  module: (runtime) => KbServiceModule.register(runtime),
};
