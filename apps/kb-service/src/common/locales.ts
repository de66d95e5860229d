import { STEMMED_SEARCH_LANGUAGES } from '../database/migrations/1765000000000-KnowledgeBase';

/** The text search configuration of a locale: its language's accent-blind stemmer, else accent-blind words. */
export function searchConfigFor(locale: string): string {
  const language = locale.slice(0, 2);
  return language in STEMMED_SEARCH_LANGUAGES ? `kb.search_${language}` : 'kb.search_simple';
}
