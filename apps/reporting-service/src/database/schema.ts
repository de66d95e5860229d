import { ServiceDatabaseOptions } from '@helpdesk/platform';
import { InitialReportingSchema1763900000000 } from './migrations/1763900000000-InitialReportingSchema';
import { ReportingReadModels1766000000000 } from './migrations/1766000000000-ReportingReadModels';

export const REPORTING_DATABASE: ServiceDatabaseOptions = {
  schema: 'reporting',
  entities: [],
  migrations: [InitialReportingSchema1763900000000, ReportingReadModels1766000000000],
};
