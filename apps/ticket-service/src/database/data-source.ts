import { serviceDataSourceOptions } from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { TICKET_DATABASE } from './schema';

/** For the TypeORM CLI: `DATABASE_URL=... npx typeorm-ts-node-commonjs -d apps/ticket-service/src/database/data-source.ts migration:show` */
export default new DataSource(
  serviceDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/helpdesk', 2, TICKET_DATABASE),
);
