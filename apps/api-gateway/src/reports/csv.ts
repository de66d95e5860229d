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
 * The bytes of a CSV file made of pages: BOM (if asked) and header with the first page, then the
 * pages in order. One page is asked for ahead while the current one is written (reporting-service
 * and PostgreSQL work on it meanwhile), never more: a slow reader still slows the paging, and at
 * most two pages are held.
 */
export async function* csvPages(first: CsvPage, fetchPage: (cursor: string) => Promise<CsvPage>, bom: boolean): AsyncGenerator<Buffer> {
  let next = first.nextCursor ? fetchPage(first.nextCursor) : null;
  // A prefetch that fails while the current page is written surfaces when it is awaited, not before.
  next?.catch(() => undefined);
  yield Buffer.from((bom ? CSV_BOM : '') + csvRecord(first.columns) + csvRecords(first.rows), 'utf8');
  while (next) {
    const page = await next;
    next = page.nextCursor ? fetchPage(page.nextCursor) : null;
    next?.catch(() => undefined);
    yield Buffer.from(csvRecords(page.rows), 'utf8');
  }
}
