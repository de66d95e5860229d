import { passDelay } from './pass-pacing';

describe(passDelay.name, () => {
  it.each([
    ['no pass yet', 1_000, null, 20, 5, 5],
    ['after an idle pass', 1_000, { startedAt: 995, published: false }, 20, 5, 5],
    ['busy, the last pass started just now', 1_000, { startedAt: 1_000, published: true }, 20, 5, 20],
    ['busy, the last pass started 8 ms ago', 1_000, { startedAt: 992, published: true }, 20, 5, 12],
    ['busy, the spacing nearly over: still coalesces', 1_000, { startedAt: 982, published: true }, 20, 5, 5],
    ['busy, the last pass long ago', 1_000, { startedAt: 100, published: true }, 20, 5, 5],
    ['no spacing', 1_000, { startedAt: 1_000, published: true }, 0, 5, 5],
    ['spacing below the coalescing', 1_000, { startedAt: 1_000, published: true }, 2, 5, 5],
  ])('%s', (_case, now, last, spacing, coalesce, expected) => {
    expect(passDelay(now, last, spacing, coalesce)).toBe(expected);
  });
});
