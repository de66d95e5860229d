import { ServiceDatabaseOptions } from '@helpdesk/platform';
import { InitialSlaServiceSchema1763900000000 } from './migrations/1763900000000-InitialSlaServiceSchema';
import { CalendarsPolicies1764100000000 } from './migrations/1764100000000-CalendarsPolicies';
import { SlaEngine1764110000000 } from './migrations/1764110000000-SlaEngine';
import { CalendarReschedules1764120000000 } from './migrations/1764120000000-CalendarReschedules';
import { PolicyRevision1764130000000 } from './migrations/1764130000000-PolicyRevision';
import { BreachedTicketsIndex1764140000000 } from './migrations/1764140000000-BreachedTicketsIndex';

export const SLA_DATABASE: ServiceDatabaseOptions = {
  schema: 'sla',
  entities: [],
  migrations: [
    InitialSlaServiceSchema1763900000000,
    CalendarsPolicies1764100000000,
    SlaEngine1764110000000,
    CalendarReschedules1764120000000,
    PolicyRevision1764130000000,
    BreachedTicketsIndex1764140000000,
  ],
};
