import { parseApiKey } from '@helpdesk/contracts';
import { hashApiKey, newApiKey, sameHash } from './api-key-secrets';

describe('API key secrets', () => {
  it('makes keys of the documented format that parse back to their prefix', () => {
    for (let i = 0; i < 50; i += 1) {
      const key = newApiKey();
      expect(key.secret).toMatch(/^hdk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(parseApiKey(key.secret)).toEqual({ prefix: key.prefix, secret: key.secret.slice(17) });
      expect(key.hash.equals(hashApiKey(key.secret))).toBe(true);
    }
  });

  it('builds the key from the random source it is given', () => {
    const key = newApiKey((size) => Buffer.alloc(size, 0xab));
    expect(key.prefix).toBe('abababababab');
    expect(key.secret).toBe(`hdk_abababababab_${Buffer.alloc(32, 0xab).toString('base64url')}`);
  });

  it('makes a different key every time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newApiKey().secret));
    expect(keys.size).toBe(100);
  });

  it('hashes with SHA-256 (32 bytes), the same key to the same hash and another key to another', () => {
    const a = hashApiKey('hdk_000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(a).toHaveLength(32);
    expect(hashApiKey('abc').toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameHash(a, hashApiKey('hdk_000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))).toBe(true);
    expect(sameHash(a, hashApiKey('hdk_000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab'))).toBe(false);
  });

  it.each([
    ['equal hashes', Buffer.from('00ff', 'hex'), Buffer.from('00ff', 'hex'), true],
    ['different hashes', Buffer.from('00ff', 'hex'), Buffer.from('00fe', 'hex'), false],
    ['hashes of different length', Buffer.from('00ff', 'hex'), Buffer.from('00', 'hex'), false],
    ['empty and non-empty', Buffer.alloc(0), Buffer.from('00', 'hex'), false],
  ])('compares %s', (_label, a, b, expected) => {
    expect(sameHash(a, b)).toBe(expected);
  });
});
