import { foldText } from '../routing/routing-rules';

const REPLY_PREFIX = /^\s*((re|fw|fwd|rv|aw|wg|tr|enc)\s*(\[\d+\])?\s*:\s*)+/i;
const TICKET_TOKEN = /\[?\bhd-\d{6,}\b\]?/gi;

/** A subject reduced to what matters for comparing: no reply prefixes, ticket tokens, case, accents or punctuation. */
export function normalizeSubject(subject: string): string {
  return foldText(subject.replace(REPLY_PREFIX, '').replace(TICKET_TOKEN, ' '))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Equal once normalized, or sharing at least 80% of their words (Jaccard) when both have two or more. */
export function subjectsSimilar(a: string, b: string): boolean {
  const na = normalizeSubject(a);
  const nb = normalizeSubject(b);
  if (!na || !nb) return false;
  if (na === nb) return true;
  const wa = new Set(na.split(' '));
  const wb = new Set(nb.split(' '));
  if (wa.size < 2 || wb.size < 2) return false;
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared / new Set([...wa, ...wb]).size >= 0.8;
}

export type DuplicateKind = 'identical' | 'similar';

/**
 * Whether a new ticket repeats an earlier one of the same requester: the very same subject and
 * description (a mail loop, a double submit) or a similar subject.
 */
export function duplicateKind(
  incoming: { subject: string; description: string },
  earlier: { subject: string; description: string },
): DuplicateKind | null {
  if (incoming.subject.trim() === earlier.subject.trim() && incoming.description.trim() === earlier.description.trim()) return 'identical';
  return subjectsSimilar(incoming.subject, earlier.subject) ? 'similar' : null;
}

/** What happens to a new ticket found to repeat another: flagged only, or merged into it when identical (mail loops, double submits), or always. */
export type DuplicateAction = 'flag' | 'merge-identical' | 'merge';

export function mergesAutomatically(action: DuplicateAction, kind: DuplicateKind | null): boolean {
  if (kind === null || action === 'flag') return false;
  return action === 'merge' || kind === 'identical';
}
