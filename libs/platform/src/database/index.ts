export * from './platform-tables';
export * from './migrate';
export * from './database.module';
export * from './embedded-postgres';
export * from './scratch-database';
export * from './sql';
export * from './pglite-wire-server';
