import { formatTicketNumber, isUuid, parseTicketRef } from './ticket-number';

describe(formatTicketNumber.name, () => {
  it.each([
    [1, 'HD-000001'],
    [42, 'HD-000042'],
    [999999, 'HD-999999'],
    [1000000, 'HD-1000000'],
    [1234567, 'HD-1234567'],
  ])('formats sequence %p as %p', (sequence, expected) => {
    expect(formatTicketNumber(sequence)).toBe(expected);
  });

  it.each([[0], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [Number.MAX_SAFE_INTEGER + 1]])(
    'rejects %p with a RangeError',
    (sequence) => {
      expect(() => formatTicketNumber(sequence)).toThrow(RangeError);
    },
  );
});

describe(parseTicketRef.name, () => {
  it('recognises a lower-case uuid as an id', () => {
    expect(parseTicketRef('0b6f3c1e-8a2d-4f4e-9c5b-2d7e1a3f4b5c')).toEqual({ kind: 'id', id: '0b6f3c1e-8a2d-4f4e-9c5b-2d7e1a3f4b5c' });
  });

  it('lower-cases an upper-case uuid', () => {
    expect(parseTicketRef('0B6F3C1E-8A2D-4F4E-9C5B-2D7E1A3F4B5C')).toEqual({ kind: 'id', id: '0b6f3c1e-8a2d-4f4e-9c5b-2d7e1a3f4b5c' });
  });

  it('recognises an upper-case ticket number', () => {
    expect(parseTicketRef('HD-000123')).toEqual({ kind: 'number', number: 'HD-000123' });
  });

  it('upper-cases a lower-case ticket number', () => {
    expect(parseTicketRef('hd-000123')).toEqual({ kind: 'number', number: 'HD-000123' });
  });

  it('accepts a ticket number longer than six digits', () => {
    expect(parseTicketRef('HD-1234567')).toEqual({ kind: 'number', number: 'HD-1234567' });
  });

  it.each([
    ['HD-12'],
    ['HD-00012'],
    ['HD-'],
    ['000123'],
    ['XX-000123'],
    ['HD-000123x'],
    [' HD-000123'],
    ['not-a-ticket'],
    [''],
    ['0b6f3c1e-8a2d-4f4e-9c5b'],
  ])('treats %p as invalid', (value) => {
    expect(parseTicketRef(value)).toEqual({ kind: 'invalid' });
  });
});

describe(isUuid.name, () => {
  it.each([['0b6f3c1e-8a2d-4f4e-9c5b-2d7e1a3f4b5c'], ['0B6F3C1E-8A2D-4F4E-9C5B-2D7E1A3F4B5C']])('accepts %p', (value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each([
    ['0b6f3c1e8a2d4f4e9c5b2d7e1a3f4b5c'],
    ['0b6f3c1e-8a2d-4f4e-9c5b-2d7e1a3f4b5'],
    ['zb6f3c1e-8a2d-4f4e-9c5b-2d7e1a3f4b5c'],
    ['HD-000123'],
    [''],
  ])('rejects %p', (value) => {
    expect(isUuid(value)).toBe(false);
  });
});
