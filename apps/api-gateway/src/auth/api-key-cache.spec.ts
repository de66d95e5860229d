import { VerifiedApiKey } from '@helpdesk/contracts';
import { ApiKeyCache } from './api-key-cache';

const key = (id: string, expiresAt: string | null = null): VerifiedApiKey => ({ id, name: 'BI', scopes: ['reports:read'], expiresAt });

describe(ApiKeyCache.name, () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = Date.parse('2026-12-06T12:00:00Z');
  });

  it('remembers a key for the TTL and not a millisecond more', () => {
    const cache = new ApiKeyCache(5000, 10, clock);
    cache.set('h1', key('k1'));
    now += 4999;
    expect(cache.get('h1')?.id).toBe('k1');
    now += 1;
    expect(cache.get('h1')).toBeUndefined();
  });

  it('never keeps a key past its own expiry', () => {
    const cache = new ApiKeyCache(5000, 10, clock);
    cache.set('h1', key('k1', new Date(now + 2000).toISOString()));
    now += 2000;
    expect(cache.get('h1')).toBeUndefined();
  });

  it('does not cache a key that has already expired', () => {
    const cache = new ApiKeyCache(5000, 10, clock);
    cache.set('h1', key('k1', new Date(now - 1).toISOString()));
    expect(cache.size).toBe(0);
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = new ApiKeyCache(0, 10, clock);
    cache.set('h1', key('k1'));
    expect(cache.get('h1')).toBeUndefined();
  });

  it('forgets a key by id at once (revocation on this gateway)', () => {
    const cache = new ApiKeyCache(5000, 10, clock);
    cache.set('h1', key('k1'));
    cache.set('h2', key('k2'));
    cache.forget('k1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')?.id).toBe('k2');
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const cache = new ApiKeyCache(5000, 2, clock);
    cache.set('h1', key('k1'));
    cache.set('h2', key('k2'));
    cache.set('h3', key('k3'));
    expect(cache.size).toBe(2);
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h3')?.id).toBe('k3');
  });
});
