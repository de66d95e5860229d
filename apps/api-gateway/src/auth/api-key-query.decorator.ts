import { CustomDecorator, SetMetadata } from '@nestjs/common';

export const API_KEY_IN_QUERY_KEY = 'helpdesk:apiKeyInQuery';

/**
 * The route also accepts the API key as `?api_key=` (report exports fetched by BI tools that
 * cannot send headers). Routes under /odata accept it without this. Keep it off everywhere else:
 * URLs end up in logs, browser history and proxies.
 */
export const AcceptsApiKeyInQuery = (): CustomDecorator => SetMetadata(API_KEY_IN_QUERY_KEY, true);
