/** A message waiting to be logged, by its key in the inbound log (channel + provider message id). */
export interface InboundEntry {
  key: string;
}

/**
 * How a group of waiting messages is written: the first message of each key is inserted (in
 * arrival order, which keeps a conversation's events in order in the outbox); a later one with the
 * same key in the same group — a provider retrying before the first answer — is a repeat and is
 * answered with the first one's row.
 */
export function batchPlan<T extends InboundEntry>(group: readonly T[]): { first: T[]; repeats: T[] } {
  const seen = new Set<string>();
  const first: T[] = [];
  const repeats: T[] = [];
  for (const entry of group) {
    if (seen.has(entry.key)) repeats.push(entry);
    else {
      seen.add(entry.key);
      first.push(entry);
    }
  }
  return { first, repeats };
}
