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
 * - ranking reads the small `head_vector` (title, tags and summary, kept inline in the row), never
 *   the full vector with the body (about 3 KB, stored out of line: reading it cost 20–35 µs a row,
 *   over a second for the 60,000 articles a common word matched in a 200,000-article test set).
 *   Articles whose title, tags or summary hold the words (`IDX_kb_articles_head`) are ranked by
 *   them, up to `MAX_HEAD_CANDIDATES`, and always come before articles that mention the words in
 *   the body only; of those, the first `MAX_BODY_CANDIDATES` found are ranked on the full vector;
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
  /** Articles holding any of the words rather than all of them (the partial fallback) */
  anyWord?: boolean;
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
/** The most words of a long text OR'd for suggestions. */
export const SUGGESTION_MAX_TERMS = 8;
/** A word in more than this share of articles' titles, tags and summaries tells few of them apart: suggestions leave it out… */
export const SUGGESTION_COMMON_SHARE = 0.02;
/** …unless fewer than this many words would remain (then the least common ones are kept). */
export const SUGGESTION_MIN_TERMS = 2;
/** The most articles ranked on their title, tags and summary per query (cheap: the small vector). */
export const MAX_HEAD_CANDIDATES = 2000;
/** The most body-only matches ranked on the full vector per query (costly: the large vector). */
export const MAX_BODY_CANDIDATES = 200;
/** Suggestions want the best 10 at most. */
export const SUGGESTION_MAX_HEAD_CANDIDATES = 1000;
export const SUGGESTION_MAX_BODY_CANDIDATES = 100;

/**
 * ts_headline's options: matches between private-use markers (see snippet.ts), up to two fragments
 * of 15–35 words.
 */
const HEADLINE_OPTIONS = `U&'StartSel="\\E000", StopSel="\\E001", MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "'`;

/**
 * The text ts_headline reads: summary and the start of the body (ts_headline parses all it is
 * given, and bodies run to thousands of words: a match past HEADLINE_CHARS shows the start without
 * a highlight), `<>&` swapped for markers and private-use markers already there dropped.
 */
export const HEADLINE_CHARS = 3000;
const HEADLINE_TEXT = `translate(left(a.summary || E'\\n' || a.body_text, ${HEADLINE_CHARS}), U&'<>&\\E000\\E001\\E002\\E003\\E004', U&'\\E002\\E003\\E004')`;

/**
 * Relevance of an article whose title, tags or summary match: 1, plus 1 when the title does, plus
 * the weighted cover density of the small vector in [0, 1). Always above a body-only match.
 */
function headScoreOf(query: string): string {
  return `(1 + CASE WHEN ts_filter(a.head_vector, '{a}') @@ ${query} THEN 1 ELSE 0 END + ts_rank_cd('${RANK_WEIGHTS}', a.head_vector, ${query}, 32))`;
}

