import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { SLA_DATABASE } from './database/schema';
import { readSlaServiceConfig, SlaServiceConfig } from './config/sla-service.config';
import { SlaServiceModule } from './sla-service.module';

export const slaApp: AppDefinition<SlaServiceConfig> = {
  service: SERVICES.sla,
  defaultPort: 3002,
  database: SLA_DATABASE,
  readConfig: (source) => readSlaServiceConfig(source),
  module: (runtime, config) => SlaServiceModule.register(runtime, config),
};
