import { describeError, retryDelaySeconds } from './outbox-relay';

describe(retryDelaySeconds.name, () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [4, 8],
    [5, 16],
    [6, 32],
    [7, 60],
    [8, 60],
    [100, 60],
    [0, 1],
    [-1, 1],
    [-50, 1],
  ])('waits %p attempt(s) -> %p s', (attempts, seconds) => {
    expect(retryDelaySeconds(attempts)).toBe(seconds);
  });
});

describe(describeError.name, () => {
  it.each([
    [new Error('boom'), 'boom'],
    ['plain', 'plain'],
    [new AggregateError([new Error('a'), new Error('b')], '2 failed'), '2 failed: a; b'],
  ])('%p -> %p', (error, expected) => {
    expect(describeError(error)).toBe(expected);
  });
});
