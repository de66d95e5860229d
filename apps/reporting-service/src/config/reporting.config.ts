import { EXPORT_PAGE_ROWS } from '@helpdesk/contracts';
import { ConfigError, env, EnvSource, readEnv } from '@helpdesk/platform';
import { isTimeZone } from '../read-models/report-days';

export interface ReportingConfig {
  /** The IANA zone whose days reports count in (changing it needs a rebuild) */
  timeZone: string;
  /** Rows per bus reply of the CSV exports (a reply is also cut at ~512 KB) */
  exportPageRows: number;
}

export const REPORTING_CONFIG = Symbol('REPORTING_CONFIG');

export function readReportingConfig(source: EnvSource): ReportingConfig {
  const values = readEnv(
    {
      REPORTING_TIME_ZONE: env.string({ default: 'UTC' }),
      REPORTING_EXPORT_PAGE_ROWS: env.int({ default: EXPORT_PAGE_ROWS, min: 1, max: 10_000 }),
    },
    source,
  );
  if (!isTimeZone(values.REPORTING_TIME_ZONE)) {
    throw new ConfigError('REPORTING_TIME_ZONE', `must be an IANA time zone such as Europe/Madrid, got "${values.REPORTING_TIME_ZONE}"`);
  }
  return { timeZone: values.REPORTING_TIME_ZONE, exportPageRows: values.REPORTING_EXPORT_PAGE_ROWS };
}
