import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ServiceDatabaseOptions, serviceDataSourceOptions } from './database.module';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateSchema } from './migrate';
import { createPlatformTables } from './platform-tables';

/**
 * A throwaway embedded PostgreSQL for the specs that need the real database rather than a fake:
 * its own temporary directory, one initialized data source, and `stop()` removes all of it.
 */
export interface ScratchDatabase {
  dataSource: DataSource;
  stop(): Promise<void>;
}

/**
 * Starts one: `options` builds the data source from the server's URL, `prepare` readies it (a failure
 * there stops everything again). `name` prefixes the directory.
 */
export async function startScratchDatabase(
  name: string,
  options: (url: string) => DataSourceOptions,
  prepare: (dataSource: DataSource) => Promise<unknown> = () => Promise.resolve(),
): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const stops: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const pg = await startEmbeddedPostgres(dir);
    stops.push(() => pg.stop());
    const dataSource = new DataSource(options(pg.url));
    await dataSource.initialize();
    stops.push(() => dataSource.destroy());
    await prepare(dataSource);
    return { dataSource, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A scratch database holding a service's schema with every migration applied, as the service finds it at startup. */
export function startServiceScratchDatabase(name: string, database: ServiceDatabaseOptions, poolSize = 4): Promise<ScratchDatabase> {
  return startScratchDatabase(
    name,
    (url) => serviceDataSourceOptions(url, poolSize, database),
    (dataSource) => migrateSchema(dataSource, database.schema),
  );
}

/** A scratch database with only the platform's own tables (outbox, inbox, idempotency keys, ...) in `schema`. */
export function startPlatformScratchDatabase(name: string, schema: string): Promise<ScratchDatabase> {
  return startScratchDatabase(
    name,
    (url) => ({ type: 'postgres', url, schema }),
    async (dataSource) => {
      await dataSource.query(`CREATE SCHEMA "${schema}"`);
      const runner = dataSource.createQueryRunner();
      try {
        await createPlatformTables(runner, schema);
      } finally {
        await runner.release();
      }
    },
  );
}
