import { DomainError } from '@helpdesk/platform';
import {
  canWiden,
  decodeSearchCursor,
  encodeSearchCursor,
  fold,
  MAX_SEARCH_OFFSET,
  nextSearchCursor,
  normalizeQuery,
  normalizeTags,
} from './search-query';

describe('normalizeQuery', () => {
  it.each([
    ['  impresora   no\timprime ', 'impresora no imprime'],
    ['impresora\u0000\u200bsin papel', 'impresora sin papel'],
    ['\n\t ', ''],
    ['"cola de impresión" -red', '"cola de impresión" -red'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeQuery(input)).toBe(expected);
  });

  it('cuts to the longest query taken', () => {
    expect(normalizeQuery('a'.repeat(300), 200)).toHaveLength(200);
  });
});

describe('fold', () => {
  it.each([
    ['Impresión', 'impresion'],
    ['CONTRASEÑA', 'contrasena'],
    ['Ça va', 'ca va'],
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe('normalizeTags', () => {
  it('lower-cases, trims and drops empties and repeats', () => {
    expect(normalizeTags([' Impresora', 'impresora', '', 'RED'])).toEqual(['impresora', 'red']);
    expect(normalizeTags(undefined)).toEqual([]);
  });
});

describe('search cursors', () => {
  it('round-trips an offset', () => {
    expect(decodeSearchCursor(encodeSearchCursor(20))).toBe(20);
    expect(decodeSearchCursor(undefined)).toBe(0);
  });

  it.each(['garbage', encodeSearchCursor(MAX_SEARCH_OFFSET + 1), Buffer.from('o:-1').toString('base64url'), ''])(
    'refuses %j with a validation error',
    (cursor) => {
      expect(() => decodeSearchCursor(cursor)).toThrow(DomainError);
    },
  );

  it('gives a next cursor only when there is more within the deepest page', () => {
    expect(nextSearchCursor(0, 10, true)).toBe(encodeSearchCursor(10));
    expect(nextSearchCursor(0, 10, false)).toBeNull();
    expect(nextSearchCursor(MAX_SEARCH_OFFSET, 10, true)).toBeNull();
  });
});

describe('canWiden', () => {
  it.each([
    ['escáner impresora portátil', true],
    ['impresora', false],
    ['"escáner impresora"', false],
    ['impresora -láser', false],
    ['impresora or escáner', false],
    ['e-mail outlook', true],
  ])('%s → %s', (text, widen) => {
    expect(canWiden(text)).toBe(widen);
  });
});
