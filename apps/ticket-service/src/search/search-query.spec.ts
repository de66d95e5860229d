import { TicketSort } from '@helpdesk/contracts';
import { encodeKeyCursor, encodeSeqCursor } from '../tickets/ticket-cursor';
import {
  decodeDueCursor,
  decodeRankCursor,
  effectiveSort,
  encodeDueCursor,
  encodeRankCursor,
  nextSearchStep,
  normalizeSearchText,
  SearchStep,
  validateViewFilters,
} from './search-query';

describe('normalizeSearchText', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['   \t\n ', null],
    ['impresora', 'impresora'],
    ['  impresora   rota ', 'impresora rota'],
    ['papel\u0000atascado', 'papel atascado'],
    ['Impresio\u0301n', 'Impresión'],
    ['"papel atascado" -toner', '"papel atascado" -toner'],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });
});

describe('effectiveSort', () => {
  it.each([
    [undefined, false, TicketSort.Newest],
    [TicketSort.Relevance, false, TicketSort.Newest],
    [undefined, true, TicketSort.Newest],
    [TicketSort.Relevance, true, TicketSort.Relevance],
    [TicketSort.Newest, true, TicketSort.Newest],
    [TicketSort.SlaDue, false, TicketSort.SlaDue],
    [TicketSort.SlaDue, true, TicketSort.SlaDue],
  ])('sort %s with search %s orders by %s', (sort, hasSearch, expected) => {
    expect(effectiveSort(sort, hasSearch)).toBe(expected);
  });
});

describe('relevance cursors', () => {
  it.each([
    { rank: '0.0607927', seq: '123' },
    { rank: '1e-20', seq: '1' },
    { rank: '0.99', seq: '999999999999' },
  ])('round-trip %j', (position) => {
    expect(decodeRankCursor(encodeRankCursor(position))).toEqual(position);
  });

  it.each([
    ['a seq cursor', encodeSeqCursor('12')],
    ['garbage', 'not-a-cursor'],
    ['a negative rank', encodeKeyCursor('r:-1:12')],
    ['an injected rank', encodeKeyCursor('r:1;drop:12')],
    ['a missing seq', encodeKeyCursor('r:0.5:')],
  ])('rejects %s', (_name, cursor) => {
    expect(decodeRankCursor(cursor)).toBeNull();
  });
});

describe('validateViewFilters', () => {
  it('accepts the list query’s filters and normalizes the search text', () => {
    expect(validateViewFilters({ q: '  impresora  rota ', status: 'open', tag: 'printer' })).toEqual({
      ok: true,
      filters: { q: 'impresora rota', status: 'open', tag: 'printer' },
    });
  });

  it('drops a search text that is only spaces', () => {
    expect(validateViewFilters({ q: '   ' })).toEqual({ ok: true, filters: {} });
  });

  it.each([
    [{ colour: 'red' }, ['filters.colour']],
    [{ status: 'lost' }, ['filters.status']],
    [{ assigneeId: 'me' }, ['filters.assigneeId']],
    [{ tag: 'Not A Tag' }, ['filters.tag']],
    [{ q: 'x'.repeat(201) }, ['filters.q']],
    [{ limit: 10, priority: 'asap' }, ['filters.limit', 'filters.priority']],
  ])('%j is invalid in %j', (filters, fields) => {
    const result = validateViewFilters(filters);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([...new Set(result.errors.map((e) => e.field))].sort()).toEqual([...fields].sort());
  });
});

describe('nextSearchStep', () => {
  it.each<[string, { walked: number; found: number; needed: number }, SearchStep]>([
    ['starts with a short walk', { walked: 0, found: 0, needed: 26 }, { kind: 'walk', rows: 2000 }],
    ['stops when the page is full', { walked: 2000, found: 26, needed: 26 }, { kind: 'walk', rows: 0 }],
    ['uses the index when the first walk found nothing', { walked: 2000, found: 0, needed: 26 }, { kind: 'index' }],
    ['walks on when the page fills within the window', { walked: 2000, found: 8, needed: 26 }, { kind: 'walk', rows: 18000 }],
    ['uses the index when the page would not fill within the window', { walked: 2000, found: 2, needed: 26 }, { kind: 'index' }],
    ['uses the index once the window is walked', { walked: 20000, found: 25, needed: 26 }, { kind: 'index' }],
  ])('%s', (_name, progress, step) => {
    expect(nextSearchStep(progress, 20000)).toEqual(step);
  });

  it('never walks past a small window', () => {
    expect(nextSearchStep({ walked: 0, found: 0, needed: 26 }, 3)).toEqual({ kind: 'walk', rows: 3 });
  });
});

describe('due-time cursors', () => {
  it.each([[{ dueAt: '2026-11-24T12:00:00.000Z', seq: '42' }], [{ dueAt: null, seq: '7' }]])('round-trips %j', (position) => {
    expect(decodeDueCursor(encodeDueCursor(position))).toEqual(position);
  });

  it.each([['r:0.5:42'], ['d:yesterday:42'], ['d:2026-11-24T12:00:00.000Z:x'], ['42']])('refuses %s', (key) => {
    expect(decodeDueCursor(Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url'))).toBeNull();
  });
});
