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

/**
 * The keyset condition of the page after `cursor` on (`time` DESC, `id` DESC), its two parameters
 * appended to `params`; empty for the first page.
 */
export function keysetAfter(cursor: string | undefined, params: unknown[], time: string, id: string): string {
  if (!cursor) return '';
  const position = decodeListCursor(cursor);
  params.push(position.updatedAt, position.id);
  return `(${time}, ${id}) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
}

/** A page of `limit` rows out of the `limit + 1` read, and the cursor of the next page when there is one. */
export function keysetPage<R, V>(
  rows: R[],
  limit: number,
  positionOf: (row: R) => { time: Date; id: string },
  view: (row: R) => V,
): { data: V[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const position = rows.length > limit && last ? positionOf(last) : null;
  return {
    data: page.map(view),
    nextCursor: position ? encodeListCursor({ updatedAt: position.time.toISOString(), id: position.id }) : null,
  };
}
