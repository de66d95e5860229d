#!/usr/bin/env node
// Benchmark: reports over 1,000,000 tickets in the read models, measured in one run beside baselines:
//   summary - GET /api/v1/reports/summary through api-gateway (JWT) -> NATS request-reply ->
//             reporting-service -> PostgreSQL, the distributed processes (ticket-service for logins,
//             reporting-service, api-gateway) started from dist/ against the bench database; one client,
//             requests back to back for BENCH_REPORTS_SECONDS (10) per scenario;
//   pgbench - the very statements reporting-service runs for that summary (summaryStatements of
//             apps/reporting-service/src/summary/summary-sql.ts, parameters written in), as one
//             transaction, one client, same duration;
//   export  - GET /api/v1/reports/export/tickets.csv for the whole year, streamed and counted, with the
//             resident memory of api-gateway and reporting-service sampled every 100 ms; baseline: psql
//             \copy of the same rows to CSV.
// Seeding (once; the database is kept): bench/seed-reports.sql writes 1,000,000 tickets' events (about
// 4.6 million) into reporting.event_log, then POST /api/v1/reports/rebuild builds the read models from
// them with the service's own code (its duration is recorded).
// Writes bench/results/<stamp>-reports.json and a row in BENCHMARKS.md ("Reports: 1,000,000 tickets").
// Env: BENCH_PG_URL, BENCH_REPORTS_DB (helpdesk_bench_reports), BENCH_NATS_URL, BENCH_REPORTS_SECONDS,
// BENCH_NO_ROW=1 (no row written).
'use strict';
const { spawn } = require('node:child_process');
const { deleteStream, sleep, startApp, stopChild, waitReady } = require('./processes');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');
const { Client } = require('pg');
const { inline } = require('./kb-search-sql');

const ROOT = join(__dirname, '..');
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.BENCH_NATS_URL || 'nats://127.0.0.1:4222';
const DB = process.env.BENCH_REPORTS_DB || 'helpdesk_bench_reports';
const SECONDS = Number(process.env.BENCH_REPORTS_SECONDS || 10);
const PASSWORD = 'bench-password-123';
const ADMIN_EMAIL = 'bench-admin@bench.local';
const PORTS = { gateway: 3960, ticket: 3961, reporting: 3962 };
const TARGETS = { summaryBelowMs: 200, exportRowsPerSecond: 20_000 };
const YEAR = { from: '2025-01-01', to: '2026-01-01' };

const round = (x, digits = 2) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const log = (text) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

function dbUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function percentiles(times) {
  if (!times.length) return { p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(times).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted[sorted.length - 1]) };
}

const SCENARIOS = [
  { name: 'year by team', query: { ...YEAR, groupBy: 'team' }, dim: 'team', time: false },
  { name: 'year, totals', query: { ...YEAR }, dim: 'all', time: false },
  { name: 'year by agent', query: { ...YEAR, groupBy: 'agent' }, dim: 'agent', time: false },
  { name: 'year by week', query: { ...YEAR, groupBy: 'week' }, dim: 'all', time: true },
  {
    name: 'loose days by team (2025-02-15 to 2025-05-20)',
    query: { from: '2025-02-15', to: '2025-05-20', groupBy: 'team' },
    dim: 'team',
    time: false,
  },
];

