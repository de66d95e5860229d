#!/usr/bin/env node
// Exploration for the search implementer: alternative query shapes for kb search and suggestions,
// timed on a copy of the bench database with one extra column (the copy is made and changed here;
// helpdesk_bench_kb itself is left as seeded):
//   head_vector tsvector GENERATED ALWAYS AS (kb.article_vector(search_config, title, tags, summary, '')) STORED
//   + a GIN index on it WHERE deleted_at IS NULL
// For every query of bench/kb-search.js's mixes (as the customer): EXPLAIN ANALYZE execution time of
// each variant (median of 3 warm runs) and its rows; then pgbench (BENCH_KB_CLIENTS clients,
// BENCH_KB_VARIANT_SECONDS each) over the whole mix per variant. Prints a table and writes
// bench/results/<stamp>-kb-variants.json.
// Env: BENCH_PG_URL, BENCH_KB_DB (helpdesk_bench_kb), BENCH_KB_CLIENTS (4), BENCH_KB_VARIANT_SECONDS (10).
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');
const { Client } = require('pg');

const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_KB_DB || 'helpdesk_bench_kb';
const EXP = `${DB}_variants`;
const CLIENTS = Number(process.env.BENCH_KB_CLIENTS || 4);
const SECONDS = Number(process.env.BENCH_KB_VARIANT_SECONDS || 10);
const CUSTOMER = `a.status = 'published' AND (a.visibility = 'public' OR (a.visibility = 'restricted' AND 'customer' = ANY(a.allowed_roles)))`;
const CONFIG = { es: 'kb.search_es', en: 'kb.search_en' };
const lit = (s) => `'${s.replace(/'/g, "''")}'`;

const SEARCHES = [
  ['impresora', 'es'],
  ['impresion', 'es'],
  ['impresoras', 'es'],
  ['contrasena bloqueada', 'es'],
  ['configurar vpn windows 11', 'es'],
  ['factura duplicada', 'es'],
  ['reembolso devolucion', 'es'],
  ['outlook no sincroniza', 'es'],
  ['printer', 'en'],
  ['printers', 'en'],
  ['reset password', 'en'],
  ['vpn keeps disconnecting', 'en'],
  ['duplicate invoice refund', 'en'],
  ['outlook shared calendar', 'en'],
  ['badge access', 'en'],
  ['sap authorization', 'en'],
];
const SUGGESTIONS = [
  ['No puedo imprimir en la impresora de red desde esta mañana, sale un error', 'es'],
  ['Se me ha bloqueado la cuenta y no recuerdo la contraseña', 'es'],
  ['La VPN se desconecta cada pocos minutos cuando trabajo desde casa', 'es'],
  ['Me han cobrado dos veces la misma factura este mes', 'es'],
  ['Quiero devolver un producto y pedir el reembolso', 'es'],
  ['I cannot print to the network printer since this morning, it shows an error', 'en'],
  ['My account is locked and I forgot my password', 'en'],
  ['The VPN keeps disconnecting when I work from home', 'en'],
  ['I was charged twice for the same invoice this month', 'en'],
  ['I want to return a product and get a refund', 'en'],
];

const cols = 'a.id, a.title, a.slug, a.summary';
const where = (locale) => `a.deleted_at IS NULL AND a.locale = ${lit(locale)} AND ${CUSTOMER}`;
/** Any two of the text's lexemes (pairwise ANDs, OR-ed): narrows an OR of common words a lot. */
const pairs = (config, text) =>
  `(SELECT coalesce(string_agg(format('(%s & %s)', quote_literal(x), quote_literal(y)), ' | '), quote_literal(''))::tsquery
      FROM unnest(tsvector_to_array(to_tsvector(${lit(config)}::regconfig, ${lit(text)}))) x,
           unnest(tsvector_to_array(to_tsvector(${lit(config)}::regconfig, ${lit(text)}))) y WHERE x < y)`;
const orOf = (config, text) => `replace(plainto_tsquery(${lit(config)}::regconfig, ${lit(text)})::text, ' & ', ' | ')::tsquery`;

