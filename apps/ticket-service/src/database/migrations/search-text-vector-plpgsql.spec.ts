import { sqlRows, startServiceScratchDatabase, type ScratchDatabase } from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { TICKET_DATABASE } from '../schema';
import { SEARCH_TEXT_VECTOR_SQL, SearchTextVectorPlpgsql1766310000000 } from './1766310000000-SearchTextVectorPlpgsql';

/**
 * Migration 1766310000000 on PostgreSQL (embedded): the PL/pgSQL `search_text_vector` gives what the
 * SQL one gave (faster-search-fold.spec.ts also compares it, over 2,000 random texts, with the
 * definition before both), and its down migration brings the SQL one back.
 */
describe('SearchTextVectorPlpgsql1766310000000', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  const inputs = [
    null,
    '',
    'printer offline',
    'Impresión fallida en el piso 3',
    'CONTRASEÑA',
    '¿Podrían revisarlo? ¡Gracias!',
    'de la y',
    '漢字 🙂',
  ];

  const vectors = async () =>
    sqlRows<{ x: string | null; a: string; c: string }>(
      dataSource,
      `SELECT x, ticket.search_text_vector(x, 'A')::text AS a, ticket.search_text_vector(x, 'C')::text AS c FROM unnest($1::text[]) WITH ORDINALITY AS u(x, n) ORDER BY n`,
      [inputs],
    );
  const language = async () =>
    (
      await sqlRows<{ lang: string }>(
        dataSource,
        `SELECT l.lanname AS lang FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = 'ticket.search_text_vector(text, "char")'::regprocedure`,
      )
    )[0].lang;

  beforeAll(async () => {
    scratch = await startServiceScratchDatabase('search-text-vector', TICKET_DATABASE, 2);
    dataSource = scratch.dataSource;
  }, 120_000);

  afterAll(async () => {
    await scratch?.stop();
  });

  it('gives the same vectors as the SQL definition, and its down migration restores that one', async () => {
    expect(await language()).toBe('plpgsql');
    const now = await vectors();
    expect(now[0]).toEqual({ x: null, a: '', c: '' });
    expect(now[2].c).toBe("'offlin':2C,4C 'print':1C 'printer':3C");
    const runner = dataSource.createQueryRunner();
    try {
      await new SearchTextVectorPlpgsql1766310000000().down(runner);
      expect(await language()).toBe('sql');
      expect(await vectors()).toEqual(now);
      await runner.query(SEARCH_TEXT_VECTOR_SQL);
      await new SearchTextVectorPlpgsql1766310000000().up(runner);
      expect(await language()).toBe('plpgsql');
    } finally {
      await runner.release();
    }
  });
});
