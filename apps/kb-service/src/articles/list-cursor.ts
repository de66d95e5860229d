import { ErrorCode } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';

export interface ListPosition {
  updatedAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeListCursor(position: ListPosition): string {
  return Buffer.from(`${position.updatedAt}|${position.id}`).toString('base64url');
}

/** The position a cursor names; 400 when it is not one this service made. */
export function decodeListCursor(cursor: string): ListPosition {
  const [updatedAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || !UUID.test(id) || !updatedAt || Number.isNaN(Date.parse(updatedAt))) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The cursor is not valid', {
      errors: [{ field: 'cursor', message: 'cursor must be a cursor returned by a previous page' }],
    });
  }
  return { updatedAt, id };
}
