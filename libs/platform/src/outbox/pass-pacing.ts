/** The relay's last pass as pacing sees it: when it started, and whether it had anything to publish. */
export interface LastPass {
  startedAt: number;
  published: boolean;
}

/**
 * How long the outbox relay waits before its next pass, in ms from `now`. Commits that land within
 * `coalesceMs` of each other share a pass. While the outbox is busy (the last pass published
 * something), passes start at least `spacingMs` apart, so that a steady stream of commits is moved
 * in fewer, larger passes: each pass costs a claim and a delete in PostgreSQL and a publish burst,
 * whatever its size. After an idle pass the next one starts after `coalesceMs` only.
 */
export function passDelay(now: number, last: LastPass | null, spacingMs: number, coalesceMs: number): number {
  if (!last?.published) return coalesceMs;
  return Math.max(coalesceMs, last.startedAt + spacingMs - now);
}