async function api(method, url, token, body) {
  const res = await fetch(`http://127.0.0.1:${PORTS.gateway}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

async function ensureDatabase() {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
  if (!exists.rows.length) await admin.query(`CREATE DATABASE "${DB}"`);
  await admin.end();
}

/** Events into the log with SQL, then the service's own rebuild over the API. */
async function seed(pg, token) {
  const { rows } = await pg.query('SELECT * FROM public.bench_reports_seed').catch(() => ({ rows: [] }));
  if (rows.length) return { ...rows[0], reused: true };
  const started = Date.now();
  const logged = Number((await pg.query('SELECT count(*) AS n FROM reporting.event_log')).rows[0].n);
  if (logged < 4_000_000) {
    log('seeding 1,000,000 tickets of events into reporting.event_log (bench/seed-reports.sql) ...');
    await pg.query('TRUNCATE reporting.event_log');
    await run('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-f', join(__dirname, 'seed-reports.sql'), dbUrl(DB)]);
  } else {
    log(`reporting.event_log already holds ${logged} events from an interrupted seed: rebuilding from them`);
  }
  const seedSeconds = (Date.now() - started) / 1000;
  const events = Number((await pg.query('SELECT count(*) AS n FROM reporting.event_log')).rows[0].n);
  log(`${events} events in ${round(seedSeconds, 0)} s; rebuilding the read models through POST /api/v1/reports/rebuild ...`);
  const rebuildStarted = Date.now();
  const start = await api('POST', '/api/v1/reports/rebuild', token);
  if (start.status !== 202) throw new Error(`rebuild: ${start.status} ${JSON.stringify(start.body)}`);
  let status = start.body;
  while (status.status === 'running') {
    await sleep(5000);
    const res = await api('GET', `/api/v1/reports/rebuild/${start.body.id}`, token);
    if (res.status === 200) status = res.body;
  }
  if (status.status !== 'done') throw new Error(`rebuild ${status.status}: ${status.error}`);
  const rebuildSeconds = (Date.now() - rebuildStarted) / 1000;
  log(`rebuilt ${status.tickets} tickets from ${status.events} events in ${round(rebuildSeconds, 0)} s`);
  await pg.query('ANALYZE');
  await pg.query(
    `CREATE TABLE public.bench_reports_seed AS SELECT $1::bigint AS tickets, $2::bigint AS events, $3::numeric AS seed_seconds, $4::numeric AS rebuild_seconds, now() AS seeded_at`,
    [status.tickets, status.events, round(seedSeconds, 1), round(rebuildSeconds, 1)],
  );
  return { tickets: status.tickets, events: status.events, seed_seconds: seedSeconds, rebuild_seconds: rebuildSeconds, reused: false };
}

async function summaryLoad(token, query) {
  const qs = new URLSearchParams(query).toString();
  for (let i = 0; i < 3; i += 1) {
    const res = await api('GET', `/api/v1/reports/summary?${qs}`, token);
    if (res.status !== 200) return { error: `${res.status} ${JSON.stringify(res.body).slice(0, 300)}` };
  }
  const times = [];
  const until = Date.now() + SECONDS * 1000;
  let last = null;
  while (Date.now() < until) {
    const t0 = process.hrtime.bigint();
    const res = await api('GET', `/api/v1/reports/summary?${qs}`, token);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200) return { error: `${res.status}` };
    last = res.body;
  }
  return { requests: times.length, latencyMs: percentiles(times), groups: last.groups.length, ticketsCreated: last.total.ticketsCreated };
}

function pgbench(script, prefix, logDir) {
  const url = new URL(dbUrl(DB));
  const file = join(logDir, `${prefix}.sql`);
  writeFileSync(file, script);
  const args = ['-n', '-c', '1', '-T', String(SECONDS), '-l', '--log-prefix', prefix, '-f', file];
  args.push('-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), DB);
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { cwd: logDir, env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password || '') } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`pgbench exited with ${code}:\n${output}`));
      const times = [];
      const { readdirSync } = require('node:fs');
      for (const name of readdirSync(logDir).filter((n) => n.startsWith(`${prefix}.`) && !n.endsWith('.sql'))) {
        for (const line of readFileSync(join(logDir, name), 'utf8').split('\n')) {
          const parts = line.split(' ');
          if (parts.length >= 6) times.push(Number(parts[2]) / 1000);
        }
      }
      resolve({ transactions: times.length, latencyMs: percentiles(times) });
    });
  });
}

function rssMb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Streams the whole year's CSV, counting rows and bytes, sampling the processes' memory. */
async function exportLoad(token, pids) {
  const url = `http://127.0.0.1:${PORTS.gateway}/api/v1/reports/export/tickets.csv?from=${YEAR.from}&to=${YEAR.to}`;
  const samples = Object.fromEntries(Object.keys(pids).map((k) => [k, []]));
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) samples[name].push(rssMb(pid));
  }, 100);
  const started = Date.now();
  let bytes = 0;
  let lines = 0;
  let firstByteMs = null;
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) return { error: `${res.status} ${(await res.text()).slice(0, 300)}` };
    for await (const chunk of res.body) {
      firstByteMs ??= Date.now() - started;
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) lines += 1;
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (Date.now() - started) / 1000;
  const memory = Object.fromEntries(
    Object.entries(samples).map(([name, values]) => {
      const v = values.filter((x) => x !== null);
      return [name, { startMb: round(v[0] ?? 0, 0), maxMb: round(Math.max(...v), 0), endMb: round(v[v.length - 1] ?? 0, 0) }];
    }),
  );
  return { rows: lines - 1, bytes, seconds: round(seconds), rowsPerSecond: round((lines - 1) / seconds, 0), firstByteMs, memory };
}

