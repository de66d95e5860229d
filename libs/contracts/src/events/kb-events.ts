import { EVENTS } from '../subjects';
import type { KbSuggestionSource } from '../kb/kb-search.dto';
import { EventEnvelope } from './event-envelope';

/**
 * Knowledge-base deflection, for reporting: a suggestion session is opened each time articles are
 * suggested for a text being written (web form, portal, agent view); its events say what the reader
 * did. All of one session share the aggregate id = session id.
 */
export interface KbSuggestionsShownV1 {
  sessionId: string;
  source: KbSuggestionSource;
  locale: string;
  /** In the order shown; empty when nothing was found (a gap in the knowledge base) */
  articleIds: string[];
  /** null for anonymous readers */
  actorId: string | null;
  at: string;
}

/** A suggested article opened (`kb.suggestion.clicked`) or said to have solved the problem (`kb.suggestion.solved`: a deflection). */
export interface KbSuggestionArticleV1 {
  sessionId: string;
  source: KbSuggestionSource;
  articleId: string;
  at: string;
}

/** The reader went on to file a ticket anyway. */
export interface KbSuggestionTicketV1 {
  sessionId: string;
  source: KbSuggestionSource;
  at: string;
}

export type KbSuggestionsShownEvent = EventEnvelope<KbSuggestionsShownV1, typeof EVENTS.kb.suggestionsShown>;
export type KbSuggestionClickedEvent = EventEnvelope<KbSuggestionArticleV1, typeof EVENTS.kb.suggestionClicked>;
export type KbSuggestionSolvedEvent = EventEnvelope<KbSuggestionArticleV1, typeof EVENTS.kb.suggestionSolved>;
export type KbSuggestionTicketEvent = EventEnvelope<KbSuggestionTicketV1, typeof EVENTS.kb.suggestionTicket>;
