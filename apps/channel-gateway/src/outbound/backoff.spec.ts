import { backoffDelayMs, givesUp, MAX_BACKOFF_MS } from './backoff';

describe('backoffDelayMs', () => {
  it.each([
    [1, 0, 500],
    [1, 0.999999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [4, 0, 4000],
  ])('after failure %d with jitter %d waits %d ms (base 1 s)', (failures, random, expected) => {
    expect(backoffDelayMs(failures, 1000, () => random)).toBe(expected);
  });

  it('doubles with each failure, between half and all of base · 2^(n-1)', () => {
    for (let failures = 1; failures <= 10; failures += 1) {
      const ceiling = 100 * 2 ** (failures - 1);
      const delay = backoffDelayMs(failures, 100);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('never waits more than an hour', () => {
    expect(backoffDelayMs(60, 10_000, () => 0.999)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    expect(backoffDelayMs(60, 10_000, () => 0)).toBe(MAX_BACKOFF_MS / 2);
  });
});

describe('givesUp', () => {
  it('gives up once the tries since the last replay reach the maximum', () => {
    expect(givesUp(2, 3)).toBe(false);
    expect(givesUp(3, 3)).toBe(true);
  });
});
