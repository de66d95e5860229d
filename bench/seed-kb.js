#!/usr/bin/env node
// Seeds a dedicated PostgreSQL database with kb-service's schema and BENCH_KB_ARTICLES (default 200,000)
// knowledge-base articles for bench/kb-search.js:
//   - a category tree of 20 categories × 5 sections (accounts, email, printing, network, VPN, laptops,
//     phones, Microsoft 365, SAP, billing, refunds, shipping, security, badges, software, files,
//     meeting rooms, payroll, CRM, onboarding), names in es and en;
//   - half as many translation groups, each with an `es` and an `en` version of the same article
//     (bench/kb-corpus.js: titles such as "Cómo configurar la impresora de red en Windows 11", summaries,
//     Markdown bodies of 300–1500 words with steps, troubleshooting and FAQ, 1–5 tags), filed in a section;
//   - ≈85% published, 10% draft, 5% archived (one English version in ten drawn on its own: translations
//     lag); ≈70% public, 25% internal, 5% restricted (to staff roles, customers or some of 10 teams);
//   - one kb.article_revisions row (revision 1) per article.
// Deterministic (mulberry32 seeded PRNG, ids from md5 of a key), so runs are comparable. Loaded with large
// multi-row INSERTs (one JSON parameter per 1,000 articles, json_to_recordset) over two connections with
// triggers and foreign keys off (session_replication_role = replica); the generated search_vector and
// title_folded are computed by PostgreSQL on insert. kb.articles' secondary indexes (the two GIN ones
// included) are dropped first and rebuilt at the end, then VACUUM ANALYZE.
// Reuses the database when it already holds a seed of the same size, generator and migrations
// (public.bench_kb_seed: size, GENERATOR_VERSION, migrations); BENCH_KB_RESEED=1 forces a new one.
// Migrations: kb-service's own (KB_DATABASE of apps/kb-service/src/database/schema.ts), run from the
// TypeScript sources through bench/ts-register.js.
// Env: BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_KB_DB (helpdesk_bench_kb),
// BENCH_KB_ARTICLES (200000), BENCH_KB_RESEED.
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require('pg');
const { prng, categoryTree, article, slugify } = require('./kb-corpus');

const ROOT = join(__dirname, '..');
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_KB_DB || 'helpdesk_bench_kb';
const ARTICLES = Number(process.env.BENCH_KB_ARTICLES || 200_000);
const GROUPS = Math.ceil(ARTICLES / 2);
const BATCH_GROUPS = 500;
const WORKERS = 2;
const SEED = 20261206;
/** The base "now" of the seed's dates, fixed so that reruns give the same rows. */
const BASE = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400_000;

const log = (text) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

function dbUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function connect(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A stable id from a key, shaped as a version-4 uuid (the same as seed-tickets.js's bench_id). */
function seededId(key) {
  const hex = createHash('md5').update(key).digest('hex');
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return v4.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

/** Bump when the generated rows change (bench/kb-corpus.js or batchRows below): a new seed is made then. */
const GENERATOR_VERSION = 1;

/** What the seed depends on: its size, the generator's version and kb-service's migrations. */
function fingerprint() {
  const hash = createHash('sha256');
  hash.update(`${ARTICLES}:${GENERATOR_VERSION}:${SEED}`);
  const migrations = join(ROOT, 'apps/kb-service/src/database/migrations');
  for (const file of readdirSync(migrations).sort()) hash.update(readFileSync(join(migrations, file)));
  return hash.digest('hex').slice(0, 16);
}

function migrate() {
  const code = `
    require('./bench/ts-register');
    const { DataSource } = require('typeorm');
    const { serviceDataSourceOptions, migrateSchema } = require('./libs/platform/src');
    const { KB_DATABASE } = require('./apps/kb-service/src/database/schema');
    (async () => {
      const ds = await new DataSource(serviceDataSourceOptions(${JSON.stringify(dbUrl(DB))}, 2, KB_DATABASE)).initialize();
      await migrateSchema(ds, 'kb');
      await ds.destroy();
    })().catch((e) => { console.error(e); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', code], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

const TEAMS = Array.from({ length: 10 }, (_, i) => seededId(`kb-team-${i}`));
const OWNERS = Array.from({ length: 40 }, (_, i) => seededId(`kb-owner-${i}`));
const RESTRICTED_ROLES = [['agent', 'supervisor'], ['supervisor'], ['customer'], []];
const categoryId = (ci) => seededId(`kb-category-${ci}`);
const sectionId = (ci, si) => seededId(`kb-section-${ci}-${si}`);

const status = (r) => (r < 0.85 ? 'published' : r < 0.95 ? 'draft' : 'archived');
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/** The rows of translation groups [from, to). */
function batchRows(from, to) {
  const rows = [];
  for (let g = from; g < to; g += 1) {
    // One generator per group: a group's content does not depend on how the batches were split.
    const rng = prng(SEED ^ Math.imul(g + 1, 0x9e3779b1));
    const a = article(rng);
    const groupStatus = status(rng());
    const v = rng();
    const visibility = v < 0.7 ? 'public' : v < 0.95 ? 'internal' : 'restricted';
    const restricted = visibility === 'restricted';
    const allowedRoles = restricted ? RESTRICTED_ROLES[rng.int(RESTRICTED_ROLES.length)] : [];
    const allowedTeams = restricted && rng() < 0.6 ? [...new Set([rng.pick(TEAMS), rng.pick(TEAMS)])] : [];
    const owner = rng.pick(OWNERS);
    const created = BASE - Math.floor(rng() * 3 * 365 * DAY);
    const updated = created + Math.floor(rng() * (BASE - created));
    const reviewBy = rng() < 0.5 ? day(updated + 365 * DAY) : null;
    const enOwnStatus = rng() < 0.1 ? status(rng()) : null;
    for (const locale of ['es', 'en']) {
      const text = a[locale];
      const s = locale === 'en' && enOwnStatus ? enOwnStatus : groupStatus;
      const edited = locale === 'en' ? updated + 3_600_000 : updated;
      rows.push({
        id: seededId(`kb-article-${g}-${locale}`),
        translation_group: seededId(`kb-group-${g}`),
        locale,
        slug: `${slugify(text.title)}-${g}`,
        title: text.title,
        summary: text.summary,
        body: text.body,
        body_html: text.html,
        body_text: text.text,
        tags: a.tags,
        category_id: sectionId(a.categoryIndex, a.sectionIndex),
        visibility,
        allowed_roles: allowedRoles,
        allowed_team_ids: allowedTeams,
        status: s,
        owner_id: owner,
        review_by: reviewBy,
        published_at: s === 'draft' ? null : new Date(created + DAY).toISOString(),
        search_config: locale === 'es' ? 'kb.search_es' : 'kb.search_en',
        created_at: new Date(created).toISOString(),
        updated_at: new Date(edited).toISOString(),
      });
    }
  }
  return rows;
}

// One statement per batch: the articles and their first revisions from the same JSON.
const INSERT_BATCH = `
  WITH src AS (
    SELECT * FROM json_to_recordset($1::json) AS r(
      id uuid, translation_group uuid, locale text, slug text, title text, summary text, body text, body_html text,
      body_text text, tags text[], category_id uuid, visibility text, allowed_roles text[], allowed_team_ids uuid[],
      status text, owner_id uuid, review_by date, published_at timestamptz, search_config text,
      created_at timestamptz, updated_at timestamptz)
  ), articles AS (
    INSERT INTO kb.articles (id, translation_group, locale, slug, title, summary, body, body_html, body_text, tags,
                             category_id, visibility, allowed_roles, allowed_team_ids, status, owner_id, review_by,
                             revision, published_at, search_config, created_at, updated_at)
    SELECT id, translation_group, locale, slug, title, summary, body, body_html, body_text, tags,
           category_id, visibility, allowed_roles, allowed_team_ids, status, owner_id, review_by,
           1, published_at, search_config::regconfig, created_at, updated_at
      FROM src
  )
  INSERT INTO kb.article_revisions (article_id, revision, title, summary, body, tags, category_id, visibility,
                                    allowed_roles, allowed_team_ids, review_by, author_id, note, created_at)
  SELECT id, 1, title, summary, body, tags, category_id, visibility, allowed_roles, allowed_team_ids, review_by,
         owner_id, 'Versión inicial / initial version', created_at
    FROM src`;

async function seedCategories(client) {
  const tree = categoryTree();
  const rows = [];
  for (const c of tree) {
    rows.push({
      id: categoryId(c.index),
      parent_id: null,
      name: c.es,
      names: { es: c.es, en: c.en },
      description: `${c.es} / ${c.en}`,
      position: c.index,
    });
    for (const s of c.sections) {
      rows.push({
        id: sectionId(c.index, s.index),
        parent_id: categoryId(c.index),
        name: s.es,
        names: { es: s.es, en: s.en },
        description: '',
        position: s.index,
      });
    }
  }
  await client.query(
    `INSERT INTO kb.categories (id, parent_id, name, names, description, position, created_at, updated_at)
     SELECT id, parent_id, name, names, description, position, $2::timestamptz, $2::timestamptz
       FROM json_to_recordset($1::json) AS r(id uuid, parent_id uuid, name text, names jsonb, description text, position int)`,
    [JSON.stringify(rows), new Date(BASE - 3 * 365 * DAY).toISOString()],
  );
  return rows.length;
}

async function main() {
  const started = Date.now();
  const print = fingerprint();
  const admin = await connect(PG_URL);
  const { rows: existing } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB]);
  if (existing.length && !process.env.BENCH_KB_RESEED) {
    const client = await connect(dbUrl(DB));
    const { rows } = await client
      .query(`SELECT fingerprint, articles, seconds, seeded_at FROM public.bench_kb_seed`)
      .catch(() => ({ rows: [] }));
    await client.end();
    if (rows[0]?.fingerprint === print) {
      await admin.end();
      log(`${DB}: reusing the seed of ${rows[0].seeded_at.toISOString()} (${rows[0].articles} articles, seeded in ${rows[0].seconds} s)`);
      return;
    }
    log(`${DB}: the seed there is ${rows[0] ? 'of another generator, size or schema' : 'missing or incomplete'}: seeding again`);
  }
  await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB}"`);
  await admin.end();
  log(`database ${DB} created; kb-service migrations ...`);
  migrate();

  const client = await connect(dbUrl(DB));
  await client.query(`SET session_replication_role = replica`);
  const categories = await seedCategories(client);
  log(`${categories} categories and sections`);
  const { rows: indexes } = await client.query(`
    SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'kb' AND t.relname = 'articles' AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`);
  for (const index of indexes) await client.query(`DROP INDEX kb."${index.name}"`);
  log(`dropped ${indexes.length} indexes of kb.articles while loading: ${indexes.map((i) => i.name).join(', ')}`);

  const loadStarted = Date.now();
  const workers = [];
  for (let w = 0; w < WORKERS; w += 1) {
    const worker = await connect(dbUrl(DB));
    await worker.query(`SET session_replication_role = replica`);
    await worker.query(`SET synchronous_commit = off`);
    workers.push(worker);
  }
  let next = 0;
  let done = 0;
  let lastLog = Date.now();
  await Promise.all(
    workers.map(async (worker) => {
      while (next < GROUPS) {
        const from = next;
        const to = Math.min(GROUPS, from + BATCH_GROUPS);
        next = to;
        const rows = batchRows(from, to);
        await worker.query(INSERT_BATCH, [JSON.stringify(rows)]);
        done += rows.length;
        if (Date.now() - lastLog > 10_000 || next >= GROUPS) {
          lastLog = Date.now();
          log(`articles: ${done} / ${GROUPS * 2} (${Math.round(done / ((Date.now() - loadStarted) / 1000))}/s)`);
        }
      }
    }),
  );
  for (const worker of workers) await worker.end();
  const loadSeconds = Math.round((Date.now() - loadStarted) / 1000);
  log(`loaded in ${loadSeconds} s; rebuilding indexes ...`);

  const indexStarted = Date.now();
  const builders = [];
  for (let w = 0; w < WORKERS; w += 1) {
    const builder = await connect(dbUrl(DB));
    await builder.query(`SET maintenance_work_mem = '512MB'`);
    builders.push(builder);
  }
  // The two GIN indexes are the long ones: one each first.
  const queue = [...indexes].sort((a, b) => Number(/gin/i.test(b.definition)) - Number(/gin/i.test(a.definition)));
  const indexSeconds = {};
  await Promise.all(
    builders.map(async (builder) => {
      for (let index = queue.shift(); index; index = queue.shift()) {
        const t0 = Date.now();
        await builder.query(index.definition);
        indexSeconds[index.name] = Number(((Date.now() - t0) / 1000).toFixed(1));
        log(`  ${index.name} (${indexSeconds[index.name]} s)`);
      }
    }),
  );
  for (const builder of builders) await builder.end();
  log(`indexes in ${Math.round((Date.now() - indexStarted) / 1000)} s; VACUUM ANALYZE ...`);
  await client.query(`VACUUM ANALYZE kb.articles`);
  await client.query(`VACUUM ANALYZE kb.article_revisions`);
  await client.query(`VACUUM ANALYZE kb.categories`);
  const { rows } = await client.query(`
    SELECT count(*)::int AS articles,
           count(DISTINCT translation_group)::int AS groups,
           count(*) FILTER (WHERE status = 'published')::int AS published,
           count(*) FILTER (WHERE status = 'draft')::int AS draft,
           count(*) FILTER (WHERE status = 'archived')::int AS archived,
           count(*) FILTER (WHERE visibility = 'public')::int AS public,
           count(*) FILTER (WHERE visibility = 'internal')::int AS internal,
           count(*) FILTER (WHERE visibility = 'restricted')::int AS restricted,
           round(avg(array_length(regexp_split_to_array(body_text, '\\s+'), 1)))::int AS "avgWords",
           (SELECT count(*)::int FROM kb.article_revisions) AS revisions,
           pg_size_pretty(pg_total_relation_size('kb.articles')) AS "articlesWithIndexes",
           pg_size_pretty(pg_relation_size('kb."IDX_kb_articles_search"')) AS "searchIndex",
           pg_size_pretty(pg_relation_size('kb."IDX_kb_articles_title_trgm"')) AS "titleTrigramIndex"
      FROM kb.articles`);
  const seconds = Math.round((Date.now() - started) / 1000);
  await client.query(
    `CREATE TABLE public.bench_kb_seed (fingerprint text, articles int, seconds int, details jsonb, seeded_at timestamptz)`,
  );
  await client.query(`INSERT INTO public.bench_kb_seed VALUES ($1, $2, $3, $4, now())`, [
    print,
    rows[0].articles,
    seconds,
    JSON.stringify({ ...rows[0], loadSeconds, indexSeconds }),
  ]);
  await client.end();
  log(`done in ${(seconds / 60).toFixed(1)} min: ${JSON.stringify({ ...rows[0], loadSeconds, indexSeconds })}`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
