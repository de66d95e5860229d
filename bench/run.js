#!/usr/bin/env node
// Benchmark: ticket creation through the whole distributed path
//   autocannon -> api-gateway (JWT, validation) -> NATS request -> ticket-service -> PostgreSQL (+ outbox, relay to JetStream)
// and, in the same run on the same PostgreSQL, the baseline: pgbench inserting one ticket row and one
// outbox row per transaction. Both at 32 concurrent clients for BENCH_SECONDS (default 20).
// Writes bench/results/<stamp>.json and a row in BENCHMARKS.md. Needs `npm run build` first
// (`npm run bench` does it), local PostgreSQL and NATS with JetStream. BENCH_PROFILE=1 also writes
// CPU profiles of both Node processes (bench/profile-summary.js reads them).
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync, createWriteStream } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');
const autocannon = require('autocannon');
const { Client } = require('pg');

const ROOT = join(__dirname, '..');
const PG_URL = process.env.BENCH_PG_URL || process.env.INTEGRATION_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.BENCH_NATS_URL || 'nats://127.0.0.1:4222';
const SECONDS = Number(process.env.BENCH_SECONDS || 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);
const LAYER_SECONDS = Number(process.env.BENCH_LAYER_SECONDS || 8);
const ADMIN = { email: 'bench@helpdesk.local', password: 'bench-password-123' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function dbUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function sql(url, text) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function waitReady(port, child, name) {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`${name} did not become ready`);
}

function startApp(app, port, env, logDir) {
  const out = createWriteStream(join(logDir, `${app}.log`));
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(logDir, 'profiles', app)}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'dist/apps', app, 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return child;
}

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

async function benchSuite(dbName, runId, logDir) {
  const env = {
    DATABASE_URL: dbUrl(dbName),
    NATS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    HELPDESK_BUS_NAMESPACE: `bench-${runId}`,
    HELPDESK_EVENT_STREAM: `HELPDESK_BENCH_${runId}`,
    HELPDESK_ADMIN_EMAIL: ADMIN.email,
    HELPDESK_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '10000000',
    DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE || '16',
  };
  const children = [];
  try {
    const ticket = startApp('ticket-service', 3911, env, logDir);
    children.push(ticket);
    await waitReady(3911, ticket, 'ticket-service');
    const gateway = startApp('api-gateway', 3910, env, logDir);
    children.push(gateway);
    await waitReady(3910, gateway, 'api-gateway');
    const login = await fetch('http://127.0.0.1:3910/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = await login.json();
    const request = {
      url: 'http://127.0.0.1:3910/api/v1/tickets',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        subject: 'Printer on floor 3 is jammed',
        description: 'Paper jam in tray 2 since this morning',
        priority: 'high',
      }),
    };
    await runAutocannon({ ...request, connections: CONNECTIONS, duration: 3 }); // warm-up
    const result = await runAutocannon({ ...request, connections: CONNECTIONS, duration: SECONDS });
    // The same path in layers, to see where the time goes: the gateway alone (no bus), and a read
    // through the whole path (gateway -> NATS -> ticket-service -> one SELECT).
    const layer = async (url, headers) => {
      const r = await runAutocannon({ url, headers, connections: CONNECTIONS, duration: LAYER_SECONDS });
      return { requestsPerSecond: r.requests.average, latencyMs: { p50: r.latency.p50, p99: r.latency.p99 } };
    };
    const layers = {
      gatewayOnly: await layer('http://127.0.0.1:3910/health/live', {}),
      readThroughBus: await layer('http://127.0.0.1:3910/api/v1/auth/me', { authorization: `Bearer ${accessToken}` }),
    };
    const created = await sql(dbUrl(dbName), 'SELECT count(*)::int AS n FROM ticket.tickets');
    return {
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      ticketsInDatabase: created.rows[0].n,
      layers,
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(3000);
    if (process.env.BENCH_PROFILE)
      process.stdout.write(`CPU profiles in ${join(logDir, 'profiles')} (summary: node bench/profile-summary.js <file>)\n`);
  }
}

