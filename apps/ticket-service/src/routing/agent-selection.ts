import { RoutingStrategy } from '@helpdesk/contracts';

/** A team member as routing sees them. */
export interface AgentCandidate {
  id: string;
  name: string;
  active: boolean;
  /** Max open tickets; null = no limit */
  capacity: number | null;
  openTickets: number;
  skills: string[];
}

export interface AgentChoice {
  agentId: string | null;
  /** Why: the strategy, who was skipped and why, the loads compared */
  reason: string;
  candidates: { id: string; name: string; openTickets: number; capacity: number | null; eligible: boolean; skippedBecause?: string }[];
}

/** Load as a fraction of capacity (no capacity: open tickets over a nominal 1000). */
export function load(agent: AgentCandidate): number {
  return agent.openTickets / (agent.capacity ?? 1000);
}

function skipReason(agent: AgentCandidate, requiredSkills: string[]): string | undefined {
  if (!agent.active) return 'inactive';
  if (agent.capacity !== null && agent.openTickets >= agent.capacity) return 'at capacity';
  const missing = requiredSkills.filter((s) => !agent.skills.includes(s));
  if (missing.length) return `lacks ${missing.join(', ')}`;
  return undefined;
}

function leastLoaded(agents: AgentCandidate[]): AgentCandidate {
  return [...agents].sort((a, b) => load(a) - load(b) || a.openTickets - b.openTickets || a.id.localeCompare(b.id))[0];
}

/**
 * Picks the agent of a team for a ticket. Inactive agents and agents at capacity are skipped
 * (and, with the skills strategy, agents without every required skill). Round robin takes the
 * next eligible member after the one assigned last, in member order; least loaded takes the
 * lowest open/capacity; skills takes the least loaded among those with the skills. Nobody
 * eligible: null (the ticket waits in the team's queue).
 */
export function chooseAgent(
  strategy: RoutingStrategy,
  members: AgentCandidate[],
  options: { requiredSkills?: string[]; lastAssignedId?: string | null } = {},
): AgentChoice {
  const requiredSkills = strategy === RoutingStrategy.Skills ? (options.requiredSkills ?? []) : [];
  const candidates = members.map((m) => {
    const skippedBecause = skipReason(m, requiredSkills);
    return {
      id: m.id,
      name: m.name,
      openTickets: m.openTickets,
      capacity: m.capacity,
      eligible: !skippedBecause,
      ...(skippedBecause ? { skippedBecause } : {}),
    };
  });
  const eligible = members.filter((m) => !skipReason(m, requiredSkills));
  if (!eligible.length) {
    return {
      agentId: null,
      reason: `${strategy}: nobody available (${members.length} member(s) considered); waits in the team queue`,
      candidates,
    };
  }
  let chosen: AgentCandidate;
  switch (strategy) {
    case RoutingStrategy.RoundRobin: {
      const lastIndex = members.findIndex((m) => m.id === options.lastAssignedId);
      const ordered = [...members.slice(lastIndex + 1), ...members.slice(0, lastIndex + 1)];
      chosen = ordered.find((m) => eligible.includes(m)) as AgentCandidate;
      break;
    }
    case RoutingStrategy.LeastLoaded:
    case RoutingStrategy.Skills:
      chosen = leastLoaded(eligible);
      break;
  }
  const loadText = chosen.capacity === null ? `${chosen.openTickets} open` : `${chosen.openTickets}/${chosen.capacity} open`;
  return {
    agentId: chosen.id,
    reason: `${strategy}: ${chosen.name} (${loadText}) among ${eligible.length} eligible of ${members.length}`,
    candidates,
  };
}
