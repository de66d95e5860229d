import { env, EnvSource, readEnv } from '@helpdesk/platform';

export interface ChannelGatewayConfig {
  /**
   * The public base URL providers call the suite at (behind a proxy or ingress); signatures over URLs
   * (Twilio) are checked against it plus the request's path. Unset: the request's own URL.
   */
  publicBaseUrl?: string;
}

export const CHANNEL_GATEWAY_CONFIG = Symbol('CHANNEL_GATEWAY_CONFIG');

export function readChannelGatewayConfig(source: EnvSource): ChannelGatewayConfig {
  const values = readEnv({ CHANNEL_PUBLIC_BASE_URL: env.optionalUrl(['http', 'https']) }, source);
  return { publicBaseUrl: values.CHANNEL_PUBLIC_BASE_URL };
}
