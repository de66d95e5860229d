/** How a value read on scrape is kept: reused for `ttlMs`, and a slow or failed read keeps the last one. */
export interface CachedSampleOptions {
  /** How long a value read is served before the next scrape reads again */
  ttlMs: number;
  /** How long a scrape waits for a read before serving the last value (the read goes on in the background) */
  timeoutMs: number;
  /** Milliseconds now; injectable for tests */
  now?: () => number;
}

/**
 * A value read on scrape (a count from the database, a consumer's info from JetStream), cached for a
 * few seconds. `get()` never rejects and never waits longer than the timeout: a read that fails or
 * is too slow leaves the last value in place (`undefined` before the first success). One read at a
 * time: scrapes that come while one is running share it.
 */
export class CachedSample<T> {
  private value: T | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly options: CachedSampleOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The last value read, after reading again if it is older than the TTL. */
  async get(): Promise<T | undefined> {
    if (this.now() - this.readAt < this.options.ttlMs) return this.value;
    const refresh = this.refresh();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.timeoutMs);
      timer.unref?.();
    });
    try {
      await Promise.race([refresh, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return this.value;
  }

  private refresh(): Promise<void> {
    this.inFlight ??= (async () => {
      try {
        const value = await this.read();
        this.value = value;
        this.readAt = this.now();
      } catch {
        // Keep the last value; the next scrape tries again.
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }
}
