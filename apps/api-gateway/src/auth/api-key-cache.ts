import { VerifiedApiKey } from '@helpdesk/contracts';
import { TtlCache } from '@helpdesk/platform';

/**
 * Keys verified lately, by the hash of the key, so that a BI refresh making hundreds of requests
 * asks ticket-service once per TTL. An entry lives `ttlMs` at most and never past the key's own
 * expiry; a revocation reaches every gateway within `ttlMs` (and the gateway that revoked it at
 * once, through `forget`). `now` is injectable for tests.
 */
export class ApiKeyCache {
  private readonly entries: TtlCache<string, VerifiedApiKey>;

  constructor(ttlMs: number, maxEntries: number, now: () => number) {
    this.entries = new TtlCache(ttlMs, maxEntries, now);
  }

  get(hash: string): VerifiedApiKey | undefined {
    return this.entries.get(hash);
  }

  set(hash: string, key: VerifiedApiKey): void {
    this.entries.set(hash, key, key.expiresAt ? Date.parse(key.expiresAt) : Infinity);
  }

  /** Drops every entry of a key (its id), e.g. right after revoking it. */
  forget(id: string): void {
    this.entries.deleteWhere((key) => key.id === id);
  }

  get size(): number {
    return this.entries.size;
  }
}
