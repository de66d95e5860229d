#!/usr/bin/env node
// Benchmark (issue 5): signed chat webhooks into the inbound log, and on to tickets.
//   suite    - an open-loop generator (its own process) POSTs signed chat webhooks at a fixed rate
//              (BENCH_RATE, 1,000/s) for BENCH_SECONDS (60) straight to channel-gateway's
//              /webhooks/chat/:channelId (where an ingress routes /webhooks): HMAC check, validation,
//              one transaction (inbound_messages row + outbox row), 200. Latency is measured from each
//              request's scheduled send time, so a slow server cannot hide its queue (no coordinated
//              omission). 1,000 conversations: the first message of each opens a ticket, the rest are
//              comments on it. Every second, the inbound log is sampled: logged vs taken by
//              ticket-service (its processed_events) vs closed (`handled` back in channel-gateway);
//              the backlog's slope over the load and the drain time after it are reported.
//   baseline - in the same run: a bare node:http server answering 200 to the same POSTs (same
//              generator, same rate; and autocannon at 32 connections for its maximum), and pgbench
//              writing what the intake writes (one inbound-log row + one outbox row per transaction,
//              bench/pgbench-intake.sql) at the same fixed rate and at its maximum.
// Writes bench/results/<stamp>-intake.json and a row in BENCHMARKS.md ("Channel intake" table).
// Needs dist/ of api-gateway, ticket-service and channel-gateway (`npm run bench:intake` builds them),
// local PostgreSQL and NATS with JetStream. Env: BENCH_PG_URL, BENCH_NATS_URL, BENCH_RATE (1000),
// BENCH_SECONDS (60), BENCH_BASELINE_SECONDS (20), BENCH_CONVERSATIONS (1000), BENCH_DRAIN_SECONDS (120: after it, the rest of the drain is estimated from its rate),
// BENCH_DB_POOL_SIZE (16), BENCH_PROFILE=1 (CPU profiles of the three apps, see bench/profile-summary.js),
// BENCH_INTAKE_ALONE=1 (a diagnostic, not the target's measurement: ticket-service is paused with SIGSTOP
// for the load and resumed after it, so the intake runs without the work downstream competing for the
// cores; the backlog then grows by design and drains after the load),
// BENCH_MAX_SOCKETS (2048: the generator's connections at most; past them requests wait in the
// generator, and that wait counts in their latency from schedule),
// BENCH_LOG_LEVEL (warn; info logs every request with its responseTime, in the apps' logs under tmp/bench),
// BENCH_PG_STATEMENTS=1 (PostgreSQL's statements over the load, from pg_stat_statements: top 20 by
// execution time in the JSON's `pgStatements`; the server must have it in shared_preload_libraries),
// BENCH_TRACE_GC=1 (the apps log each garbage collection, with its pause, in their logs under tmp/bench),
// BENCH_LOOP_LAG=1 (each second, the longest event-loop delay of channel-gateway and ticket-service since
// the previous second, from their /metrics: `loopLagMaxMs` in each point of `series`; and each
// process's CPU over that second, `cpuPercent`).
// The same file is the generator and the bare server when BENCH_INTAKE_ROLE says so (spawned, not required).
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { createHmac, randomBytes } = require('node:crypto');
const { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const http = require('node:http');
const { join } = require('node:path');
const os = require('node:os');
const { performance } = require('node:perf_hooks');

const ROOT = join(__dirname, '..');
const PG_URL = process.env.BENCH_PG_URL || process.env.INTEGRATION_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.BENCH_NATS_URL || 'nats://127.0.0.1:4222';
const RATE = Number(process.env.BENCH_RATE || 1000);
const SECONDS = Number(process.env.BENCH_SECONDS || 60);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS || 20);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS || 1000);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS || 120);
const INTAKE_ALONE = process.env.BENCH_INTAKE_ALONE === '1';
const PG_STATEMENTS = process.env.BENCH_PG_STATEMENTS === '1';
const LOOP_LAG = process.env.BENCH_LOOP_LAG === '1';
const WARMUP_SECONDS = 5;
const CONNECTIONS = 32;
const ADMIN = { email: 'bench@helpdesk.local', password: 'bench-password-123' };
const PORTS = { gateway: 3940, ticket: 3941, channel: 3942, bare: 3949 };
const TARGETS = { ratePerSecond: 1000, p99BelowMs: 50 };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits)));

