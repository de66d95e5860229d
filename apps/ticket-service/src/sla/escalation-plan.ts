import { EscalationActionDto, TicketPriority, TicketStatus, TIERS, Tier } from '@helpdesk/contracts';

/** Low → normal → high → urgent; urgent stays urgent. */
const PRIORITY_STEPS: readonly TicketPriority[] = [TicketPriority.Low, TicketPriority.Normal, TicketPriority.High, TicketPriority.Urgent];

export function raisedPriority(priority: TicketPriority): TicketPriority {
  const at = PRIORITY_STEPS.indexOf(priority);
  return PRIORITY_STEPS[Math.min(at + 1, PRIORITY_STEPS.length - 1)];
}

const MAX_TIER = TIERS[TIERS.length - 1];

/** What the plan reads of the ticket when the escalation fires. */
export interface PlanTicket {
  status: TicketStatus;
  priority: TicketPriority;
  tier: Tier;
  teamId: string | null;
  assigneeId: string | null;
}

/** The ticket's team, if it has one (its supervisor may be absent). */
export interface PlanTeam {
  id: string;
  supervisorId: string | null;
}

/**
 * One step of an escalation, performed in order by the ticket service as the system:
 * `update` goes through the ticket's ordinary update path, `escalate` through the tier escalation,
 * `notify` leaves in-app notifications, `skip` is only written to the history (why nothing was done).
 */
export type EscalationStep =
  | { kind: 'update'; action: string; changes: { assigneeId?: string | null; teamId?: string; priority?: TicketPriority } }
  | { kind: 'escalate'; action: string; toTier: Tier }
  | { kind: 'notify'; action: string; userIds: string[] }
  | { kind: 'skip'; action: string; reason: string };

/**
 * Decides what an escalation level does to a ticket: each action in order, against the ticket as
 * the earlier actions leave it (a reassignment to the supervisor, then "notify the assignee",
 * notifies the supervisor). A closed ticket gets no action. Webhooks are sla-service's to deliver,
 * so they are not steps here. "The team supervisor" is the supervisor of the ticket's team when the
 * escalation fired (`team`).
 */
export function escalationPlan(ticket: PlanTicket, actions: readonly EscalationActionDto[], team: PlanTeam | null): EscalationStep[] {
  if (ticket.status === TicketStatus.Closed) return [];
  const state = { ...ticket };
  const steps: EscalationStep[] = [];
  const supervisor = team?.supervisorId ?? null;
  for (const action of actions) {
    const name = action.to ? `${action.type}:${action.to}` : action.type;
    if (action.type === 'raise_priority') {
      const next = raisedPriority(state.priority);
      if (next === state.priority) steps.push({ kind: 'skip', action: name, reason: `the priority is already ${state.priority}` });
      else {
        steps.push({ kind: 'update', action: name, changes: { priority: next } });
        state.priority = next;
      }
    } else if (action.type === 'reassign') {
      steps.push(reassignStep(state, action, name, supervisor));
    } else if (action.to !== 'webhook') {
      steps.push(notifyStep(state, action, name, supervisor));
    }
  }
  return steps;
}

function reassignStep(state: PlanTicket, action: EscalationActionDto, name: string, supervisor: string | null): EscalationStep {
  switch (action.to ?? '') {
    case 'team_supervisor':
      if (!supervisor)
        return { kind: 'skip', action: name, reason: state.teamId ? 'the ticket’s team has no supervisor' : 'the ticket has no team' };
      if (state.assigneeId === supervisor) return { kind: 'skip', action: name, reason: 'the supervisor is already the assignee' };
      state.assigneeId = supervisor;
      return { kind: 'update', action: name, changes: { assigneeId: supervisor } };
    case 'team':
      if (!action.teamId) return { kind: 'skip', action: name, reason: 'no teamId given' };
      if (state.teamId === action.teamId) return { kind: 'skip', action: name, reason: 'the ticket is already in that team' };
      state.teamId = action.teamId;
      state.assigneeId = null;
      return { kind: 'update', action: name, changes: { teamId: action.teamId, assigneeId: null } };
    case 'next_tier': {
      if (state.tier >= MAX_TIER) return { kind: 'skip', action: name, reason: `the ticket is already at the highest tier (${MAX_TIER})` };
      const toTier = (state.tier + 1) as Tier;
      state.tier = toTier;
      return { kind: 'escalate', action: name, toTier };
    }
    default:
      return { kind: 'skip', action: name, reason: `unknown reassignment target ${String(action.to)}` };
  }
}

function notifyStep(state: PlanTicket, action: EscalationActionDto, name: string, supervisor: string | null): EscalationStep {
  switch (action.to ?? '') {
    case 'assignee':
      return state.assigneeId
        ? { kind: 'notify', action: name, userIds: [state.assigneeId] }
        : { kind: 'skip', action: name, reason: 'the ticket has no assignee' };
    case 'team_supervisor':
      return supervisor
        ? { kind: 'notify', action: name, userIds: [supervisor] }
        : { kind: 'skip', action: name, reason: 'no team supervisor' };
    case 'user':
      return action.userId
        ? { kind: 'notify', action: name, userIds: [action.userId] }
        : { kind: 'skip', action: name, reason: 'no userId given' };
    default:
      return { kind: 'skip', action: name, reason: `unknown notification target ${String(action.to)}` };
  }
}
