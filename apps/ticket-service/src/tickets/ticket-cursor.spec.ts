import { ErrorCode } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { decodeKeyCursor, decodeSeqCursor, encodeKeyCursor, encodeSeqCursor, invalidCursor } from './ticket-cursor';

const cursorOf = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe(encodeKeyCursor.name, () => {
  it('makes an opaque url-safe token', () => {
    expect(encodeKeyCursor('agent@example.com|ü/+?')).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe(decodeKeyCursor.name, () => {
  it.each([['a'], ['2024-05-01T10:00:00.000Z|0b6f3c1e'], ['ñandú / ☃'], ['x'.repeat(300)]])('round-trips key %p', (key) => {
    expect(decodeKeyCursor(encodeKeyCursor(key))).toBe(key);
  });

  it('rejects text that is not base64 of JSON', () => {
    expect(decodeKeyCursor('not a cursor!!')).toBeNull();
  });

  it('rejects an empty cursor', () => {
    expect(decodeKeyCursor('')).toBeNull();
  });

  it.each([[{}], [{ key: 'a' }], [null], [['a']], ['a'], [{ k: 5 }], [{ k: '' }]])(
    'rejects JSON %p without a non-empty string k',
    (value) => {
      expect(decodeKeyCursor(cursorOf(value))).toBeNull();
    },
  );

  it('rejects a key longer than 300 characters', () => {
    expect(decodeKeyCursor(encodeKeyCursor('x'.repeat(301)))).toBeNull();
  });
});

describe(decodeSeqCursor.name, () => {
  it.each([['1'], ['42'], ['123456789012345678']])('round-trips seq %p', (seq) => {
    expect(decodeSeqCursor(encodeSeqCursor(seq))).toBe(seq);
  });

  it.each([['abc'], ['-1'], ['1.5'], ['12a'], [' 12'], ['1234567890123456789']])('rejects non-digit or too long seq %p', (seq) => {
    expect(decodeSeqCursor(encodeKeyCursor(seq))).toBeNull();
  });

  it('rejects text that is not a cursor', () => {
    expect(decodeSeqCursor('%%%')).toBeNull();
  });
});

describe(invalidCursor.name, () => {
  it('is a validation error naming the cursor field', () => {
    const error = invalidCursor();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.details).toEqual({ errors: [expect.objectContaining({ field: 'cursor' })] });
  });
});