function benchPgbench(dbName) {
  const url = new URL(dbUrl(dbName));
  const args = [
    '-n',
    '-c',
    String(CONNECTIONS),
    '-j',
    '2',
    '-T',
    String(SECONDS),
    '-f',
    join(__dirname, 'pgbench-ticket.sql'),
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
    dbName,
  ];
  const output = execFileSync('pgbench', args, {
    env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password || '') },
    encoding: 'utf8',
  });
  const tps = /tps = ([\d.]+)/.exec(output);
  const latency = /latency average = ([\d.]+) ms/.exec(output);
  if (!tps) throw new Error(`could not read pgbench output:\n${output}`);
  return { transactionsPerSecond: Number(tps[1]), latencyAverageMs: latency ? Number(latency[1]) : null };
}

async function main() {
  for (const app of ['api-gateway', 'ticket-service']) {
    if (!existsSync(join(ROOT, 'dist/apps', app, 'main.js'))) throw new Error('run `npm run build` first');
  }
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbName = `helpdesk_bench_${runId}`;
  const logDir = join(ROOT, 'tmp', 'bench', runId);
  mkdirSync(logDir, { recursive: true });
  await sql(PG_URL, `CREATE DATABASE "${dbName}"`);
  try {
    process.stdout.write(`suite: POST /api/v1/tickets, ${CONNECTIONS} connections, ${SECONDS} s ...\n`);
    const suite = await benchSuite(dbName, runId, logDir);
    process.stdout.write(`pgbench: ticket + outbox insert, ${CONNECTIONS} clients, ${SECONDS} s ...\n`);
    await sql(
      dbUrl(dbName),
      `CREATE SCHEMA bench;
       CREATE TABLE bench.tickets (id uuid PRIMARY KEY, seq bigserial, subject varchar(250), description text, status varchar(20),
         priority varchar(20), channel varchar(20), requester_id uuid, version int DEFAULT 1, created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now());
       CREATE TABLE bench.outbox (seq bigserial PRIMARY KEY, id uuid UNIQUE, type varchar(100), aggregate_id varchar(100), payload jsonb, created_at timestamptz DEFAULT now());`,
    );
    const pgbench = benchPgbench(dbName);
    const ratio = suite.requestsPerSecond / pgbench.transactionsPerSecond;
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      connections: CONNECTIONS,
      seconds: SECONDS,
      suite,
      pgbench,
      ratio: Number(ratio.toFixed(3)),
      targets: { ratioAtLeast: 0.3, p99BelowMs: 100 },
      met: { ratio: ratio >= 0.3, p99: suite.latencyMs.p99 < 100 },
    };
    const stamp = result.date.replace(/[:.]/g, '-');
    writeFileSync(join(__dirname, 'results', `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
    const { gatewayOnly, readThroughBus } = suite.layers;
    const line = `| ${result.date.slice(0, 16).replace('T', ' ')} | ticket create (REST→NATS→ticket-service→PG+outbox) | ${suite.requestsPerSecond.toFixed(0)} req/s | p50 ${suite.latencyMs.p50} / p99 ${suite.latencyMs.p99} ms | pgbench ${pgbench.transactionsPerSecond.toFixed(0)} tx/s | ${(ratio * 100).toFixed(1)}% | ${result.met.ratio && result.met.p99 ? 'met' : 'not met'} | ${gatewayOnly.requestsPerSecond.toFixed(0)} / ${readThroughBus.requestsPerSecond.toFixed(0)} req/s |\n`;
    const file = join(ROOT, 'BENCHMARKS.md');
    if (!existsSync(file)) throw new Error('BENCHMARKS.md is missing');
    appendFileSync(file, line);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await sql(PG_URL, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
    try {
      const { connect } = require('nats');
      const nc = await connect({ servers: NATS_URL });
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(`HELPDESK_BENCH_${runId}`).catch(() => undefined);
      await nc.close();
    } catch {
      /* the stream is gone with the run either way */
    }
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack || error.message}\n`);
  process.exit(1);
});
