// The SQL kb-service runs for a search or a suggestion request, for bench/kb-search.js to replay with
// pgbench. Pluggable: when apps/kb-service/src/search/search-sql.ts exists (the pure SQL builders of the
// search service) its builders are used; otherwise the provisional queries below, written before the
// search service existed.
//
// The contract expected of search-sql.ts (loaded from source through bench/ts-register.js):
//   buildSearchSql({ query, locale, reader, filters: { categoryIds?, tags? }, limit }) and
//   buildSuggestSql({ text, locale, reader, limit })
// each returning one statement { sql, params } or an array of stages [{ sql, params, onlyIfFewerThan? }]:
// a stage with onlyIfFewerThan: k runs only when the stages before it returned fewer than k rows (e.g. a
// trigram fallback after the full-text query). `reader` is access/article-access.ts's Reader.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const SERVICE_BUILDERS = join(ROOT, 'apps/kb-service/src/search/search-sql.ts');
const CONFIGS = { es: 'kb.search_es', en: 'kb.search_en' };
const SEARCH_LIMIT = 10;
const SUGGEST_LIMIT = 5;
/** Below this many full-text results the provisional search adds title trigram matches (typos). */
const TRIGRAM_BELOW = 3;
const TRIGRAM_THRESHOLD = 0.5;

/** The provisional builders: websearch_to_tsquery over search_vector, ts_rank_cd, LIMIT; readableCondition for access. */
function provisional(readableCondition) {
  const filterSql = (filters, params) => {
    const parts = [];
    if (filters?.categoryIds?.length) {
      params.push(filters.categoryIds);
      parts.push(`AND a.category_id = ANY($${params.length}::uuid[])`);
    }
    if (filters?.tags?.length) {
      params.push(filters.tags);
      parts.push(`AND a.tags && $${params.length}::text[]`);
    }
    return parts.join(' ');
  };
  return {
    buildSearchSql({ query, locale, reader, filters, limit = SEARCH_LIMIT }) {
      const config = CONFIGS[locale] ?? 'kb.search_simple';
      const params = [config, query, locale];
      const access = readableCondition(reader, 'a', params.length);
      params.push(...access.params);
      const filter = filterSql(filters, params);
      const fullText = {
        sql: `SELECT a.id, a.title, a.slug, a.summary, a.locale, a.category_id, a.tags, a.updated_at,
       ts_rank_cd(a.search_vector, q.query) AS rank
  FROM kb.articles a, websearch_to_tsquery($1::regconfig, $2) AS q(query)
 WHERE a.deleted_at IS NULL AND a.locale = $3 AND a.search_vector @@ q.query
   AND ${access.sql} ${filter}
 ORDER BY rank DESC, a.id
 LIMIT ${limit}`,
        params,
      };
      const tParams = [query, locale];
      const tAccess = readableCondition(reader, 'a', tParams.length);
      tParams.push(...tAccess.params);
      const tFilter = filterSql(filters, tParams);
      const trigram = {
        sql: `SELECT a.id, a.title, a.slug, a.summary, a.locale, a.category_id, a.tags, a.updated_at,
       word_similarity(kb.fold($1), a.title_folded) AS rank
  FROM kb.articles a
 WHERE a.deleted_at IS NULL AND a.locale = $2 AND kb.fold($1) <% a.title_folded
   AND ${tAccess.sql} ${tFilter}
 ORDER BY rank DESC, a.id
 LIMIT ${limit}`,
        params: tParams,
        onlyIfFewerThan: TRIGRAM_BELOW,
      };
      // `<%` compares with pg_trgm.word_similarity_threshold (0.6 by default: "imprsora" against
      // "impresora" scores 0.58); the service would set it on its connections once, the bench per request.
      const threshold = { sql: `SET pg_trgm.word_similarity_threshold = ${TRIGRAM_THRESHOLD}`, params: [], onlyIfFewerThan: TRIGRAM_BELOW };
      return [fullText, threshold, trigram];
    },
    buildSuggestSql({ text, locale, reader, limit = SUGGEST_LIMIT }) {
      const config = CONFIGS[locale] ?? 'kb.search_simple';
      const params = [config, text, locale];
      const access = readableCondition(reader, 'a', params.length);
      params.push(...access.params);
      // Any of the text's words (OR of its lexemes), the best few by rank.
      return {
        sql: `SELECT a.id, a.title, a.slug, left(a.summary, 200) AS snippet, ts_rank_cd(a.search_vector, q.query) AS rank
  FROM kb.articles a, (SELECT replace(plainto_tsquery($1::regconfig, $2)::text, ' & ', ' | ')::tsquery AS query) q
 WHERE a.deleted_at IS NULL AND a.locale = $3 AND a.search_vector @@ q.query
   AND ${access.sql}
 ORDER BY rank DESC, a.id
 LIMIT ${limit}`,
        params,
      };
    },
  };
}

/** { source, buildSearchSql, buildSuggestSql }, the builders normalised to return arrays of stages. */
function loadSqlSource() {
  require('./ts-register');
  const { readableCondition } = require('../apps/kb-service/src/access/article-access');
  let builders = null;
  let source = 'provisional (bench/kb-search-sql.js)';
  let note = null;
  if (existsSync(SERVICE_BUILDERS)) {
    try {
      const module = require(SERVICE_BUILDERS);
      if (typeof module.buildSearchSql === 'function' && typeof module.buildSuggestSql === 'function') {
        builders = module;
        source = 'apps/kb-service/src/search/search-sql.ts';
      } else {
        note = `search-sql.ts exports ${Object.keys(module).join(', ') || 'nothing'}, not buildSearchSql/buildSuggestSql: provisional SQL used`;
      }
    } catch (error) {
      note = `search-sql.ts did not load (${error.message}): provisional SQL used`;
    }
  }
  builders ??= provisional(readableCondition);
  const stages = (built) => (Array.isArray(built) ? built : [built]);
  return {
    source,
    note,
    buildSearchSql: (args) => stages(builders.buildSearchSql({ limit: SEARCH_LIMIT, ...args })),
    buildSuggestSql: (args) => stages(builders.buildSuggestSql({ limit: SUGGEST_LIMIT, ...args })),
  };
}

/** The statement with its parameters written in as literals (what pgbench runs). */
function inline(sql, params) {
  const literal = (value) => {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value instanceof Date) return `'${value.toISOString()}'`;
    if (Array.isArray(value)) {
      const inner = value.map((v) => `"${String(v).replace(/(["\\])/g, '\\$1')}"`).join(',');
      return `'{${inner.replace(/'/g, "''")}}'`;
    }
    return `'${String(value).replace(/'/g, "''")}'`;
  };
  return sql.replace(/\$(\d+)/g, (_, n) => literal(params[Number(n) - 1]));
}

module.exports = { loadSqlSource, inline };
