import { ConsoleLogger, INestApplication, INestApplicationContext, INestMicroservice, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { InProcessBroker } from '../bus/in-process-broker';
import { InProcessServer } from '../bus/in-process.server';
import { NatsServer, ParkingLot } from '../bus/nats.server';
import { ConfigError, env, EnvSource, readEnv, redact } from '../config/env';
import { PlatformSettings, readDistributedSettings } from '../config/platform-settings';
import { serviceDataSourceOptions } from '../database/database.module';
import { migrateSchema } from '../database/migrate';
import { createValidationPipe } from '../errors/validation';
import { PlatformExceptionFilter } from '../errors/platform-exception.filter';
import { HealthService } from '../health/health.service';
import { listenHttp } from '../http/acceptors';
import { createFastifyAdapter, installDrainingHeader, markDraining } from '../http/http-app';
import { PARKING_LOT } from '../inbox/parking-lot';
import { installHttpMetrics } from '../metrics/http-metrics';
import { PlatformMetrics, processMetrics } from '../metrics/platform-metrics';
import { Runtime } from '../runtime';
import { AppDefinition } from './app-definition';

/** A running app of either topology, closed in order on shutdown. */
export interface RunningApp {
  runtime: Runtime;
  app: INestApplicationContext;
  close(): Promise<void>;
}

/** The same validation and error mapping for HTTP routes and bus handlers. */
function setUpBoundaries(target: INestApplication | INestMicroservice): void {
  target.useGlobalPipes(createValidationPipe());
  target.useGlobalFilters(new PlatformExceptionFilter());
}

/** Builds the HTTP application of a definition (health for services; the API for gateways). */
export async function createHttpApp<C>(definition: AppDefinition<C>, runtime: Runtime, config: C): Promise<NestFastifyApplication> {
  const bodyLimit = definition.http?.bodyLimit(config);
  const app = await NestFactory.create<NestFastifyApplication>(definition.module(runtime, config), createFastifyAdapter(bodyLimit), {
    bufferLogs: true,
    abortOnError: false,
    rawBody: definition.http?.rawBody ?? false,
  });
  app.useLogger(app.get(Logger));
  setUpBoundaries(app);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  installDrainingHeader(fastify);
  installHttpMetrics(fastify, app.get(PlatformMetrics), runtime.service);
  await definition.http?.configure(app, config, runtime);
  return app;
}

/** Standalone: a service's handlers on the in-process bus, no HTTP of its own. */
export async function startInProcessService<C>(definition: AppDefinition<C>, runtime: Runtime, config: C): Promise<RunningApp> {
  if (!runtime.broker) throw new Error('standalone services need the in-process broker');
  const app = await NestFactory.createMicroservice(definition.module(runtime, config), {
    strategy: new InProcessServer(runtime.broker, {
      service: runtime.service,
      namespace: runtime.settings.busNamespace,
      metrics: processMetrics(),
    }),
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  setUpBoundaries(app);
  await app.listen();
  return { runtime, app, close: () => app.close() };
}

/** A distributed app: its HTTP side and its NATS server, stopped first on shutdown. */
export interface RunningDistributedApp extends RunningApp {
  app: NestFastifyApplication;
  natsServer: NatsServer;
}

/** Distributed: the app's HTTP on PORT and its handlers on NATS. */
export async function startDistributedApp<C>(definition: AppDefinition<C>, runtime: Runtime, config: C): Promise<RunningDistributedApp> {
  if (!runtime.nats) throw new Error('distributed apps need a NATS connection');
  const app = await createHttpApp(definition, runtime, config);
  const natsServer = new NatsServer(runtime.nats, {
    service: runtime.service,
    namespace: runtime.settings.busNamespace,
    stream: runtime.settings.eventStream,
    maxDeliveries: runtime.settings.eventMaxDeliveries,
    eventConcurrency: runtime.settings.eventConcurrency,
    eventBatchSize: runtime.settings.eventBatchSize,
    parkingLot: app.get<ParkingLot>(PARKING_LOT),
    metrics: app.get(PlatformMetrics),
  });
  app.connectMicroservice({ strategy: natsServer }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  // Node's default backlog (511) overflows when a provider opens hundreds of connections at once while
  // the event loop is busy: the kernel drops their SYNs, retried after 1, 3, 7 ... s (BENCHMARKS.md).
  // libuv accepts one connection per loop turn: a busy app takes a burst of new ones HTTP_ACCEPTORS at a time.
  const { port, httpBacklog: backlog, httpAcceptors: acceptors } = runtime.settings;
  await listenHttp(app, { port, host: '0.0.0.0', backlog, acceptors });
  return { runtime, app, natsServer, close: () => app.close() };
}

export async function connectNats(settings: PlatformSettings, name: string): Promise<NatsConnection> {
  return connect({
    servers: (settings.natsUrl ?? '').split(',').map((s) => s.trim()),
    name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // No stack captured per request: it was a tenth of the gateway's CPU under load.
    noAsyncTraces: true,
  });
}

/** Prints one clear line for a configuration error and exits; anything else is rethrown. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/** `HELPDESK_MIGRATE_ONLY=true`: the app applies its schema's migrations and exits (the migrations Job). */
export const MIGRATE_ONLY_ENV = {
  HELPDESK_MIGRATE_ONLY: env.oneOf(['true', 'false'] as const, 'false'),
  DATABASE_URL: env.optionalUrl(['postgres', 'postgresql']),
};

/** Applies a service's pending migrations (under the same advisory lock as at start; the lock holds one connection, the migrations need another); returns the names applied. */
export async function migrateOnly(definition: AppDefinition<unknown>, databaseUrl: string): Promise<string[]> {
  if (!definition.database) return [];
  const dataSource = await new DataSource(serviceDataSourceOptions(databaseUrl, 2, definition.database)).initialize();
  try {
    return await migrateSchema(dataSource, definition.database.schema);
  } finally {
    await dataSource.destroy();
  }
}

/** One JSON line on stdout, as pino writes them, for the few lines written before or without the app's logger. */
function logLine(level: 'info' | 'error', service: string, msg: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ level: level === 'info' ? 30 : 50, time: Date.now(), service, msg, ...extra })}\n`);
}

/**
 * Stops taking HTTP requests and waits for those in flight: fastify answers new ones 503 while it
 * closes, every answer carries `Connection: close`, and keep-alive connections are closed as soon
 * as they are idle (fastify would otherwise wait for clients to drop them).
 */
async function closeHttp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  markDraining(fastify);
  const server = app.getHttpServer();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await fastify.close();
  } finally {
    clearInterval(sweep);
  }
}

/**
 * Graceful shutdown of a distributed app, in this order: readiness goes false; new HTTP requests
 * and bus messages stop (the NATS subscriptions drain, the JetStream consumers stop pulling) while
 * what is in flight finishes; then the app closes (the outbox relay's last pass and the periodic
 * jobs before the database closes); then the NATS connection drains (publishes flushed). Resolves
 * true when all that ended within `graceMs`, false when the deadline came first.
 */
export async function shutDownGracefully(running: RunningDistributedApp, nats: NatsConnection, graceMs: number): Promise<boolean> {
  running.app.get(HealthService).markShuttingDown();
  const steps = (async () => {
    await Promise.all([closeHttp(running.app), running.natsServer.close()]);
    await running.close();
    await nats.drain().catch(() => undefined);
    return true;
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
  try {
    return await Promise.race([steps, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `main.ts` of every app: validate the configuration, connect to NATS, start, and on SIGTERM/SIGINT
 * go unready, stop taking work, finish what is in flight and drain the bus before exiting.
 */
export async function runDistributed<C>(definition: AppDefinition<C>, source: EnvSource = process.env): Promise<RunningApp> {
  // Until the app's own logger (pino) takes over, Nest's lines are JSON too.
  NestLogger.overrideLogger(new ConsoleLogger({ json: true, colors: false }));
  const bootLogger = new NestLogger('Bootstrap');
  let migrate: ReturnType<typeof readEnv<typeof MIGRATE_ONLY_ENV>>;
  try {
    migrate = readEnv(MIGRATE_ONLY_ENV, source);
    if (migrate.HELPDESK_MIGRATE_ONLY === 'true' && definition.database && !migrate.DATABASE_URL) {
      throw new ConfigError('DATABASE_URL', 'is required to migrate (postgres://user:pass@host:5432/db)');
    }
  } catch (error) {
    exitOnConfigError(error);
  }
  if (migrate.HELPDESK_MIGRATE_ONLY === 'true') {
    try {
      const applied = await migrateOnly(definition, migrate.DATABASE_URL ?? '');
      logLine('info', definition.service, `${definition.service}: migrations done`, { applied });
      process.exit(0);
    } catch (error) {
      logLine('error', definition.service, `${definition.service}: migrations failed: ${redact(String(error))}`);
      process.exit(1);
    }
  }
  let settings: PlatformSettings;
  let config: C;
  try {
    settings = readDistributedSettings(definition.defaultPort, source, { database: Boolean(definition.database) });
    config = definition.readConfig(source, 'distributed');
  } catch (error) {
    exitOnConfigError(error);
  }
  bootLogger.log(`${definition.service}: connecting to NATS at ${redact(settings.natsUrl ?? '')}`);
  const nats = await connectNats(settings, definition.service);
  const runtime: Runtime = { service: definition.service, mode: 'distributed', settings, nats };
  const running = await startDistributedApp(definition, runtime, config);
  const stop = async (signal: string) => {
    bootLogger.log(`${definition.service}: ${signal} received, shutting down (at most ${settings.shutdownGraceMs} ms)`);
    const clean = await shutDownGracefully(running, nats, settings.shutdownGraceMs).catch((error: unknown) => {
      bootLogger.error(`${definition.service}: shutdown failed: ${String(error)}`);
      return false;
    });
    // Written directly (synchronously): the app's logger is closed by now and the process exits next.
    if (!clean)
      logLine(
        'error',
        definition.service,
        `${definition.service}: work still in flight after ${settings.shutdownGraceMs} ms; exiting anyway`,
      );
    else logLine('info', definition.service, `${definition.service}: stopped`);
    process.exit(clean ? 0 : 1);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
  return running;
}

export { InProcessBroker };