function percentiles(values) {
  if (!values.length) return { p50: null, p90: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { p50: round(at(50)), p90: round(at(90)), p99: round(at(99)), max: round(sorted[sorted.length - 1]) };
}

// ---------------------------------------------------------------------------------------------
// Roles run in their own processes: the open-loop generator and the bare HTTP server.
// ---------------------------------------------------------------------------------------------

/**
 * Open loop: request i is due at start + i / rate whatever happened to the earlier ones; latency is
 * taken from that due time (and, apart, from the moment it was written). Prints a JSON summary.
 */
async function generatorRole() {
  const { url, rate, file } = JSON.parse(process.env.BENCH_GEN_CONFIG);
  const items = JSON.parse(readFileSync(file, 'utf8'));
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.env.BENCH_MAX_SOCKETS || 2048) });
  const total = items.length;
  const fromSchedule = new Float64Array(total);
  const fromSend = new Float64Array(total);
  // Where a request's time went: waiting for a socket of the agent, connecting (new sockets only),
  // then until the response ended. Kept for the slow ones (over 5 s from schedule), summarized.
  const socketAt = new Float64Array(total).fill(NaN);
  const connectedAt = new Float64Array(total).fill(NaN);
  const reused = new Uint8Array(total);
  const statuses = {};
  const perSecond = [];
  let errors = 0;
  const errorCodes = {};
  let done = 0;
  let next = 0;
  let maxLagMs = 0;
  const timedOut = [];
  let resolveAll;
  const all = new Promise((resolve) => (resolveAll = resolve));
  const start = performance.now() + 20;
  const cpuAtStart = process.cpuUsage();
  const finish = () => {
    done += 1;
    if (done === total) resolveAll();
  };
  const send = (i) => {
    const due = start + (i * 1000) / rate;
    const sentAt = performance.now();
    maxLagMs = Math.max(maxLagMs, sentAt - due);
    const item = items[i];
    const body = Buffer.from(item.b);
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: item.p,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-helpdesk-signature': item.s },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const end = performance.now();
          fromSchedule[i] = end - due;
          fromSend[i] = end - sentAt;
          statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
          const second = Math.floor((end - start) / 1000);
          perSecond[second] = (perSecond[second] || 0) + 1;
          finish();
        });
      },
    );
    req.on('socket', (socket) => {
      socketAt[i] = performance.now();
      reused[i] = req.reusedSocket ? 1 : 0;
      if (socket.connecting) socket.once('connect', () => (connectedAt[i] = performance.now()));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (error) => {
      errors += 1;
      errorCodes[error.code || error.message] = (errorCodes[error.code || error.message] || 0) + 1;
      fromSchedule[i] = NaN;
      fromSend[i] = NaN;
      timedOut.push(i);
      finish();
    });
    req.end(body);
  };
  const tick = () => {
    const now = performance.now();
    while (next < total && start + (next * 1000) / rate <= now) send(next++);
    if (next < total) setTimeout(tick, 1);
  };
  setTimeout(tick, 0);
  await all;
  const lastEnd = performance.now();
  agent.destroy();
  const ok = Object.entries(statuses)
    .filter(([code]) => Number(code) >= 200 && Number(code) < 300)
    .reduce((sum, [, n]) => sum + n, 0);
  const good = (arr) => Array.from(arr).filter((x) => !Number.isNaN(x));
  const out = {
    offeredPerSecond: rate,
    requests: total,
    ok,
    non2xx: total - ok - errors,
    errors,
    errorCodes,
    statuses,
    elapsedSeconds: round((lastEnd - start) / 1000, 3),
    achievedPerSecond: round(ok / ((lastEnd - start) / 1000), 1),
    latencyFromScheduleMs: percentiles(good(fromSchedule)),
    latencyFromSendMs: percentiles(good(fromSend)),
    generatorMaxSendLagMs: round(maxLagMs),
    // The generator shares the machine: its own CPU over the run, in % of one core.
    generatorCpuPercent: (() => {
      const used = process.cpuUsage(cpuAtStart);
      return round(((used.user + used.system) / 1000 / (lastEnd - start)) * 100, 1);
    })(),
    completionsPerSecond: Array.from(perSecond, (n) => n || 0),
    slowRequests: (() => {
      const slow = [...timedOut];
      for (let i = 0; i < total; i += 1) if (fromSchedule[i] > 5_000) slow.push(i);
      const due = (i) => start + (i * 1000) / rate;
      const median = (values) => {
        const sorted = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
        return sorted.length ? round(sorted[Math.floor(sorted.length / 2)]) : null;
      };
      return {
        count: slow.length,
        failed: timedOut.length,
        onReusedSocket: slow.filter((i) => reused[i]).length,
        onNewSocket: slow.filter((i) => !reused[i] && !Number.isNaN(socketAt[i])).length,
        neverGotSocket: slow.filter((i) => Number.isNaN(socketAt[i])).length,
        medianMsWaitingForSocket: median(slow.map((i) => socketAt[i] - due(i))),
        medianMsConnecting: median(slow.filter((i) => !reused[i]).map((i) => connectedAt[i] - socketAt[i])),
        neverConnected: slow.filter((i) => !reused[i] && !Number.isNaN(socketAt[i]) && Number.isNaN(connectedAt[i])).length,
      };
    })(),
    // The opening of the load in tenths of a second (p50 / p99 / max from schedule of the requests
    // due in each, and how many of them went out on a connection opened for them).
    openingTenths: Array.from({ length: Math.min(50, Math.ceil((total * 10) / rate)) }, (_, tenth) => {
      const from = Math.floor((tenth * rate) / 10);
      const to = Math.min(total, Math.floor(((tenth + 1) * rate) / 10));
      let fresh = 0;
      for (let i = from; i < to; i += 1) if (!reused[i] && !Number.isNaN(socketAt[i])) fresh += 1;
      return { tenth, ...percentiles(good(fromSchedule.subarray(from, to))), newSockets: fresh };
    }),
    // p50 / p99 from schedule of the requests due in each second: where in the run the tail is.
    latencyBySecond: Array.from({ length: Math.ceil(total / rate) }, (_, second) => {
      const { p50, p99, max } = percentiles(good(fromSchedule.subarray(second * rate, Math.min(total, (second + 1) * rate))));
      return { second, p50, p99, max };
    }),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** A minimal node:http server: reads the body, answers 200 with a small JSON, as the intake does. */
function bareHttpRole() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      Buffer.concat(chunks);
      const body = '{"received":true,"duplicate":false,"id":"00000000-0000-4000-8000-000000000000"}';
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
}

