interface Entry<V> {
  value: V;
  /** When the entry stops being trusted (ms) */
  until: number;
}

/**
 * A small in-memory cache whose entries live `ttlMs` at most (or less, when `set` is given an
 * earlier end), holding `maxEntries` at most (the oldest go first). A TTL of 0 caches nothing.
 * `now` is injectable for tests.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` for the TTL, or until `notAfter` (ms) when that comes first. */
  set(key: K, value: V, notAfter = Infinity): void {
    if (this.ttlMs <= 0) return;
    const now = this.now();
    const until = Math.min(now + this.ttlMs, notAfter);
    if (until <= now) return;
    this.entries.delete(key);
    // Oldest first: Map keeps insertion order, so the first entries are the ones to drop.
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, until });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches (e.g. all the hashes of a revoked key). */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
