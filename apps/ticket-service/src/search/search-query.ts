import { FieldError, TICKET_FILTER_NAMES, TicketFiltersDto, TicketSort } from '@helpdesk/contracts';
import { flattenValidationErrors } from '@helpdesk/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { decodeKeyCursor, encodeKeyCursor } from '../tickets/ticket-cursor';

/**
 * The text of a search as the database receives it: composed accents (NFC, so "é" typed as "e" +
 * a combining accent is folded like "é"), no control characters, single spaces. null when nothing
 * is left to search for (then there is no full-text condition at all).
 */
export function normalizeSearchText(q: string | undefined | null): string | null {
  if (q === undefined || q === null) return null;
  const text = q
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length ? text : null;
}

/**
 * The order a list actually uses: newest first unless relevance is asked for, which only makes
 * sense with search text (ranking every match of a common word costs ~1 s on a million tickets).
 */
export function effectiveSort(sort: TicketSort | undefined, hasSearch: boolean): TicketSort {
  if (sort === TicketSort.SlaDue) return TicketSort.SlaDue;
  return hasSearch && sort === TicketSort.Relevance ? TicketSort.Relevance : TicketSort.Newest;
}

/**
 * Cursors of pages ordered by SLA due time (earliest first, tickets without one last, ties oldest
 * first): the last row's due time (ISO, millisecond precision like the times sla-service reports) or
 * null, and its seq.
 */
export interface DuePosition {
  dueAt: string | null;
  seq: string;
}

export function encodeDueCursor(position: DuePosition): string {
  return encodeKeyCursor(`d:${position.dueAt ?? '-'}:${position.seq}`);
}

/** The position a due-time cursor points after, or null when it is not one. */
export function decodeDueCursor(cursor: string): DuePosition | null {
  const match = /^d:(-|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z):(\d{1,18})$/.exec(decodeKeyCursor(cursor) ?? '');
  if (!match) return null;
  const dueAt = match[1] === '-' ? null : match[1];
  if (dueAt !== null && Number.isNaN(Date.parse(dueAt))) return null;
  return { dueAt, seq: match[2] };
}

/** The next step of a newest-first search: walk the next `rows` older tickets in seq order, or use the text index for all the rest. */
export type SearchStep = { kind: 'walk'; rows: number } | { kind: 'index' };

/** How many of the newest tickets a search walks first. */
export const FIRST_WALK = 2_000;

/**
 * Chooses the next step of a newest-first search from what the walk found so far: walking costs
 * per ticket walked, the text index per ticket matching. A first short walk measures how dense the
 * matches are among recent tickets; if the page would fill within `maxWalk` tickets at that density
 * the walk goes on, otherwise (a rare word, a reference number) the text index finds the rest.
 */
export function nextSearchStep(progress: { walked: number; found: number; needed: number }, maxWalk: number): SearchStep {
  const { walked, found, needed } = progress;
  if (found >= needed) return { kind: 'walk', rows: 0 };
  if (walked === 0) return { kind: 'walk', rows: Math.min(FIRST_WALK, maxWalk) };
  if (found === 0 || walked >= maxWalk) return { kind: 'index' };
  const expected = Math.ceil(((needed - found) * walked) / found);
  return walked + expected <= maxWalk ? { kind: 'walk', rows: maxWalk - walked } : { kind: 'index' };
}

/**
 * Cursors of relevance-ordered pages: the rank of the last row, as PostgreSQL printed it (a `real`
 * prints exactly, so comparing it again finds the same row), and its seq to break ties.
 */
export interface RankPosition {
  rank: string;
  seq: string;
}

const RANK = /^\d+(\.\d+)?(e[-+]?\d+)?$/;

export function encodeRankCursor(position: RankPosition): string {
  return encodeKeyCursor(`r:${position.rank}:${position.seq}`);
}

/** The position a relevance cursor points after, or null when it is not one. */
export function decodeRankCursor(cursor: string): RankPosition | null {
  const key = decodeKeyCursor(cursor);
  const parts = key?.split(':');
  if (!parts || parts.length !== 3 || parts[0] !== 'r') return null;
  const [, rank, seq] = parts;
  return RANK.test(rank) && rank.length <= 40 && /^\d{1,18}$/.test(seq) ? { rank, seq } : null;
}

/**
 * Checks a saved view's filters against the list query's rules (same names, same values): the
 * typed filters, or one error per field, named `filters.<name>`.
 */
export function validateViewFilters(
  filters: Record<string, unknown>,
): { ok: true; filters: TicketFiltersDto } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const name of Object.keys(filters)) {
    if (!(TICKET_FILTER_NAMES as readonly string[]).includes(name)) {
      errors.push({ field: `filters.${name}`, message: `${name} is not a ticket filter (use ${TICKET_FILTER_NAMES.join(', ')})` });
    }
  }
  const known = Object.fromEntries(Object.entries(filters).filter(([name]) => (TICKET_FILTER_NAMES as readonly string[]).includes(name)));
  const typed = plainToInstance(TicketFiltersDto, known);
  errors.push(...flattenValidationErrors(validateSync(typed, { forbidUnknownValues: true }), 'filters'));
  if (errors.length) return { ok: false, errors };
  const clean = Object.fromEntries(Object.entries(typed).filter(([, value]) => value !== undefined && value !== null)) as TicketFiltersDto;
  if (clean.q !== undefined) {
    const q = normalizeSearchText(clean.q);
    if (q === null) delete clean.q;
    else clean.q = q;
  }
  return { ok: true, filters: clean };
}
