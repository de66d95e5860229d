import { ServiceName, SERVICES } from '@helpdesk/contracts';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connect } from 'nats';
import { Client } from 'pg';
import { FatalWaitError, freePort, waitFor } from './free-port';
import type { Target, TargetEnv, TerminationResult } from './target';

const ROOT = resolve(__dirname, '../..');
/**
 * The processes of the topology: sla-service runs as two replicas against the same database and
 * consumer, so every SLA spec also shows that replicas fire each warning, breach and level once.
 */
const APPS: ServiceName[] = [
  SERVICES.ticket,
  SERVICES.sla,
  SERVICES.sla,
  SERVICES.kb,
  SERVICES.channel,
  SERVICES.reporting,
  SERVICES.apiGateway,
];

/** Where the real engines are: the machine's PostgreSQL and NATS unless told otherwise. */
export const INTEGRATION_PG_URL = process.env.INTEGRATION_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const INTEGRATION_NATS_URL = process.env.INTEGRATION_NATS_URL ?? 'nats://127.0.0.1:4222';

interface AppProcess {
  service: ServiceName;
  port: number;
  child?: ChildProcess;
  logFile: string;
}

function databaseUrl(name: string): string {
  const url = new URL(INTEGRATION_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Fails loudly, naming the engine, when PostgreSQL or NATS cannot be reached. */
async function checkEngines(): Promise<void> {
  const pg = new Client({ connectionString: INTEGRATION_PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await pg.connect();
  } catch (error) {
    throw new Error(`test:integration needs PostgreSQL at ${INTEGRATION_PG_URL} (set INTEGRATION_PG_URL): ${String(error)}`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  try {
    const nc = await connect({ servers: INTEGRATION_NATS_URL, timeout: 5000 });
    const jsm = await nc.jetstreamManager().catch((error: unknown) => {
      throw new Error(`NATS at ${INTEGRATION_NATS_URL} has no JetStream (start nats-server with -js): ${String(error)}`);
    });
    await jsm.getAccountInfo();
    await nc.close();
  } catch (error) {
    throw new Error(`test:integration needs NATS with JetStream at ${INTEGRATION_NATS_URL} (set INTEGRATION_NATS_URL): ${String(error)}`);
  }
}

/**
 * Every app as its own process (`node dist/apps/<app>/main.js`) on real NATS and PostgreSQL,
 * in a fresh database, bus namespace and event stream so that runs never collide.
 */
export async function startDistributedTopology(env: TargetEnv): Promise<Target> {
  for (const app of APPS) {
    const main = join(ROOT, 'dist/apps', app, 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm run test:integration does)`);
  }
  await checkEngines();
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dbName = `helpdesk_it_${runId}`;
  const admin = new Client({ connectionString: INTEGRATION_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();

  const logDir = join(ROOT, 'tmp', 'integration-logs', runId);
  mkdirSync(logDir, { recursive: true });
  const shared: TargetEnv = {
    ...env,
    DATABASE_URL: databaseUrl(dbName),
    NATS_URL: INTEGRATION_NATS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    HELPDESK_BUS_NAMESPACE: `it-${runId}`,
    HELPDESK_EVENT_STREAM: `HELPDESK_IT_${runId}`,
    // The processes share a moved test clock through a file (replicas and restarted apps included).
    ...(env.TEST_CLOCK === 'true' ? { TEST_CLOCK_FILE: join(logDir, 'test-clock') } : {}),
  };
  const apps: AppProcess[] = [];
  // Distinct ports: the OS may hand out a port just released by the previous probe again.
  const ports = new Set<number>();
  while (ports.size < APPS.length) ports.add(await freePort());
  for (const [i, port] of [...ports].entries()) {
    const replica = APPS.slice(0, i).filter((service) => service === APPS[i]).length + 1;
    apps.push({ service: APPS[i], port, logFile: join(logDir, `${APPS[i]}${replica > 1 ? `-${replica}` : ''}.log`) });
  }

  const start = async (app: AppProcess) => {
    const out = createWriteStream(app.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps', app.service, 'main.js')], {
      env: { ...process.env, ...shared, PORT: String(app.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    app.child = child;
    let exited = false;
    child.once('exit', () => (exited = true));
    await waitFor(
      `${app.service} to be ready`,
      async () => {
        if (exited) throw new FatalWaitError(`${app.service} exited during start-up:\n${readFileSync(app.logFile, 'utf8').slice(-3000)}`);
        const res = await fetch(`http://127.0.0.1:${app.port}/health/ready`);
        if (!res.ok) return undefined;
        // The app that answers must be this one (a port taken by another process would answer too).
        const body = (await res.json()) as { info?: Record<string, unknown> };
        const own = Object.keys(body.info ?? {}).some((check) => check.startsWith(`${app.service}:`));
        if (!own) throw new FatalWaitError(`port ${app.port} answers for another app than ${app.service}: ${JSON.stringify(body.info)}`);
        return true;
      },
      60_000,
    );
  };
  const stop = async (app: AppProcess) => {
    const child = app.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    app.child = undefined;
  };
  /** SIGTERM, then how the app ended and how long it took (SIGKILL only after 30 s). */
  const terminate = async (app: AppProcess): Promise<TerminationResult> => {
    const child = app.child;
    if (!child || child.exitCode !== null) throw new Error(`${app.service} is not running`);
    const started = Date.now();
    const exited = new Promise<Omit<TerminationResult, 'ms'>>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const result = await exited;
    clearTimeout(timer);
    app.child = undefined;
    return { ...result, ms: Date.now() - started };
  };
  /** Every replica of an app. */
  const replicasOf = (service: ServiceName) => {
    const replicas = apps.filter((a) => a.service === service);
    if (!replicas.length) throw new Error(`unknown app ${service}`);
    return replicas;
  };
  const byName = (service: ServiceName) => replicasOf(service)[0];

  const dropRunState = async () => {
    const pg = new Client({ connectionString: INTEGRATION_PG_URL });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await pg.end();
    const nc = await connect({ servers: INTEGRATION_NATS_URL });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(shared.HELPDESK_EVENT_STREAM).catch(() => undefined);
    await nc.close();
  };

  try {
    // Services first (they own the schemas), then the gateway.
    await Promise.all(apps.filter((a) => a.service !== SERVICES.apiGateway).map(start));
    await start(byName(SERVICES.apiGateway));
  } catch (error) {
    await Promise.all(apps.map(stop));
    await dropRunState().catch(() => undefined);
    throw error;
  }

  return {
    topology: 'distributed',
    url: `http://127.0.0.1:${byName(SERVICES.apiGateway).port}`,
    webhookUrl: `http://127.0.0.1:${byName(SERVICES.channel).port}`,
    appUrls: () => apps.map((app) => ({ service: app.service, url: `http://127.0.0.1:${app.port}` })),
    stopService: async (service) => {
      await Promise.all(replicasOf(service).map(stop));
    },
    startService: async (service) => {
      await Promise.all(replicasOf(service).map(start));
    },
    terminateService: (service) => Promise.all(replicasOf(service).map(terminate)),
    databaseUrl: shared.DATABASE_URL,
    async publishEvent(event, options) {
      const { JetStreamEventPublisher } = await import('@helpdesk/platform');
      const nc = await connect({ servers: INTEGRATION_NATS_URL });
      try {
        await new JetStreamEventPublisher(nc, shared.HELPDESK_BUS_NAMESPACE, shared.HELPDESK_EVENT_STREAM).publish(event, options);
      } finally {
        await nc.close();
      }
    },
    async restart() {
      await Promise.all(apps.map(stop));
      await Promise.all(apps.filter((a) => a.service !== SERVICES.apiGateway).map(start));
      await start(byName(SERVICES.apiGateway));
    },
    async close() {
      await Promise.all(apps.map(stop));
      await dropRunState();
    },
  };
}
