import { Channel, CustomFieldValues, TicketPriority, TicketType } from '@helpdesk/contracts';
import { valueMatches } from '../custom-fields/custom-field-values';

/** What routing looks at in a ticket. */
export interface RoutableTicket {
  channel: Channel;
  type: TicketType | null;
  priority: TicketPriority;
  organizationId: string | null;
  tags: string[];
  subject: string;
  description: string;
  customFields: CustomFieldValues;
}

/** Conditions of a rule; every condition given must hold (an empty list or absent condition holds). */
export interface RuleConditions {
  channels?: Channel[];
  types?: TicketType[];
  priorities?: TicketPriority[];
  organizationIds?: string[];
  /** At least one of these tags */
  tagsAny?: string[];
  /** At least one of these words or phrases in the subject or description (case and accents ignored) */
  keywords?: string[];
  /** Each of these custom fields holds one of the values given */
  customFields?: { key: string; values: (string | number | boolean)[] }[];
}

export interface RoutingRuleLike {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: RuleConditions;
  teamId: string;
}

/** Lower case without accents: "Impresión" → "impresion". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function holds<T>(wanted: T[] | undefined, actual: T): boolean {
  return !wanted?.length || wanted.includes(actual);
}

/** Whether a keyword occurs as a whole word (or phrase) in the folded text. */
export function containsKeyword(foldedText: string, keyword: string): boolean {
  const folded = foldText(keyword).trim();
  if (!folded) return false;
  const escaped = folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(foldedText);
}

export function ruleMatches(ticket: RoutableTicket, conditions: RuleConditions): boolean {
  if (!holds(conditions.channels, ticket.channel)) return false;
  if (conditions.types?.length && (ticket.type === null || !conditions.types.includes(ticket.type))) return false;
  if (!holds(conditions.priorities, ticket.priority)) return false;
  if (
    conditions.organizationIds?.length &&
    (ticket.organizationId === null || !conditions.organizationIds.includes(ticket.organizationId))
  ) {
    return false;
  }
  if (conditions.tagsAny?.length && !conditions.tagsAny.some((tag) => ticket.tags.includes(tag))) return false;
  if (conditions.customFields?.some((condition) => !valueMatches(ticket.customFields[condition.key], condition.values))) return false;
  if (conditions.keywords?.length) {
    const text = foldText(`${ticket.subject}\n${ticket.description}`);
    if (!conditions.keywords.some((keyword) => containsKeyword(text, keyword))) return false;
  }
  return true;
}

/** The first active rule, in position order, whose conditions the ticket meets. */
export function firstMatchingRule<R extends RoutingRuleLike>(ticket: RoutableTicket, rules: R[]): R | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  return ordered.find((rule) => rule.active && ruleMatches(ticket, rule.conditions)) ?? null;
}
