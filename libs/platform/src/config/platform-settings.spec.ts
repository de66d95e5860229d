import { ConfigError } from './env';
import { readDistributedSettings } from './platform-settings';

const REQUIRED = { DATABASE_URL: 'postgres://helpdesk:pw@db:5432/helpdesk', NATS_URL: 'nats://nats:4222' };

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(readDistributedSettings.name, () => {
  it('requires DATABASE_URL', () => {
    const error = configError(() => readDistributedSettings(3000, { NATS_URL: REQUIRED.NATS_URL }));
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toMatch(/^DATABASE_URL is required/);
  });

  it('does without DATABASE_URL for an app that keeps no data (the gateway)', () => {
    expect(readDistributedSettings(3000, { NATS_URL: REQUIRED.NATS_URL }, { database: false }).databaseUrl).toBe('');
  });

  it('reads SHUTDOWN_GRACE_MS', () => {
    expect(readDistributedSettings(3000, { ...REQUIRED, SHUTDOWN_GRACE_MS: '20000' }).shutdownGraceMs).toBe(20000);
    expect(configError(() => readDistributedSettings(3000, { ...REQUIRED, SHUTDOWN_GRACE_MS: 'soon' })).variable).toBe('SHUTDOWN_GRACE_MS');
  });

  it('requires NATS_URL', () => {
    const error = configError(() => readDistributedSettings(3000, { DATABASE_URL: REQUIRED.DATABASE_URL }));
    expect(error.variable).toBe('NATS_URL');
    expect(error.message).toMatch(/^NATS_URL is required/);
  });

  it('uses the default port when PORT is unset', () => {
    expect(readDistributedSettings(3001, REQUIRED).port).toBe(3001);
  });

  it('reads PORT', () => {
    expect(readDistributedSettings(3001, { ...REQUIRED, PORT: '8080' }).port).toBe(8080);
  });

  it('rejects a PORT above 65535', () => {
    expect(configError(() => readDistributedSettings(3001, { ...REQUIRED, PORT: '70000' })).variable).toBe('PORT');
  });

  it('fills the documented defaults', () => {
    expect(readDistributedSettings(3000, REQUIRED)).toEqual({
      port: 3000,
      logLevel: 'info',
      databaseUrl: REQUIRED.DATABASE_URL,
      dbPoolSize: 10,
      natsUrl: REQUIRED.NATS_URL,
      busNamespace: '',
      eventStream: 'HELPDESK_EVENTS',
      requestTimeoutMs: 5000,
      outboxPollIntervalMs: 500,
      outboxPassSpacingMs: 20,
      eventMaxDeliveries: 10,
      eventConcurrency: 8,
      eventBatchSize: 100,
      inboxRetentionDays: 30,
      idempotencyKeyTtlHours: 24,
      shutdownGraceMs: 25000,
      httpBacklog: 4096,
      httpAcceptors: 16,
      testClock: false,
      testClockFile: undefined,
    });
  });

  it('lets tests move the clock only when told to', () => {
    expect(readDistributedSettings(3000, { ...REQUIRED, TEST_CLOCK: 'true', TEST_CLOCK_FILE: '/tmp/clock' })).toMatchObject({
      testClock: true,
      testClockFile: '/tmp/clock',
    });
    expect(() => readDistributedSettings(3000, { ...REQUIRED, TEST_CLOCK: 'yes' })).toThrow(/TEST_CLOCK/);
  });

  it('reads overridden values', () => {
    const settings = readDistributedSettings(3000, {
      ...REQUIRED,
      LOG_LEVEL: 'debug',
      DB_POOL_SIZE: '20',
      HELPDESK_BUS_NAMESPACE: 'run-1',
      BUS_REQUEST_TIMEOUT_MS: '250',
      HTTP_BACKLOG: '1024',
      HTTP_ACCEPTORS: '1',
      OUTBOX_PASS_SPACING_MS: '0',
    });
    expect(settings).toMatchObject({
      logLevel: 'debug',
      dbPoolSize: 20,
      busNamespace: 'run-1',
      requestTimeoutMs: 250,
      httpBacklog: 1024,
      httpAcceptors: 1,
      outboxPassSpacingMs: 0,
    });
    expect(configError(() => readDistributedSettings(3000, { ...REQUIRED, HTTP_BACKLOG: '0' })).variable).toBe('HTTP_BACKLOG');
    expect(configError(() => readDistributedSettings(3000, { ...REQUIRED, HTTP_ACCEPTORS: '0' })).variable).toBe('HTTP_ACCEPTORS');
    expect(configError(() => readDistributedSettings(3000, { ...REQUIRED, OUTBOX_PASS_SPACING_MS: '1001' })).variable).toBe(
      'OUTBOX_PASS_SPACING_MS',
    );
  });

  it('rejects a DATABASE_URL that is not postgres', () => {
    expect(configError(() => readDistributedSettings(3000, { ...REQUIRED, DATABASE_URL: 'mysql://db/x' })).variable).toBe('DATABASE_URL');
  });
});
