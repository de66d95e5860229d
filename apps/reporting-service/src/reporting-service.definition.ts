import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { REPORTING_DATABASE } from './database/schema';
import { readReportingConfig, ReportingConfig } from './config/reporting.config';
import { ReportingServiceModule } from './reporting-service.module';

export const reportingApp: AppDefinition<ReportingConfig> = {
  service: SERVICES.reporting,
  defaultPort: 3005,
  database: REPORTING_DATABASE,
  readConfig: (source) => readReportingConfig(source),
  module: (runtime, config) => ReportingServiceModule.register(runtime, config),
};
