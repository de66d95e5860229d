import { readableCondition, Reader } from '../access/article-access';
import { searchConfigFor } from '../common/locales';

/**
 * The SQL of knowledge-base search and suggestions, as pure builders: given the parsed query,
 * filters and reader they return `{ sql, params }` and touch nothing (the benchmark in
 * `bench/kb-search.js` runs the very same statements, through `buildSearchSql` and `buildSuggestSql`:
 * the statements of one request). Index use, on 200,000 articles:
 *
 * - full text: `a.search_vector @@ <tsquery>` on the GIN index `IDX_kb_articles_search` (partial on
 *   `deleted_at IS NULL`, which every statement repeats). The tsquery is an uncorrelated scalar
 *   subquery, computed once per statement and usable as an index key even in a generic plan;
 * - only matching rows are ranked, and at most a bounded set of them (`MAX_CANDIDATES`: ranking
 *   reads every candidate's vector, over a second for the 60,000 articles a common word matched in a 200,000-article test set, ~80 ms for 3,000 on a loaded 2-core machine):
 *   the articles whose title holds the words (`IDX_kb_articles_title_search`, up to
 *   `MAX_TITLE_CANDIDATES`) together with the first matches of the whole text. For a word in
 *   fewer articles than that (the usual case) the ranking is exact; for a very common one, title
 *   hits still come first and the body-only hits are ranked among the first found;
 * - the page is cut (LIMIT) in a subquery, and `ts_headline`, the costly part, runs on the page only;
 * - fuzzy: `kb.fold(q) <% a.title_folded` on the trigram GIN index `IDX_kb_articles_title_trgm`;
 *   the threshold is `pg_trgm.word_similarity_threshold`, set for the transaction with
 *   `FUZZY_THRESHOLD_SQL` first.
 */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}

export interface SearchFilters {
  /** Only this locale (its config is then the one searched) */
  locale?: string;
  /** A category or section; a category includes its sections */
  categoryId?: string;
  /** Every one of these tags (lower case) */
  tags?: readonly string[];
}

export interface SearchSqlInput {
  /** The normalized query, in web-search syntax */
  text: string;
  /** The text search configurations to search in (`kb.search_es`…): one per locale searched; each row is matched in its own */
  configs: readonly string[];
  filters: SearchFilters;
  reader: Reader;
  limit: number;
  offset: number;
}

export interface FuzzySqlInput {
  text: string;
  filters: SearchFilters;
  reader: Reader;
  limit: number;
  /** Hits already found by full text */
  excludeIds: readonly string[];
}

export interface SuggestionSqlInput {
  /** A long text: a ticket's subject and description */
  text: string;
  /** The config of `locale` */
  config: string;
  locale: string;
  reader: Reader;
  limit: number;
  /** The most significant words kept in the OR query */
  maxTerms?: number;
}

/** One row of a search or suggestion page. `snippet` is ts_headline's output with the markers of `snippet.ts`, not yet HTML. */
export interface SearchRow {
  id: string;
  title: string;
  locale: string;
  summary: string;
  tags: string[];
  category_id: string | null;
  status: string;
  visibility: string;
  score: number;
  snippet: string;
}

/** Weights of ts_rank_cd, for {D, C, B, A}: body and summary are C, tags B, the title A. */
export const RANK_WEIGHTS = '{0.05, 0.2, 0.5, 1.0}';
/** The least word similarity of a fuzzy title hit ("imprsora" ~ "impresora sin conexión" is 0.58). */
export const FUZZY_THRESHOLD = 0.5;
export const FUZZY_THRESHOLD_SQL = `SELECT set_config('pg_trgm.word_similarity_threshold', $1::text, true)`;
export const SUGGESTION_MAX_TERMS = 12;
/** The most matches of the whole text ranked per query. */
export const MAX_CANDIDATES = 1000;
/** The most title matches ranked per query (on top of MAX_CANDIDATES). */
export const MAX_TITLE_CANDIDATES = 500;
/** Suggestions want the best 10 at most, of an OR query (more matches, costlier to rank): fewer candidates. */
export const SUGGESTION_MAX_CANDIDATES = 500;
export const SUGGESTION_MAX_TITLE_CANDIDATES = 200;

/**
 * ts_headline's options: matches between private-use markers (see snippet.ts), up to two fragments
 * of 15–35 words.
 */
const HEADLINE_OPTIONS = `U&'StartSel="\\E000", StopSel="\\E001", MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "'`;

/** The text ts_headline reads: summary and body, `<>&` swapped for markers and private-use markers already there dropped. */
const HEADLINE_TEXT = `translate(a.summary || E'\\n' || a.body_text, U&'<>&\\E000\\E001\\E002\\E003\\E004', U&'\\E002\\E003\\E004')`;

/** The title's own vector, as `IDX_kb_articles_title_search` indexes it. */
const TITLE_VECTOR = 'to_tsvector(a.search_config, a.title)';