async function copyBaseline() {
  const started = Date.now();
  const sql = `\\copy (SELECT * FROM reporting.ticket_facts WHERE created_at >= '${YEAR.from}' AND created_at < '${YEAR.to}' ORDER BY created_at, ticket_id) TO '/dev/null' WITH (FORMAT csv, HEADER)`;
  const output = await run('psql', ['-q', '-c', sql, dbUrl(DB)]);
  const seconds = (Date.now() - started) / 1000;
  const rows = Number(/COPY (\d+)/.exec(output)?.[1] ?? 1_000_000);
  return { rows, seconds: round(seconds), rowsPerSecond: round(rows / seconds, 0) };
}

async function main() {
  for (const app of ['api-gateway', 'ticket-service', 'reporting-service']) {
    if (!existsSync(join(ROOT, 'dist/apps', app, 'main.js'))) throw new Error('run `npm run bench:reports` (it builds the apps first)');
  }
  await ensureDatabase();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const logDir = join(ROOT, 'tmp', 'bench', `reports-${runId}`);
  mkdirSync(logDir, { recursive: true });
  const loadAtStart = os.loadavg().map((x) => round(x));
  const env = {
    DATABASE_URL: dbUrl(DB),
    NATS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    HELPDESK_BUS_NAMESPACE: `benchrep-${runId}`,
    HELPDESK_EVENT_STREAM: `HELPDESK_BENCHREP_${runId}`,
    HELPDESK_ADMIN_EMAIL: ADMIN_EMAIL,
    HELPDESK_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '10000000',
    BUS_REQUEST_TIMEOUT_MS: '30000',
  };
  const children = {};
  const pg = new Client({ connectionString: dbUrl(DB) });
  const result = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version } };
  try {
    for (const [app, port] of [
      ['ticket-service', PORTS.ticket],
      ['reporting-service', PORTS.reporting],
      ['api-gateway', PORTS.gateway],
    ]) {
      children[app] = startApp(app, port, env, logDir);
      await waitReady(port, children[app], app);
    }
    const login = await api('POST', '/api/v1/auth/login', null, { email: ADMIN_EMAIL, password: PASSWORD });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const token = login.body.accessToken;
    await pg.connect();
    result.seed = await seed(pg, token);
    result.facts = Number((await pg.query('SELECT count(*) AS n FROM reporting.ticket_facts')).rows[0].n);
    result.statRows = Number((await pg.query('SELECT count(*) AS n FROM reporting.stats')).rows[0].n);
    log(`${result.facts} ticket facts, ${result.statRows} statistics rows; ${SECONDS} s per scenario and side`);

    require('./ts-register');
    const { summaryStatements } = require('../apps/reporting-service/src/summary/summary-sql');
    result.summary = [];
    for (const scenario of SCENARIOS) {
      log(`summary ${scenario.name}: gateway ...`);
      const gateway = await summaryLoad(token, scenario.query);
      const statements = summaryStatements(scenario.dim, { from: scenario.query.from, to: scenario.query.to }, scenario.time);
      const script = `BEGIN;\n${statements.map((s) => `${inline(s.sql, s.params).replace(/\s*\n\s*/g, ' ')};`).join('\n')}\nCOMMIT;\n`;
      log(`summary ${scenario.name}: pgbench ...`);
      const baseline = await pgbench(script, `pgbench-${SCENARIOS.indexOf(scenario)}`, logDir);
      const ratio = gateway.latencyMs && baseline.latencyMs.p95 ? round(gateway.latencyMs.p95 / baseline.latencyMs.p95) : null;
      result.summary.push({ ...scenario, gateway, pgbench: baseline, p95Ratio: ratio });
      log(`  gateway ${JSON.stringify(gateway.latencyMs ?? gateway.error)}, pgbench ${JSON.stringify(baseline.latencyMs)}`);
    }

    log('export tickets.csv (whole year) ...');
    result.export = await exportLoad(token, {
      'api-gateway': children['api-gateway'].pid,
      'reporting-service': children['reporting-service'].pid,
    });
    log(`  ${JSON.stringify(result.export)}`);
    log('baseline: psql \\copy of the same rows ...');
    result.copyBaseline = await copyBaseline();
    log(`  ${JSON.stringify(result.copyBaseline)}`);
  } finally {
    await pg.end().catch(() => undefined);
    for (const child of Object.values(children)) await stopChild(child);
    await deleteStream(NATS_URL, env.HELPDESK_EVENT_STREAM);
  }
  result.loadAverage = { start: loadAtStart, end: os.loadavg().map((x) => round(x)) };
  const yearByTeam = result.summary[0];
  result.targets = {
    summaryYearByTeamP95BelowMs: TARGETS.summaryBelowMs,
    summaryMet: !!yearByTeam.gateway.latencyMs && yearByTeam.gateway.latencyMs.p95 < TARGETS.summaryBelowMs,
    exportRowsPerSecond: TARGETS.exportRowsPerSecond,
    exportMet: !!result.export.rowsPerSecond && result.export.rowsPerSecond >= TARGETS.exportRowsPerSecond,
  };
  const stamp = result.date.replace(/[:.]/g, '-');
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', `${stamp}-reports.json`), `${JSON.stringify(result, null, 2)}\n`);
  if (!process.env.BENCH_NO_ROW) appendRow(result);
  log(`targets: ${JSON.stringify(result.targets)}`);
}

