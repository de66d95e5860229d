import { decodeCursor, encodeCursor, takeWithinBytes } from './export-cursor';

describe('export cursors', () => {
  const fields = { s: /^\d+$/ };

  it('round-trips its values', () => {
    const cursor = encodeCursor({ s: '8120' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, fields)).toEqual({ s: '8120' });
  });

  it.each([
    ['not base64 json', 'zzz'],
    ['a value of the wrong shape', encodeCursor({ s: '1; DROP' })],
    ['an extra field', Buffer.from(JSON.stringify({ s: '1', x: '2' })).toString('base64url')],
    ['a missing field', encodeCursor({})],
    ['an array', Buffer.from('["1"]').toString('base64url')],
    ['a number instead of a string', Buffer.from('{"s":1}').toString('base64url')],
  ])('refuses %s', (_, cursor) => {
    expect(decodeCursor(cursor, fields)).toBeNull();
  });
});

describe('takeWithinBytes', () => {
  it('cuts a page before it passes the byte budget, keeping at least one row', () => {
    const rows = Array.from({ length: 10 }, () => ['x'.repeat(98)]); // 102 bytes of JSON each, +1
    expect(takeWithinBytes(rows, 1000)).toHaveLength(9);
    expect(takeWithinBytes(rows, 10)).toHaveLength(1);
    expect(takeWithinBytes(rows, 10_000)).toHaveLength(10);
  });
});
