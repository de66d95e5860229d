import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { readReportingConfig, ReportingConfig } from './config/reporting.config';
import { ReportingServiceModule } from './reporting-service.module';

export const reportingApp: AppDefinition<ReportingConfig> = {
  service: SERVICES.reporting,
  defaultPort: 3005,
  readConfig: (source) => readReportingConfig(source),
  module: (runtime, config) => ReportingServiceModule.register(runtime, config),
};
