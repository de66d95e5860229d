import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { KbServiceConfig, readKbServiceConfig } from './config/kb-service.config';
import { KbServiceModule } from './kb-service.module';

export const kbApp: AppDefinition<KbServiceConfig> = {
  service: SERVICES.kb,
  defaultPort: 3003,
  readConfig: (source) => readKbServiceConfig(source),
  module: (runtime, config) => KbServiceModule.register(runtime, config),
};
