import { redactUrl } from './logging.module';

describe(redactUrl.name, () => {
  it.each([
    ['/odata/Tickets?api_key=hdk_abc_def', '/odata/Tickets?api_key=[Redacted]'],
    ['/odata/Tickets?$top=5&api_key=hdk_abc&$skip=5', '/odata/Tickets?$top=5&api_key=[Redacted]&$skip=5'],
    ['/odata?API_KEY=hdk_abc', '/odata?API_KEY=[Redacted]'],
    ['/api/v1/tickets?limit=5', '/api/v1/tickets?limit=5'],
    ['/odata/Tickets?my_api_key=x', '/odata/Tickets?my_api_key=x'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
