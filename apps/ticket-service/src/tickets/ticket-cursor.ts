import { ErrorCode } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';

/** Opaque keyset cursors: a position after which the next page starts; stable under inserts, no offsets. */
export function encodeKeyCursor(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

/** The key a cursor points after, or null when the cursor was not made by encodeKeyCursor. */
export function decodeKeyCursor(cursor: string): string | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const key = (value as { k?: unknown })?.k;
    return typeof key === 'string' && key.length > 0 && key.length <= 300 ? key : null;
  } catch {
    return null;
  }
}

export function encodeSeqCursor(seq: string): string {
  return encodeKeyCursor(seq);
}

/** The ticket sequence a cursor points after, or null when it is not a ticket cursor. */
export function decodeSeqCursor(cursor: string): string | null {
  const key = decodeKeyCursor(cursor);
  return key !== null && /^\d{1,18}$/.test(key) ? key : null;
}

export function invalidCursor(): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, 'The cursor is not valid', {
    errors: [{ field: 'cursor', message: 'cursor must be a nextCursor returned by a previous page' }],
  });
}
