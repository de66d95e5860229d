/** The longest wait between two tries of one delivery. */
export const MAX_BACKOFF_MS = 3_600_000;

/**
 * How long to wait after the `failures`-th failed try (1 = the first) before the next one:
 * `baseMs · 2^(failures-1)`, capped at an hour, with "equal jitter" (half of it fixed, the other half
 * random) so that receivers coming back up are not hit by every retry at the same instant.
 * `random` is in [0, 1), as Math.random.
 */
export function backoffDelayMs(failures: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, failures - 1));
  const half = exponential / 2;
  return Math.round(half + half * Math.min(Math.max(random(), 0), 1));
}

/** Whether a delivery that has just failed its try number `attempts` (counted since its last replay) is given up. */
export function givesUp(attemptsSinceReplay: number, maxAttempts: number): boolean {
  return attemptsSinceReplay >= maxAttempts;
}