// ---------------------------------------------------------------------------------------------
// The orchestrator.
// ---------------------------------------------------------------------------------------------

function dbUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function sql(url, text, params) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

function startApp(app, port, env, logDir) {
  const out = createWriteStream(join(logDir, `${app}.log`));
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(logDir, 'profiles', app)}`] : [];
  const traceGc = process.env.BENCH_TRACE_GC === '1' ? ['--trace-gc'] : [];
  const child = spawn(process.execPath, [...profile, ...traceGc, join(ROOT, 'dist/apps', app, 'main.js')], {
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

function stopChild(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Signed bodies, computed before the run so that the generator only writes bytes. */
function buildRequests({ channelId, secret, count, conversations, prefix, logDir }) {
  const timestamp = Math.floor(Date.now() / 1000);
  const items = [];
  for (let i = 0; i < count; i += 1) {
    const c = i % conversations;
    const body = JSON.stringify({
      conversationId: `${prefix}-conv-${c}`,
      messageId: `${prefix}-msg-${i}`,
      from: { id: `${prefix}-visitor-${c}`, name: `Visitante ${c}`, email: `${prefix}-visitor-${c}@bench.example` },
      text: `Mensaje ${i}: no puedo entrar en mi cuenta desde ayer, me dice que la contraseña es incorrecta.`,
      sentAt: new Date().toISOString(),
    });
    const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    items.push({ p: `/webhooks/chat/${channelId}`, b: body, s: `t=${timestamp},v1=${signature}` });
  }
  const file = join(logDir, `${prefix}-requests.json`);
  writeFileSync(file, JSON.stringify(items));
  return file;
}

function runGenerator(url, rate, file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename], {
      env: { ...process.env, BENCH_INTAKE_ROLE: 'generator', BENCH_GEN_CONFIG: JSON.stringify({ url, rate, file }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`generator exited with ${code}`));
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function runAutocannon(opts) {
  const autocannon = require('autocannon');
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** CPU seconds (user + system) of a process so far, from /proc. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return 0;
  }
}

/** CPU seconds of every process whose command is `name` (PostgreSQL's backends, nats-server). */
function cpuSecondsByName(name) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) total += cpuSeconds(pid);
    } catch {
      /* gone */
    }
  }
  return total;
}

function cpuSnapshot(children) {
  const snap = { postgres: cpuSecondsByName('postgres'), 'nats-server': cpuSecondsByName('nats-server') };
  for (const [name, child] of Object.entries(children)) snap[name] = cpuSeconds(child.pid);
  const stat = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  snap.machineBusy = (stat.reduce((a, b) => a + b, 0) - stat[3] - stat[4]) / 100;
  return snap;
}

function cpuShare(before, after, seconds) {
  const out = {};
  for (const key of Object.keys(after)) out[key] = round(((after[key] - before[key]) / seconds) * 100, 1);
  return out; // percent of one core
}

function slope(points) {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den ? num / den : null;
}

async function benchSuite(dbName, runId, logDir) {
  const { Client } = require('pg');
  const env = {
    DATABASE_URL: dbUrl(dbName),
    NATS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    HELPDESK_BUS_NAMESPACE: `benchintake-${runId}`,
    HELPDESK_EVENT_STREAM: `HELPDESK_BENCHINTAKE_${runId}`,
    HELPDESK_ADMIN_EMAIL: ADMIN.email,
    HELPDESK_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
    RATE_LIMIT_PER_MINUTE: '10000000',
    DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE || '16',
  };
  const children = {};
  const monitor = new Client({ connectionString: dbUrl(dbName) });
  try {
    children['ticket-service'] = startApp('ticket-service', PORTS.ticket, env, logDir);
    children['channel-gateway'] = startApp('channel-gateway', PORTS.channel, env, logDir);
    await waitReady(PORTS.ticket, children['ticket-service'], 'ticket-service');
    await waitReady(PORTS.channel, children['channel-gateway'], 'channel-gateway');
    children['api-gateway'] = startApp('api-gateway', PORTS.gateway, env, logDir);
    await waitReady(PORTS.gateway, children['api-gateway'], 'api-gateway');

    const login = await fetch(`http://127.0.0.1:${PORTS.gateway}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`admin login failed: ${login.status}`);
    const { accessToken } = await login.json();
    const secret = `whsec_${randomBytes(16).toString('hex')}`;
    const created = await fetch(`http://127.0.0.1:${PORTS.gateway}/api/v1/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ type: 'chat', name: 'Bench chat', settings: { signingSecret: secret } }),
    });
    if (created.status !== 201) throw new Error(`channel creation failed: ${created.status} ${await created.text()}`);
    const channelId = (await created.json()).id;
    const url = `http://127.0.0.1:${PORTS.channel}`;

    await monitor.connect();
    const sample = async () => {
      const { rows } = await monitor.query(
        // One pass over the inbound log for both of its counts: the sampling is PostgreSQL work too.
        `SELECT m.logged, m.closed,
                (SELECT count(*)::int FROM "ticket"."processed_events" WHERE consumer = 'ticket.channel-messages') AS taken,
                (SELECT count(*)::int FROM "channel"."outbox" WHERE published_at IS NULL AND parked_at IS NULL) AS unpublished
           FROM (SELECT count(*)::int AS logged, (count(*) FILTER (WHERE state IN ('handled', 'ignored')))::int AS closed
                   FROM "channel"."inbound_messages") m`,
      );
      return rows[0];
    };
    // prom-client resets its event-loop delay histogram at each scrape: the max since the last one.
    const loopLagMaxMs = async () => {
      const one = async (port) => {
        const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
        const line = text.split('\n').find((l) => l.startsWith('nodejs_eventloop_lag_max_seconds'));
        return line ? round(Number(line.split(' ').pop()) * 1000, 1) : null;
      };
      const [channel, ticket] = await Promise.all([one(PORTS.channel), one(PORTS.ticket)]).catch(() => [null, null]);
      return { channel, ticket };
    };
    const waitDrained = async (limitSeconds) => {
      const t0 = Date.now();
      for (;;) {
        const s = await sample();
        if (s.taken >= s.logged && s.closed >= s.logged) return (Date.now() - t0) / 1000;
        if ((Date.now() - t0) / 1000 > limitSeconds) return null;
        await sleep(250);
      }
    };

    // Warm-up: other conversations, so that the measured run still opens its own tickets.
    process.stdout.write(`warm-up: ${WARMUP_SECONDS} s at ${Math.round(RATE / 2)}/s ...\n`);
    const warmFile = buildRequests({
      channelId,
      secret,
      count: Math.round((RATE / 2) * WARMUP_SECONDS),
      conversations: 100,
      prefix: `w${runId}`,
      logDir,
    });
    const warm = await runGenerator(url, Math.round(RATE / 2), warmFile);
    const warmDrain = await waitDrained(120);
    process.stdout.write(
      `warm-up: ${warm.ok} ok (${JSON.stringify(warm.statuses)}, ${warm.errors} errors), p99 ${warm.latencyFromScheduleMs.p99} ms, drained in ${warmDrain} s\n`,
    );

    const file = buildRequests({ channelId, secret, count: RATE * SECONDS, conversations: CONVERSATIONS, prefix: `m${runId}`, logDir });
    const before = await sample();
    const { rows: clock } = await monitor.query('SELECT now() AS now');
    const mainStart = clock[0].now;
    process.stdout.write(`suite: ${RATE}/s for ${SECONDS} s to ${url}/webhooks/chat/${channelId} ...\n`);
    const series = [];
    let loadEnded = null;
    const t0 = Date.now();
    const cpuBefore = cpuSnapshot(children);
    let cpuPrev = cpuBefore;
    let tPrev = 0;
    const overflowsBefore = listenOverflows();
    let overflowsDuringLoad = null;
    let cpuAtLoadEnd = null;
    if (PG_STATEMENTS) {
      await monitor.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await monitor.query('SELECT pg_stat_statements_reset()');
    }
    let statementsAtLoadEnd = null;
    if (INTAKE_ALONE) children['ticket-service'].kill('SIGSTOP');
    const generating = runGenerator(url, RATE, file).then((r) => {
      if (INTAKE_ALONE) children['ticket-service'].kill('SIGCONT');
      loadEnded = (Date.now() - t0) / 1000;
      cpuAtLoadEnd = cpuSnapshot(children);
      overflowsDuringLoad = overflowsBefore === null ? null : listenOverflows() - overflowsBefore;
      if (PG_STATEMENTS) statementsAtLoadEnd = topStatements(dbName);
      return r;
    });
    // Sampling every second during the load and after it, until the backlog is gone.
    let drainedAt = null;
    let closedAt = null;
    for (let tick = 1; ; tick += 1) {
      await sleep(Math.max(0, t0 + tick * 1000 - Date.now()));
      const [s, lag] = await Promise.all([sample(), LOOP_LAG ? loopLagMaxMs() : null]);
      const t = (Date.now() - t0) / 1000;
      const point = {
        t: round(t, 1),
        logged: s.logged - before.logged,
        taken: s.taken - before.taken,
        closed: s.closed - before.closed,
      };
      point.backlog = point.logged - point.taken;
      // channel-gateway's outbox rows not yet on JetStream: the part of the backlog that is the relay's.
      point.unpublished = s.unpublished;
      point.backlogToClosed = point.logged - point.closed;
      if (lag) {
        point.loopLagMaxMs = lag;
        const cpuNow = cpuSnapshot(children);
        point.cpuPercent = cpuShare(cpuPrev, cpuNow, t - tPrev);
        cpuPrev = cpuNow;
        tPrev = t;
      }
      series.push(point);
      if (loadEnded !== null) {
        if (drainedAt === null && point.backlog <= 0) drainedAt = t;
        if (closedAt === null && point.backlogToClosed <= 0) closedAt = t;
        if ((drainedAt !== null && closedAt !== null) || t - loadEnded > DRAIN_SECONDS) break;
      }
    }
    const load = await generating;
    const loadPoints = series.filter((p) => p.t <= loadEnded).map((p) => [p.t, p.backlog]);
    const tenth = Math.max(1, Math.floor(loadPoints.length / 6));
    const mean = (pts) => round(pts.reduce((s, p) => s + p[1], 0) / Math.max(1, pts.length), 1);
    const { rows: e2e } = await monitor.query(
      `SELECT count(*)::int AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM handled_at - received_at) * 1000) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM handled_at - received_at) * 1000) AS p99,
              max(extract(epoch FROM handled_at - received_at) * 1000) AS max
         FROM "channel"."inbound_messages" WHERE received_at >= $1 AND handled_at IS NOT NULL`,
      [mainStart],
    );
    const { rows: made } = await monitor.query(
      `SELECT (SELECT count(*)::int FROM "ticket"."tickets" WHERE created_at >= $1) AS tickets,
              (SELECT count(*)::int FROM "ticket"."ticket_comments" WHERE created_at >= $1) AS comments,
              (SELECT count(*)::int FROM "channel"."inbound_messages" WHERE received_at >= $1 AND state = 'ignored') AS ignored`,
      [mainStart],
    );
    const cpu = cpuAtLoadEnd ? cpuShare(cpuBefore, cpuAtLoadEnd, loadEnded) : null;
    // ticket-service's pace: messages taken per second during the load and after it.
    const during = series.filter((p) => p.t <= loadEnded);
    const after = series.filter((p) => p.t > loadEnded);
    const takenRate = (pts) => (pts.length < 2 ? null : round(slope(pts.map((p) => [p.t, p.taken])), 1));
    const last = series[series.length - 1];
    const drainRate = takenRate(after);
    return {
      channelId,
      warmup: { ok: warm.ok, statuses: warm.statuses, errors: warm.errors, p99: warm.latencyFromScheduleMs.p99, drainSeconds: warmDrain },
      load,
      lag: {
        loadSeconds: round(loadEnded, 1),
        backlogSlopePerSecond: round(slope(loadPoints), 2),
        backlogMeanFirstSixth: mean(loadPoints.slice(0, tenth)),
        backlogMeanLastSixth: mean(loadPoints.slice(-tenth)),
        backlogMax: Math.max(...series.map((p) => p.backlog)),
        unpublishedMax: Math.max(...series.map((p) => p.unpublished)),
        takenPerSecondDuringLoad: takenRate(during),
        takenPerSecondAfterLoad: drainRate,
        drainSecondsAfterLoad: drainedAt === null ? null : round(drainedAt - loadEnded, 1),
        backlogWhenSamplingStopped: last.backlog,
        // Not drained within BENCH_DRAIN_SECONDS: when it would be, at the pace after the load.
        estimatedDrainSecondsAfterLoad:
          drainedAt !== null
            ? round(drainedAt - loadEnded, 1)
            : drainRate > 0
              ? round(last.t - loadEnded + last.backlog / drainRate, 0)
              : null,
        closedSecondsAfterLoad: closedAt === null ? null : round(closedAt - loadEnded, 1),
        endToEndMs: { handled: e2e[0].n, p50: round(Number(e2e[0].p50)), p99: round(Number(e2e[0].p99)), max: round(Number(e2e[0].max)) },
        created: made[0],
        series,
      },
      cpuPercentOfOneCoreDuringLoad: cpu,
      // Connections the kernel dropped because a listening socket's accept queue was full (machine-wide).
      listenOverflowsDuringLoad: overflowsDuringLoad,
      ...(PG_STATEMENTS ? { pgStatements: await statementsAtLoadEnd } : {}),
    };
  } finally {
    await monitor.end().catch(() => undefined);
    await Promise.all(Object.values(children).map(stopChild));
    if (process.env.BENCH_PROFILE)
      process.stdout.write(`CPU profiles in ${join(logDir, 'profiles')} (summary: node bench/profile-summary.js <file>)\n`);
  }
}

