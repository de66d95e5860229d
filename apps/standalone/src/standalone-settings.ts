import { env, EnvSource, PLATFORM_ENV, PlatformSettings, readEnv } from '@helpdesk/platform';
import { resolve } from 'node:path';

export interface StandaloneSettings {
  port: number;
  host: string;
  dataDir: string;
  /** Set: every service uses this PostgreSQL; unset: the embedded one in dataDir */
  databaseUrl?: string;
  platform: Omit<PlatformSettings, 'databaseUrl' | 'port'>;
}

export function readStandaloneSettings(source: EnvSource = process.env): StandaloneSettings {
  const values = readEnv(
    {
      ...PLATFORM_ENV,
      PORT: env.int({ default: 3000, min: 0, max: 65535 }),
      HOST: env.string({ default: '0.0.0.0' }),
      HELPDESK_DATA_DIR: env.string({ default: './data' }),
      DB_POOL_SIZE: env.int({ default: 4, min: 1, max: 50 }),
    },
    source,
  );
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: resolve(values.HELPDESK_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    platform: {
      logLevel: values.LOG_LEVEL,
      dbPoolSize: values.DB_POOL_SIZE,
      busNamespace: values.HELPDESK_BUS_NAMESPACE,
      eventStream: values.HELPDESK_EVENT_STREAM,
      requestTimeoutMs: values.BUS_REQUEST_TIMEOUT_MS,
      outboxPollIntervalMs: values.OUTBOX_POLL_INTERVAL_MS,
      outboxPassSpacingMs: values.OUTBOX_PASS_SPACING_MS,
      eventMaxDeliveries: values.EVENT_MAX_DELIVERIES,
      // Only the NATS transport reads it: the in-process bus hands each event to its consumers as it is published.
      eventConcurrency: 1,
      eventBatchSize: 1,
      inboxRetentionDays: values.INBOX_RETENTION_DAYS,
      idempotencyKeyTtlHours: values.IDEMPOTENCY_KEY_TTL_HOURS,
      shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
      httpBacklog: values.HTTP_BACKLOG,
      httpAcceptors: values.HTTP_ACCEPTORS,
      testClock: values.TEST_CLOCK === 'true',
      testClockFile: values.TEST_CLOCK_FILE,
    },
  };
}
