import { ConfigError, env, EnvSource, readEnv, RunMode } from '@helpdesk/platform';

export interface GatewayConfig {
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** How long a verified API key is trusted before it is checked again (also the most a revocation takes to reach this gateway) */
  apiKeyCacheTtlMs: number;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function readGatewayConfig(source: EnvSource, mode: RunMode): GatewayConfig {
  const values = readEnv(
    {
      JWT_SECRET: env.optionalString({ minLength: 32 }),
      JWT_EXPIRES_IN_SECONDS: env.int({ default: 3600, min: 60, max: 7 * 24 * 3600 }),
      RATE_LIMIT_PER_MINUTE: env.int({ default: 600, min: 1, max: 10_000_000 }),
      LOGIN_RATE_LIMIT_PER_MINUTE: env.int({ default: 20, min: 1, max: 10_000_000 }),
      BODY_LIMIT_BYTES: env.int({ default: 1_048_576, min: 1024, max: 100 * 1_048_576 }),
      API_KEY_CACHE_TTL_MS: env.int({ default: 5000, min: 0, max: 30_000 }),
    },
    source,
  );
  if (!values.JWT_SECRET) {
    throw new ConfigError(
      'JWT_SECRET',
      mode === 'distributed' ? 'is required in distributed mode (at least 32 characters)' : 'is required',
    );
  }
  return {
    jwtSecret: values.JWT_SECRET,
    jwtExpiresInSeconds: values.JWT_EXPIRES_IN_SECONDS,
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: values.LOGIN_RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: values.BODY_LIMIT_BYTES,
    apiKeyCacheTtlMs: values.API_KEY_CACHE_TTL_MS,
  };
}
