import { addInto, bucketOf, bucketValue, BUCKETS, percentile, single, toDense } from './duration-histogram';

describe('duration histograms', () => {
  it.each([
    [0, 0, 0],
    [0.9, 0, 0],
    [37, 37, 37],
    [63.99, 63, 63],
    [64, 64, 64.5],
    [65, 64, 64.5],
    [66, 65, 66.5],
    [127, 95, 126.5],
    [128, 96, 129.5],
    [131, 96, 129.5],
    [480, 64 + 2 * 32 + 28, 483.5], // 8 h: octave 256–511, width 8, bucket 480–487
    [1440, 64 + 4 * 32 + 13, 1455.5], // a day: width 32, bucket 1440–1471
  ])('%s minutes falls in bucket %s, which stands for %s', (minutes, bucket, value) => {
    expect(bucketOf(minutes)).toBe(bucket);
    expect(bucketValue(bucket)).toBe(value);
  });

  it('keeps every bucket within 1/64 of the values in it', () => {
    for (let m = 0; m < 200_000; m += 7) {
      const v = bucketValue(bucketOf(m));
      expect(Math.abs(v - m)).toBeLessThanOrEqual(Math.max(0.5, m / 64));
    }
    expect(bucketOf(1e12)).toBe(BUCKETS - 1);
  });

  it.each<[number[], number, number | null]>([
    [[], 0.5, null],
    [[10], 0.5, 10],
    [[10, 20], 0.5, 10], // nearest rank: the lower middle, as percentile_disc
    [[10, 20, 30], 0.5, 20],
    [[5, 1, 3, 2, 4], 0.9, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
  ])('percentile of %j at %s is %s', (values, p, expected) => {
    const h = values.reduce((acc, m) => addInto(acc, toDense(single(m))), [] as number[]);
    expect(percentile(h, p)).toBe(expected);
  });

  it('adds and subtracts histograms', () => {
    const h = addInto(addInto([], toDense(single(3))), toDense(single(70)));
    expect(percentile(h, 1)).toBe(70.5);
    addInto(h, toDense(single(70)), -1);
    expect(percentile(h, 1)).toBe(3);
  });
});
