/**
 * Durations in minutes kept as counts per bucket, so that medians and p90s add up across days,
 * teams and months without keeping every value. Buckets are exact minutes below 64, then 32 per
 * doubling (64–65, 66–67, …, 128–131, …): a percentile is off by at most 1/64 of its value (the
 * bucket's middle is reported). A histogram is an array of counts indexed by bucket.
 */

const EXACT = 64;
const PER_OCTAVE = 32;
const SHIFT = Math.log2(PER_OCTAVE); // 5
/** Durations beyond ≈ 2^22 minutes (8 years) share the last bucket. */
export const BUCKETS = EXACT + PER_OCTAVE * (22 - 6);

export type Histogram = number[];

export function bucketOf(minutes: number): number {
  const m = Math.max(0, Math.floor(minutes));
  if (m < EXACT) return m;
  const octave = Math.floor(Math.log2(m)); // ≥ 6
  const width = 2 ** (octave - SHIFT);
  const sub = Math.floor(m / width) - PER_OCTAVE; // 0..31
  return Math.min(BUCKETS - 1, EXACT + (octave - 6) * PER_OCTAVE + sub);
}

/** The value a bucket stands for: the minute itself below 64, the middle of its range above. */
export function bucketValue(bucket: number): number {
  if (bucket < EXACT) return bucket;
  const octave = 6 + Math.floor((bucket - EXACT) / PER_OCTAVE);
  const sub = (bucket - EXACT) % PER_OCTAVE;
  const width = 2 ** (octave - SHIFT);
  const low = (PER_OCTAVE + sub) * width;
  return low + (width - 1) / 2;
}

/** `into += from`, element by element (sparse arrays and nulls count as 0). */
export function addInto(into: Histogram, from: readonly (number | null)[] | null | undefined, sign = 1): Histogram {
  if (!from) return into;
  for (let i = 0; i < from.length; i++) {
    const v = from[i];
    if (v) into[i] = (into[i] ?? 0) + sign * v;
  }
  return into;
}

export function countOf(h: readonly (number | null)[]): number {
  let n = 0;
  for (const v of h) n += v ?? 0;
  return n;
}

/**
 * The nearest-rank percentile (`p` in (0, 1]): the smallest value with at least p·n values at or
 * below it, as PostgreSQL's percentile_disc; null for an empty histogram.
 */
export function percentile(h: readonly (number | null)[], p: number): number | null {
  const n = countOf(h);
  if (!n) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let b = 0; b < h.length; b++) {
    seen += h[b] ?? 0;
    if (seen >= rank) return bucketValue(b);
  }
  return null;
}

/** A few durations, as counts by bucket (how contributions carry them: most hold one duration). */
export type SparseHistogram = Map<number, number>;

/** A histogram holding one duration. */
export function single(minutes: number): SparseHistogram {
  return new Map([[bucketOf(minutes), 1]]);
}

/** `into += sign × from`. */
export function addSparse(into: SparseHistogram, from: SparseHistogram, sign = 1): SparseHistogram {
  for (const [bucket, n] of from) into.set(bucket, (into.get(bucket) ?? 0) + sign * n);
  return into;
}

/** As an array indexed by bucket, without trailing zeros (how the statistics store it). */
export function toDense(h: SparseHistogram | undefined): Histogram {
  const out: Histogram = [];
  if (!h) return out;
  let last = -1;
  for (const [bucket, n] of h) if (n !== 0 && bucket > last) last = bucket;
  for (let i = 0; i <= last; i++) out.push(h.get(i) ?? 0);
  return out;
}