/** Relevance: 1 when a word is in the title (so a title hit always outranks a body-only one), plus weighted cover density in [0, 1). */
function scoreOf(query: string): string {
  return `(CASE WHEN ts_filter(a.search_vector, '{a}') @@ ${query} THEN 1 ELSE 0 END + ts_rank_cd('${RANK_WEIGHTS}', a.search_vector, ${query}, 32))`;
}

/** Numbered parameters. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The candidates, ranked as they are read (no second visit of the row): title matches (their own
 * GIN index) and matches of the whole text, each capped, under the same conditions; an article in
 * both appears twice with the same score (the caller groups by id).
 */
function rankedCandidates(
  params: Params,
  titleMatch: string,
  match: string,
  score: string,
  where: readonly string[],
  caps: { title: number; all: number } = { title: MAX_TITLE_CANDIDATES, all: MAX_CANDIDATES },
): string {
  const common = ['a.deleted_at IS NULL', ...where].join(' AND ');
  return `(SELECT a.id, ${score} AS score FROM "kb"."articles" a WHERE ${titleMatch} AND ${common} LIMIT ${params.add(caps.title)}::int)
        UNION ALL
        (SELECT a.id, ${score} AS score FROM "kb"."articles" a WHERE ${match} AND ${common} LIMIT ${params.add(caps.all)}::int)`;
}

function filterConditions(params: Params, filters: SearchFilters, reader: Reader): string[] {
  const where: string[] = [];
  if (filters.locale) where.push(`a.locale = ${params.add(filters.locale)}::varchar`);
  if (filters.categoryId) {
    const id = params.add(filters.categoryId);
    where.push(`(a.category_id = ${id}::uuid OR a.category_id IN (SELECT c.id FROM "kb"."categories" c WHERE c.parent_id = ${id}::uuid))`);
  }
  if (filters.tags?.length) where.push(`a.tags @> ${params.add([...filters.tags])}::text[]`);
  const visible = readableCondition(reader, 'a', params.values.length);
  params.values.push(...visible.params);
  where.push(visible.sql);
  return where;
}

/**
 * Full-text search, ranked. With one config the match is one GIN condition; with several (no
 * locale asked), each row is matched in its own config: an OR of `(config = c AND vector @@ q_c)`,
 * which the planner turns into a BitmapOr of GIN scans.
 */
export function buildFullTextSql(input: SearchSqlInput): SqlQuery {
  if (input.configs.length === 0) throw new Error('buildFullTextSql needs at least one text search config');
  const params = new Params();
  const text = params.add(input.text);
  const queries = input.configs.map((config) => {
    const c = params.add(config);
    return { config: c, query: `(SELECT websearch_to_tsquery(${c}::regconfig, ${text}::text))` };
  });
  const [first] = queries;
  const single = queries.length === 1 && first;
  const matchOn = (vector: string): string =>
    single
      ? `${vector} @@ ${first.query}`
      : `(${queries.map((q) => `(a.search_config = ${q.config}::regconfig AND ${vector} @@ ${q.query})`).join(' OR ')})`;
  const query = single
    ? first.query
    : `(CASE a.search_config ${queries.map((q) => `WHEN ${q.config}::regconfig THEN ${q.query}`).join(' ')} END)`;
  const where = [`a.status <> 'archived'`, ...filterConditions(params, input.filters, input.reader)];
  const ranked = rankedCandidates(params, matchOn(TITLE_VECTOR), matchOn('a.search_vector'), scoreOf(query), where);
  const limit = params.add(input.limit);
  const offset = params.add(input.offset);
  return {
    sql: `SELECT a.id, a.title, a.locale, a.summary, a.tags, a.category_id, a.status, a.visibility, p.score::float8 AS score,
       ts_headline(a.search_config, ${HEADLINE_TEXT}, ${query}, ${HEADLINE_OPTIONS}) AS snippet
  FROM (
    SELECT c.id, max(c.score) AS score
      FROM (${ranked}) c
     GROUP BY c.id
     ORDER BY score DESC, c.id
     LIMIT ${limit}::int OFFSET ${offset}::int
  ) p
  JOIN "kb"."articles" a ON a.id = p.id
 ORDER BY p.score DESC, p.id`,
    params: params.values,
  };
}

/**
 * Typo tolerance: titles whose folded form holds a stretch close in spelling to the folded query
 * (`<%`, word similarity over `FUZZY_THRESHOLD`, set by `FUZZY_THRESHOLD_SQL` in the same
 * transaction), best first. `snippet` is the start of the summary or body, plain.
 */
export function buildFuzzySql(input: FuzzySqlInput): SqlQuery {
  const params = new Params();
  const folded = `(SELECT "kb"."fold"(${params.add(input.text)}::text))`;
  const where = [
    `a.deleted_at IS NULL`,
    `a.status <> 'archived'`,
    `${folded} <% a.title_folded`,
    ...filterConditions(params, input.filters, input.reader),
  ];
  if (input.excludeIds.length) where.push(`a.id <> ALL(${params.add([...input.excludeIds])}::uuid[])`);
  return {
    sql: `SELECT a.id, a.title, a.locale, a.summary, a.tags, a.category_id, a.status, a.visibility,
       word_similarity(${folded}, a.title_folded)::float8 AS score,
       left(CASE WHEN a.summary <> '' THEN a.summary ELSE a.body_text END, 400) AS snippet
  FROM "kb"."articles" a
 WHERE ${where.join('\n   AND ')}
 ORDER BY score DESC, a.id
 LIMIT ${params.add(input.limit)}::int`,
    params: params.values,
  };
}