const VARIANTS = {
  search: {
    'A rank every match (provisional)': (q, l) =>
      `SELECT ${cols}, ts_rank_cd(a.search_vector, q.query) AS rank FROM kb.articles a, websearch_to_tsquery(${lit(CONFIG[l])}::regconfig, ${lit(q)}) q(query) WHERE ${where(l)} AND a.search_vector @@ q.query ORDER BY rank DESC, a.id LIMIT 10`,
    'B no rank, newest first (cost of the rank)': (q, l) =>
      `SELECT ${cols} FROM kb.articles a, websearch_to_tsquery(${lit(CONFIG[l])}::regconfig, ${lit(q)}) q(query) WHERE ${where(l)} AND a.search_vector @@ q.query ORDER BY a.updated_at DESC, a.id LIMIT 10`,
    'C head_vector (title, tags, summary) ranked': (q, l) =>
      `SELECT ${cols}, ts_rank_cd(a.head_vector, q.query) AS rank FROM kb.articles a, websearch_to_tsquery(${lit(CONFIG[l])}::regconfig, ${lit(q)}) q(query) WHERE ${where(l)} AND a.head_vector @@ q.query ORDER BY rank DESC, a.id LIMIT 10`,
    'D head first, body matches (unranked, newest) to fill': (q, l) =>
      `WITH q AS (SELECT websearch_to_tsquery(${lit(CONFIG[l])}::regconfig, ${lit(q)}) AS query),
            head AS (SELECT ${cols}, ts_rank_cd(a.head_vector, q.query) AS rank FROM kb.articles a, q WHERE ${where(l)} AND a.head_vector @@ q.query ORDER BY rank DESC, a.id LIMIT 10)
       SELECT * FROM head
       UNION ALL
       (SELECT ${cols}, 0 FROM kb.articles a, q WHERE (SELECT count(*) FROM head) < 10 AND ${where(l)} AND a.search_vector @@ q.query AND a.id NOT IN (SELECT id FROM head) ORDER BY a.updated_at DESC LIMIT 10)
       LIMIT 10`,
  },
  suggest: {
    'A any word, every match ranked (provisional)': (t, l) =>
      `SELECT ${cols}, ts_rank_cd(a.search_vector, q.query) AS rank FROM kb.articles a, (SELECT ${orOf(CONFIG[l], t)} AS query) q WHERE ${where(l)} AND a.search_vector @@ q.query ORDER BY rank DESC, a.id LIMIT 5`,
    'B any two words (pairwise AND), ranked': (t, l) =>
      `SELECT ${cols}, ts_rank_cd(a.search_vector, q.query) AS rank FROM kb.articles a, (SELECT ${pairs(CONFIG[l], t)} AS query) q WHERE ${where(l)} AND a.search_vector @@ q.query ORDER BY rank DESC, a.id LIMIT 5`,
    'C any word, head_vector ranked': (t, l) =>
      `SELECT ${cols}, ts_rank_cd(a.head_vector, q.query) AS rank FROM kb.articles a, (SELECT ${orOf(CONFIG[l], t)} AS query) q WHERE ${where(l)} AND a.head_vector @@ q.query ORDER BY rank DESC, a.id LIMIT 5`,
    'D any two words, head_vector ranked': (t, l) =>
      `SELECT ${cols}, ts_rank_cd(a.head_vector, q.query) AS rank FROM kb.articles a, (SELECT ${pairs(CONFIG[l], t)} AS query) q WHERE ${where(l)} AND a.head_vector @@ q.query ORDER BY rank DESC, a.id LIMIT 5`,
  },
};

const dbUrl = (name) => {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
};
const log = (text) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);
function percentiles(times) {
  const sorted = Float64Array.from(times).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: Number(at(50).toFixed(2)), p95: Number(at(95).toFixed(2)) };
}

