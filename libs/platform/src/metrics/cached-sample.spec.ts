import { CachedSample } from './cached-sample';

describe(CachedSample.name, () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('reads once per TTL and serves the cached value in between', async () => {
    let reads = 0;
    const sample = new CachedSample(() => Promise.resolve(++reads), { ttlMs: 5_000, timeoutMs: 100, now: clock });
    expect(await sample.get()).toBe(1);
    now = 4_999;
    expect(await sample.get()).toBe(1);
    now = 5_000;
    expect(await sample.get()).toBe(2);
  });

  it('keeps the last value when a read fails, and reads again on the next call', async () => {
    const results: (() => Promise<number>)[] = [
      () => Promise.resolve(7),
      () => Promise.reject(new Error('db down')),
      () => Promise.resolve(9),
    ];
    const sample = new CachedSample(() => results.shift()!(), { ttlMs: 0, timeoutMs: 100, now: clock });
    expect(await sample.get()).toBe(7);
    expect(await sample.get()).toBe(7);
    expect(await sample.get()).toBe(9);
  });

  it('answers the last value after the timeout when a read is slow, and takes the late result once it lands', async () => {
    let release: (value: number) => void = () => undefined;
    const reads: Promise<number>[] = [Promise.resolve(1), new Promise<number>((resolve) => (release = resolve))];
    const sample = new CachedSample(() => reads.shift()!, { ttlMs: 10, timeoutMs: 20, now: clock });
    expect(await sample.get()).toBe(1);
    now = 10;
    expect(await sample.get()).toBe(1);
    release(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await sample.get()).toBe(2);
    expect(reads).toHaveLength(0);
  });

  it('answers undefined before any read succeeded', async () => {
    const sample = new CachedSample(() => Promise.reject(new Error('no')), { ttlMs: 1_000, timeoutMs: 20, now: clock });
    expect(await sample.get()).toBeUndefined();
  });

  it('shares one read between calls that come while it runs', async () => {
    let reads = 0;
    let release: () => void = () => undefined;
    const sample = new CachedSample(() => new Promise<number>((resolve) => (release = () => resolve(++reads))), {
      ttlMs: 0,
      timeoutMs: 1_000,
      now: clock,
    });
    const first = sample.get();
    const second = sample.get();
    release();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(reads).toBe(1);
  });
});
