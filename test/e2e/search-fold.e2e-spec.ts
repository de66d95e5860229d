import { randomBytes } from 'node:crypto';
import { migrateSchema, serviceDataSourceOptions } from '@helpdesk/platform';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TICKET_DATABASE } from '../../apps/ticket-service/src/database/schema';
import { INTEGRATION_PG_URL } from '../support/distributed-topology';
import { RunSql, SearchFoldFixture } from '../support/search-fold-fixture';
import { topology } from '../support/target';

// Locks and concurrent writers need the real server (the embedded one runs one statement at a
// time): the distributed run only (npm run test:integration). The rest of migration 1766300000000
// is in its spec beside it.
const describeDistributed = topology() === 'distributed' ? describe : describe.skip;

describeDistributed('Folding comments into search vectors on a real PostgreSQL (migration 1766300000000)', () => {
  const dbName = `helpdesk_fold_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const url = new URL(INTEGRATION_PG_URL);
  url.pathname = `/${dbName}`;
  let dataSource: DataSource;
  let db: SearchFoldFixture;
  const clients: Client[] = [];

  /** A connection of its own, for a transaction held open while the fold runs. */
  const connection = async (): Promise<{ client: Client; sql: RunSql }> => {
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    clients.push(client);
    return { client, sql: async (text, params) => (await client.query(text, params)).rows };
  };

  const admin = async (statement: string) => {
    const client = new Client({ connectionString: INTEGRATION_PG_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${dbName}"`);
    dataSource = await new DataSource(serviceDataSourceOptions(url.toString(), 16, TICKET_DATABASE)).initialize();
    await migrateSchema(dataSource, TICKET_DATABASE.schema);
    db = new SearchFoldFixture((sql, params) => dataSource.query(sql, params));
    await db.users();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await dataSource?.destroy();
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  beforeEach(async () => {
    await db.fold();
  });

  it('never waits for a lock: a ticket someone holds, or a pending row a writer is adding to, is left for the next pass', async () => {
    const lockedTicket = await db.ticket('Bloqueado');
    await db.comment(lockedTicket, 'Uno');
    const busyRow = await db.ticket('Fila ocupada');
    await db.comment(busyRow, 'Dos');
    const holder = await connection();
    const writer = await connection();
    await holder.sql('BEGIN');
    await holder.sql(`SELECT 1 FROM "ticket"."tickets" WHERE id = $1 FOR UPDATE`, [lockedTicket]);
    await writer.sql('BEGIN');
    await db.comment(busyRow, 'Tres', true, writer.sql);
    const started = Date.now();
    expect(await db.fold()).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    await holder.sql('COMMIT');
    await writer.sql('COMMIT');
    expect(await db.fold()).toBe(2);
    for (const id of [lockedTicket, busyRow]) {
      const v = await db.vectors(id);
      expect(v.public).toEqual(v.rebuilt_public);
    }
    expect((await db.vectors(busyRow)).public).toContain('tres');
  });

  it('adds every comment exactly once while writers and folds run side by side', async () => {
    const ids = await Promise.all(['Concurrencia uno', 'Concurrencia dos', 'Concurrencia tres'].map((s) => db.ticket(s)));
    const words = Array.from({ length: 120 }, (_, i) => `palabra${i}x`);
    let folding = true;
    const folds = (async () => {
      let passes = 0;
      while (folding) {
        await db.fold();
        passes += 1;
      }
      return passes;
    })();
    // Eight writers, each comment its own transaction (a fifth of them internal notes).
    const queue = words.map((word, i) => () => db.comment(ids[i % ids.length], word, i % 5 !== 0));
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await next();
      }),
    );
    folding = false;
    expect(await folds).toBeGreaterThan(1);
    await db.fold();
    const rows = await db.positions(ids, 'palabra');
    // Each word twice (its Spanish and its English lexeme have the same form), in one ticket: added once.
    expect(rows.map((r) => r.lexeme).sort()).toEqual([...words].sort());
    expect(rows.filter((r) => r.n !== 2)).toEqual([]);
    for (const id of ids) {
      const v = await db.vectors(id);
      expect(v.public).toEqual(v.rebuilt_public);
      expect(v.internal).toEqual(v.rebuilt_internal);
    }
  });

  it('a subject change while comments are pending, and folds meanwhile, leaves each word once and the vectors complete', async () => {
    const id = await db.ticket('Asunto viejo');
    for (let round = 0; round < 10; round += 1) {
      await Promise.all([
        db.comment(id, `ronda${round}x`),
        db.comment(id, `nota${round}x`, false),
        dataSource.query(`UPDATE "ticket"."tickets" SET subject = $2 WHERE id = $1`, [id, `Asunto ${round}`]),
        db.fold(),
      ]);
    }
    await db.fold();
    const v = await db.vectors(id);
    expect(v.public).toEqual(v.rebuilt_public);
    expect(v.internal).toEqual(v.rebuilt_internal);
    expect((await db.positions([id], 'ronda')).filter((r) => r.n !== 2)).toEqual([]);
    expect((await db.positions([id], 'nota')).filter((r) => r.n !== 2)).toEqual([]);
  });
});
