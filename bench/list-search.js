#!/usr/bin/env node
// Benchmark: the first page of the built-in views, the views list with counts and full-text searches
// on the seeded database (bench/seed-tickets.js, 1,000,000 tickets), measured three ways in one run:
//   http  - GET through api-gateway (JWT, validation) -> NATS request-reply -> ticket-service -> PostgreSQL
//           (the distributed processes, one request in flight, as a person clicking);
//   sql   - the very statements ticket-service ran for that request (captured from TypeORM while the
//           service code ran in this process) replayed with node-postgres: the baseline;
//   and routing one ticket inside ticket-service (bench/routing-cost.js).
// Writes bench/results/<stamp>-list-search.json and rows in BENCHMARKS.md ("1,000,000 tickets" table).
// Env: BENCH_PG_URL, BENCH_DB (helpdesk_bench_1m), BENCH_NATS_URL, BENCH_ITERATIONS (100),
// BENCH_ONLY (a regular expression: only the scenarios whose name matches; no row is written then).
'use strict';
require('./ts-register');
const { spawn, execFileSync } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { appendFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { TICKET_DATABASE } = require('../apps/ticket-service/src/database/schema');
const { TicketQueryScopes } = require('../apps/ticket-service/src/tickets/ticket-query-scope');
const { CustomFieldsService } = require('../apps/ticket-service/src/custom-fields/custom-fields.service');
const { TicketSearch } = require('../apps/ticket-service/src/search/ticket-search.service');
const { ViewsService } = require('../apps/ticket-service/src/views/views.service');

const ROOT = join(__dirname, '..');
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.BENCH_NATS_URL || 'nats://127.0.0.1:4222';
const DB = process.env.BENCH_DB || 'helpdesk_bench_1m';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 100);
const WARMUP = 10;
const PASSWORD = 'bench-password-123';
const TARGET_MS = 50;
const ROUTING_TARGET_MS = 5;
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** bench_id() of the seed: md5 of the key shaped as a version-4 uuid. */
const seededId = (key) => {
  const hex = createHash('md5').update(key).digest('hex');
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return v4.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
};

function dbUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function percentiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const round = (x) => Number(x.toFixed(2));
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
}

async function measure(fn, iterations = ITERATIONS) {
  for (let i = 0; i < Math.min(WARMUP, iterations); i += 1) await fn();
  const times = [];
  for (let i = 0; i < iterations; i += 1) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return percentiles(times);
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
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`${name} did not become ready`);
}

/** The run's JetStream stream goes with the run. */
async function deleteStream(name) {
  try {
    const { connect } = require('nats');
    const nc = await connect({ servers: NATS_URL });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  } catch {
    /* nothing to clean */
  }
}

/** The scenarios: who asks what; `call` runs the same request through the service code in this process. */
function scenarios(actors) {
  const view = (who, id) => ({
    name: `view ${id} (${who})`,
    kind: 'view',
    actor: who,
    path: `/api/v1/views/${id}/tickets`,
    call: (s) => s.views.tickets(actors[who], id, {}),
  });
  const searchOf = (who, query) => ({
    name: `search ${new URLSearchParams(query).toString()} (${who})`,
    // sort=relevance is opt-in and ranks every match: reported apart from the default (newest first).
    kind: query.sort === 'relevance' ? 'relevance' : 'search',
    actor: who,
    path: `/api/v1/tickets?${new URLSearchParams(query).toString()}`,
    call: (s) => {
      const { sort, ...filters } = query;
      return s.search.page(actors[who], filters, { sort });
    },
  });
  const list = [];
  for (const who of ['agent', 'supervisor', 'admin']) {
    for (const id of ['my-open', 'unassigned-in-my-teams', 'all-open']) list.push(view(who, id));
  }
  for (const who of ['agent', 'admin']) {
    list.push({
      name: `views list with counts (${who})`,
      kind: 'counts',
      actor: who,
      path: '/api/v1/views',
      call: (s) => s.views.list(actors[who]),
    });
  }
  for (const who of ['agent', 'admin']) {
    list.push(searchOf(who, { q: 'impresora' }));
    list.push(searchOf(who, { q: 'impresora', sort: 'relevance' }));
    list.push(searchOf(who, { q: 'printers' }));
    list.push(searchOf(who, { q: 'contraseña bloqueada' }));
    list.push(searchOf(who, { q: 'certificado digital' }));
    list.push(searchOf(who, { q: 'vpn', status: 'open' }));
    list.push(searchOf(who, { q: 'ref 4242' }));
  }
  list.push(searchOf('customer', { q: 'impresora' }));
  list.push(searchOf('customer', { q: 'ref 4242' }));
  list.push({
    name: 'list, no filters (customer)',
    kind: 'list',
    actor: 'customer',
    path: '/api/v1/tickets',
    call: (s) => s.search.page(actors.customer, {}, {}),
  });
  list.push({
    name: 'list, no filters (admin)',
    kind: 'list',
    actor: 'admin',
    path: '/api/v1/tickets',
    call: (s) => s.search.page(actors.admin, {}, {}),
  });
  return list;
}