/**
 * Suggestions for a long text: its significant words (the lexemes of the text in the locale's
 * config, the most repeated first, then the earliest: the subject comes first) as an OR query of
 * at most `maxTerms` terms, so a long description still matches; published articles of the
 * locale the reader may read, ranked as search ranks. An empty or all-stop-word text matches nothing.
 */
export function buildSuggestionSql(input: SuggestionSqlInput): SqlQuery {
  const params = new Params();
  const config = params.add(input.config);
  const text = params.add(input.text);
  const maxTerms = params.add(input.maxTerms ?? SUGGESTION_MAX_TERMS);
  const query = `(SELECT query FROM terms)`;
  const where = [`a.status = 'published'`, ...filterConditions(params, { locale: input.locale }, input.reader)];
  const ranked = rankedCandidates(params, `${TITLE_VECTOR} @@ ${query}`, `a.search_vector @@ ${query}`, scoreOf(query), where, {
    title: SUGGESTION_MAX_TITLE_CANDIDATES,
    all: SUGGESTION_MAX_CANDIDATES,
  });
  return {
    sql: `WITH terms AS (
  SELECT string_agg('''' || replace(replace(t.lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery AS query
    FROM (SELECT lexeme FROM unnest(to_tsvector(${config}::regconfig, ${text}::text))
           WHERE length(lexeme) > 1
           ORDER BY array_length(positions, 1) DESC, positions[1]
           LIMIT ${maxTerms}::int) t
)
SELECT a.id, a.title, a.locale, a.summary, a.tags, a.category_id, a.status, a.visibility, p.score::float8 AS score,
       ts_headline(a.search_config, ${HEADLINE_TEXT}, ${query}, ${HEADLINE_OPTIONS}) AS snippet
  FROM (
    SELECT c.id, max(c.score) AS score
      FROM (${ranked}) c
     GROUP BY c.id
     ORDER BY score DESC, c.id
     LIMIT ${params.add(input.limit)}::int
  ) p
  JOIN "kb"."articles" a ON a.id = p.id
 ORDER BY p.score DESC, p.id`,
    params: params.values,
  };
}

/** Below this many full-text hits (all of them on the first page), titles close in spelling are added. */
export const FUZZY_BELOW_HITS = 3;

/** One statement of a request; with `onlyIfFewerThan`, run only when the statements before it returned fewer rows. */
export interface SqlStage extends SqlQuery {
  onlyIfFewerThan?: number;
}

/** A search request as the benchmark (`bench/kb-search-sql.js`) describes it. */
export interface SearchRequest {
  query: string;
  /** Absent: every one of `locales` */
  locale?: string;
  reader: Reader;
  filters?: { categoryIds?: readonly string[]; tags?: readonly string[] };
  limit: number;
  offset?: number;
  locales?: readonly string[];
}

/**
 * The statements of one search request, in the order SearchService runs them: full text (one more
 * row than the page, to know if there is a next one), then, when it found fewer than
 * FUZZY_BELOW_HITS, the similarity threshold and the trigram titles. The service sets the
 * threshold for its transaction; these stages, for a caller without one, set it for the session.
 */
export function buildSearchSql(request: SearchRequest): SqlStage[] {
  const filters: SearchFilters = { locale: request.locale, categoryId: request.filters?.categoryIds?.[0], tags: request.filters?.tags };
  const locales = request.locale ? [request.locale] : (request.locales ?? ['es', 'en']);
  const configs = [...new Set(locales.map(searchConfigFor))];
  const common = { filters, reader: request.reader };
  return [
    buildFullTextSql({ ...common, text: request.query, configs, limit: request.limit + 1, offset: request.offset ?? 0 }),
    {
      sql: `SELECT set_config('pg_trgm.word_similarity_threshold', $1::text, false)`,
      params: [String(FUZZY_THRESHOLD)],
      onlyIfFewerThan: FUZZY_BELOW_HITS,
    },
    { ...buildFuzzySql({ ...common, text: request.query, limit: request.limit, excludeIds: [] }), onlyIfFewerThan: FUZZY_BELOW_HITS },
  ];
}

/** The statement of one suggestions request (the service also opens the suggestion session: one INSERT transaction). */
export function buildSuggestSql(request: { text: string; locale: string; reader: Reader; limit: number }): SqlStage[] {
  return [
    buildSuggestionSql({
      text: request.text,
      config: searchConfigFor(request.locale),
      locale: request.locale,
      reader: request.reader,
      limit: request.limit,
    }),
  ];
}
