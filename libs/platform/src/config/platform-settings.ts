import { ConfigError, env, EnvSource, readEnv } from './env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The variables every app reads, with their types and defaults (README lists them). */
export const PLATFORM_ENV = {
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
  DATABASE_URL: env.optionalUrl(['postgres', 'postgresql']),
  DB_POOL_SIZE: env.int({ default: 10, min: 1, max: 200 }),
  NATS_URL: env.optionalUrl(['nats', 'tls', 'ws', 'wss']),
  HELPDESK_BUS_NAMESPACE: env.string({ default: '', pattern: /^[a-z0-9_-]{0,40}$/, describe: 'lower-case letters, digits, - and _' }),
  HELPDESK_EVENT_STREAM: env.string({ default: 'HELPDESK_EVENTS', pattern: /^[A-Za-z0-9_-]{1,64}$/, describe: 'letters, digits, - and _' }),
  BUS_REQUEST_TIMEOUT_MS: env.int({ default: 5000, min: 100, max: 120000 }),
  OUTBOX_POLL_INTERVAL_MS: env.int({ default: 500, min: 10, max: 60000 }),
  OUTBOX_PASS_SPACING_MS: env.int({ default: 20, min: 0, max: 1000 }),
  EVENT_MAX_DELIVERIES: env.int({ default: 10, min: 1, max: 1000 }),
  EVENT_CONCURRENCY: env.int({ default: 8, min: 1, max: 256 }),
  EVENT_BATCH_SIZE: env.int({ default: 100, min: 1, max: 1000 }),
  INBOX_RETENTION_DAYS: env.int({ default: 30, min: 1, max: 3650 }),
  IDEMPOTENCY_KEY_TTL_HOURS: env.int({ default: 24, min: 1, max: 24 * 365 }),
  SHUTDOWN_GRACE_MS: env.int({ default: 25000, min: 0, max: 600000 }),
  HTTP_BACKLOG: env.int({ default: 4096, min: 1, max: 65535 }),
  HTTP_ACCEPTORS: env.int({ default: 16, min: 1, max: 256 }),
  TEST_CLOCK: env.oneOf(['true', 'false'] as const, 'false'),
  TEST_CLOCK_FILE: env.optionalString({ minLength: 1 }),
};

export interface PlatformSettings {
  port: number;
  logLevel: LogLevel;
  databaseUrl: string;
  dbPoolSize: number;
  natsUrl?: string;
  busNamespace: string;
  eventStream: string;
  requestTimeoutMs: number;
  outboxPollIntervalMs: number;
  /** While the outbox is busy, its relay's passes start at least this far apart (fewer, larger passes) */
  outboxPassSpacingMs: number;
  eventMaxDeliveries: number;
  /** Events a consumer handles at once (distributed; those of one aggregate one after another) */
  eventConcurrency: number;
  /** Events a batch consumer (EventBatchPattern) takes per call at most (distributed) */
  eventBatchSize: number;
  /** How long a consumer remembers the events it processed (redeliveries and replays within it do nothing) */
  inboxRetentionDays: number;
  /** How long an Idempotency-Key answers with the first response */
  idempotencyKeyTtlHours: number;
  /** How long a SIGTERM'd app may take to finish what is in flight before it exits anyway (below Kubernetes' grace period) */
  shutdownGraceMs: number;
  /** Connections the kernel queues for the HTTP server before it accepts them (capped by net.core.somaxconn) */
  httpBacklog: number;
  /** Handles polling the HTTP socket: a busy event loop accepts up to this many waiting connections per turn (addAcceptors) */
  httpAcceptors: number;
  /** Tests may move the suite's clock (PUT /api/v1/admin/test-clock); never in production */
  testClock: boolean;
  /** Where the processes of a distributed test share the moved clock */
  testClockFile?: string;
}

/**
 * Settings of one app in the distributed topology, where NATS is required, and PostgreSQL for an
 * app that owns data (`database`, the default; the stateless gateway passes false).
 */
export function readDistributedSettings(
  defaultPort: number,
  source: EnvSource = process.env,
  { database = true }: { database?: boolean } = {},
): PlatformSettings {
  const values = readEnv({ ...PLATFORM_ENV, PORT: env.int({ default: defaultPort, min: 0, max: 65535 }) }, source);
  if (database && !values.DATABASE_URL)
    throw new ConfigError('DATABASE_URL', 'is required in distributed mode (postgres://user:pass@host:5432/db)');
  if (!values.NATS_URL) throw new ConfigError('NATS_URL', 'is required in distributed mode (nats://host:4222)');
  return {
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    databaseUrl: values.DATABASE_URL ?? '',
    dbPoolSize: values.DB_POOL_SIZE,
    natsUrl: values.NATS_URL,
    busNamespace: values.HELPDESK_BUS_NAMESPACE,
    eventStream: values.HELPDESK_EVENT_STREAM,
    requestTimeoutMs: values.BUS_REQUEST_TIMEOUT_MS,
    outboxPollIntervalMs: values.OUTBOX_POLL_INTERVAL_MS,
    outboxPassSpacingMs: values.OUTBOX_PASS_SPACING_MS,
    eventMaxDeliveries: values.EVENT_MAX_DELIVERIES,
    eventConcurrency: values.EVENT_CONCURRENCY,
    eventBatchSize: values.EVENT_BATCH_SIZE,
    inboxRetentionDays: values.INBOX_RETENTION_DAYS,
    idempotencyKeyTtlHours: values.IDEMPOTENCY_KEY_TTL_HOURS,
    shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
    httpBacklog: values.HTTP_BACKLOG,
    httpAcceptors: values.HTTP_ACCEPTORS,
    testClock: values.TEST_CLOCK === 'true',
    testClockFile: values.TEST_CLOCK_FILE,
  };
}
