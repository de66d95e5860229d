import { ApiKeyScope } from '@helpdesk/contracts';

/**
 * Whether an API key with `held` scopes may call a route marked with `required` (any one of them
 * suffices); the reason when not. A route without scopes is closed to every key.
 */
export function scopeRefusal(held: readonly ApiKeyScope[], required: readonly ApiKeyScope[] | undefined): string | null {
  if (!required?.length) return 'This API key lacks the scope for this route: no API key scope opens it, it needs a user’s bearer token';
  if (required.some((scope) => held.includes(scope))) return null;
  return `This API key lacks the scope ${required.join(' or ')}`;
}
