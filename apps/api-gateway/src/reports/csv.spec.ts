import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { CSV_BOM, csvField, CsvPage, csvPages, csvRecord, csvRecords } from './csv';

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

describe('csvPages', () => {
  const pages: Record<string, CsvPage> = {
    p2: { columns: ['id', 'subject'], rows: [['2', 'b, c']], nextCursor: 'p3' },
    p3: { columns: ['id', 'subject'], rows: [['3', 'ñ "d"']], nextCursor: null },
  };
  const first: CsvPage = { columns: ['id', 'subject'], rows: [['1', 'a']], nextCursor: 'p2' };

  it('writes the header once and every page after it, as one parseable file', async () => {
    const text = Buffer.concat(await Readable.from(csvPages(first, (c) => Promise.resolve(pages[c]), true)).toArray()).toString('utf8');
    expect(text).toBe('\uFEFFid,subject\r\n1,a\r\n2,"b, c"\r\n3,"ñ ""d"""\r\n');
    expect(parse(text, { bom: true, columns: true })).toEqual([
      { id: '1', subject: 'a' },
      { id: '2', subject: 'b, c' },
      { id: '3', subject: 'ñ "d"' },
    ]);
  });

  it('asks for one page ahead of the reader, never more', async () => {
    const asked: string[] = [];
    const stream = csvPages(
      first,
      (cursor) => {
        asked.push(cursor);
        return Promise.resolve(pages[cursor]);
      },
      false,
    );
    await stream.next();
    expect(asked).toEqual(['p2']);
    await stream.next();
    expect(asked).toEqual(['p2', 'p3']);
    await stream.next();
    expect(asked).toEqual(['p2', 'p3']);
    expect((await stream.next()).done).toBe(true);
  });

  it('fails the stream when a later page fails (the download is cut short)', async () => {
    const stream = Readable.from(csvPages(first, () => Promise.reject(new Error('reporting-service did not answer')), false));
    await expect(stream.toArray()).rejects.toThrow('did not answer');
  });
});
