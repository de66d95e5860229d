import { INestApplication, INestApplicationContext, INestMicroservice, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { connect, NatsConnection } from 'nats';
import { InProcessBroker } from '../bus/in-process-broker';
import { InProcessServer } from '../bus/in-process.server';
import { NatsServer, ParkingLot } from '../bus/nats.server';
import { ConfigError, EnvSource, redact } from '../config/env';
import { PlatformSettings, readDistributedSettings } from '../config/platform-settings';
import { createValidationPipe } from '../errors/validation';
import { PlatformExceptionFilter } from '../errors/platform-exception.filter';
import { HealthService } from '../health/health.service';
import { createFastifyAdapter } from '../http/http-app';
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
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('X-Request-Id', request.id);
      done();
    });
  installHttpMetrics(app.getHttpAdapter().getInstance(), app.get(PlatformMetrics), runtime.service);
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

/** Distributed: the app's HTTP on PORT and its handlers on NATS. */
export async function startDistributedApp<C>(definition: AppDefinition<C>, runtime: Runtime, config: C): Promise<RunningApp> {
  if (!runtime.nats) throw new Error('distributed apps need a NATS connection');
  const app = await createHttpApp(definition, runtime, config);
  app.connectMicroservice(
    {
      strategy: new NatsServer(runtime.nats, {
        service: runtime.service,
        namespace: runtime.settings.busNamespace,
        stream: runtime.settings.eventStream,
        maxDeliveries: runtime.settings.eventMaxDeliveries,
        eventConcurrency: runtime.settings.eventConcurrency,
        parkingLot: app.get<ParkingLot>(PARKING_LOT),
        metrics: app.get(PlatformMetrics),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(runtime.settings.port, '0.0.0.0');
  return { runtime, app, close: () => app.close() };
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

/**
 * `main.ts` of every app: validate the configuration, connect to NATS, start, and on SIGTERM/SIGINT
 * go unready, stop taking work, finish what is in flight and drain the bus before exiting.
 */
export async function runDistributed<C>(definition: AppDefinition<C>, source: EnvSource = process.env): Promise<RunningApp> {
  let settings: PlatformSettings;
  let config: C;
  try {
    settings = readDistributedSettings(definition.defaultPort, source);
    config = definition.readConfig(source, 'distributed');
  } catch (error) {
    exitOnConfigError(error);
  }
  const bootLogger = new NestLogger('Bootstrap');
  bootLogger.log(`${definition.service}: connecting to NATS at ${redact(settings.natsUrl ?? '')}`);
  const nats = await connectNats(settings, definition.service);
  const runtime: Runtime = { service: definition.service, mode: 'distributed', settings, nats };
  const running = await startDistributedApp(definition, runtime, config);
  const stop = async (signal: string) => {
    bootLogger.log(`${definition.service}: ${signal} received, shutting down`);
    running.app.get(HealthService).markShuttingDown();
    await running.close();
    await nats.drain().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
  return running;
}

export { InProcessBroker };
