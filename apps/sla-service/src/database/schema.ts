import { ServiceDatabaseOptions } from '@helpdesk/platform';
import { InitialSlaServiceSchema1763900000000 } from './migrations/1763900000000-InitialSlaServiceSchema';

export const SLA_DATABASE: ServiceDatabaseOptions = {
  schema: 'sla',
  entities: [],
  migrations: [InitialSlaServiceSchema1763900000000],
};
