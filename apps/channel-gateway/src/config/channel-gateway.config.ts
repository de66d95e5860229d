import { env, EnvSource, readEnv } from '@helpdesk/platform';

export interface ChannelGatewayConfig {
  /**
   * The public base URL providers call the suite at (behind a proxy or ingress); signatures over URLs
   * (Twilio) are checked against it plus the request's path. Unset: the request's own URL.
   */
  publicBaseUrl?: string;
  email: EmailIntakeConfig;
  /** Web form submissions taken per client address and minute (a 429 with Retry-After above) */
  formRateLimitPerMinute: number;
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
      FORM_RATE_LIMIT_PER_MINUTE: env.int({ default: 10, min: 1, max: 1_000_000 }),
    },
    source,
  );
  return {
    publicBaseUrl: values.CHANNEL_PUBLIC_BASE_URL,
    formRateLimitPerMinute: values.FORM_RATE_LIMIT_PER_MINUTE,
    email: {
      pollIntervalMs: values.EMAIL_POLL_INTERVAL_MS,
      batchSize: values.EMAIL_BATCH_SIZE,
      maxAttachmentBytes: values.EMAIL_MAX_ATTACHMENT_BYTES,
      maxAttachments: values.EMAIL_MAX_ATTACHMENTS,
      senderLimit: values.EMAIL_SENDER_LIMIT,
      senderWindowMinutes: values.EMAIL_SENDER_WINDOW_MINUTES,
    },
  };
}
