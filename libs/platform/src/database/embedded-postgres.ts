import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PgliteWireServer } from './pglite-wire-server';

export interface EmbeddedPostgres {
  /** A postgres:// URL the ordinary `pg` driver connects to */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), kept in `<dataDir>/pg` and served over the
 * Postgres wire protocol on a loopback port, so TypeORM's postgres driver works unchanged.
 * It runs one transaction at a time: code inside a transaction must use that transaction's
 * manager only, or it waits for itself forever.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const pgDir = join(dataDir, 'pg');
  mkdirSync(pgDir, { recursive: true });
  const db = await PGlite.create(pgDir);
  const server = new PgliteWireServer(db);
  const port = await server.listen('127.0.0.1', 0);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.close();
      await db.close();
    },
  };
}