/** Relevance of a body-only match: the weighted cover density of the full vector, in [0, 1). */
function bodyScoreOf(query: string): string {
  return `ts_rank_cd('${RANK_WEIGHTS}', a.search_vector, ${query}, 32)`;
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
 * The candidates, ranked as they are read (no second visit of the row): matches of the title, tags
 * or summary (the small vector's GIN index), and body-only matches (the full vector's), each
 * capped, under the same conditions.
 */
function rankedCandidates(
  params: Params,
  match: (vector: string) => string,
  query: string,
  where: readonly string[],
  needed: string,
  caps: { head: number; body: number } = { head: MAX_HEAD_CANDIDATES, body: MAX_BODY_CANDIDATES },
): string {
  const common = ['a.deleted_at IS NULL', ...where].join(' AND ');
  const head = match('a.head_vector');
  // Body-only matches rank below every head match: they are looked for only when the head matches
  // do not fill the page (an InitPlan, evaluated once: otherwise that scan never starts).
  return `WITH head AS (
      SELECT a.id, ${headScoreOf(query)} AS score FROM "kb"."articles" a WHERE ${head} AND ${common} LIMIT ${params.add(caps.head)}::int
    )
    SELECT id, score FROM head
    UNION ALL
    (SELECT a.id, ${bodyScoreOf(query)} AS score FROM "kb"."articles" a
      WHERE (SELECT count(*) FROM head) < ${needed} AND ${match('a.search_vector')} AND NOT (${head}) AND ${common}
      LIMIT ${params.add(caps.body)}::int)`;
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
    const parsed = `websearch_to_tsquery(${c}::regconfig, ${text}::text)`;
    // Any word: the AND of the parsed query turned into OR (only asked for queries without phrases, negations or "or").
    return { config: c, query: input.anyWord ? `(SELECT replace(${parsed}::text, ' & ', ' | ')::tsquery)` : `(SELECT ${parsed})` };
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
  const limit = params.add(input.limit);
  const offset = params.add(input.offset);
  const ranked = rankedCandidates(params, matchOn, query, where, `(${limit}::int + ${offset}::int)`);
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
 * Suggestions for a long text: the words that tell articles apart, OR'd. The text's lexemes in the
 * locale's config, minus the common ones — those in more than SUGGESTION_COMMON_SHARE of the
 * articles' titles, tags and summaries by PostgreSQL's own statistics (ANALYZE keeps the most common
 * elements of a tsvector column with their shares, `pg_stats.most_common_elems`; a lexeme not
 * listed is rarer than any listed) — rarest first, at most SUGGESTION_MAX_TERMS, and at least the
 * SUGGESTION_MIN_TERMS least common even when all are common. "Any word of the text" would match
 * most of a large knowledge base on words like "error" and rank tens of thousands of rows. Then the
 * published articles of the locale the reader may read, ranked as search ranks. Before statistics
 * exist (a new knowledge base) every word counts as rare. An empty or all-stop-word text matches nothing.
 */
export function buildSuggestionSql(input: SuggestionSqlInput): SqlQuery {
  const params = new Params();
  const config = params.add(input.config);
  const text = params.add(input.text);
  const maxTerms = params.add(input.maxTerms ?? SUGGESTION_MAX_TERMS);
  const commonShare = params.add(SUGGESTION_COMMON_SHARE);
  const minTerms = params.add(SUGGESTION_MIN_TERMS);
  const query = `(SELECT query FROM terms)`;
  const where = [`a.status = 'published'`, ...filterConditions(params, { locale: input.locale }, input.reader)];
  const limit = params.add(input.limit);
  const ranked = rankedCandidates(params, (vector) => `${vector} @@ ${query}`, query, where, `${limit}::int`, {
    head: SUGGESTION_MAX_HEAD_CANDIDATES,
    body: SUGGESTION_MAX_BODY_CANDIDATES,
  });
  return {
    sql: `WITH words AS (
  SELECT w.lexeme, coalesce(f.share, 0) AS share, array_length(w.positions, 1) AS repeats, w.positions[1] AS first
    FROM unnest(to_tsvector(${config}::regconfig, ${text}::text)) w
    LEFT JOIN (SELECT e.lexeme, e.share
                 FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, share)
                WHERE s.schemaname = 'kb' AND s.tablename = 'articles' AND s.attname = 'head_vector') f ON f.lexeme = w.lexeme
   WHERE length(w.lexeme) > 1 AND w.lexeme !~ '^[0-9]{1,2}$'
), ranked_words AS (
  SELECT lexeme, share, row_number() OVER (ORDER BY share, repeats DESC, first) AS n FROM words
), terms AS (
  SELECT string_agg('''' || replace(replace(t.lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery AS query
    FROM (SELECT lexeme FROM ranked_words WHERE share <= ${commonShare}::float8 OR n <= ${minTerms}::int ORDER BY n LIMIT ${maxTerms}::int) t
)
SELECT a.id, a.title, a.locale, a.summary, a.tags, a.category_id, a.status, a.visibility, p.score::float8 AS score,
       ts_headline(a.search_config, ${HEADLINE_TEXT}, ${query}, ${HEADLINE_OPTIONS}) AS snippet
  FROM (
    SELECT c.id, max(c.score) AS score
      FROM (${ranked}) c
     GROUP BY c.id
     ORDER BY score DESC, c.id
     LIMIT ${limit}::int
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
