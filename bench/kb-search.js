#!/usr/bin/env node
// Benchmark: knowledge-base search and suggestions over the seeded database (bench/seed-kb.js, 200,000
// articles in es and en), measured two ways in one run:
//   gateway - GET /api/v1/kb/search?q=&locale= and GET /api/v1/kb/suggestions?text=&locale= through
//             api-gateway (JWT) -> NATS request-reply -> kb-service -> PostgreSQL, the distributed
//             processes (ticket-service for the directory and logins, kb-service, api-gateway) started
//             from dist/ against the bench database; BENCH_KB_CLIENTS (4) clients in closed loops for
//             BENCH_KB_SECONDS (20) per scenario, cycling through the scenario's query mix;
//   pgbench - the same SQL kb-service runs for those requests (bench/kb-search-sql.js: the service's own
//             builders of apps/kb-service/src/search/search-sql.ts when they exist, else the provisional
//             queries), parameters written in as literals, one script per query of the mix (pgbench picks
//             one at random per transaction), same clients and duration; latencies from the
//             per-transaction logs.
// Scenarios: search as customer and as agent, without and with filters (category, tags), and
// suggestions for ticket-like texts as customer and as agent; each mix has Spanish and English queries,
// accent-less ("impresion"), plural ("impresoras"), typo ("imprsora") and multi-word ones. Before the load,
// EXPLAIN (ANALYZE, BUFFERS) of every query: time, rows, whether the GIN indexes are used.
// When an endpoint is missing (404) or fails, the scenario records the failure and pgbench still runs.
// Writes bench/results/<stamp>-kb-search.json and rows in BENCHMARKS.md ("Knowledge base search").
// Env: BENCH_PG_URL, BENCH_KB_DB (helpdesk_bench_kb), BENCH_NATS_URL, BENCH_KB_CLIENTS, BENCH_KB_SECONDS,
// BENCH_ONLY (a regular expression: only the scenarios whose name matches; no row is written then),
// BENCH_KB_GATEWAY_CHECK=1 (adds GET /api/v1/auth/me, to check the measuring path on a route that exists).
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');
const { Client } = require('pg');
const { loadSqlSource, inline } = require('./kb-search-sql');

const ROOT = join(__dirname, '..');
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.BENCH_NATS_URL || 'nats://127.0.0.1:4222';
const DB = process.env.BENCH_KB_DB || 'helpdesk_bench_kb';
const CLIENTS = Number(process.env.BENCH_KB_CLIENTS || 4);
const SECONDS = Number(process.env.BENCH_KB_SECONDS || 20);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const PASSWORD = 'bench-password-123';
const ADMIN_EMAIL = 'bench-admin@bench.local';
const TARGETS = { p95BelowMs: 50, gatewayToPgbenchP95AtMost: 3 };
const PORTS = { gateway: 3950, ticket: 3951, kb: 3952 };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (x, digits = 2) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const log = (text) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

function dbUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function percentiles(times) {
  if (!times.length) return { p50: null, p95: null, p99: null };
  const sorted = Float64Array.from(times).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
}

