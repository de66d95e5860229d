import { ServiceDatabaseOptions } from '@helpdesk/platform';
import { TicketFact } from '../ticket-facts/ticket-fact.entity';
import { InitialReportingSchema1763900000000 } from './migrations/1763900000000-InitialReportingSchema';

export const REPORTING_DATABASE: ServiceDatabaseOptions = {
  schema: 'reporting',
  entities: [TicketFact],
  migrations: [InitialReportingSchema1763900000000],
};
