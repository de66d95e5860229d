import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 1_000;
  const clock = () => now;

  it('keeps a value for the TTL, or until its own end when that comes first', () => {
    const cache = new TtlCache<string, string>(100, 10, clock);
    cache.set('a', 'A');
    cache.set('b', 'B', now + 30);
    now += 29;
    expect([cache.get('a'), cache.get('b')]).toEqual(['A', 'B']);
    now += 1;
    expect([cache.get('a'), cache.get('b')]).toEqual(['A', undefined]);
    now += 70;
    expect(cache.get('a')).toBeUndefined();
  });

  it('caches null (a known absence) as a value', () => {
    const cache = new TtlCache<string, string | null>(100, 10, clock);
    cache.set('missing', null);
    expect(cache.get('missing')).toBeNull();
    expect(cache.get('other')).toBeUndefined();
  });

  it('drops the oldest entries past maxEntries, and what delete and deleteWhere name', () => {
    const cache = new TtlCache<string, number>(1_000, 3, clock);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) cache.set(key, i);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    cache.delete('b');
    cache.deleteWhere((value) => value === 3);
    expect([cache.get('c'), cache.get('d'), cache.size]).toEqual([2, undefined, 1]);
  });

  it('caches nothing with a TTL of 0, or an end already past', () => {
    const off = new TtlCache<string, string>(0, 10, clock);
    off.set('a', 'A');
    expect(off.get('a')).toBeUndefined();
    const on = new TtlCache<string, string>(100, 10, clock);
    on.set('b', 'B', now);
    expect(on.get('b')).toBeUndefined();
  });
});