// The query mixes. Sections and tags of the seed (bench/kb-corpus.js) for the filtered searches.
const SEARCH_MIX = [
  { q: 'impresora', locale: 'es' },
  { q: 'impresion', locale: 'es' },
  { q: 'impresoras', locale: 'es' },
  { q: 'imprsora', locale: 'es' },
  { q: 'contrasena bloqueada', locale: 'es' },
  { q: 'configurar vpn windows 11', locale: 'es' },
  { q: 'factura duplicada', locale: 'es' },
  { q: 'reembolso devolucion', locale: 'es' },
  { q: 'outlook no sincroniza', locale: 'es' },
  { q: 'tarjeta de acceso perdida', locale: 'es' },
  { q: 'printer', locale: 'en' },
  { q: 'printers', locale: 'en' },
  { q: 'pritner', locale: 'en' },
  { q: 'reset password', locale: 'en' },
  { q: 'vpn keeps disconnecting', locale: 'en' },
  { q: 'duplicate invoice refund', locale: 'en' },
  { q: 'outlook shared calendar', locale: 'en' },
  { q: 'wifi laptop', locale: 'en' },
  { q: 'badge access', locale: 'en' },
  { q: 'sap authorization', locale: 'en' },
];
const SUGGEST_MIX = [
  { text: 'No puedo imprimir en la impresora de red desde esta mañana, sale un error', locale: 'es' },
  { text: 'Se me ha bloqueado la cuenta y no recuerdo la contraseña', locale: 'es' },
  { text: 'La VPN se desconecta cada pocos minutos cuando trabajo desde casa', locale: 'es' },
  { text: 'Me han cobrado dos veces la misma factura este mes', locale: 'es' },
  { text: 'Quiero devolver un producto y pedir el reembolso', locale: 'es' },
  { text: 'I cannot print to the network printer since this morning, it shows an error', locale: 'en' },
  { text: 'My account is locked and I forgot my password', locale: 'en' },
  { text: 'The VPN keeps disconnecting when I work from home', locale: 'en' },
  { text: 'I was charged twice for the same invoice this month', locale: 'en' },
  { text: 'I want to return a product and get a refund', locale: 'en' },
];

async function filteredMix(pg) {
  // Sections by their Spanish name (bench/kb-corpus.js): printing's network printers, billing's invoices.
  const { rows } = await pg.query(
    `SELECT name, id FROM kb.categories WHERE name IN ('Impresoras de red', 'Facturas', 'GlobalProtect', 'Outlook')`,
  );
  const section = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  return [
    { q: 'impresora', locale: 'es', categoryIds: [section['Impresoras de red']] },
    { q: 'printer', locale: 'en', categoryIds: [section['Impresoras de red']] },
    { q: 'factura', locale: 'es', tags: ['invoice'] },
    { q: 'invoice', locale: 'en', tags: ['invoice', 'billing'] },
    { q: 'vpn', locale: 'es', categoryIds: [section.GlobalProtect], tags: ['vpn'] },
    { q: 'sync', locale: 'en', categoryIds: [section.Outlook] },
  ];
}

function scenarios(filtered) {
  const list = [];
  for (const who of ['customer', 'agent']) {
    list.push({ name: `search (${who})`, kind: 'search', actor: who, mix: SEARCH_MIX });
    list.push({ name: `search with filters (${who})`, kind: 'search', actor: who, mix: filtered });
    list.push({ name: `suggestions (${who})`, kind: 'suggest', actor: who, mix: SUGGEST_MIX });
  }
  // BENCH_KB_GATEWAY_CHECK=1: an endpoint that exists, to check the measuring path itself (SELECT 1 for pgbench).
  if (process.env.BENCH_KB_GATEWAY_CHECK)
    list.push({ name: 'gateway check: /auth/me (customer)', kind: 'check', actor: 'customer', mix: [{ path: '/api/v1/auth/me' }] });
  return list;
}

function path(kind, item) {
  if (item.path) return item.path;
  const params = new URLSearchParams();
  if (kind === 'search') {
    params.set('q', item.q);
    params.set('locale', item.locale);
    if (item.categoryIds?.length) params.set('categoryId', item.categoryIds.join(','));
    if (item.tags?.length) params.set('tags', item.tags.join(','));
    return `/api/v1/kb/search?${params}`;
  }
  params.set('text', item.text);
  params.set('locale', item.locale);
  return `/api/v1/kb/suggestions?${params}`;
}

function startApp(app, port, env, logDir) {
  const out = createWriteStream(join(logDir, `${app}.log`));
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', app, 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return child;
}

