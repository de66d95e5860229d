import { Channel, SlaConditionsDto, TicketPriority, TicketType, Tier } from '@helpdesk/contracts';

/** What SLA policy matching looks at in a ticket. */
export interface SlaTicket {
  priority: TicketPriority;
  type: TicketType | null;
  organizationId: string | null;
  channel: Channel;
  tags: string[];
  tier: Tier;
}

export interface SlaPolicyLike {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: SlaConditionsDto;
}

function holds<T>(wanted: T[] | undefined, actual: T | null): boolean {
  return !wanted?.length || (actual !== null && wanted.includes(actual));
}

/** Every condition given holds; an absent or empty condition always holds. */
export function policyMatches(ticket: SlaTicket, conditions: SlaConditionsDto): boolean {
  return (
    holds(conditions.priorities, ticket.priority) &&
    holds(conditions.types, ticket.type) &&
    holds(conditions.organizationIds, ticket.organizationId) &&
    holds(conditions.channels, ticket.channel) &&
    holds(conditions.tiers, ticket.tier) &&
    (!conditions.tagsAny?.length || conditions.tagsAny.some((tag) => ticket.tags.includes(tag)))
  );
}

/** Policies in the order they are tried: ascending position, then name, then id (stable). */
export function orderPolicies<P extends SlaPolicyLike>(policies: P[]): P[] {
  return [...policies].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The first active policy, in order, whose conditions the ticket meets; null when none does. */
export function firstMatchingPolicy<P extends SlaPolicyLike>(ticket: SlaTicket, policies: P[]): P | null {
  return orderPolicies(policies).find((policy) => policy.active && policyMatches(ticket, policy.conditions)) ?? null;
}
