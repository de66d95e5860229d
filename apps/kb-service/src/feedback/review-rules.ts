import { KbReviewReason } from '@helpdesk/contracts';

/** When feedback counts as poor: at least `minVotes` votes and fewer than `minHelpfulPercent` % of them helpful. */
export interface ReviewThresholds {
  minVotes: number;
  minHelpfulPercent: number;
}

export interface HelpfulCounts {
  yes: number;
  no: number;
}

/** What the review queue needs of an article. */
export interface ReviewCandidate {
  id: string;
  /** YYYY-MM-DD, or null when no review date is set */
  reviewBy: string | null;
  helpful: HelpfulCounts;
}

export interface ReviewAssessment {
  reasons: KbReviewReason[];
  daysOverdue: number | null;
  helpfulPercent: number | null;
}

const DAY_MS = 86_400_000;

/** The share of helpful votes, 0-100 rounded; null without votes. */
export function helpfulPercent({ yes, no }: HelpfulCounts): number | null {
  const votes = yes + no;
  return votes === 0 ? null : Math.round((yes * 100) / votes);
}

/** Poor feedback, in whole numbers (no rounding at the threshold): yes / votes < minHelpfulPercent / 100. */
export function isPoorFeedback({ yes, no }: HelpfulCounts, thresholds: ReviewThresholds): boolean {
  const votes = yes + no;
  return votes >= thresholds.minVotes && yes * 100 < thresholds.minHelpfulPercent * votes;
}

/** Whole days from the review date to `today` (both YYYY-MM-DD), when the date is past; null otherwise. */
export function daysOverdue(reviewBy: string | null, today: string): number | null {
  if (!reviewBy || reviewBy >= today) return null;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${reviewBy}T00:00:00Z`)) / DAY_MS);
}

/** Why an article needs review (empty: it does not). */
export function assessForReview(candidate: ReviewCandidate, today: string, thresholds: ReviewThresholds): ReviewAssessment {
  const overdue = daysOverdue(candidate.reviewBy, today);
  const reasons: KbReviewReason[] = [];
  if (overdue !== null) reasons.push('overdue');
  if (isPoorFeedback(candidate.helpful, thresholds)) reasons.push('poor_feedback');
  return { reasons, daysOverdue: overdue, helpfulPercent: helpfulPercent(candidate.helpful) };
}

/**
 * Most urgent first: both reasons before one; then the longest overdue; then the lowest helpful
 * share, the most unhelpful votes; the article id last, so the order is stable.
 */
export function compareUrgency(
  a: ReviewAssessment & { id: string; helpful: HelpfulCounts },
  b: ReviewAssessment & { id: string; helpful: HelpfulCounts },
): number {
  return (
    b.reasons.length - a.reasons.length ||
    (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) ||
    (a.helpfulPercent ?? 101) - (b.helpfulPercent ?? 101) ||
    b.helpful.no - a.helpful.no ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * `assessForReview` as a SQL condition on an articles alias (a superset filter: the pure function
 * decides), parameters numbered after `offset`: today, min votes, min helpful percent.
 */
export function reviewCondition(
  alias: string,
  offset: number,
  today: string,
  thresholds: ReviewThresholds,
): { sql: string; params: unknown[] } {
  const a = alias;
  return {
    sql: `(${a}.review_by < $${offset + 1}::date OR ((${a}.helpful_count + ${a}.unhelpful_count) >= $${offset + 2}::int
           AND ${a}.helpful_count * 100 < $${offset + 3}::int * (${a}.helpful_count + ${a}.unhelpful_count)))`,
    params: [today, thresholds.minVotes, thresholds.minHelpfulPercent],
  };
}