async function waitReady(port, child, name) {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up (see its log)`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`${name} did not become ready`);
}

async function stopChild(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function deleteStream(name) {
  try {
    const { connect } = require('nats');
    const nc = await connect({ servers: NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(name).catch(() => undefined);
    await nc.close();
  } catch {
    /* nothing to clean */
  }
}

async function api(method, url, token, body) {
  const res = await fetch(`http://127.0.0.1:${PORTS.gateway}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The admin (created by ticket-service at start-up) adds a customer and an agent; all three log in. */
async function logins() {
  const login = async (email) => {
    const res = await api('POST', '/api/v1/auth/login', null, { email, password: PASSWORD });
    if (res.status >= 300) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  };
  const admin = await login(ADMIN_EMAIL);
  const people = {
    customer: { email: 'kb-customer@bench.local', name: 'Cliente KB', role: 'customer' },
    agent: { email: 'kb-agent@bench.local', name: 'Agente KB', role: 'agent' },
  };
  const tokens = { admin };
  const actors = {};
  for (const [who, person] of Object.entries(people)) {
    const res = await api('POST', '/api/v1/users', admin, { ...person, password: PASSWORD, locale: 'es' });
    if (res.status >= 300 && res.status !== 409) throw new Error(`creating the ${who} failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens[who] = await login(person.email);
    const me = await api('GET', '/api/v1/auth/me', tokens[who]);
    actors[who] = { id: me.body.id, role: person.role, email: person.email, name: person.name, teamIds: me.body.teamIds ?? [] };
  }
  return { tokens, actors };
}

/** The seeded rows as kb-service reads them: one published public article and one draft, as customer and agent, and a list page. */
async function checkSeedThroughService(pg, tokens) {
  const pick = async (where) => (await pg.query(`SELECT id FROM kb.articles a WHERE ${where} ORDER BY id LIMIT 1`)).rows[0]?.id;
  const published = await pick(`status = 'published' AND visibility = 'public' AND locale = 'es'`);
  const draft = await pick(`status = 'draft' AND visibility = 'public'`);
  const status = async (url, token) => (await api('GET', url, token)).status;
  const list = await api('GET', '/api/v1/kb/articles?locale=en', tokens.customer);
  return {
    publishedAsCustomer: await status(`/api/v1/kb/articles/${published}`, tokens.customer),
    draftAsCustomer: await status(`/api/v1/kb/articles/${draft}`, tokens.customer),
    draftAsAgent: await status(`/api/v1/kb/articles/${draft}`, tokens.agent),
    listAsCustomer: list.status,
    listRows: Array.isArray(list.body?.data) ? list.body.data.length : null,
  };
}

/** One probe request per query of the mix; then CLIENTS closed loops for SECONDS. */
async function gatewayLoad(scenario, token) {
  const paths = scenario.mix.map((item) => path(scenario.kind, item));
  const headers = { authorization: `Bearer ${token}` };
  const probes = [];
  for (const p of paths) {
    const res = await fetch(`http://127.0.0.1:${PORTS.gateway}${p}`, { headers });
    const text = await res.text();
    let rows = null;
    try {
      const body = JSON.parse(text);
      rows = Array.isArray(body) ? body.length : Array.isArray(body?.data) ? body.data.length : null;
    } catch {
      /* not JSON */
    }
    probes.push({ path: p, status: res.status, rows, body: res.ok ? undefined : text.slice(0, 300) });
  }
  const failed = probes.filter((x) => x.status >= 300);
  if (failed.length === probes.length) {
    let reason = failed[0].body;
    try {
      const problem = JSON.parse(failed[0].body);
      reason = problem.code ?? problem.title ?? reason;
    } catch {
      /* not a problem document */
    }
    return { ok: false, failure: `${failed[0].status} ${reason} on every query`, probes };
  }
  const times = [];
  const statuses = {};
  let errors = 0;
  let next = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const p = paths[next++ % paths.length];
        const t0 = performance.now();
        try {
          const res = await fetch(`http://127.0.0.1:${PORTS.gateway}${p}`, { headers });
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.ok) times.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const non2xx = Object.entries(statuses)
    .filter(([s]) => Number(s) >= 300)
    .reduce((n, [, c]) => n + c, 0);
  return {
    ok: failed.length === 0 && non2xx === 0 && errors === 0,
    failure: failed.length ? `${failed.length} of ${probes.length} queries failed (${failed[0].status})` : null,
    probes,
    requests: times.length,
    requestsPerSecond: round(times.length / elapsed, 1),
    statuses,
    errors,
    latencyMs: percentiles(times),
  };
}

/** The statements the service runs for one item (stages with onlyIfFewerThan decided on the real rows). */
async function statementsFor(pg, sqlSource, scenario, item, reader) {
  const stages =
    scenario.kind === 'check'
      ? [{ sql: 'SELECT 1', params: [] }]
      : scenario.kind === 'search'
        ? sqlSource.buildSearchSql({
            query: item.q,
            locale: item.locale,
            reader,
            filters: { categoryIds: item.categoryIds, tags: item.tags },
          })
        : sqlSource.buildSuggestSql({ text: item.text, locale: item.locale, reader });
  const ran = [];
  let rows = 0;
  for (const stage of stages) {
    if (stage.onlyIfFewerThan !== undefined && rows >= stage.onlyIfFewerThan) continue;
    const result = await pg.query(stage.sql, stage.params);
    const count = result.command === 'SELECT' ? result.rowCount : 0;
    rows += count;
    ran.push({ sql: stage.sql, params: stage.params, rows: count });
  }
  return { statements: ran, rows };
}

async function explain(pg, statement) {
  if (!/^\s*(SELECT|WITH)\b/i.test(statement.sql)) return { executionMs: 0, planningMs: 0, skipped: 'not a query' };
  // Twice: the first warms the cache, the second is reported.
  await pg.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
  const { rows } = await pg.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  const time = /Execution Time: ([\d.]+) ms/.exec(plan);
  const planning = /Planning Time: ([\d.]+) ms/.exec(plan);
  return {
    executionMs: time ? Number(time[1]) : null,
    planningMs: planning ? Number(planning[1]) : null,
    usesSearchIndex: plan.includes('IDX_kb_articles_search'),
    usesTitleTrigramIndex: plan.includes('IDX_kb_articles_title_trgm'),
    seqScan: /Seq Scan on articles/.test(plan),
    plan,
  };
}

function pgbench(scriptFiles, prefix, logDir) {
  const url = new URL(dbUrl(DB));
  const args = [
    '-n',
    '-c',
    String(CLIENTS),
    '-j',
    String(Math.min(2, CLIENTS)),
    '-T',
    String(SECONDS),
    '-P',
    '5',
    '-l',
    '--log-prefix',
    prefix,
    ...scriptFiles.flatMap((f) => ['-f', f]),
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
    DB,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { cwd: logDir, env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password || '') } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`pgbench exited with ${code}:\n${output}`));
      const tps = /tps = ([\d.]+)/.exec(output);
      const failed = /number of failed transactions: (\d+)/.exec(output);
      // Per-transaction log lines: client_id transaction_no time script_no time_epoch time_us
      const all = [];
      const perScript = scriptFiles.map(() => []);
      for (const file of readdirSync(logDir).filter((n) => n.startsWith(`${prefix}.`))) {
        for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
          const parts = line.split(' ');
          if (parts.length < 6) continue;
          const ms = Number(parts[2]) / 1000;
          all.push(ms);
          perScript[Number(parts[3])]?.push(ms);
        }
      }
      resolve({
        transactions: all.length,
        transactionsPerSecond: tps ? round(Number(tps[1]), 1) : null,
        failed: failed ? Number(failed[1]) : 0,
        latencyMs: percentiles(all),
        perScript: perScript.map((times) => ({ transactions: times.length, latencyMs: percentiles(times) })),
      });
    });
  });
}

