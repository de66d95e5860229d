import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { SlaServiceModule } from './sla-service.module';

export const slaApp: AppDefinition<Record<string, never>> = {
  service: SERVICES.sla,
  defaultPort: 3002,
  readConfig: () => ({}),
  module: (runtime) => SlaServiceModule.register(runtime),
};
