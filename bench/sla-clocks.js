#!/usr/bin/env node
// Benchmark: the SLA engine's due work on 1,000,000 open tickets with running resolution clocks.
//   seed       - a fresh database (helpdesk_bench_sla) migrated by sla-service's own migrations, one policy
//                version (calendar minutes, resolution target, warning at 75%, one escalation level at the
//                breach), and the ticket_slas rows written with generate_series in the shape of storeClocks:
//                BACKLOG tickets already past their due time (warning already fired), the rest due hours to
//                days ahead. VACUUM ANALYZE after. Reused for an hour (BENCH_SLA_RESEED=1 seeds again).
//   throughput - the real DueWorkService.fireDue in 1 and 2 worker processes (as replicas would), each
//                looping until nothing is due, on a copy of the seed: per claimed ticket a breach, the
//                escalation level, a ticket-state change (three outbox rows, two metric rows, one row
//                update). The outbox relay does not run (rows stay unpublished): publishing is not part of
//                the claim rate. Baseline: pgbench with the bare claim loop (bench/pgbench-sla-claim.sql),
//                same batch and client count, on another copy of the same seed.
//   lateness   - the real DueWorkRunner (SLA_POLL_INTERVAL_MS, SLA_CLAIM_BATCH) with the real OutboxRelay
//                whose publisher drops events (its claim/mark SQL runs, nothing reaches NATS), while
//                STREAM_RATE clocks a second come due for STREAM_SECONDS among the 1,000,000; lateness is
//                detail.firedAt - at of the breach metric events.
// Writes bench/results/<stamp>-sla.json and a row in BENCHMARKS.md ("SLA due work" table).
// Env: BENCH_PG_URL, BENCH_SLA_DB (helpdesk_bench_sla), BENCH_SLA_TICKETS (1000000), BENCH_SLA_BACKLOG (200000),
// BENCH_SLA_BATCH (200), BENCH_SLA_STREAM_RATE (2000), BENCH_SLA_STREAM_SECONDS (60), BENCH_SLA_POLL_MS (250),
// BENCH_SLA_LATENESS_RUNNERS (1), BENCH_SLA_RESEED, BENCH_SLA_ONLY (throughput|lateness), BENCH_PROFILE=1
// (CPU profiles of the throughput workers' claim loops in tmp/bench/sla-*/, read with bench/profile-summary.js).
'use strict';
const { fork, spawn } = require('node:child_process');
const { appendFileSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');
const { Client } = require('pg');

const ROOT = join(__dirname, '..');
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_SLA_DB || 'helpdesk_bench_sla';
const TICKETS = Number(process.env.BENCH_SLA_TICKETS || 1_000_000);
const BACKLOG = Number(process.env.BENCH_SLA_BACKLOG || 200_000);
const BATCH = Number(process.env.BENCH_SLA_BATCH || 200);
const STREAM_RATE = Number(process.env.BENCH_SLA_STREAM_RATE || 2000);
const STREAM_SECONDS = Number(process.env.BENCH_SLA_STREAM_SECONDS || 60);
const POLL_MS = Number(process.env.BENCH_SLA_POLL_MS || 250);
const LATENESS_RUNNERS = Number(process.env.BENCH_SLA_LATENESS_RUNNERS || 1);
const ONLY = process.env.BENCH_SLA_ONLY || '';
const POLICY_ID = '5e1a0000-0000-4000-8000-000000000001';
const TARGET_MINUTES = 240;
const SEED_REUSE_MS = 60 * 60_000;
const RATIO_TARGET = 0.5;
const LATENESS_TARGET_MS = 2000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

function dbUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient(url, fn) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Worker processes: the service's own code (DueWorkService, DueWorkRunner, UnitOfWork, OutboxRelay) on a
// DataSource of sla-service's options, without the bus.

async function worker() {
  require('./ts-register');
  const { DataSource } = require('typeorm');
  const { serviceDataSourceOptions, UnitOfWork, OutboxRelay } = require('../libs/platform/src');
  const { SLA_DATABASE } = require('../apps/sla-service/src/database/schema');
  const { DueWorkService } = require('../apps/sla-service/src/engine/due-work.service');
  const { DueWorkRunner } = require('../apps/sla-service/src/engine/due-work.runner');
  const { PolicyLibrary } = require('../apps/sla-service/src/engine/policy-library');

  const mode = process.argv[3];
  const url = process.argv[4];
  const dataSource = await new DataSource(serviceDataSourceOptions(url, 3, SLA_DATABASE)).initialize();
  // Where a worker's time goes: time waiting on each kind of statement (the rest is JavaScript).
  const waits = new Map();
  const runnerProto = Object.getPrototypeOf(dataSource.createQueryRunner());
  const query = runnerProto.query;
  runnerProto.query = async function (sql, ...rest) {
    const t0 = process.hrtime.bigint();
    try {
      return await query.call(this, sql, ...rest);
    } finally {
      const kind = statementKind(sql);
      const entry = waits.get(kind) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += Number(process.hrtime.bigint() - t0) / 1e6;
      waits.set(kind, entry);
    }
  };
  const runtime = { service: 'sla-service', mode: 'distributed', settings: { outboxPollIntervalMs: 1000, eventMaxDeliveries: 10 } };
  const dropping = { publishInOrder: async (events) => ({ published: events.length }) };
  const relay = mode === 'lateness' ? new OutboxRelay(dataSource, dropping, runtime) : { nudge: () => undefined };
  const uow = new UnitOfWork(dataSource, relay, runtime);
  const work = new DueWorkService(uow, new PolicyLibrary(dataSource));
  const send = (message) => new Promise((resolve) => process.send(message, resolve));
  const next = () => new Promise((resolve) => process.once('message', resolve));
  await send({ ready: true });
  await next();
  if (mode === 'throughput') {
    const profiler = process.env.BENCH_PROFILE ? await startProfiler() : null;
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let claimed = 0;
    let batches = 0;
    for (;;) {
      const n = await work.fireDue(BATCH);
      if (!n) break;
      claimed += n;
      batches += 1;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    if (profiler) await profiler.stop(process.argv[5]);
    await send({ claimed, batches, ms, cpuMs: (cpu.user + cpu.system) / 1000, waits: Object.fromEntries(waits) });
  } else {
    const runner = new DueWorkRunner(work, { pollIntervalMs: POLL_MS, claimBatch: BATCH });
    relay.onApplicationBootstrap();
    runner.onApplicationBootstrap();
    await next();
    await runner.beforeApplicationShutdown();
    await relay.beforeApplicationShutdown();
    await send({ waits: Object.fromEntries(waits) });
  }
  await dataSource.destroy();
  process.exit(0);
}

/** A CPU profile of the claim loop alone (start-up, which transpiles the sources, left out). */
async function startProfiler() {
  const { Session } = require('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    stop: async (file) => {
      const { profile } = await post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

function statementKind(sql) {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(s)) return s.split(' ')[0].toUpperCase();
  if (s.includes('FOR UPDATE SKIP LOCKED') && s.includes('ticket_slas')) return 'claim ticket_slas';
  if (s.startsWith('UPDATE "sla"."ticket_slas"')) return 'update ticket_slas';
  if (s.includes('"metric_events"')) return 'insert metric_events';
  if (s.startsWith('INSERT INTO "sla"."outbox"')) return 'insert outbox';
  if (s.includes('"outbox"')) return 'outbox relay';
  if (s.includes('policy_versions') || s.includes('"calendars"')) return 'policy book';
  return s.slice(0, 40);
}

function startWorker(mode, url, logDir, index) {
  const profile = join(logDir, `${mode}-${index}.cpuprofile`);
  const child = fork(__filename, ['worker', mode, url, profile], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const out = join(logDir, `${mode}-${index}.log`);
  child.stdout.on('data', (d) => appendFileSync(out, d));
  child.stderr.on('data', (d) => appendFileSync(out, d));
  const messages = [];
  const waiters = [];
  child.on('message', (m) => (waiters.length ? waiters.shift()(m) : messages.push(m)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    exited,
    next: () =>
      messages.length
        ? Promise.resolve(messages.shift())
        : Promise.race([
            new Promise((resolve) => waiters.push(resolve)),
            exited.then((code) => {
              throw new Error(`${mode} worker exited (${code}); see ${out}`);
            }),
          ]),
    send: (m) => child.send(m),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Seed

/** The SQL that builds a stored resolution clock (storeClocks' shape, instants as toISOString()). */
const FUNCTIONS = `
CREATE OR REPLACE FUNCTION pg_temp.iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
CREATE OR REPLACE FUNCTION pg_temp.clock(running_since timestamptz, target_ms bigint, warned boolean) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('resolution', jsonb_build_object(
    'cycle', 1, 'businessHours', false, 'targetMs', target_ms, 'elapsedMs', 0,
    'runningSince', pg_temp.iso(running_since), 'dueAt', pg_temp.iso(running_since + target_ms * interval '1 millisecond'),
    'stoppedAt', NULL, 'outcome', NULL,
    'warnedAt', CASE WHEN warned THEN pg_temp.iso(running_since + (target_ms * 3 / 4) * interval '1 millisecond') END,
    'breachedAt', NULL, 'firedLevels', '[]'::jsonb))
$$;`;

/** Rows [from, to] of the seed: n ≤ BACKLOG is already due (warned), the rest comes due later. */
function seedChunkSql(from, to) {
  return `
  INSERT INTO sla.ticket_slas (ticket_id, ticket_created_at, facts, policy_id, policy_version, first_responded, clocks, live,
                               next_action_at, last_input_at, input_count, state_seq, published_state)
  SELECT md5('sla' || n)::uuid, rs, jsonb_build_object('status', 'open', 'priority', 'normal', 'type', NULL, 'organizationId', NULL,
           'channel', (ARRAY['email','web','chat','phone'])[1 + n % 4], 'tags', '[]'::jsonb, 'tier', 1,
           'teamId', md5('team' || (n % 30))::uuid, 'assigneeId', md5('agent' || (n % 300))::uuid),
         '${POLICY_ID}', 1, true, pg_temp.clock(rs, ${TARGET_MINUTES * 60_000}, backlog), true,
         CASE WHEN backlog THEN due ELSE rs + ${TARGET_MINUTES * 45_000} * interval '1 millisecond' END,
         rs, 1, 1, jsonb_build_object('nextDueAt', pg_temp.iso(due), 'breached', false)
    FROM (SELECT n, backlog, due, due - ${TARGET_MINUTES} * interval '1 minute' AS rs
            FROM (SELECT n, n <= ${BACKLOG} AS backlog,
                         CASE WHEN n <= ${BACKLOG}
                              THEN $1::timestamptz - interval '1 minute' - (n * 3600.0 / ${BACKLOG}) * interval '1 second'
                              ELSE $1::timestamptz + interval '2 hours' + ((n - ${BACKLOG}) * 259200.0 / ${TICKETS - BACKLOG}) * interval '1 second'
                         END AS due
                    FROM generate_series(${from}, ${to}) n) a) b`;
}

async function seed() {
  const existing = await withClient(PG_URL, async (pg) => (await pg.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB])).rowCount);
  if (existing && !process.env.BENCH_SLA_RESEED) {
    const meta = await withClient(dbUrl(DB), async (pg) =>
      pg
        .query(`SELECT seeded_at, tickets, backlog FROM public.bench_seed`)
        .then((r) => r.rows[0])
        .catch(() => null),
    );
    if (meta && meta.tickets === TICKETS && meta.backlog === BACKLOG && Date.now() - meta.seeded_at.getTime() < SEED_REUSE_MS) {
      log(`reusing the seed of ${meta.seeded_at.toISOString()}`);
      return { seconds: null, reused: true };
    }
  }
  const t0 = Date.now();
  await withClient(PG_URL, async (pg) => {
    await pg.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await pg.query(`CREATE DATABASE ${DB}`);
  });
  // sla-service's own migrations, as the service runs them at start-up.
  execNode(`
    require('./bench/ts-register');
    const { DataSource } = require('typeorm');
    const { serviceDataSourceOptions, migrateSchema } = require('./libs/platform/src');
    const { SLA_DATABASE } = require('./apps/sla-service/src/database/schema');
    (async () => {
      const ds = await new DataSource(serviceDataSourceOptions(${JSON.stringify(dbUrl(DB))}, 2, SLA_DATABASE)).initialize();
      await migrateSchema(ds, 'sla');
      await ds.destroy();
    })().catch((e) => { console.error(e); process.exit(1); });`);
  const seededAt = new Date();
  const definition = {
    calendarId: null,
    targets: { normal: { resolution: { minutes: TARGET_MINUTES, businessHours: false } } },
    warningPercent: 75,
    pauseResolutionOn: ['on_hold'],
    escalation: { levels: [{ afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'assignee' }] }] },
    noticesInBusinessHours: false,
  };
  await withClient(dbUrl(DB), async (pg) => {
    await pg.query(
      `INSERT INTO sla.policies (id, name, position, active, conditions, current_version) VALUES ($1, 'Bench', 1, true, '{}', 1)`,
      [POLICY_ID],
    );
    await pg.query(`INSERT INTO sla.policy_versions (policy_id, version, calendar_id, definition) VALUES ($1, 1, NULL, $2)`, [
      POLICY_ID,
      JSON.stringify(definition),
    ]);
    // The claim's index is built after loading.
    await pg.query(`DROP INDEX sla."IDX_sla_ticket_slas_next_action"`);
  });
  const CHUNK = 100_000;
  const chunks = [];
  for (let from = 1; from <= TICKETS; from += CHUNK) chunks.push([from, Math.min(TICKETS, from + CHUNK - 1)]);
  const loaders = [0, 1].map(async () => {
    await withClient(dbUrl(DB), async (pg) => {
      await pg.query(FUNCTIONS);
      await pg.query(`SET synchronous_commit = off`);
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) await pg.query(seedChunkSql(...chunk), [seededAt]);
    });
  });
  await Promise.all(loaders);
  await withClient(dbUrl(DB), async (pg) => {
    await pg.query(
      `CREATE INDEX "IDX_sla_ticket_slas_next_action" ON "sla"."ticket_slas" ("next_action_at") WHERE "next_action_at" IS NOT NULL`,
    );
    await pg.query(`VACUUM ANALYZE sla.ticket_slas`);
    await pg.query(`CREATE TABLE public.bench_seed (seeded_at timestamptz, tickets int, backlog int)`);
    await pg.query(`INSERT INTO public.bench_seed VALUES ($1, $2, $3)`, [seededAt, TICKETS, BACKLOG]);
  });
  const seconds = Math.round((Date.now() - t0) / 1000);
  log(`seeded ${TICKETS} tickets (${BACKLOG} due) in ${seconds} s`);
  return { seconds, reused: false };
}

function execNode(code) {
  const { execFileSync } = require('node:child_process');
  execFileSync(process.execPath, ['-e', code], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function copyOfSeed(name) {
  await withClient(PG_URL, async (pg) => {
    await pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await pg.query(`CREATE DATABASE ${name} TEMPLATE ${DB} STRATEGY FILE_COPY`);
  });
  return dbUrl(name);
}

async function dropDatabase(name) {
  await withClient(PG_URL, (pg) => pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

const dueCount = (url) =>
  withClient(url, async (pg) => (await pg.query(`SELECT count(*)::int AS n FROM sla.ticket_slas WHERE next_action_at <= now()`)).rows[0].n);

// ---------------------------------------------------------------------------------------------------------
// Throughput

async function suiteThroughput(runners, logDir) {
  const name = `${DB}_suite${runners}`;
  const url = await copyOfSeed(name);
  const due = await dueCount(url);
  const workers = Array.from({ length: runners }, (_, i) => startWorker('throughput', url, logDir, `${runners}-${i}`));
  for (const w of workers) await w.next();
  const t0 = process.hrtime.bigint();
  for (const w of workers) w.send({ go: true });
  const results = await Promise.all(workers.map((w) => w.next()));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await Promise.all(workers.map((w) => w.exited));
  const claimed = results.reduce((a, r) => a + r.claimed, 0);
  const checks = await withClient(url, async (pg) => {
    const { rows } = await pg.query(`SELECT
        (SELECT count(*)::int FROM sla.metric_events WHERE type = 'breach') AS breaches,
        (SELECT count(*)::int FROM sla.metric_events WHERE type = 'escalate') AS escalations,
        (SELECT count(*)::int FROM sla.outbox) AS "outboxRows",
        (SELECT count(*)::int FROM sla.ticket_slas WHERE next_action_at <= now()) AS "stillDue"`);
    return rows[0];
  });
  const waits = {};
  for (const r of results)
    for (const [kind, w] of Object.entries(r.waits)) {
      waits[kind] = waits[kind] ?? { count: 0, ms: 0 };
      waits[kind].count += w.count;
      waits[kind].ms = Math.round(waits[kind].ms + w.ms);
    }
  const result = {
    runners,
    due,
    claimed,
    seconds: Number((ms / 1000).toFixed(2)),
    rowsPerSecond: Math.round(claimed / (ms / 1000)),
    workerCpuSeconds: results.map((r) => Number((r.cpuMs / 1000).toFixed(1))),
    statementWaitMs: waits,
    ...checks,
  };
  log(`suite, ${runners} runner(s): ${claimed} tickets in ${result.seconds} s = ${result.rowsPerSecond}/s ${JSON.stringify(checks)}`);
  return { result, url, name };
}

/** pgbench with `kind` 'claim' (the bare claim loop: the baseline) or 'fire' (the engine's writes in SQL alone). */
async function pgbenchThroughput(kind, clients, logDir) {
  const name = `${DB}_pgbench_${kind}${clients}`;
  const url = await copyOfSeed(name);
  const due = await dueCount(url);
  const script = join(__dirname, `pgbench-sla-${kind}.sql`);
  const transactions = Math.ceil(due / BATCH / clients) + 2;
  const u = new URL(url);
  const args = [
    '-n',
    '-h',
    u.hostname,
    '-p',
    u.port || '5432',
    '-U',
    u.username || 'postgres',
    '-c',
    String(clients),
    '-j',
    String(clients),
  ];
  args.push('-t', String(transactions), '-D', `batch=${BATCH}`, '-f', script, name);
  const t0 = process.hrtime.bigint();
  const output = await new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench failed:\n${text}`))));
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  writeFileSync(join(logDir, `pgbench-${kind}${clients}.log`), output);
  const left = await dueCount(url);
  const claimed = due - left;
  const result = {
    script: `bench/pgbench-sla-${kind}.sql`,
    clients,
    due,
    claimed,
    transactions: transactions * clients,
    seconds: Number((ms / 1000).toFixed(2)),
    rowsPerSecond: Math.round(claimed / (ms / 1000)),
    tps: Number((/tps = ([\d.]+)/.exec(output) ?? [])[1]),
  };
  log(`pgbench ${kind}, ${clients} client(s): ${claimed} rows in ${result.seconds} s = ${result.rowsPerSecond}/s`);
  await dropDatabase(name);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Lateness

async function lateness(url, logDir) {
  const stream = STREAM_RATE * STREAM_SECONDS;
  // The backlog of the throughput run is fired; its events count as published. 1,000,000 tickets stay open
  // with running clocks; `stream` of those not yet due are moved to come due at STREAM_RATE a second.
  // The runners start first (loading the sources takes seconds), then the stream is written.
  const workers = Array.from({ length: LATENESS_RUNNERS }, (_, i) => startWorker('lateness', url, logDir, i));
  for (const w of workers) await w.next();
  const open = await withClient(url, async (pg) => (await pg.query(`SELECT count(*)::int AS n FROM sla.ticket_slas WHERE live`)).rows[0].n);
  const t0 = await withClient(url, async (pg) => {
    await pg.query(`TRUNCATE sla.outbox`);
    await pg.query(`VACUUM ANALYZE sla.ticket_slas`);
    await pg.query(FUNCTIONS);
    // Lead time for writing the stream (about 8,000 rows a second under load) before its first clock comes due.
    const start = new Date(Date.now() + 10_000 + Math.round(stream / 8));
    await pg.query(
      `WITH s AS (SELECT n, $4::timestamptz + ((n - $1) / $2::float8) * interval '1 second' AS due
                    FROM generate_series($1::int, $1::int + $3::int - 1) n)
       UPDATE sla.ticket_slas t
          SET clocks = pg_temp.clock(s.due - ${TARGET_MINUTES} * interval '1 minute', ${TARGET_MINUTES * 60_000}, true),
              next_action_at = s.due, ticket_created_at = s.due - ${TARGET_MINUTES} * interval '1 minute',
              published_state = jsonb_build_object('nextDueAt', pg_temp.iso(s.due), 'breached', false)
         FROM s WHERE t.ticket_id = md5('sla' || s.n)::uuid`,
      [BACKLOG + 1, STREAM_RATE, stream, start],
    );
    await pg.query(`ANALYZE sla.ticket_slas`);
    return start;
  });
  if (Date.now() > t0.getTime()) throw new Error('the stream began before the runners were ready: raise the lead time');
  for (const w of workers) w.send({ go: true });
  log(`lateness: ${stream} clocks come due from ${t0.toISOString()} over ${STREAM_SECONDS} s among ${open} open tickets`);
  const end = t0.getTime() + STREAM_SECONDS * 1000;
  await sleep(end - Date.now() + 1000);
  // Wait until the stream has fired (or give up 30 s after its end: what is left counts as missing).
  let fired = 0;
  for (let i = 0; i < 60; i += 1) {
    fired = await withClient(url, async (pg) => {
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM sla.metric_events WHERE type = 'breach' AND at >= $1`, [t0]);
      return rows[0].n;
    });
    if (fired >= stream) break;
    await sleep(500);
  }
  for (const w of workers) w.send({ stop: true });
  const results = await Promise.all(workers.map((w) => w.next()));
  await Promise.all(workers.map((w) => w.exited));
  const stats = await withClient(url, async (pg) => {
    const { rows } = await pg.query(
      `SELECT count(*)::int AS breaches,
              percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY ms) AS p, max(ms) AS max, min(ms) AS min
         FROM (SELECT extract(epoch FROM (detail->>'firedAt')::timestamptz - at) * 1000 AS ms
                 FROM sla.metric_events WHERE type = 'breach' AND at >= $1) l`,
      [t0],
    );
    // The relay deletes what it published: the rows left are the events still to send.
    const outbox = await pg.query(`SELECT count(*)::int AS pending FROM sla.outbox`);
    return { ...rows[0], outbox: outbox.rows[0] };
  });
  const round = (x) => Math.round(Number(x));
  const waits = {};
  for (const r of results) for (const [kind, w] of Object.entries(r.waits)) waits[kind] = { count: w.count, ms: Math.round(w.ms) };
  const result = {
    openTickets: open,
    streamRate: STREAM_RATE,
    streamSeconds: STREAM_SECONDS,
    expected: stream,
    breaches: stats.breaches,
    runners: LATENESS_RUNNERS,
    pollIntervalMs: POLL_MS,
    claimBatch: BATCH,
    latenessMs: { p50: round(stats.p[0]), p95: round(stats.p[1]), p99: round(stats.p[2]), max: round(stats.max), min: round(stats.min) },
    outbox: stats.outbox,
    statementWaitMs: waits,
  };
  log(`lateness: ${stats.breaches}/${stream} breaches, ms ${JSON.stringify(result.latenessMs)}, outbox ${JSON.stringify(stats.outbox)}`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logDir = join(ROOT, 'tmp', 'bench', `sla-${stamp}`);
  mkdirSync(logDir, { recursive: true });
  const load0 = os.loadavg();
  const seeded = await seed();
  const summary = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: await withClient(PG_URL, async (pg) => (await pg.query('SHOW server_version')).rows[0].server_version),
      loadAverageAtStart: load0.map((x) => Number(x.toFixed(2))),
    },
    parameters: { tickets: TICKETS, backlog: BACKLOG, batch: BATCH, targetMinutes: TARGET_MINUTES },
    seed: seeded,
    throughput: {},
  };
  let lateUrl = null;
  let lateName = null;
  if (ONLY !== 'lateness') {
    // Interleaved so that a change in the machine's load affects both sides alike.
    for (const n of [1, 2]) {
      summary.throughput[`pgbench${n}`] = await pgbenchThroughput('claim', n, logDir);
      summary.throughput[`sqlFloor${n}`] = await pgbenchThroughput('fire', n, logDir);
      const { result, url, name } = await suiteThroughput(n, logDir);
      summary.throughput[`suite${n}`] = result;
      if (n === 1) {
        lateUrl = url;
        lateName = name;
      } else await dropDatabase(name);
    }
    for (const n of [1, 2]) {
      const t = summary.throughput;
      t[`ratio${n}`] = Number((t[`suite${n}`].rowsPerSecond / t[`pgbench${n}`].rowsPerSecond).toFixed(3));
      // The same writes without the engine's code: how far the engine is from what its writes allow.
      t[`sqlFloorRatio${n}`] = Number((t[`sqlFloor${n}`].rowsPerSecond / t[`pgbench${n}`].rowsPerSecond).toFixed(3));
    }
  }
  if (ONLY !== 'throughput') {
    if (!lateUrl) {
      // Only lateness: the backlog is fired first by the suite (not measured).
      const { url, name } = await suiteThroughput(2, logDir);
      lateUrl = url;
      lateName = name;
    }
    summary.lateness = await lateness(lateUrl, logDir);
  }
  if (lateName) await dropDatabase(lateName);
  summary.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  const t = summary.throughput;
  summary.met = {
    throughput: t.ratio1 !== undefined ? t.ratio1 >= RATIO_TARGET && t.ratio2 >= RATIO_TARGET : null,
    lateness: summary.lateness
      ? summary.lateness.latenessMs.p99 < LATENESS_TARGET_MS && summary.lateness.breaches === summary.lateness.expected
      : null,
  };
  writeFileSync(join(__dirname, 'results', `${stamp}-sla.json`), `${JSON.stringify(summary, null, 2)}\n`);
  log(`results in bench/results/${stamp}-sla.json`);
  if (ONLY) return;
  const file = join(ROOT, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const marker = '<!-- sla rows end -->';
  if (!text.includes(marker)) throw new Error('BENCHMARKS.md has no "SLA due work" table to append to');
  const l = summary.lateness;
  const met = (x) => (x ? 'met' : 'not met');
  const line =
    `| ${summary.date.slice(0, 16).replace('T', ' ')} | ${TICKETS} | ${t.suite1.rowsPerSecond} / ${t.suite2.rowsPerSecond} | ` +
    `${t.pgbench1.rowsPerSecond} / ${t.pgbench2.rowsPerSecond} | ${(t.ratio1 * 100).toFixed(1)}% / ${(t.ratio2 * 100).toFixed(1)}% | ` +
    `${t.sqlFloor1.rowsPerSecond} / ${t.sqlFloor2.rowsPerSecond} (${(t.sqlFloorRatio1 * 100).toFixed(1)}% / ${(t.sqlFloorRatio2 * 100).toFixed(1)}%) | ` +
    `${l.streamRate}/s × ${l.streamSeconds} s, poll ${l.pollIntervalMs} ms | ${l.latenessMs.p50} / ${l.latenessMs.p95} / ${l.latenessMs.p99} / ${l.latenessMs.max} ms (${l.breaches}/${l.expected}) | ` +
    `${summary.machine.loadAverageAtStart[0]} → ${summary.machine.loadAverageAtEnd[0]} | throughput ${met(summary.met.throughput)}, lateness ${met(summary.met.lateness)} |\n`;
  writeFileSync(file, text.replace(marker, `${line}${marker}`));
}

if (process.argv[2] === 'worker') {
  worker().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
