import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX_LENGTH, formatApiKey } from '@helpdesk/contracts';

/** A new key: the full key (shown once), its prefix (kept and shown) and its hash (kept). */
export interface NewApiKey {
  prefix: string;
  secret: string;
  hash: Buffer;
}

/**
 * SHA-256 of the whole key. Enough for a key of 256 random bits: nobody can guess one, so the
 * slow, salted hashes passwords need would only slow every request down.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Whether two hashes are the same, in time that does not depend on where they differ. */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Makes a key from `random` (defaults to the system's CSPRNG; tests pass their own bytes). */
export function newApiKey(random: (size: number) => Buffer = randomBytes): NewApiKey {
  const prefix = random(API_KEY_PREFIX_LENGTH / 2).toString('hex');
  const secret = formatApiKey(prefix, random(32).toString('base64url'));
  return { prefix, secret, hash: hashApiKey(secret) };
}
