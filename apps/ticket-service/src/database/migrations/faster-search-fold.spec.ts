import { sqlRows, startServiceScratchDatabase, type ScratchDatabase } from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { TICKET_DATABASE } from '../schema';
import { ACCENTED, FasterSearchFold1766200000000, PLAIN, replaceChain } from './1766200000000-FasterSearchFold';

/** The definitions of migration 1764080000000, as SQL over `$1::text[]` (one row per input). */
const OLD_FOLD = `lower(translate(x, '${ACCENTED}', '${PLAIN}'))`;
const COMPARE = `
  SELECT x,
         ticket.search_fold(x) AS new_fold, ${OLD_FOLD} AS old_fold,
         ticket.search_text_vector(x, 'C')::text AS new_vector,
         (CASE WHEN x IS NULL OR x = '' THEN ''::tsvector ELSE
            setweight(to_tsvector('spanish'::regconfig, ${OLD_FOLD}), 'C') || setweight(to_tsvector('english'::regconfig, ${OLD_FOLD}), 'C') END)::text AS old_vector,
         ticket.search_query(x)::text AS new_query,
         (websearch_to_tsquery('spanish'::regconfig, ${OLD_FOLD}) || websearch_to_tsquery('english'::regconfig, ${OLD_FOLD}))::text AS old_query
    FROM unnest($1::text[]) AS x`;

/** Deterministic pseudo-random texts over ASCII, the accented letters, Spanish punctuation, other scripts and emoji. */
function texts(count: number): string[] {
  const alphabet = [...`abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-"'¿¡?!${ACCENTED}őłßøæ漢字тест🙂`];
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 60) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
  );
}

/** Migration 1766200000000 on a real PostgreSQL (embedded): the faster folding gives exactly what the old one gave. */
describe('FasterSearchFold1766200000000', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  const inputs = [
    '',
    'printer offline',
    'Impresión fallida en el piso 3',
    'IMPRESIÓN',
    'CONTRASEÑA BLOQUEADA',
    'Ça va? Ýes, ÿes — 你好 🙂',
    '¿Podrían revisarlo? ¡Gracias!',
    'Ref 4242 "frase exacta" -excluida OR otra',
    ...texts(2_000),
  ];

  const differences = async (): Promise<unknown[]> => {
    const rows = await sqlRows<Record<string, string | null>>(dataSource, COMPARE, [inputs]);
    expect(rows).toHaveLength(inputs.length);
    return rows.filter((r) => r.new_fold !== r.old_fold || r.new_vector !== r.old_vector || r.new_query !== r.old_query);
  };

  beforeAll(async () => {
    scratch = await startServiceScratchDatabase('faster-search-fold', TICKET_DATABASE, 2);
    dataSource = scratch.dataSource;
  }, 120_000);

  afterAll(async () => {
    await scratch?.stop();
  });

  it('folds, vectorizes and parses queries exactly as before, and its down migration restores the old definitions', async () => {
    expect(await differences()).toEqual([]);
    const [{ folded }] = await sqlRows<{ folded: string }>(dataSource, `SELECT ticket.search_fold('Canción CONTRASEÑA Über') AS folded`);
    expect(folded).toBe('cancion contrasena uber');

    const runner = dataSource.createQueryRunner();
    try {
      await new FasterSearchFold1766200000000().down(runner);
      const [{ definition }] = await sqlRows<{ definition: string }>(
        dataSource,
        `SELECT pg_get_functiondef('ticket.search_fold(text)'::regprocedure) AS definition`,
      );
      expect(definition).toContain('translate(');
      expect(await differences()).toEqual([]);
      await new FasterSearchFold1766200000000().up(runner);
    } finally {
      await runner.release();
    }
  }, 60_000);

  it('builds one replace() per accented letter', () => {
    const chain = replaceChain('x');
    expect(chain.match(/replace\(/g)).toHaveLength(ACCENTED.length);
    expect(chain.startsWith(`replace(replace(`)).toBe(true);
    expect(chain.endsWith(`'ÿ', 'y')`)).toBe(true);
  });
});
