import { KB_SEARCH_MAX_QUERY_LENGTH } from '@helpdesk/contracts';
import { invalid } from '../common/kb-errors';

/** The deepest a ranked result list pages: past it, refine the query. */
export const MAX_SEARCH_OFFSET = 1000;

/**
 * The query as searched: control characters out, runs of white space as one space, trimmed and cut
 * to the longest query taken. Empty means "nothing to search" (the gateway refuses it first).
 */
export function normalizeQuery(text: string, maxLength = KB_SEARCH_MAX_QUERY_LENGTH): string {
  return text
    .replace(/[\p{Cc}\p{Cf}\p{Co}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, maxLength)
    .trim();
}

/** Lower case without diacritics ("Impresión" → "impresion"), as `kb.fold` does in SQL. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Tags as stored: lower case, trimmed, without empties or repeats. */
export function normalizeTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))];
}

/** A ranked page's cursor is the offset of its first hit, opaque to callers. */
export function encodeSearchCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** The offset a cursor names; 400 when it is not one this service made. */
export function decodeSearchCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_SEARCH_OFFSET) {
    throw invalid('cursor', 'cursor must be a cursor returned by a previous page');
  }
  return offset;
}

/** The next page's cursor, or null on the last page (or past the deepest page served). */
export function nextSearchCursor(offset: number, limit: number, more: boolean): string | null {
  const next = offset + limit;
  return more && next <= MAX_SEARCH_OFFSET ? encodeSearchCursor(next) : null;
}

/**
 * Whether a query may be widened to "any of its words": two words or more, and none of the
 * web-search syntax whose meaning an OR would change (phrases, `-word`, `or`).
 */
export function canWiden(text: string): boolean {
  return /\S\s+\S/.test(text) && !/["]|(^|\s)-\S|(^|\s)or(\s|$)/i.test(text);
}
