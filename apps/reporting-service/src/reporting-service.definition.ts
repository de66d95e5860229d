import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { ReportingServiceModule } from './reporting-service.module';

export const reportingApp: AppDefinition<Record<string, never>> = {
  service: SERVICES.reporting,
  defaultPort: 3005,
  readConfig: () => ({}),
  module: (runtime) => ReportingServiceModule.register(runtime),
};
