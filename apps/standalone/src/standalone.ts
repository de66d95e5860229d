import { apiGatewayApp } from '../../api-gateway/src/api-gateway.definition';
import { channelApp } from '../../channel-gateway/src/channel-gateway.definition';
import { kbApp } from '../../kb-service/src/kb-service.definition';
import { reportingApp } from '../../reporting-service/src/reporting-service.definition';
import { slaApp } from '../../sla-service/src/sla-service.definition';
import { ticketServiceApp } from '../../ticket-service/src/ticket-service.definition';
import {
  AppDefinition,
  createHttpApp,
  EmbeddedPostgres,
  EnvSource,
  HealthService,
  InProcessBroker,
  listenHttp,
  RunningApp,
  Runtime,
  startEmbeddedPostgres,
  startInProcessService,
} from '@helpdesk/platform';
import { ServiceName } from '@helpdesk/contracts';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadOrCreateJwtSecret } from './jwt-secret';
import { readStandaloneSettings } from './standalone-settings';

/** The services, in start order (ticket-service first: it seeds the first admin). */
const SERVICE_APPS: AppDefinition<unknown>[] = [ticketServiceApp, slaApp, kbApp, channelApp, reportingApp];

export interface StandaloneSuite {
  /** http://host:port of the single HTTP port */
  url: string;
  gateway: NestFastifyApplication;
  services: RunningApp[];
  /** Stops one service's handlers (its requests then answer 503; its events wait in the outbox) */
  stopService(service: ServiceName): Promise<void>;
  /** Starts a stopped service again, on the same database and bus */
  startService(service: ServiceName): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole suite in one process: embedded PostgreSQL (or DATABASE_URL), the in-process bus,
 * every service's handlers and the gateway on one port. The composition root is the one place
 * that imports every app; apps never import each other.
 */
export async function startStandalone(source: EnvSource = process.env): Promise<StandaloneSuite> {
  const settings = readStandaloneSettings(source);
  const env: EnvSource = { ...source, JWT_SECRET: source.JWT_SECRET || loadOrCreateJwtSecret(settings.dataDir) };
  const configs = SERVICE_APPS.map((app) => app.readConfig(env, 'standalone'));
  const gatewayDefinition = apiGatewayApp();
  gatewayDefinition.readConfig(env, 'standalone');

  let embedded: EmbeddedPostgres | undefined;
  const databaseUrl = settings.databaseUrl ?? (embedded = await startEmbeddedPostgres(settings.dataDir)).url;
  const broker = new InProcessBroker();
  const runtimeOf = (service: Runtime['service']): Runtime => ({
    service,
    mode: 'standalone',
    broker,
    settings: { ...settings.platform, databaseUrl, port: settings.port },
  });

  const services: RunningApp[] = [];
  let gateway: NestFastifyApplication | undefined;
  const close = async () => {
    await gateway?.close();
    for (const service of services.reverse()) await service.close();
    await embedded?.stop();
  };
  try {
    for (const [i, app] of SERVICE_APPS.entries()) {
      services.push(await startInProcessService(app, runtimeOf(app.service), configs[i]));
    }
    const serviceChecks = services.flatMap((s) => s.app.get(HealthService).ownChecks());
    const definition = apiGatewayApp(serviceChecks);
    gateway = await createHttpApp(definition, runtimeOf(definition.service), definition.readConfig(env, 'standalone'));
    const { httpBacklog: backlog, httpAcceptors: acceptors } = settings.platform;
    await listenHttp(gateway, { port: settings.port, host: settings.host, backlog, acceptors });
    broker.open();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const address = gateway.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const definitionOf = (service: ServiceName) => {
    const index = SERVICE_APPS.findIndex((app) => app.service === service);
    if (index < 0) throw new Error(`${service} is not a service of the standalone suite`);
    return { definition: SERVICE_APPS[index], config: configs[index] };
  };
  return {
    url: `http://127.0.0.1:${port}`,
    gateway,
    services,
    close,
    async stopService(service) {
      const index = services.findIndex((s) => s.runtime.service === service);
      if (index >= 0) await services.splice(index, 1)[0].close();
    },
    async startService(service) {
      const { definition, config } = definitionOf(service);
      services.push(await startInProcessService(definition, runtimeOf(service), config));
    },
  };
}
