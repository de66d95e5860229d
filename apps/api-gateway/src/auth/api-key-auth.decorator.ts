import { applyDecorators } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

/** Security scheme names declared in setUpOpenApi. */
export const API_KEY_SECURITY = {
  header: 'api-key',
  bearer: 'api-key-bearer',
  basic: 'api-key-basic',
  query: 'api-key-query',
} as const;

/**
 * Documents that the route takes an API key (besides a person's bearer token): as X-API-Key, as a
 * bearer token, or as the password of HTTP Basic; with `query`, also as `?api_key=`.
 */
export const ApiKeyAuth = (options: { query?: boolean } = {}) =>
  applyDecorators(
    ApiSecurity(API_KEY_SECURITY.header),
    ApiBearerAuth(API_KEY_SECURITY.bearer),
    ApiBasicAuth(API_KEY_SECURITY.basic),
    ...(options.query ? [ApiSecurity(API_KEY_SECURITY.query)] : []),
  );
