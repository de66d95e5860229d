import { EventEnvelope, SERVICES, ServiceName } from '@helpdesk/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDistributedTopology } from './distributed-topology';

export const ADMIN = { email: 'admin@e2e.test', password: 'admin-password-e2e' };

/** The suite under test, whichever topology runs it. The e2e specs only talk to it over HTTP. */
export interface Target {
  topology: 'standalone' | 'distributed';
  url: string;
  /**
   * Where providers post `/webhooks/*`: the suite's one port standalone (the API gateway forwards
   * them to channel-gateway over the bus), channel-gateway's own port distributed.
   */
  webhookUrl: string;
  /**
   * Where each app serves `/health/*` and `/metrics`, one entry per process of an app (replicas
   * included): every app's own port distributed, the suite's one port for all of them standalone.
   */
  appUrls(): { service: ServiceName; url: string }[];
  stopService(service: ServiceName): Promise<void>;
  startService(service: ServiceName): Promise<void>;
  /**
   * Distributed only: SIGTERM to every replica of the app, as Kubernetes does, resolving with how
   * each process ended (its exit code, or the signal that killed it) and how long it took.
   */
  terminateService?(service: ServiceName): Promise<TerminationResult[]>;
  /**
   * Publishes a domain event on the suite's bus as a service would (its outbox relay): what the
   * sla-service's events look like to their consumers. `messageId` (default: the event id) lets a
   * test deliver the same event twice past JetStream's duplicate window.
   */
  publishEvent(event: EventEnvelope, options?: { messageId?: string }): Promise<void>;
  /**
   * Distributed only: the suite's PostgreSQL database, for what no API shows (that a background job
   * of a running app did its work).
   */
  databaseUrl?: string;
  /** Stops everything and starts it again on the same data */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export type TargetEnv = Record<string, string>;

export interface TerminationResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

const BASE_ENV: TargetEnv = {
  LOG_LEVEL: 'warn',
  HELPDESK_ADMIN_EMAIL: ADMIN.email,
  HELPDESK_ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT_PER_MINUTE: '100000',
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  BUS_REQUEST_TIMEOUT_MS: '3000',
  OUTBOX_POLL_INTERVAL_MS: '200',
};

/** E2E_TOPOLOGY=distributed (npm run test:integration) or standalone (npm test, the default). */
export function topology(): Target['topology'] {
  return process.env.E2E_TOPOLOGY === 'distributed' ? 'distributed' : 'standalone';
}

export async function startTarget(env: TargetEnv = {}): Promise<Target> {
  const merged = { ...BASE_ENV, ...env };
  return topology() === 'distributed' ? startDistributedTopology(merged) : startStandaloneTarget(merged);
}

async function startStandaloneTarget(env: TargetEnv): Promise<Target> {
  // Imported lazily so the distributed run never loads the in-process suite.
  const { startStandalone } = await import('../../apps/standalone/src/standalone');
  const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-e2e-'));
  const source = { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', HELPDESK_DATA_DIR: dataDir };
  let suite = await startStandalone(source);
  const target: Target = {
    topology: 'standalone',
    url: suite.url,
    webhookUrl: suite.url,
    appUrls: () => [SERVICES.apiGateway, ...suite.services.map((s) => s.runtime.service)].map((service) => ({ service, url: target.url })),
    stopService: (service) => suite.stopService(service),
    startService: (service) => suite.startService(service),
    async publishEvent(event) {
      // Any running service's publisher does: the in-process bus has no notion of message ids.
      const publisher = suite.services.find((s) => s.runtime.service === SERVICES.sla) ?? suite.services[0];
      const { EventPublisher } = await import('@helpdesk/platform');
      await publisher.app.get(EventPublisher).publish(event);
    },
    async restart() {
      await suite.close();
      suite = await startStandalone({ ...source, PORT: new URL(target.url).port });
      target.webhookUrl = suite.url;
    },
    async close() {
      await suite.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return target;
}
