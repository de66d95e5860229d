import { createHmac, timingSafeEqual } from 'node:crypto';

/** POST parameters as a form body carries them: a name may repeat. */
export type FormParams = Record<string, string | string[]>;

/**
 * `X-Twilio-Signature` exactly as Twilio computes it: base64 of HMAC-SHA1 with the account's auth
 * token over the full URL it called followed by every POST parameter sorted by name (byte order), each
 * name immediately followed by its value (a repeated name: each value, in sorted order).
 */
export function computeTwilioSignature(authToken: string, url: string, params: FormParams): string {
  const names = Object.keys(params).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let data = url;
  for (const name of names) {
    const value = params[name];
    const values = Array.isArray(value) ? [...value].sort() : [value];
    for (const v of values) data += name + v;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The form body's parameters (`application/x-www-form-urlencoded`), repeated names kept as arrays. */
export function parseForm(rawBody: Buffer | string): FormParams {
  const params: FormParams = {};
  for (const [name, value] of new URLSearchParams(rawBody.toString())) {
    const current = params[name];
    if (current === undefined) params[name] = value;
    else params[name] = Array.isArray(current) ? [...current, value] : [current, value];
  }
  return params;
}

/** Why a Twilio signature was refused; `null` from verifyTwilioSignature means it is good. */
export type TwilioSignatureProblem = 'missing' | 'mismatch';

/** Checks the header against the URL and parameters, in constant time. */
export function verifyTwilioSignature(input: {
  header: string | undefined;
  authToken: string;
  url: string;
  params: FormParams;
}): TwilioSignatureProblem | null {
  if (!input.header) return 'missing';
  const expected = Buffer.from(computeTwilioSignature(input.authToken, input.url, input.params));
  const given = Buffer.from(input.header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'mismatch';
}

/**
 * The URL the provider called: the configured public base URL (scheme, host and any path prefix the
 * proxy strips) followed by the request's path and query, or, without one, the request's own URL.
 */
export function signedUrl(publicBaseUrl: string | undefined, path: string, requestUrl: string): string {
  if (!publicBaseUrl) return requestUrl;
  return publicBaseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