/** The machine's TcpExt ListenOverflows counter (/proc/net/netstat), or null where there is none. */
function listenOverflows() {
  try {
    const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('TcpExt:'))
      .map((line) => line.trim().split(/\s+/));
    const i = names.indexOf('ListenOverflows');
    return i < 0 ? null : Number(values[i]);
  } catch {
    return null;
  }
}

/**
 * The bench database's statements since the reset at the start of the load, by total execution time
 * (the bench's own per-second counts included: they are labelled by their SQL).
 */
async function topStatements(dbName) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: dbUrl(dbName) });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT round(s.total_exec_time)::int AS "totalMs", s.calls::int AS calls, round(s.mean_exec_time::numeric, 3)::float AS "meanMs",
              s.rows::int AS rows, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 300) AS query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = $1 ORDER BY s.total_exec_time DESC LIMIT 20`,
      [dbName],
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function benchBareHttp(logDir) {
  const child = spawn(process.execPath, [__filename], {
    env: { ...process.env, BENCH_INTAKE_ROLE: 'bare-http', PORT: String(PORTS.bare) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      child.stdout.once('data', resolve);
      child.once('exit', () => reject(new Error('bare server exited')));
    });
    const file = buildRequests({
      channelId: 'bare',
      secret: 'bare-secret',
      count: RATE * BASELINE_SECONDS,
      conversations: CONVERSATIONS,
      prefix: 'bare',
      logDir,
    });
    const url = `http://127.0.0.1:${PORTS.bare}`;
    const fixed = await runGenerator(url, RATE, file);
    const one = JSON.parse(readFileSync(file, 'utf8'))[0];
    const max = await runAutocannon({
      url: `${url}${one.p}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-helpdesk-signature': one.s },
      body: one.b,
      connections: CONNECTIONS,
      duration: BASELINE_SECONDS,
    });
    return {
      fixed,
      max: {
        requestsPerSecond: round(max.requests.average, 1),
        latencyMs: { p50: max.latency.p50, p99: max.latency.p99 },
        non2xx: max.non2xx,
      },
    };
  } finally {
    await stopChild(child);
  }
}

function pgbench(dbName, extra, logDir) {
  const url = new URL(dbUrl(dbName));
  const args = [
    '-n',
    '-j',
    '2',
    '-T',
    String(BASELINE_SECONDS),
    '-f',
    join(__dirname, 'pgbench-intake.sql'),
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
    ...extra,
    dbName,
  ];
  const output = execFileSync('pgbench', args, {
    cwd: logDir,
    env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password || '') },
    encoding: 'utf8',
  });
  const tps = /tps = ([\d.]+)/.exec(output);
  const latency = /latency average = ([\d.]+) ms/.exec(output);
  if (!tps) throw new Error(`could not read pgbench output:\n${output}`);
  return { transactionsPerSecond: round(Number(tps[1]), 1), latencyAverageMs: latency ? Number(latency[1]) : null };
}

async function benchPgbench(dbName, logDir) {
  await sql(
    dbUrl(dbName),
    `CREATE SCHEMA IF NOT EXISTS bench;
     CREATE TABLE bench.inbound_messages (id uuid PRIMARY KEY, channel_id uuid NOT NULL, provider_message_id varchar(200) NOT NULL,
       conversation_id varchar(200) NOT NULL, raw_body text NOT NULL, received_at timestamptz NOT NULL, state varchar(20) NOT NULL,
       UNIQUE (channel_id, provider_message_id));
     CREATE INDEX ON bench.inbound_messages (channel_id, conversation_id, received_at);
     CREATE TABLE bench.outbox (seq bigserial PRIMARY KEY, id uuid UNIQUE, type varchar(100), aggregate_id varchar(100), payload jsonb, created_at timestamptz DEFAULT now());`,
  );
  const max = pgbench(dbName, ['-c', String(CONNECTIONS)], logDir);
  // Fixed rate with per-transaction logs: latency from the scheduled start (time + schedule lag).
  const prefix = 'pgbench-fixed';
  const fixed = pgbench(dbName, ['-c', String(CONNECTIONS), '-R', String(RATE), '-l', '--log-prefix', prefix], logDir);
  const latencies = [];
  for (const f of readdirSync(logDir).filter((n) => n.startsWith(`${prefix}.`))) {
    for (const line of readFileSync(join(logDir, f), 'utf8').split('\n')) {
      const parts = line.split(' ');
      if (parts.length < 7) continue;
      latencies.push((Number(parts[2]) + Number(parts[6])) / 1000);
    }
  }
  return { max, fixed: { ...fixed, latencyFromScheduleMs: percentiles(latencies) } };
}

async function deleteStream(name) {
  try {
    const { connect } = require('nats');
    const nc = await connect({ servers: NATS_URL });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  } catch {
    /* the stream is gone with the run either way */
  }
}

async function main() {
  for (const app of ['api-gateway', 'ticket-service', 'channel-gateway']) {
    if (!existsSync(join(ROOT, 'dist/apps', app, 'main.js')))
      throw new Error('run `npm run bench:intake` (it builds the three apps first)');
  }
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbName = `helpdesk_bench_intake_${runId}`;
  const logDir = join(ROOT, 'tmp', 'bench', `intake-${runId}`);
  mkdirSync(logDir, { recursive: true });
  const loadAtStart = os.loadavg().map((x) => round(x));
  // HMAC-SHA256 of one body, as verifySignature computes it: its share of a request.
  const hmacMicros = (() => {
    const body = Buffer.alloc(330, 'x');
    const n = 20_000;
    const t = performance.now();
    for (let i = 0; i < n; i += 1) createHmac('sha256', 'whsec_0123456789abcdef').update('1700000000.').update(body).digest('hex');
    return round(((performance.now() - t) * 1000) / n);
  })();
  await sql(PG_URL, `CREATE DATABASE "${dbName}"`);
  try {
    const suite = await benchSuite(dbName, runId, logDir);
    const { load, lag } = suite;
    process.stdout.write(
      `suite: ${load.achievedPerSecond}/s of ${RATE}/s, p50 ${load.latencyFromScheduleMs.p50} / p99 ${load.latencyFromScheduleMs.p99} ms, non-2xx ${load.non2xx}, errors ${load.errors}; backlog slope ${lag.backlogSlopePerSecond}/s, max ${lag.backlogMax}, drained ${lag.drainSecondsAfterLoad} s after the load\n`,
    );
    process.stdout.write(`bare HTTP: ${RATE}/s and max (autocannon, ${CONNECTIONS} connections), ${BASELINE_SECONDS} s each ...\n`);
    const bare = await benchBareHttp(logDir);
    process.stdout.write(`pgbench: inbound row + outbox row, max and ${RATE}/s, ${BASELINE_SECONDS} s each ...\n`);
    const pg = await benchPgbench(dbName, logDir);
    const p99 = load.latencyFromScheduleMs.p99;
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: os.loadavg().map((x) => round(x)),
      },
      rate: RATE,
      seconds: SECONDS,
      baselineSeconds: BASELINE_SECONDS,
      conversations: CONVERSATIONS,
      intakeAlone: INTAKE_ALONE,
      hmacMicrosPerBody: hmacMicros,
      suite,
      baseline: { bareHttp: bare, pgbench: pg },
      ratios: {
        suiteToBareHttpMax: round(load.achievedPerSecond / bare.max.requestsPerSecond, 3),
        suiteToPgbenchMax: round(load.achievedPerSecond / pg.max.transactionsPerSecond, 3),
        p99SuiteToBareHttpAtRate: round(p99 / bare.fixed.latencyFromScheduleMs.p99, 1),
        p99SuiteToPgbenchAtRate: round(p99 / pg.fixed.latencyFromScheduleMs.p99, 1),
      },
      targets: TARGETS,
    };
    result.met = {
      rate: load.achievedPerSecond >= TARGETS.ratePerSecond * 0.99 && load.non2xx === 0 && load.errors === 0,
      p99: p99 !== null && p99 < TARGETS.p99BelowMs,
      // Paused downstream: the backlog grows by design, so there is no lag to judge.
      noGrowingLag: INTAKE_ALONE
        ? null
        : lag.drainSecondsAfterLoad !== null && lag.backlogSlopePerSecond !== null && lag.backlogSlopePerSecond < RATE * 0.01,
    };
    const stamp = result.date.replace(/[:.]/g, '-');
    writeFileSync(join(__dirname, 'results', `${stamp}-intake.json`), `${JSON.stringify(result, null, 2)}\n`);

    const file = join(ROOT, 'BENCHMARKS.md');
    const marker = '<!-- intake rows end -->';
    const text = readFileSync(file, 'utf8');
    if (!text.includes(marker)) throw new Error('BENCHMARKS.md has no "Channel intake" table to append to');
    const yes = (x) => (x === null ? 'n/a' : x ? 'met' : 'not met');
    const label = INTAKE_ALONE ? ' (intake alone: ticket-service paused during the load)' : '';
    const line = `| ${result.date.slice(0, 16).replace('T', ' ')}${label} | ${RATE}/s × ${SECONDS} s | ${load.achievedPerSecond}/s (${load.non2xx} non-2xx, ${load.errors} errors) | ${load.latencyFromScheduleMs.p50} / ${load.latencyFromScheduleMs.p99} ms | ${bare.fixed.latencyFromScheduleMs.p50} / ${bare.fixed.latencyFromScheduleMs.p99} ms; max ${bare.max.requestsPerSecond}/s | ${pg.fixed.latencyFromScheduleMs.p50} / ${pg.fixed.latencyFromScheduleMs.p99} ms; max ${pg.max.transactionsPerSecond} tx/s | ${(result.ratios.suiteToBareHttpMax * 100).toFixed(1)}% / ${(result.ratios.suiteToPgbenchMax * 100).toFixed(1)}% | ${lag.backlogSlopePerSecond}/s (max ${lag.backlogMax}) | ${lag.drainSecondsAfterLoad ?? `> ${DRAIN_SECONDS} (≈${lag.estimatedDrainSecondsAfterLoad} estimated; ${lag.takenPerSecondDuringLoad}/s taken during load)`} s / ${lag.closedSecondsAfterLoad ?? `> ${DRAIN_SECONDS}`} s | ${lag.endToEndMs.p50} / ${lag.endToEndMs.p99} ms | ${loadAtStart[0]} → ${result.machine.loadAverageAtEnd[0]} | rate ${yes(result.met.rate)}, p99 ${yes(result.met.p99)}, lag ${yes(result.met.noGrowingLag)} |\n`;
    writeFileSync(file, text.replace(marker, `${line}${marker}`));
    const { series, ...lagSummary } = lag;
    process.stdout.write(
      `${JSON.stringify({ ...result, suite: { ...suite, load: { ...load, completionsPerSecond: undefined }, lag: { ...lagSummary, samples: series.length } } }, null, 2)}\n`,
    );
    process.stdout.write(`results in bench/results/${stamp}-intake.json; logs in ${logDir}\n`);
  } finally {
    await sql(PG_URL, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
    await deleteStream(`HELPDESK_BENCHINTAKE_${runId}`);
  }
}

const role = process.env.BENCH_INTAKE_ROLE;
if (role === 'generator') {
  generatorRole().catch((error) => {
    process.stderr.write(`generator: ${error.stack || error}\n`);
    process.exit(1);
  });
} else if (role === 'bare-http') {
  bareHttpRole();
} else {
  main().catch((error) => {
    process.stderr.write(`bench: ${error.stack || error.message}\n`);
    process.exit(1);
  });
}
