/**
 * What an API key may be allowed to do. A key reaches only gateway routes marked `@Scopes(...)`
 * with one of its scopes. Add a scope here, then mark the routes (and the services' checks) it opens.
 * - `reports:read`: reports, exports and the OData feed (BI tools: Power BI, Excel, Tableau, Metabase).
 */
export const API_KEY_SCOPES = ['reports:read'] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);
}
