import { VerifiedApiKey } from '@helpdesk/contracts';

interface Entry {
  key: VerifiedApiKey;
  /** When the entry stops being trusted (ms) */
  until: number;
}

/**
 * Keys verified lately, by the hash of the key, so that a BI refresh making hundreds of requests
 * asks ticket-service once per TTL. An entry lives `ttlMs` at most and never past the key's own
 * expiry; a revocation reaches every gateway within `ttlMs` (and the gateway that revoked it at
 * once, through `forget`). `now` is injectable for tests.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(hash: string): VerifiedApiKey | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.key;
  }

  set(hash: string, key: VerifiedApiKey): void {
    if (this.ttlMs <= 0) return;
    const now = this.now();
    const expires = key.expiresAt ? Date.parse(key.expiresAt) : Infinity;
    const until = Math.min(now + this.ttlMs, expires);
    if (until <= now) return;
    this.entries.delete(hash);
    // Oldest first: Map keeps insertion order, so the first entries are the ones to drop.
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(hash, { key, until });
  }

  /** Drops every entry of a key (its id), e.g. right after revoking it. */
  forget(id: string): void {
    for (const [hash, entry] of this.entries) if (entry.key.id === id) this.entries.delete(hash);
  }

  get size(): number {
    return this.entries.size;
  }
}
