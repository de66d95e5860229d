import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Extension, PGlite } from '@electric-sql/pglite';
import { PgliteWireServer } from './pglite-wire-server';

/*
 * The contrib extensions are subpath exports, which this project's `moduleResolution: node` cannot
 * type; required at run time, they stay outside the webpack bundle with the rest of node_modules.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
const { unaccent } = require('@electric-sql/pglite/contrib/unaccent') as { unaccent: Extension };
/* eslint-enable @typescript-eslint/no-require-imports */

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
  // The knowledge base's search needs accent folding and trigrams; PGlite loads an extension's code on CREATE EXTENSION.
  const db = await PGlite.create(pgDir, { extensions: { pg_trgm, unaccent } });
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
