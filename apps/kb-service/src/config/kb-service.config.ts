import { env, EnvSource, readEnv } from '@helpdesk/platform';

export interface KbServiceConfig {
  /** The locales articles may be written in; the first is the default */
  locales: string[];
}

export const KB_SERVICE_CONFIG = Symbol('KB_SERVICE_CONFIG');

export function readKbServiceConfig(source: EnvSource): KbServiceConfig {
  const values = readEnv(
    {
      KB_LOCALES: env.string({
        default: 'es,en',
        pattern: /^[a-z]{2}(-[A-Z]{2})?(\s*,\s*[a-z]{2}(-[A-Z]{2})?)*$/,
        describe: 'a comma-separated list of locale codes such as es,en,pt-BR',
      }),
    },
    source,
  );
  return { locales: [...new Set(values.KB_LOCALES.split(',').map((code) => code.trim()))] };
}
