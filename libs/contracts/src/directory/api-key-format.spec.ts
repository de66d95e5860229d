import { formatApiKey, looksLikeApiKey, parseApiKey } from './api-key-format';

const SECRET = 'q3Jx0mB7yN2kP5sV8tW1zA4cD6fG9hJ0kL2mN5pQ7rS';

describe(parseApiKey.name, () => {
  it.each<[string, string, { prefix: string; secret: string } | null]>([
    ['a well-formed key', `hdk_3f9a1c2b7d4e_${SECRET}`, { prefix: '3f9a1c2b7d4e', secret: SECRET }],
    ['a secret holding _ and -', `hdk_000000000000_${'_-'.repeat(21)}a`, { prefix: '000000000000', secret: `${'_-'.repeat(21)}a` }],
    ['an upper-case prefix', `hdk_3F9A1C2B7D4E_${SECRET}`, null],
    ['a short prefix', `hdk_3f9a1c2b7d4_${SECRET}`, null],
    ['a short secret', `hdk_3f9a1c2b7d4e_${SECRET.slice(1)}`, null],
    ['a long secret', `hdk_3f9a1c2b7d4e_${SECRET}x`, null],
    ['another marker', `hdx_3f9a1c2b7d4e_${SECRET}`, null],
    ['trailing space', `hdk_3f9a1c2b7d4e_${SECRET} `, null],
    ['a secret with base64 padding characters', `hdk_3f9a1c2b7d4e_${SECRET.slice(0, 42)}=`, null],
    ['nothing', '', null],
  ])('%s', (_label, value, expected) => {
    expect(parseApiKey(value)).toEqual(expected);
  });

  it('reads back what formatApiKey writes', () => {
    expect(parseApiKey(formatApiKey('abcdef012345', SECRET))).toEqual({ prefix: 'abcdef012345', secret: SECRET });
  });
});

describe(looksLikeApiKey.name, () => {
  it.each([
    ['hdk_anything', true],
    ['hdk_', true],
    ['eyJhbGciOiJIUzI1NiJ9.x.y', false],
    ['HDK_abc', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(looksLikeApiKey(value)).toBe(expected);
  });
});
