import { ErrorCode, IDEMPOTENCY_KEY_PATTERN, isUuid, parseTicketRef } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { parseIfMatch } from './etag';

/** A 400 naming one bad request parameter. */
export function invalidParam(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, message, { errors: [{ field, message }] });
}

/** A ticket path parameter: a uuid or a number like HD-000123; anything else is a 400. */
export function ticketRefParam(value: string): string {
  if (parseTicketRef(value).kind === 'invalid') throw invalidParam('id', 'id must be a ticket uuid or a ticket number like HD-000123');
  return value;
}

export function uuidParam(value: string, field = 'id'): string {
  if (!isUuid(value)) throw invalidParam(field, `${field} must be a UUID`);
  return value;
}

/** The Idempotency-Key header, if any: 1 to 200 visible ASCII characters. */
export function idempotencyKeyHeader(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value[0] : value;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key))
    throw invalidParam('Idempotency-Key', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
  return key;
}

/** The version an If-Match header names (undefined when absent or `*`); anything we did not issue is a 412. */
export function expectedVersionHeader(ifMatch: string | undefined): number | undefined {
  const condition = parseIfMatch(ifMatch);
  if (condition.kind === 'unparsable' || (condition.kind === 'versions' && condition.versions.length !== 1)) {
    throw new DomainError(ErrorCode.PreconditionFailed, 'If-Match must be one ETag returned by this API');
  }
  return condition.kind === 'versions' ? condition.versions[0] : undefined;
}
