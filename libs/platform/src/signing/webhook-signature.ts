import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a webhook's signature was refused; `null` from verifySignature means it is good. */
export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

/**
 * `t=<unix seconds>,v1=<hex>` (several `v1` entries are allowed, as during a secret rotation;
 * unknown schemes are ignored). Null when there is no usable timestamp or no v1 signature.
 */
export function parseSignatureHeader(header: string): ParsedSignature | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') timestamp = /^\d{1,12}$/.test(value) ? Number(value) : null;
    else if (key === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) signatures.push(value.toLowerCase());
  }
  return timestamp === null || !signatures.length ? null : { timestamp, signatures };
}

/** The hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the channel's secret. */
export function computeSignature(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * What a signed GET (the CTI caller lookup) signs in place of a body: the request's path with its
 * query exactly as sent, so the HMAC is over `<t>.<path?query>`, e.g.
 * `1764403200./webhooks/cti/<channelId>/lookup?number=%2B34600111222`.
 */
export function signedRequestString(timestamp: number, pathAndQuery: string): string {
  return `${timestamp}.${pathAndQuery}`;
}

/** The header a sender puts on a body (what the tests and the outbound deliveries use). */
export function signatureHeader(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, rawBody)}`;
}

/**
 * Checks `X-Helpdesk-Signature` against the raw body: the timestamp must be within `toleranceSeconds`
 * of `now` (either way: a replay later, or a clock far ahead), and one v1 signature must match,
 * compared in constant time.
 */
export function verifySignature(input: {
  header: string | undefined;
  secret: string;
  rawBody: Buffer | string;
  now: Date;
  toleranceSeconds: number;
}): SignatureProblem | null {
  if (!input.header) return 'missing';
  const parsed = parseSignatureHeader(input.header);
  if (!parsed) return 'malformed';
  if (Math.abs(input.now.getTime() / 1000 - parsed.timestamp) > input.toleranceSeconds) return 'stale';
  const expected = Buffer.from(computeSignature(input.secret, parsed.timestamp, input.rawBody), 'hex');
  const matches = parsed.signatures.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  return matches ? null : 'mismatch';
}
