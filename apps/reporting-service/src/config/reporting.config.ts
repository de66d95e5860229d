import { ConfigError, env, EnvSource, readEnv } from '@helpdesk/platform';
import { isTimeZone } from '../read-models/report-days';

export interface ReportingConfig {
  /** The IANA zone whose days reports count in (changing it needs a rebuild) */
  timeZone: string;
}

export const REPORTING_CONFIG = Symbol('REPORTING_CONFIG');

export function readReportingConfig(source: EnvSource): ReportingConfig {
  const values = readEnv({ REPORTING_TIME_ZONE: env.string({ default: 'UTC' }) }, source);
  if (!isTimeZone(values.REPORTING_TIME_ZONE)) {
    throw new ConfigError('REPORTING_TIME_ZONE', `must be an IANA time zone such as Europe/Madrid, got "${values.REPORTING_TIME_ZONE}"`);
  }
  return { timeZone: values.REPORTING_TIME_ZONE };
}
