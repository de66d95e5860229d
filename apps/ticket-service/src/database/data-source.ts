import { serviceDataSourceOptions } from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { TICKET_DATABASE } from './schema';

/** The service's DataSource for tooling (the TypeORM CLI through a TypeScript loader, scripts); the app builds its own in DatabaseModule. */
export default new DataSource(
  serviceDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/helpdesk', 2, TICKET_DATABASE),
);