async function main() {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  const { rows: exists } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [EXP]);
  if (!exists.length) {
    log(`copying ${DB} to ${EXP} and adding head_vector ...`);
    await admin.query(`CREATE DATABASE "${EXP}" TEMPLATE "${DB}" STRATEGY FILE_COPY`);
    const c = new Client({ connectionString: dbUrl(EXP) });
    await c.connect();
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query(
      `ALTER TABLE kb.articles ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (kb.article_vector(search_config, title, tags, summary, '')) STORED`,
    );
    await c.query(`CREATE INDEX idx_head ON kb.articles USING gin (head_vector) WHERE deleted_at IS NULL`);
    await c.query(`VACUUM ANALYZE kb.articles`);
    await c.end();
  }
  await admin.end();
  const pg = new Client({ connectionString: dbUrl(EXP) });
  await pg.connect();
  const dir = join(__dirname, '..', 'tmp', 'bench', `kb-variants-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const out = {
    date: new Date().toISOString(),
    database: EXP,
    clients: CLIENTS,
    seconds: SECONDS,
    loadAverage: os.loadavg(),
    variants: {},
  };
  for (const [kind, variants] of Object.entries(VARIANTS)) {
    const mix = kind === 'search' ? SEARCHES : SUGGESTIONS;
    for (const [name, build] of Object.entries(variants)) {
      const perQuery = [];
      const files = [];
      for (const [i, [text, locale]] of mix.entries()) {
        const sql = build(text, locale).replace(/\s*\n\s*/g, ' ');
        const times = [];
        let rows = 0;
        let plan = '';
        for (let k = 0; k < 4; k += 1) {
          const { rows: lines } = await pg.query(`EXPLAIN (ANALYZE) ${sql}`);
          plan = lines.map((r) => r['QUERY PLAN']).join('\n');
          if (k > 0) times.push(Number(/Execution Time: ([\d.]+)/.exec(plan)[1]));
          rows = Number(/^Limit.*actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/m.exec(plan)?.[1] ?? NaN);
        }
        times.sort((a, b) => a - b);
        perQuery.push({ text, locale, ms: times[1], rows, seqScan: /Seq Scan on articles/.test(plan) });
        const file = join(dir, `${kind}-${name[0]}-${i}.sql`);
        writeFileSync(file, `${sql};\n`);
        files.push(file);
      }
      const prefix = `pgb-${kind}-${name[0]}`;
      const output = execFileSync(
        'pgbench',
        [
          '-n',
          '-c',
          String(CLIENTS),
          '-j',
          '2',
          '-T',
          String(SECONDS),
          '-l',
          '--log-prefix',
          prefix,
          ...files.flatMap((f) => ['-f', f]),
          '-h',
          '127.0.0.1',
          '-U',
          'postgres',
          EXP,
        ],
        { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const latencies = [];
      for (const f of readdirSync(dir).filter((n) => n.startsWith(`${prefix}.`))) {
        for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
          const parts = line.split(' ');
          if (parts.length >= 6) latencies.push(Number(parts[2]) / 1000);
        }
      }
      const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
      const single = perQuery.map((q) => q.ms);
      const result = {
        perQuery,
        explainMsMax: Math.max(...single),
        explainMsMedian: single.sort((a, b) => a - b)[single.length >> 1],
        pgbench: { ...percentiles(latencies), tps },
      };
      out.variants[`${kind}: ${name}`] = result;
      log(
        `${kind}: ${name.padEnd(52)} explain median ${result.explainMsMedian} max ${result.explainMsMax} ms | pgbench ×${CLIENTS} p50 ${result.pgbench.p50} p95 ${result.pgbench.p95} ms, ${tps} tx/s | rows ${perQuery.map((q) => q.rows).join(',')}`,
      );
    }
  }
  await pg.end();
  const stamp = out.date.replace(/[:.]/g, '-');
  writeFileSync(join(__dirname, 'results', `${stamp}-kb-variants.json`), `${JSON.stringify(out, null, 2)}\n`);
  log(`results in bench/results/${stamp}-kb-variants.json`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