async function main() {
  for (const app of ['api-gateway', 'ticket-service']) {
    if (!existsSync(join(ROOT, 'dist/apps', app, 'main.js')))
      throw new Error('run `npx nest build api-gateway && npx nest build ticket-service` first');
  }
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const logDir = join(ROOT, 'tmp', 'bench', runId);
  mkdirSync(logDir, { recursive: true });
  const pg = new Client({ connectionString: dbUrl(DB) });
  await pg.connect();
  const { rows: spread } = await pg.query(`
    SELECT count(*)::int AS tickets,
           count(*) FILTER (WHERE status IN ('new', 'open', 'pending', 'on_hold'))::int AS unsolved,
           count(*) FILTER (WHERE status IN ('new', 'open', 'pending', 'on_hold') AND assignee_id IS NULL)::int AS "unassignedUnsolved",
           (SELECT count(*)::int FROM ticket.ticket_comments) AS comments,
           pg_size_pretty(pg_total_relation_size('ticket.tickets')) AS "ticketsTableWithIndexes"
      FROM ticket.tickets`);
  // The most prolific requester logs in as the customer.
  await pg.query(
    `UPDATE ticket.users SET password_hash = (SELECT password_hash FROM ticket.users WHERE email = 'agent0@bench.local') WHERE email = 'customer0@example.com'`,
  );
  const actors = {
    agent: { id: seededId('a0'), role: 'agent', email: 'agent0@bench.local', name: 'Agente 0' },
    supervisor: { id: seededId('s0'), role: 'supervisor', email: 'supervisor0@bench.local', name: 'Supervisor 0' },
    customer: { id: seededId('c0'), role: 'customer', email: 'customer0@example.com', name: 'Cliente 0' },
  };
  const { rows: adminRows } = await pg.query(`SELECT id, email, name FROM ticket.users WHERE role = 'admin' ORDER BY created_at LIMIT 1`);
  actors.admin = { ...adminRows[0], role: 'admin' };

  // The service code in this process, with TypeORM's statements captured.
  let captured = null;
  const dataSource = new DataSource({
    type: 'postgres',
    url: dbUrl(DB),
    entities: TICKET_DATABASE.entities,
    schema: TICKET_DATABASE.schema,
    extra: { max: 4 },
    logging: ['query'],
    logger: {
      logQuery: (query, parameters) => captured?.push({ query, parameters: parameters ?? [] }),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    },
  });
  await dataSource.initialize();
  const scopes = new TicketQueryScopes({ agentTicketAccess: 'teams' });
  // Definitions cached as the service caches them (the unit of work is only used to change fields).
  const customFields = new CustomFieldsService(dataSource, null, { customFieldsCacheMs: 30_000 });
  const search = new TicketSearch(dataSource, scopes, customFields, { searchRecentWindow: 20_000 });
  const service = { search, views: new ViewsService(dataSource, search, scopes) };

  const env = {
    DATABASE_URL: dbUrl(DB),
    NATS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    HELPDESK_BUS_NAMESPACE: `bench1m-${runId}`,
    HELPDESK_EVENT_STREAM: `HELPDESK_BENCH1M_${runId}`,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '10000000',
  };
  const children = [];
  const results = [];
  try {
    const ticket = startApp('ticket-service', 3931, env, logDir);
    children.push(ticket);
    await waitReady(3931, ticket, 'ticket-service');
    const gateway = startApp('api-gateway', 3930, env, logDir);
    children.push(gateway);
    await waitReady(3930, gateway, 'api-gateway');
    const tokens = {};
    for (const [who, actor] of Object.entries(actors)) {
      if (who === 'admin') continue;
      const res = await fetch('http://127.0.0.1:3930/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: actor.email, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`login of ${actor.email} failed: ${res.status}`);
      tokens[who] = (await res.json()).accessToken;
    }
    const adminLogin = await fetch('http://127.0.0.1:3930/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: actors.admin.email, password: PASSWORD }),
    });
    if (!adminLogin.ok) throw new Error(`admin login failed: ${adminLogin.status}`);
    tokens.admin = (await adminLogin.json()).accessToken;

    for (const scenario of scenarios(actors).filter((s) => !ONLY || ONLY.test(s.name))) {
      captured = [];
      const reply = await scenario.call(service);
      const statements = captured;
      captured = null;
      const rows = Array.isArray(reply) ? reply.length : reply.data.length;
      // Relevance over a common word takes ~1 s a request: fewer rounds for those.
      const iterations = /relevance/.test(scenario.name) ? Math.min(ITERATIONS, 20) : ITERATIONS;
      const http = await measure(async () => {
        const res = await fetch(`http://127.0.0.1:3930${scenario.path}`, {
          headers: { authorization: `Bearer ${tokens[scenario.actor]}` },
        });
        if (!res.ok) throw new Error(`${scenario.path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }, iterations);
      const sql = await measure(async () => {
        for (const s of statements) await pg.query(s.query, s.parameters);
      }, iterations);
      const counts = Array.isArray(reply)
        ? Object.fromEntries(reply.map((v) => [v.id.length > 30 ? v.name : v.id, v.countCapped ? `${v.count}+` : v.count]))
        : undefined;
      const result = { ...scenario, call: undefined, path: scenario.path, rows, statements: statements.length, http, sql, counts };
      results.push(result);
      process.stdout.write(
        `${scenario.name.padEnd(58)} http p50 ${http.p50} p95 ${http.p95} p99 ${http.p99} | sql p50 ${sql.p50} p95 ${sql.p95} ms (${statements.length} statements, ${rows} rows)\n`,
      );
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await dataSource.destroy();
    await pg.end();
    await deleteStream(`HELPDESK_BENCH1M_${runId}`);
  }
  if (ONLY) return;
  process.stdout.write('routing cost inside ticket-service ...\n');
  const routing = JSON.parse(
    execFileSync(process.execPath, [join(__dirname, 'routing-cost.js')], {
      env: { ...process.env, BENCH_DB_URL: dbUrl(DB) },
      encoding: 'utf8',
    }),
  );
  process.stdout.write(`routing: ${JSON.stringify(routing)}\n`);

  const worst = (kind) => Math.max(...results.filter((r) => r.kind === kind).map((r) => r.http.p95));
  const summary = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      // Other work on the same cores (the 2-core machine is shared) shows here.
      loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
    },
    database: DB,
    spread: spread[0],
    iterations: ITERATIONS,
    results,
    routing,
    targets: { firstPageP95BelowMs: TARGET_MS, routingBelowMs: ROUTING_TARGET_MS },
    worstP95: { views: worst('view'), search: worst('search'), counts: worst('counts') },
  };
  summary.met = {
    views: summary.worstP95.views < TARGET_MS,
    search: summary.worstP95.search < TARGET_MS,
    routing: routing.ms.p95 < ROUTING_TARGET_MS,
  };
  const stamp = summary.date.replace(/[:.]/g, '-');
  writeFileSync(join(__dirname, 'results', `${stamp}-list-search.json`), `${JSON.stringify(summary, null, 2)}\n`);
  const file = join(ROOT, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const header =
    '| date (UTC) | tickets | views, first page: worst p95 http / sql | search (newest first), first page: worst p95 http / sql | search, sort=relevance: worst p95 http | views list with counts: worst p95 | routing p50 / p95 | load average | targets |';
  if (!text.includes(header)) throw new Error('BENCHMARKS.md has no "1,000,000 tickets" table to append to');
  const worstSql = (kind) => Math.max(...results.filter((r) => r.kind === kind).map((r) => r.sql.p95));
  const line = `| ${summary.date.slice(0, 16).replace('T', ' ')} | ${spread[0].tickets} | ${summary.worstP95.views} / ${worstSql('view')} ms | ${summary.worstP95.search} / ${worstSql('search')} ms | ${worst('relevance')} ms | ${summary.worstP95.counts} ms | ${routing.ms.p50} / ${routing.ms.p95} ms | ${summary.machine.loadAverageAtEnd[1]} | views ${summary.met.views ? 'met' : 'not met'}, search ${summary.met.search ? 'met' : 'not met'}, routing ${summary.met.routing ? 'met' : 'not met'} |\n`;
  const marker = '<!-- 1m rows end -->';
  writeFileSync(file, text.replace(marker, `${line}${marker}`));
  process.stdout.write(`results in bench/results/${stamp}-list-search.json\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
