/**
 * API keys look like `hdk_<prefix>_<secret>`: `hdk_` says what it is (secret scanners and the
 * gateway recognise it), the prefix (12 lowercase hex characters, random) names the key without
 * revealing it (lists show it; the lookup uses it), and the secret is 32 random bytes in base64url
 * (43 characters). Only a hash of the whole key is stored.
 */
export const API_KEY_MARKER = 'hdk_';
export const API_KEY_PREFIX_LENGTH = 12;
export const API_KEY_SECRET_LENGTH = 43;

const API_KEY_PATTERN = /^hdk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

/** Whether a credential is meant as an API key (it may still be malformed). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_MARKER);
}

/** The parts of a well-formed key, or null. */
export function parseApiKey(value: string): ParsedApiKey | null {
  const match = API_KEY_PATTERN.exec(value);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function formatApiKey(prefix: string, secret: string): string {
  return `${API_KEY_MARKER}${prefix}_${secret}`;
}
