import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { KB_DATABASE } from './database/schema';
import { KbServiceConfig, readKbServiceConfig } from './config/kb-service.config';
import { KbServiceModule } from './kb-service.module';

export const kbApp: AppDefinition<KbServiceConfig> = {
  service: SERVICES.kb,
  defaultPort: 3003,
  database: KB_DATABASE,
  readConfig: (source) => readKbServiceConfig(source),
  module: (runtime, config) => KbServiceModule.register(runtime, config),
};
