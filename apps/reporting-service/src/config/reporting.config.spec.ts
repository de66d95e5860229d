import { ConfigError } from '@helpdesk/platform';
import { readReportingConfig } from './reporting.config';

describe('readReportingConfig', () => {
  it('counts days in UTC unless told otherwise', () => {
    expect(readReportingConfig({})).toMatchObject({ timeZone: 'UTC', exportPageRows: 2000 });
    expect(readReportingConfig({ REPORTING_TIME_ZONE: 'Europe/Madrid' })).toMatchObject({ timeZone: 'Europe/Madrid' });
  });

  it('refuses a zone the runtime does not know, naming the variable', () => {
    expect(() => readReportingConfig({ REPORTING_TIME_ZONE: 'Mars/Olympus' })).toThrow(ConfigError);
    expect(() => readReportingConfig({ REPORTING_TIME_ZONE: 'Mars/Olympus' })).toThrow(/REPORTING_TIME_ZONE/);
  });
});
