/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, and a field
 * quoted (its quotes doubled) when it holds a comma, a quote, CR or LF. Values: null and undefined
 * are empty fields, arrays are joined with `;`, everything else is its string form.
 */

export const CSV_BOM = '\uFEFF';

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.map((v: unknown) => scalar(v)).join(';') : scalar(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A page of rows as the lines of a CSV file (one string per page, so a big page is one write). */
export function csvRecords(rows: readonly (readonly unknown[])[]): string {
  let out = '';
  for (const row of rows) out += csvRecord(row);
  return out;
}

/** A page of an export as reporting-service sends it. */
export interface CsvPage {
  columns: string[];
  rows: readonly (readonly unknown[])[];
  nextCursor: string | null;
}

/**
 * The bytes of a CSV file made of pages: BOM (if asked) and header with the first page, then each
 * next page fetched only when the consumer asks for more (so a slow reader slows the paging).
 */
export async function* csvPages(first: CsvPage, fetchPage: (cursor: string) => Promise<CsvPage>, bom: boolean): AsyncGenerator<Buffer> {
  yield Buffer.from((bom ? CSV_BOM : '') + csvRecord(first.columns) + csvRecords(first.rows), 'utf8');
  let page = first;
  while (page.nextCursor) {
    page = await fetchPage(page.nextCursor);
    yield Buffer.from(csvRecords(page.rows), 'utf8');
  }
}
