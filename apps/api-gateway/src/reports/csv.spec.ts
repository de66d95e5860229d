import { parse } from 'csv-parse/sync';
import { CSV_BOM, csvField, csvRecord, csvRecords } from './csv';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['with "quotes"', '"with ""quotes"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['crlf\r\ninside', '"crlf\r\ninside"'],
    ['Canción ñandú 日本', 'Canción ñandú 日本'],
    ['', ''],
    [' leading and trailing spaces ', ' leading and trailing spaces '],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes null and undefined as empty fields, numbers and booleans as text, arrays joined with ;', () => {
    expect(csvRecord([null, undefined, 12.5, 0, true, ['a', 'b,c']])).toBe(',,12.5,0,true,"a;b,c"\r\n');
  });

  it('ends every record with CRLF', () => {
    expect(csvRecords([['a'], ['b']])).toBe('a\r\nb\r\n');
    expect(csvRecords([])).toBe('');
  });

  it('round-trips through a real CSV parser, BOM included', () => {
    const rows = [
      ['id', 'subject', 'n'],
      ['1', 'Impresora, planta 3', '7'],
      ['2', 'Dice "no funciona"\r\ny se reinicia', ''],
      ['3', 'Canción ñandú 日本 🎫', '-1.5'],
      ['4', '"', ','],
    ];
    const text = CSV_BOM + csvRecords(rows);
    expect(parse(text, { bom: true, relax_column_count: false })).toEqual(rows);
  });
});
