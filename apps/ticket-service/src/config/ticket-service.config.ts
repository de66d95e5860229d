import { ConfigError, env, EnvSource, readEnv } from '@helpdesk/platform';

export interface TicketServiceConfig {
  adminEmail?: string;
  adminPassword?: string;
}

export const TICKET_SERVICE_CONFIG = Symbol('TICKET_SERVICE_CONFIG');

export function readTicketServiceConfig(source: EnvSource): TicketServiceConfig {
  const values = readEnv(
    {
      HELPDESK_ADMIN_EMAIL: env.optionalString({ pattern: /^[^@\s]+@[^@\s]+$/, describe: 'an email address' }),
      HELPDESK_ADMIN_PASSWORD: env.optionalString({ minLength: 10 }),
    },
    source,
  );
  if (Boolean(values.HELPDESK_ADMIN_EMAIL) !== Boolean(values.HELPDESK_ADMIN_PASSWORD)) {
    const missing = values.HELPDESK_ADMIN_EMAIL ? 'HELPDESK_ADMIN_PASSWORD' : 'HELPDESK_ADMIN_EMAIL';
    throw new ConfigError(missing, 'is required when the other admin variable is set');
  }
  return { adminEmail: values.HELPDESK_ADMIN_EMAIL, adminPassword: values.HELPDESK_ADMIN_PASSWORD };
}
