import { fold } from './search-query';

/** The trigrams of a word as pg_trgm makes them: two spaces before, one after. */
export function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** pg_trgm's `similarity` of two words: shared trigrams ÷ trigrams of either. */
export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared += 1;
  const union = x.size + y.size - shared;
  return union === 0 ? 0 : shared / union;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The minimum similarity for a title word to replace a query word. */
export const CORRECTION_THRESHOLD = 0.4;

/**
 * "Did you mean": the query with each word that no title contains replaced by the most similar
 * word of the titles found by trigram search (accents and case ignored), when one is close
 * enough. Undefined when nothing changes.
 */
export function didYouMean(query: string, titles: readonly string[]): string | undefined {
  const vocabulary = [...new Set(titles.flatMap((t) => fold(t).match(WORD) ?? []))];
  let changed = false;
  const words = (fold(query).match(WORD) ?? []).map((word) => {
    if (vocabulary.includes(word) || /^\d+$/.test(word)) return word;
    let best: { word: string; score: number } | undefined;
    for (const candidate of vocabulary) {
      const score = similarity(word, candidate);
      if (score >= CORRECTION_THRESHOLD && (!best || score > best.score)) best = { word: candidate, score };
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? words.join(' ') : undefined;
}
