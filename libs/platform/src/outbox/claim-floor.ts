/**
 * Where an outbox claim starts looking. A published event's row is deleted, but its entry stays in the
 * pending index until VACUUM removes it, and every claim walks the index from its lowest seq: in a busy
 * service that is tens of thousands of dead entries per claim (10 ms each at 1,000 events/s, a fifth of
 * PostgreSQL's time in the channel-intake benchmark with autovacuum off, and any queue table outruns
 * autovacuum under a burst). So most claims start past a floor, and one claim in every `fullScanMs`
 * looks at the whole outbox.
 *
 * The floor only decides how soon a row is seen, never whether: any pending row is found by the next
 * full claim. It is the highest seq published as of the full claim before the last one, which gives a
 * transaction that committed late (its seq was taken before a later one's commit) at least one period
 * to be seen at once. An event that failed to publish holds the floor below it until it is published
 * or parked, so that the events behind it still wait for it (the relay keeps their order), or for
 * `holdMs` (longer than any retry delay: another replica may have published it).
 */
export class ClaimFloor {
  private lastFull = Number.NEGATIVE_INFINITY;
  private floor: bigint | null = null;
  private publishedAtLastFull: bigint | null = null;
  private highestPublished: bigint | null = null;
  private held: bigint | null = null;
  private heldSince = 0;

  constructor(
    private readonly fullScanMs: number,
    private readonly holdMs: number,
  ) {}

  /** The seq the next claim starts after, or null when it looks at the whole outbox. */
  next(now: number): bigint | null {
    if (now - this.lastFull >= this.fullScanMs) {
      this.lastFull = now;
      this.floor = this.publishedAtLastFull;
      this.publishedAtLastFull = this.highestPublished;
      return null;
    }
    if (this.floor === null) return null;
    if (this.held !== null && now - this.heldSince > this.holdMs) this.held = null;
    if (this.held !== null && this.held <= this.floor) return this.held - 1n;
    return this.floor;
  }

  /** These rows were published (and deleted). */
  published(seqs: readonly string[]): void {
    for (const text of seqs) {
      const seq = BigInt(text);
      if (this.highestPublished === null || seq > this.highestPublished) this.highestPublished = seq;
      if (this.held === seq) this.held = null;
    }
  }

  /** This row failed to publish and will be tried again (`parked`: it never will, so it holds nothing). */
  failed(seq: string, parked: boolean, now: number): void {
    const value = BigInt(seq);
    if (parked) {
      if (this.held === value) this.held = null;
      return;
    }
    if (this.held === null || value < this.held) {
      this.held = value;
      this.heldSince = now;
    }
  }
}
