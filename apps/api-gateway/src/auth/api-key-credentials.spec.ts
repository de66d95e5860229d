import { challenges, Credential, extractCredential, isODataPath } from './api-key-credentials';

const KEY = 'hdk_3f9a1c2b7d4e_q3Jx0mB7yN2kP5sV8tW1zA4cD6fG9hJ0kL2mN5pQ7rS';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
const basic = (user: string, password?: string) =>
  `Basic ${Buffer.from(password === undefined ? user : `${user}:${password}`).toString('base64')}`;

describe(extractCredential.name, () => {
  it.each<[string, Record<string, string | string[]>, unknown, boolean, Credential['kind'], string?]>([
    ['nothing', {}, {}, false, 'none'],
    ['an empty Authorization header', { authorization: '' }, {}, false, 'none'],
    ['a bearer JWT', { authorization: `Bearer ${JWT}` }, {}, false, 'jwt'],
    ['a bearer JWT, scheme in lower case', { authorization: `bearer ${JWT}` }, {}, false, 'jwt'],
    ['a bearer API key', { authorization: `Bearer ${KEY}` }, {}, false, 'api-key', 'bearer'],
    ['an X-API-Key header', { 'x-api-key': KEY }, {}, false, 'api-key', 'header'],
    ['Basic with the key as password (Excel, Power BI)', { authorization: basic('anything', KEY) }, {}, false, 'api-key', 'basic'],
    ['Basic with an empty user name', { authorization: basic('', KEY) }, {}, false, 'api-key', 'basic'],
    ['Basic with the key as user name and no password', { authorization: basic(KEY, '') }, {}, false, 'api-key', 'basic'],
    ['Basic with a user name and a password', { authorization: basic('admin@helpdesk.local', 'secret') }, {}, false, 'invalid'],
    ['Basic that is not base64', { authorization: 'Basic %%%' }, {}, false, 'invalid'],
    ['an unknown scheme', { authorization: `Token ${KEY}` }, {}, false, 'invalid'],
    ['an X-API-Key that is not a key', { 'x-api-key': 'garbage' }, {}, false, 'invalid'],
    ['two X-API-Key headers', { 'x-api-key': [KEY, KEY] }, {}, false, 'invalid'],
    ['a bearer token and an X-API-Key', { authorization: `Bearer ${JWT}`, 'x-api-key': KEY }, {}, false, 'invalid'],
    ['?api_key= where the route takes it', {}, { api_key: KEY }, true, 'api-key', 'query'],
    ['?api_key= where the route does not take it', {}, { api_key: KEY }, false, 'invalid'],
    ['?api_key= twice', {}, { api_key: [KEY, KEY] }, true, 'invalid'],
    ['?api_key= that is not a key', {}, { api_key: 'garbage' }, true, 'invalid'],
    ['?api_key= and an X-API-Key', { 'x-api-key': KEY }, { api_key: KEY }, true, 'invalid'],
    ['other query parameters only', {}, { $top: '10' }, true, 'none'],
    // A rest parameter: jest-each would take a sixth named parameter of a five-cell row for `done`.
  ])('%s', (...[, headers, query, allowQuery, kind, via]) => {
    const credential = extractCredential({ headers, query }, allowQuery);
    expect(credential.kind).toBe(kind);
    if (credential.kind === 'api-key') {
      expect(credential.key).toBe(KEY);
      expect(credential.via).toBe(via);
    }
    if (credential.kind === 'jwt') expect(credential.token).toBe(JWT);
  });

  it('says a failed Basic attempt is one, so the answer can challenge for Basic again', () => {
    expect(extractCredential({ headers: { authorization: basic('user', 'password') } }, false)).toMatchObject({ basic: true });
    expect(extractCredential({ headers: { 'x-api-key': 'garbage' } }, false)).toMatchObject({ basic: false });
  });

  it('explains where a query key is accepted when sent elsewhere', () => {
    expect(extractCredential({ headers: {}, query: { api_key: KEY } }, false)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('OData'),
    });
  });
});

describe(isODataPath.name, () => {
  it.each([
    ['/odata', true],
    ['/odata/', true],
    ['/odata/$metadata', true],
    ['/odata/Tickets?$top=10&api_key=x', true],
    ['/odata?api_key=x', true],
    ['/odatax', false],
    ['/api/v1/odata', false],
    ['/api/v1/reports/summary?api_key=x', false],
  ])('%s → %s', (url, expected) => {
    expect(isODataPath(url)).toBe(expected);
  });
});

describe(challenges.name, () => {
  it.each([
    [false, false, ['Bearer realm="helpdesk"']],
    [true, false, ['Bearer realm="helpdesk", error="invalid_token"']],
    [true, true, ['Basic realm="helpdesk", charset="UTF-8"', 'Bearer realm="helpdesk", error="invalid_token"']],
  ])('presented=%s basic=%s', (presented, isBasic, expected) => {
    expect(challenges(presented, isBasic)).toEqual(expected);
  });
});
