import { sqlRows, startServiceScratchDatabase, type ScratchDatabase } from '@helpdesk/platform';
import { SearchFoldFixture } from '../../../../test/support/search-fold-fixture';
import { TICKET_DATABASE } from '../database/schema';
import { FOLD_CHUNK, SearchFoldJob } from './search-fold.job';

/** The job on PostgreSQL (embedded): everything due, in chunks; nothing before its delay. */
describe('SearchFoldJob', () => {
  let scratch: ScratchDatabase;
  let db: SearchFoldFixture;

  const pendingCount = async () =>
    (await sqlRows<{ n: number }>(scratch.dataSource, `SELECT count(*)::int AS n FROM "ticket"."ticket_search_pending"`))[0].n;

  beforeAll(async () => {
    scratch = await startServiceScratchDatabase('search-fold-job', TICKET_DATABASE, 2);
    db = new SearchFoldFixture((sql, params) => scratch.dataSource.query(sql, params));
    await db.users();
    const tickets = FOLD_CHUNK * 2 + 50;
    await scratch.dataSource.query(
      `WITH t AS (
         INSERT INTO "ticket"."tickets" (id, subject, description, status, priority, channel, requester_id, version)
         SELECT gen_random_uuid(), 'Ticket ' || i, 'x', 'open', 'normal', 'web', $1, 1 FROM generate_series(1, $3::int) i
         RETURNING id)
       INSERT INTO "ticket"."ticket_comments" (id, ticket_id, author_id, body, public) SELECT gen_random_uuid(), id, $2, 'Respuesta lote', true FROM t`,
      [db.requesterId, db.authorId, tickets],
    );
  }, 120_000);

  afterAll(async () => {
    await scratch?.stop();
  });

  it('leaves comments younger than the delay, then folds every ticket due in chunks of FOLD_CHUNK', async () => {
    expect(await pendingCount()).toBe(FOLD_CHUNK * 2 + 50);
    const waiting = new SearchFoldJob(scratch.dataSource, { searchFoldDelayMs: 3_600_000, searchFoldIntervalMs: 1000 });
    expect(await waiting.foldDue()).toBe(0);
    const due = new SearchFoldJob(scratch.dataSource, { searchFoldDelayMs: 0, searchFoldIntervalMs: 1000 });
    expect(await due.foldDue()).toBe(FOLD_CHUNK * 2 + 50);
    expect(await pendingCount()).toBe(0);
    const [{ n }] = await sqlRows<{ n: number }>(
      scratch.dataSource,
      `SELECT count(*)::int AS n FROM "ticket"."tickets" WHERE search_vector @@ ticket.search_query('respuesta lote')`,
    );
    expect(n).toBe(FOLD_CHUNK * 2 + 50);
  });
});
