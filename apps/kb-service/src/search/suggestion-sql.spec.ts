import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { QueryRunner } from 'typeorm';
import { ANONYMOUS } from '../access/article-access';
import { KnowledgeBase1765000000000 } from '../database/migrations/1765000000000-KnowledgeBase';
import { buildSuggestionSql } from './search-sql';

/* eslint-disable @typescript-eslint/no-require-imports */
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: never };
const { unaccent } = require('@electric-sql/pglite/contrib/unaccent') as { unaccent: never };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The suggestion query against the real schema in PostgreSQL (PGlite), before and after ANALYZE:
 * the text's common words are left out once the statistics say they are common.
 */
describe('buildSuggestionSql in PostgreSQL', () => {
  let db: PGlite;
  const printers: string[] = [];

  beforeAll(async () => {
    db = await PGlite.create({ extensions: { pg_trgm, unaccent } });
    await db.exec('CREATE SCHEMA kb');
    await new KnowledgeBase1765000000000().up({ query: (sql: string) => db.exec(sql) } as unknown as QueryRunner);
    const insert = async (title: string) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO kb.articles (id, translation_group, locale, slug, title, body, body_html, body_text, visibility, status, owner_id, search_config)
         VALUES ($1, $1, 'es', 'x', $2, 'texto', '<p>texto</p>', 'texto', 'public', 'published', $1, 'kb.search_es')`,
        [id, title],
      );
      return id;
    };
    // "error" is in almost every title; "impresora" and "atascada" in two.
    for (let i = 0; i < 300; i += 1) await insert(`Error de conexión número ${i}`);
    printers.push(await insert('Impresora atascada en la bandeja'), await insert('La impresora sigue atascada'));
  }, 60_000);

  afterAll(async () => {
    await db.close();
  });

  const suggest = async () => {
    const { sql, params } = buildSuggestionSql({
      text: 'Error: la impresora está atascada',
      config: 'kb.search_es',
      locale: 'es',
      reader: ANONYMOUS,
      limit: 5,
    });
    return (await db.query<{ id: string }>(sql, params)).rows.map((row) => row.id);
  };

  it('before statistics exist, every word of the text counts: common ones fill the page', async () => {
    const found = await suggest();
    expect(found.slice(0, 2).sort()).toEqual([...printers].sort());
    expect(found).toHaveLength(5);
  });

  it('once ANALYZE has run, the common word is left out and only the articles the rare words name are suggested', async () => {
    await db.exec('ANALYZE kb.articles');
    expect((await suggest()).sort()).toEqual([...printers].sort());
  });
});
