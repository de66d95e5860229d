import { env, EnvSource, readEnv } from '@helpdesk/platform';

export interface SlaServiceConfig {
  /** How often each replica looks for due warnings, breaches and escalation levels when it found none */
  pollIntervalMs: number;
  /** How many tickets one claim takes (each claim is one transaction) */
  claimBatch: number;
  /** How often escalation webhooks still to send are looked for */
  webhookPollIntervalMs: number;
  /** Tries per escalation webhook before it is given up (backing off from 5 s to an hour) */
  webhookMaxAttempts: number;
  /** How long a webhook receiver has to answer */
  webhookTimeoutMs: number;
  /** Signs webhook bodies (X-Helpdesk-Signature: t=<unix>,v1=<HMAC-SHA256 of `t.body`>) when set */
  webhookSecret?: string;
}

export const SLA_SERVICE_CONFIG = Symbol('SLA_SERVICE_CONFIG');

export function readSlaServiceConfig(source: EnvSource): SlaServiceConfig {
  const values = readEnv(
    {
      SLA_POLL_INTERVAL_MS: env.int({ default: 250, min: 10, max: 60_000 }),
      SLA_CLAIM_BATCH: env.int({ default: 200, min: 1, max: 5_000 }),
      SLA_WEBHOOK_POLL_INTERVAL_MS: env.int({ default: 1_000, min: 10, max: 600_000 }),
      SLA_WEBHOOK_MAX_ATTEMPTS: env.int({ default: 10, min: 1, max: 100 }),
      SLA_WEBHOOK_TIMEOUT_MS: env.int({ default: 5_000, min: 100, max: 60_000 }),
      SLA_WEBHOOK_SECRET: env.optionalString({ minLength: 16 }),
    },
    source,
  );
  return {
    pollIntervalMs: values.SLA_POLL_INTERVAL_MS,
    claimBatch: values.SLA_CLAIM_BATCH,
    webhookPollIntervalMs: values.SLA_WEBHOOK_POLL_INTERVAL_MS,
    webhookMaxAttempts: values.SLA_WEBHOOK_MAX_ATTEMPTS,
    webhookTimeoutMs: values.SLA_WEBHOOK_TIMEOUT_MS,
    webhookSecret: values.SLA_WEBHOOK_SECRET,
  };
}
