import { env, EnvSource, readEnv } from '@helpdesk/platform';

export interface ChannelGatewayConfig {
  /**
   * The public base URL providers call the suite at (behind a proxy or ingress); signatures over URLs
   * (Twilio) are checked against it plus the request's path. Unset: the request's own URL.
   */
  publicBaseUrl?: string;
  email: EmailIntakeConfig;
  outbound: OutboundConfig;
  smtp: SmtpConfig;
  /** Web form submissions taken per client address and minute (a 429 with Retry-After above) */
  formRateLimitPerMinute: number;
  /** Webhooks logged together in one transaction at most (group commit, see InboundLogWriter) */
  intakeBatchSize: number;
  /** Webhooks waiting for the inbound log at most; past it new ones get 503 with Retry-After */
  intakeMaxPending: number;
  /** How long a channel's type, state and secret are kept in memory for webhooks (a change made on another replica shows within it) */
  channelCacheTtlMs: number;
}

/** Mail going out: replies on email tickets, acknowledgements, satisfaction surveys. */
export interface SmtpConfig {
  /** `smtp://user:pass@host:587` or `smtps://...:465`; unset: no mail is sent (replies on email tickets are skipped) */
  url?: string;
  /** The From address of a channel without its own `address` (and whose login is not one) */
  from?: string;
  /** The From display name of a channel without `senderName` */
  fromName: string;
  /** The survey link in a satisfaction mail, `{token}` and `{rating}` (good|bad) filled in; unset: no survey mail */
  csatUrlTemplate?: string;
}

/** Outbound deliveries: webhook subscriptions and replies sent back on chat and SMS channels. */
export interface OutboundConfig {
  /** Tries per delivery before it is marked failed (an admin can replay it) */
  maxAttempts: number;
  /** The first retry waits about this long; each next one twice as long (with jitter), up to an hour */
  backoffBaseMs: number;
  /** How long a receiver has to answer one POST */
  timeoutMs: number;
  /** How often due deliveries are looked for (new ones are sent at once) */
  pollIntervalMs: number;
}

export interface EmailIntakeConfig {
  /** How often every mailbox is checked (IDLE wakes a check as soon as mail arrives, where the server supports it) */
  pollIntervalMs: number;
  /** Messages taken from one mailbox per check */
  batchSize: number;
  maxAttachmentBytes: number;
  maxAttachments: number;
  /** At most this many mails of one sender become tickets or replies within the window; the rest are logged and left (loops) */
  senderLimit: number;
  senderWindowMinutes: number;
}

export const CHANNEL_GATEWAY_CONFIG = Symbol('CHANNEL_GATEWAY_CONFIG');

export function readChannelGatewayConfig(source: EnvSource): ChannelGatewayConfig {
  const values = readEnv(
    {
      CHANNEL_PUBLIC_BASE_URL: env.optionalUrl(['http', 'https']),
      EMAIL_POLL_INTERVAL_MS: env.int({ default: 30_000, min: 50, max: 3_600_000 }),
      EMAIL_BATCH_SIZE: env.int({ default: 50, min: 1, max: 1000 }),
      EMAIL_MAX_ATTACHMENT_BYTES: env.int({ default: 10 * 1024 * 1024, min: 1024, max: 100 * 1024 * 1024 }),
      EMAIL_MAX_ATTACHMENTS: env.int({ default: 20, min: 0, max: 200 }),
      EMAIL_SENDER_LIMIT: env.int({ default: 20, min: 1, max: 100_000 }),
      EMAIL_SENDER_WINDOW_MINUTES: env.int({ default: 60, min: 1, max: 10_080 }),
      OUTBOUND_MAX_ATTEMPTS: env.int({ default: 8, min: 1, max: 100 }),
      OUTBOUND_BACKOFF_BASE_MS: env.int({ default: 10_000, min: 10, max: 3_600_000 }),
      OUTBOUND_TIMEOUT_MS: env.int({ default: 10_000, min: 100, max: 120_000 }),
      OUTBOUND_POLL_INTERVAL_MS: env.int({ default: 1_000, min: 20, max: 600_000 }),
      SMTP_URL: env.optionalUrl(['smtp', 'smtps']),
      MAIL_FROM: env.optionalString({ pattern: /^[^\s@<>]+@[^\s@<>]+$/, describe: 'an email address' }),
      MAIL_FROM_NAME: env.string({ default: 'Helpdesk' }),
      CSAT_URL_TEMPLATE: env.optionalString({ pattern: /^https?:\/\/\S*\{token\}\S*$/, describe: 'an http(s) URL with {token}' }),
      FORM_RATE_LIMIT_PER_MINUTE: env.int({ default: 10, min: 1, max: 1_000_000 }),
      INTAKE_BATCH_SIZE: env.int({ default: 200, min: 1, max: 5_000 }),
      INTAKE_MAX_PENDING: env.int({ default: 5_000, min: 1, max: 1_000_000 }),
      CHANNEL_CACHE_TTL_MS: env.int({ default: 2_000, min: 0, max: 600_000 }),
    },
    source,
  );
  return {
    publicBaseUrl: values.CHANNEL_PUBLIC_BASE_URL,
    formRateLimitPerMinute: values.FORM_RATE_LIMIT_PER_MINUTE,
    intakeBatchSize: values.INTAKE_BATCH_SIZE,
    intakeMaxPending: values.INTAKE_MAX_PENDING,
    channelCacheTtlMs: values.CHANNEL_CACHE_TTL_MS,
    email: {
      pollIntervalMs: values.EMAIL_POLL_INTERVAL_MS,
      batchSize: values.EMAIL_BATCH_SIZE,
      maxAttachmentBytes: values.EMAIL_MAX_ATTACHMENT_BYTES,
      maxAttachments: values.EMAIL_MAX_ATTACHMENTS,
      senderLimit: values.EMAIL_SENDER_LIMIT,
      senderWindowMinutes: values.EMAIL_SENDER_WINDOW_MINUTES,
    },
    outbound: {
      maxAttempts: values.OUTBOUND_MAX_ATTEMPTS,
      backoffBaseMs: values.OUTBOUND_BACKOFF_BASE_MS,
      timeoutMs: values.OUTBOUND_TIMEOUT_MS,
      pollIntervalMs: values.OUTBOUND_POLL_INTERVAL_MS,
    },
    smtp: {
      url: values.SMTP_URL,
      from: values.MAIL_FROM,
      fromName: values.MAIL_FROM_NAME,
      csatUrlTemplate: values.CSAT_URL_TEMPLATE,
    },
  };
}
