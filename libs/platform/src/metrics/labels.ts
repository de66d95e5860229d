import { ErrorCode } from '@helpdesk/contracts';
import { DomainError } from '../errors/domain-error';

/** What a request that matched no route is counted as: raw URLs never become label values. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The `route` label of an HTTP request: the router's pattern (`/api/v1/tickets/:idOrNumber`), never
 * the URL, so ids stay out of labels and the number of series is bounded by the number of routes.
 * Trailing slashes are dropped (the router ignores them too); no pattern means no route matched.
 */
export function routeLabel(pattern: string | undefined): string {
  if (!pattern) return UNMATCHED_ROUTE;
  const trimmed = pattern.length > 1 ? pattern.replace(/\/+$/, '') : pattern;
  return trimmed || '/';
}

/** The `method` label: the standard methods as they are, anything else as OTHER. */
export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : 'OTHER';
}

export type BusRequestOutcome = 'ok' | 'error' | 'timeout' | 'unavailable';

/**
 * How a bus request ended, for the caller: `ok`; `error` when the responder answered with an error
 * (not found, validation...); `timeout` when it did not answer in time; `unavailable` when nothing
 * answered (no responder, bus down).
 */
export function busRequestOutcome(error?: unknown): BusRequestOutcome {
  if (error === undefined) return 'ok';
  if (error instanceof DomainError && error.code === ErrorCode.ServiceUnavailable) {
    const details = error.details as { timeoutMs?: unknown } | undefined;
    return details && typeof details.timeoutMs === 'number' ? 'timeout' : 'unavailable';
  }
  return 'error';
}
