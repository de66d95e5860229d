import { ServiceDatabaseOptions } from '@helpdesk/platform';
import { InitialKbServiceSchema1763900000000 } from './migrations/1763900000000-InitialKbServiceSchema';
import { KnowledgeBase1765000000000 } from './migrations/1765000000000-KnowledgeBase';
import { KnowledgeCapture1765000200000 } from './migrations/1765000200000-KnowledgeCapture';
import { KbSearchAndDeflection1765000100000 } from './migrations/1765000100000-KbSearchAndDeflection';

export const KB_DATABASE: ServiceDatabaseOptions = {
  schema: 'kb',
  entities: [],
  migrations: [
    InitialKbServiceSchema1763900000000,
    KnowledgeBase1765000000000,
    KbSearchAndDeflection1765000100000,
    KnowledgeCapture1765000200000,
  ],
};