async function main() {
  for (const app of ['api-gateway', 'ticket-service', 'kb-service']) {
    if (!existsSync(join(ROOT, 'dist/apps', app, 'main.js')))
      throw new Error('run `npm run bench:kb` (it builds api-gateway, ticket-service and kb-service first)');
  }
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const logDir = join(ROOT, 'tmp', 'bench', `kb-${runId}`);
  mkdirSync(logDir, { recursive: true });
  const loadAtStart = os.loadavg().map((x) => round(x));
  const pg = new Client({ connectionString: dbUrl(DB) });
  await pg.connect();
  const { rows: seedRows } = await pg
    .query(`SELECT articles, seconds, details, seeded_at FROM public.bench_kb_seed`)
    .catch(() => ({ rows: [] }));
  if (!seedRows.length) throw new Error(`${DB} is not seeded: run \`node bench/seed-kb.js\` first`);
  const seed = seedRows[0];
  const sqlSource = loadSqlSource();
  log(`SQL source: ${sqlSource.source}${sqlSource.note ? ` (${sqlSource.note})` : ''}`);
  const filtered = await filteredMix(pg);

  const env = {
    DATABASE_URL: dbUrl(DB),
    NATS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    HELPDESK_BUS_NAMESPACE: `benchkb-${runId}`,
    HELPDESK_EVENT_STREAM: `HELPDESK_BENCHKB_${runId}`,
    HELPDESK_ADMIN_EMAIL: ADMIN_EMAIL,
    HELPDESK_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '10000000',
  };
  const children = [];
  const results = [];
  let seedCheck = null;
  try {
    const ticket = startApp('ticket-service', PORTS.ticket, env, logDir);
    children.push(ticket);
    await waitReady(PORTS.ticket, ticket, 'ticket-service');
    const kb = startApp('kb-service', PORTS.kb, env, logDir);
    children.push(kb);
    await waitReady(PORTS.kb, kb, 'kb-service');
    const gateway = startApp('api-gateway', PORTS.gateway, env, logDir);
    children.push(gateway);
    await waitReady(PORTS.gateway, gateway, 'api-gateway');
    const { tokens, actors } = await logins();
    log(`logged in: customer ${actors.customer.id}, agent ${actors.agent.id}; ${CLIENTS} clients, ${SECONDS} s per scenario and side`);
    seedCheck = await checkSeedThroughService(pg, tokens);
    log(`seed read back through kb-service: ${JSON.stringify(seedCheck)}`);

    for (const scenario of scenarios(filtered).filter((s) => !ONLY || ONLY.test(s.name))) {
      const actor = actors[scenario.actor];
      const reader = { actor: { id: actor.id, role: actor.role, email: actor.email, name: actor.name }, teamIds: actor.teamIds };
      // The SQL of each query of the mix, its rows and its plan.
      const queries = [];
      const scripts = [];
      const scriptDir = join(logDir, scenario.name.replace(/[^a-z]+/gi, '-'));
      mkdirSync(scriptDir, { recursive: true });
      for (const [i, item] of scenario.mix.entries()) {
        const { statements, rows } = await statementsFor(pg, sqlSource, scenario, item, reader);
        const plans = [];
        for (const statement of statements) plans.push(await explain(pg, statement));
        const file = join(scriptDir, `q${String(i).padStart(2, '0')}.sql`);
        writeFileSync(file, `${statements.map((s) => `${inline(s.sql, s.params).replace(/\s*\n\s*/g, ' ')};`).join('\n')}\n`);
        scripts.push(file);
        queries.push({
          ...item,
          path: path(scenario.kind, item),
          rows,
          statements: statements.map((s, k) => ({ sql: inline(s.sql, s.params), rows: s.rows, explain: plans[k] })),
        });
      }
      log(`${scenario.name}: gateway ...`);
      const gateway = await gatewayLoad(scenario, tokens[scenario.actor]);
      log(`${scenario.name}: pgbench ...`);
      const bench = await pgbench(scripts, `pgbench-${scenario.name.replace(/[^a-z]+/gi, '-')}`, logDir);
      bench.perScript.forEach((s, i) => (queries[i].pgbench = s));
      const ratio = gateway.latencyMs?.p95 && bench.latencyMs.p95 ? round(gateway.latencyMs.p95 / bench.latencyMs.p95, 1) : null;
      const result = {
        name: scenario.name,
        kind: scenario.kind,
        actor: scenario.actor,
        gateway,
        pgbench: { ...bench, perScript: undefined },
        ratioP95: ratio,
        queries,
      };
      results.push(result);
      const g = gateway.latencyMs
        ? `gateway p50 ${gateway.latencyMs.p50} p95 ${gateway.latencyMs.p95} p99 ${gateway.latencyMs.p99} ms, ${gateway.requestsPerSecond}/s`
        : `gateway FAILED (${gateway.failure})`;
      log(
        `${scenario.name.padEnd(32)} ${g} | pgbench p50 ${bench.latencyMs.p50} p95 ${bench.latencyMs.p95} p99 ${bench.latencyMs.p99} ms, ${bench.transactionsPerSecond} tx/s | ratio ${ratio ?? '–'}`,
      );
      for (const q of queries) {
        const worst = q.statements.reduce((m, s) => Math.max(m, s.explain.executionMs ?? 0), 0);
        const idx = q.statements
          .map((s) =>
            s.explain.skipped
              ? 'set'
              : s.explain.usesSearchIndex
                ? 'gin'
                : s.explain.usesTitleTrigramIndex
                  ? 'trgm'
                  : s.explain.seqScan
                    ? 'seq'
                    : 'other',
          )
          .join('+');
        process.stdout.write(
          `    ${(q.q ?? q.text ?? q.path).slice(0, 48).padEnd(48)} ${q.locale} rows ${String(q.rows).padStart(2)} | explain ${q.statements.map((s) => s.explain.executionMs).join(' + ')} ms (${idx}) | pgbench p95 ${q.pgbench.latencyMs.p95} ms${worst > 20 ? '  SLOW' : ''}\n`,
        );
      }
    }
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    await pg.end();
    await deleteStream(`HELPDESK_BENCHKB_${runId}`);
  }

  const summary = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((x) => round(x)),
    },
    database: DB,
    seed: { articles: seed.articles, seconds: seed.seconds, seededAt: seed.seeded_at, ...seed.details },
    seedCheck,
    sqlSource: sqlSource.source,
    sqlSourceNote: sqlSource.note,
    clients: CLIENTS,
    seconds: SECONDS,
    targets: TARGETS,
    results,
  };
  for (const r of results) {
    r.met = {
      p95: r.gateway.latencyMs?.p95 != null ? r.gateway.latencyMs.p95 < TARGETS.p95BelowMs : false,
      ratio: r.ratioP95 != null ? r.ratioP95 <= TARGETS.gatewayToPgbenchP95AtMost : false,
    };
  }
  const stamp = summary.date.replace(/[:.]/g, '-');
  writeFileSync(join(__dirname, 'results', `${stamp}-kb-search.json`), `${JSON.stringify(summary, null, 2)}\n`);
  log(`results in bench/results/${stamp}-kb-search.json; logs and pgbench scripts in ${logDir}`);
  if (ONLY) return;
  const file = join(ROOT, 'BENCHMARKS.md');
  const marker = '<!-- kb rows end -->';
  const text = readFileSync(file, 'utf8');
  if (!text.includes(marker)) throw new Error('BENCHMARKS.md has no "Knowledge base search" table to append to');
  const ms = (l) => (l ? `${l.p50} / ${l.p95} / ${l.p99} ms` : '–');
  const lines = results
    .map((r) => {
      const g = r.gateway.latencyMs
        ? `${ms(r.gateway.latencyMs)} | ${r.gateway.requestsPerSecond}/s`
        : `${r.gateway.failure.slice(0, 80).replace(/\|/g, '/')} | –`;
      const target = r.gateway.latencyMs
        ? `p95 ${r.met.p95 ? 'met' : 'not met'}, ratio ${r.met.ratio ? 'met' : 'not met'}`
        : 'not measured';
      return `| ${summary.date.slice(0, 16).replace('T', ' ')} | ${seed.articles} | ${r.name} | ${sqlSource.source.startsWith('apps/') ? 'service' : 'provisional'} | ${g} | ${ms(r.pgbench.latencyMs)} | ${r.pgbench.transactionsPerSecond} tx/s | ${r.ratioP95 ?? '–'} | ${loadAtStart[0]} → ${summary.machine.loadAverageAtEnd[0]} | ${target} |\n`;
    })
    .join('');
  writeFileSync(file, text.replace(marker, `${lines}${marker}`));
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