function appendRow(r) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const marker = '<!-- reports rows end -->';
  const text = readFileSync(file, 'utf8');
  if (!text.includes(marker)) throw new Error('BENCHMARKS.md has no "Reports: 1,000,000 tickets" table to append to');
  const s = (i) => r.summary[i];
  const lat = (x) => (x.gateway.latencyMs ? `${x.gateway.latencyMs.p50} / ${x.gateway.latencyMs.p95}` : x.gateway.error);
  const exp = r.export.error
    ? r.export.error
    : `${r.export.rows} rows in ${r.export.seconds} s = ${r.export.rowsPerSecond}/s; RSS gateway ${r.export.memory['api-gateway'].startMb}→${r.export.memory['api-gateway'].maxMb} MB, reporting ${r.export.memory['reporting-service'].startMb}→${r.export.memory['reporting-service'].maxMb} MB`;
  const row = [
    r.date.slice(0, 16).replace('T', ' '),
    `${r.facts} facts, ${r.statRows} stat rows`,
    `${lat(s(0))} (pgbench ${s(0).pgbench.latencyMs.p50} / ${s(0).pgbench.latencyMs.p95}; ×${s(0).p95Ratio})`,
    `${lat(s(1))}`,
    `${lat(s(2))}`,
    `${lat(s(3))}`,
    `${lat(s(4))}`,
    exp,
    r.copyBaseline.rowsPerSecond ? `${r.copyBaseline.rowsPerSecond}/s` : '—',
    `${r.loadAverage.start[0]} → ${r.loadAverage.end[0]}`,
    `${r.targets.summaryMet ? 'summary met' : 'summary NOT met'}, ${r.targets.exportMet ? 'export met' : 'export NOT met'}`,
  ];
  writeFileSync(file, text.replace(marker, `| ${row.join(' | ')} |\n${marker}`));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
