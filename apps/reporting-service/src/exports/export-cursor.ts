/** Opaque keyset cursors of the exports: base64url JSON, checked on the way back in. */

export function encodeCursor(values: Record<string, string>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The cursor's values, if it has exactly these string fields (each matching its pattern); null otherwise. */
export function decodeCursor<K extends string>(cursor: string, fields: Record<K, RegExp>): Record<K, string> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const names = Object.keys(fields) as K[];
  if (Object.keys(record).length !== names.length) return null;
  for (const name of names) {
    const value = record[name];
    if (typeof value !== 'string' || !fields[name].test(value)) return null;
  }
  return record as Record<K, string>;
}

/** Takes rows while their JSON stays under `maxBytes` (at least one row), so a bus reply stays under the bus's message limit. */
export function takeWithinBytes<T>(rows: T[], maxBytes: number): T[] {
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(rows[i])) + 1;
    if (bytes > maxBytes && i > 0) return rows.slice(0, i);
  }
  return rows;
}
