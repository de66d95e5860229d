import { Role } from '@helpdesk/contracts';
import { ANONYMOUS, Reader } from '../access/article-access';
import { buildFullTextSql, buildFuzzySql, buildSearchSql, buildSuggestionSql, buildSuggestSql, FUZZY_BELOW_HITS } from './search-sql';

const AGENT: Reader = { actor: { id: '11111111-1111-4111-8111-111111111111', role: Role.Agent } as never, teamIds: ['t1'] };

/** Every `$n` a statement uses, so that each parameter is used and none is missing. */
const placeholders = (sql: string): number[] => [...new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
const oneToN = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('buildFullTextSql', () => {
  it('matches on the GIN-indexed vector in one config, ranks in a subquery cut by LIMIT and headlines the page only', () => {
    const { sql, params } = buildFullTextSql({
      text: 'impresora',
      configs: ['kb.search_es'],
      filters: { locale: 'es' },
      reader: ANONYMOUS,
      limit: 11,
      offset: 0,
    });
    expect(sql).toContain('a.search_vector @@ (SELECT websearch_to_tsquery($2::regconfig, $1::text))');
    expect(sql).toContain('a.head_vector @@ (SELECT websearch_to_tsquery($2::regconfig, $1::text))');
    expect(sql).toContain("ts_rank_cd('{0.05, 0.2, 0.5, 1.0}', a.head_vector");
    expect(sql.indexOf('LIMIT')).toBeLessThan(sql.indexOf(') p'));
    // Body-only matches are looked for only when head matches do not fill the page.
    expect(sql).toContain('WHERE (SELECT count(*) FROM head) < ($4::int + $5::int)');
    expect(sql.indexOf('ts_headline')).toBeLessThan(sql.indexOf('FROM ('));
    expect(sql).toContain(`a.status = 'published' AND a.visibility = 'public'`);
    expect(params).toEqual(['impresora', 'kb.search_es', 'es', 11, 0, 2000, 200]);
    expect(placeholders(sql)).toEqual(oneToN(params.length));
  });

  it('matches each row in its own config when several locales are searched', () => {
    const { sql, params } = buildFullTextSql({
      text: 'vpn',
      configs: ['kb.search_es', 'kb.search_en'],
      filters: {},
      reader: ANONYMOUS,
      limit: 10,
      offset: 20,
    });
    expect(sql).toContain(
      '(a.search_config = $2::regconfig AND a.search_vector @@ (SELECT websearch_to_tsquery($2::regconfig, $1::text)))',
    );
    expect(sql).toContain(' OR (a.search_config = $3::regconfig AND a.search_vector @@');
    expect(params).toEqual(['vpn', 'kb.search_es', 'kb.search_en', 10, 20, 2000, 200]);
    expect(placeholders(sql)).toEqual(oneToN(params.length));
  });

  it('numbers the filters and the reader condition after the query', () => {
    const { sql, params } = buildFullTextSql({
      text: 'x',
      configs: ['kb.search_es'],
      filters: { categoryId: 'c1', tags: ['a', 'b'] },
      reader: AGENT,
      limit: 5,
      offset: 0,
    });
    expect(sql).toContain(
      'a.category_id = $3::uuid OR a.category_id IN (SELECT c.id FROM "kb"."categories" c WHERE c.parent_id = $3::uuid)',
    );
    expect(sql).toContain('a.tags @> $4::text[]');
    expect(params).toEqual(['x', 'kb.search_es', 'c1', ['a', 'b'], 'agent', ['t1'], AGENT.actor?.id, 5, 0, 2000, 200]);
    expect(placeholders(sql)).toEqual(oneToN(params.length));
  });

  it('refuses an empty config list', () => {
    expect(() => buildFullTextSql({ text: 'x', configs: [], filters: {}, reader: ANONYMOUS, limit: 1, offset: 0 })).toThrow();
  });
});

describe('buildFuzzySql', () => {
  it('uses the trigram operator on the folded title and leaves out hits already found', () => {
    const { sql, params } = buildFuzzySql({ text: 'imprsora', filters: {}, reader: ANONYMOUS, limit: 3, excludeIds: ['a1'] });
    expect(sql).toContain('(SELECT "kb"."fold"($1::text)) <% a.title_folded');
    expect(sql).toContain('a.id <> ALL($2::uuid[])');
    expect(params).toEqual(['imprsora', ['a1'], 3]);
    expect(placeholders(sql)).toEqual(oneToN(params.length));
  });
});

describe('buildSuggestionSql', () => {
  it('ORs the rarest lexemes of the text by the statistics of the small vector, published articles of the locale only', () => {
    const { sql, params } = buildSuggestionSql({
      text: 'la impresora no imprime',
      config: 'kb.search_es',
      locale: 'es',
      reader: AGENT,
      limit: 5,
    });
    expect(sql).toContain(`' | ')::tsquery`);
    expect(sql).toContain(`s.attname = 'head_vector'`);
    expect(sql).toContain('a.head_vector @@ (SELECT query FROM terms)');
    expect(sql).toContain('a.search_vector @@ (SELECT query FROM terms) AND NOT (a.head_vector @@ (SELECT query FROM terms))');
    expect(sql).toContain(`a.status = 'published'`);
    expect(params).toEqual(['kb.search_es', 'la impresora no imprime', 8, 0.02, 2, 'es', 'agent', ['t1'], AGENT.actor?.id, 5, 1000, 100]);
    expect(placeholders(sql)).toEqual(oneToN(params.length));
  });
});

describe('buildSearchSql and buildSuggestSql (the stages of one request, for the benchmark)', () => {
  it('runs full text, then the threshold and the trigram titles only when it found too little', () => {
    const [fullText, threshold, fuzzy] = buildSearchSql({ query: 'imprsora', locale: 'es', reader: ANONYMOUS, limit: 10 });
    expect(fullText?.sql).toContain('websearch_to_tsquery');
    expect(fullText?.params).toContain(11);
    expect(threshold).toMatchObject({ params: ['0.5'], onlyIfFewerThan: FUZZY_BELOW_HITS });
    expect(fuzzy?.sql).toContain('<% a.title_folded');
    expect(fuzzy?.onlyIfFewerThan).toBe(FUZZY_BELOW_HITS);
  });

  it('searches every locale when none is given, and suggests in the config of the locale', () => {
    expect(buildSearchSql({ query: 'vpn', reader: ANONYMOUS, limit: 10 })[0]?.params).toEqual(
      expect.arrayContaining(['kb.search_es', 'kb.search_en']),
    );
    expect(buildSuggestSql({ text: 'printer offline', locale: 'en', reader: ANONYMOUS, limit: 5 })[0]?.params[0]).toBe('kb.search_en');
  });
});
