/** A strong ETag from a resource version. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

export type IfMatch = { kind: 'absent' } | { kind: 'any' } | { kind: 'versions'; versions: number[] } | { kind: 'unparsable' };

/**
 * Reads an If-Match header: `*`, or one or more (weak or strong) entity tags made by versionEtag.
 * Tags we never issued make the header unparsable, which the caller answers with 412.
 */
export function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '') return { kind: 'absent' };
  if (header.trim() === '*') return { kind: 'any' };
  const versions: number[] = [];
  for (const part of header.split(',')) {
    const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(part);
    if (!match) return { kind: 'unparsable' };
    versions.push(Number(match[1]));
  }
  return { kind: 'versions', versions };
}

/** Whether an If-None-Match header names the current version (a 304 can be answered). */
export function matchesIfNoneMatch(header: string | undefined, version: number): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((part) => part.trim().replace(/^W\//, '') === versionEtag(version));
}
