import { EVENTS } from '../subjects';
import { EventEnvelope } from './event-envelope';

/** An article was linked to a ticket (an agent used it there); the article's usage count went up. */
export interface KbArticleLinkedV1 {
  articleId: string;
  ticketId: string;
  ticketNumber: string;
  linkedBy: string;
  /** The article's usage count after the link */
  usageCount: number;
  at: string;
}

/** A link between an article and a ticket was removed. */
export interface KbArticleUnlinkedV1 {
  articleId: string;
  ticketId: string;
  ticketNumber: string;
  unlinkedBy: string;
  usageCount: number;
  at: string;
}

/** A reader said whether an article helped. */
export interface KbArticleFeedbackV1 {
  articleId: string;
  feedbackId: string;
  helpful: boolean;
  hasComment: boolean;
  /** null for an anonymous reader */
  actorId: string | null;
  /** The vote this one replaced (a logged-in reader votes once per article), null for a first vote */
  previousHelpful: boolean | null;
  /** The article's counts after the vote */
  helpfulCount: number;
  unhelpfulCount: number;
  at: string;
}

export type KbArticleLinkedEvent = EventEnvelope<KbArticleLinkedV1, typeof EVENTS.kb.articleLinked>;
export type KbArticleUnlinkedEvent = EventEnvelope<KbArticleUnlinkedV1, typeof EVENTS.kb.articleUnlinked>;
export type KbArticleFeedbackEvent = EventEnvelope<KbArticleFeedbackV1, typeof EVENTS.kb.articleFeedback>;
