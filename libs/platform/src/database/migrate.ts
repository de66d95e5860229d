import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Creates the service's schema if missing and applies its pending migrations, holding a
 * PostgreSQL advisory lock so that replicas starting together migrate once. Returns the names applied.
 */
export async function migrateSchema(dataSource: DataSource, schema: string): Promise<string[]> {
  const logger = new Logger('Migrations');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`helpdesk-migrate:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`${schema}: applied ${applied.map((m) => m.name).join(', ')}`);
    return applied.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`helpdesk-migrate:${schema}`]).catch(() => undefined);
    await runner.release();
  }
}
