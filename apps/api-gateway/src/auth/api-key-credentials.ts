import { looksLikeApiKey } from '@helpdesk/contracts';

/** How a caller presented an API key. */
export type ApiKeyTransport = 'bearer' | 'header' | 'basic' | 'query';

/** What a request carries to say who it is. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'jwt'; token: string }
  | { kind: 'api-key'; key: string; via: ApiKeyTransport }
  /** Something was sent but it cannot be a credential (401; `basic` says a Basic challenge helps). */
  | { kind: 'invalid'; reason: string; basic: boolean };

/** The query parameter Power Query's `OData.Feed(..., [ApiKeyName = "api_key"])` sends the key in. */
export const API_KEY_QUERY_PARAMETER = 'api_key';

export interface CredentialSource {
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
}

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;
const BASIC = /^Basic[ ]+([A-Za-z0-9+/=_-]+)[ ]*$/i;

function fromAuthorization(value: string): Credential {
  const bearer = BEARER.exec(value);
  if (bearer) {
    const token = bearer[1];
    return looksLikeApiKey(token) ? { kind: 'api-key', key: token, via: 'bearer' } : { kind: 'jwt', token };
  }
  const basic = BASIC.exec(value);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [user, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    // Excel and Power BI send "Basic" credentials: any user name, the key as the password. Some
    // tools put the key in the user name and leave the password empty.
    if (looksLikeApiKey(password)) return { kind: 'api-key', key: password, via: 'basic' };
    if (password === '' && looksLikeApiKey(user)) return { kind: 'api-key', key: user, via: 'basic' };
    return { kind: 'invalid', reason: 'Basic authentication takes an API key (hdk_…) as the password', basic: true };
  }
  if (/^Basic\b/i.test(value)) return { kind: 'invalid', reason: 'The Basic credentials are malformed', basic: true };
  return { kind: 'invalid', reason: 'The Authorization header must be "Bearer <token or API key>" or "Basic"', basic: false };
}

/**
 * The credential of a request: `Authorization: Bearer <JWT>` for people; for systems an API key as
 * `Authorization: Bearer hdk_…`, `X-API-Key: hdk_…`, HTTP Basic with the key as the password, or
 * (only where `allowQuery`: the OData feed and report exports) `?api_key=hdk_…`. Two credentials at
 * once are refused rather than guessed between.
 */
export function extractCredential(source: CredentialSource, allowQuery: boolean): Credential {
  const found: Credential[] = [];
  const authorization = source.headers.authorization;
  if (Array.isArray(authorization)) return { kind: 'invalid', reason: 'Send one Authorization header', basic: false };
  if (authorization !== undefined && authorization !== '') found.push(fromAuthorization(authorization));

  const header = source.headers['x-api-key'];
  if (Array.isArray(header)) return { kind: 'invalid', reason: 'Send one X-API-Key header', basic: false };
  if (header !== undefined && header !== '') {
    found.push(
      looksLikeApiKey(header)
        ? { kind: 'api-key', key: header, via: 'header' }
        : { kind: 'invalid', reason: 'X-API-Key must be an API key (hdk_…)', basic: false },
    );
  }

  const query = (source.query ?? {}) as Record<string, unknown>;
  const inQuery = Object.hasOwn(query, API_KEY_QUERY_PARAMETER) ? query[API_KEY_QUERY_PARAMETER] : undefined;
  if (inQuery !== undefined) {
    if (!allowQuery) {
      found.push({
        kind: 'invalid',
        reason: `An API key in the query string (${API_KEY_QUERY_PARAMETER}) is accepted only by the OData feed and report exports; send it as X-API-Key`,
        basic: false,
      });
    } else if (typeof inQuery !== 'string' || !looksLikeApiKey(inQuery)) {
      found.push({ kind: 'invalid', reason: `${API_KEY_QUERY_PARAMETER} must be one API key (hdk_…)`, basic: false });
    } else {
      found.push({ kind: 'api-key', key: inQuery, via: 'query' });
    }
  }

  if (found.length > 1) return { kind: 'invalid', reason: 'Send one credential: a bearer token or an API key, not both', basic: false };
  return found[0] ?? { kind: 'none' };
}

/** Whether a request path belongs to the OData feed, where `?api_key=` is accepted. */
export function isODataPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/odata' || path.startsWith('/odata/') || path.startsWith('/odata(') || path.startsWith('/odata$');
}

/**
 * The WWW-Authenticate challenges of a 401 (RFC 7235, RFC 6750): Bearer always, flagged
 * `invalid_token` when something was presented; Basic first after a Basic attempt, so Excel and
 * Power BI ask for the credentials again.
 */
export function challenges(presented: boolean, basic: boolean): string[] {
  const bearer = presented ? 'Bearer realm="helpdesk", error="invalid_token"' : 'Bearer realm="helpdesk"';
  return basic ? ['Basic realm="helpdesk", charset="UTF-8"', bearer] : [bearer];
}
