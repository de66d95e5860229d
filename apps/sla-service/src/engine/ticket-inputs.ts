import { TicketCommentAddedV1, TicketCreatedV1, TicketSnapshotV1, TicketStatus, TicketUpdatedV1 } from '@helpdesk/contracts';
import { SlaTicketEvent } from '../clocks/sla-transitions';
import { SlaInput, SlaTicketFacts } from './ticket-sla';

/** The facts SLA matching and escalation read, from a ticket snapshot of the ticket service's events. */
export function factsOf(ticket: TicketSnapshotV1): SlaTicketFacts {
  return {
    status: ticket.status,
    priority: ticket.priority,
    type: ticket.type,
    organizationId: ticket.organizationId,
    channel: ticket.channel,
    tags: [...ticket.tags],
    tier: ticket.tier as SlaTicketFacts['tier'],
    teamId: ticket.teamId,
    assigneeId: ticket.assigneeId,
  };
}

export function createdInput(data: TicketCreatedV1, at: Date): SlaInput {
  return { at, facts: factsOf(data.ticket), events: [{ type: 'created', status: data.ticket.status }] };
}

/** A status change and a priority change become clock events; other changes only update the facts (policy matching). */
export function updatedInput(data: TicketUpdatedV1, at: Date): SlaInput {
  const events: SlaTicketEvent[] = [];
  for (const change of data.changes) {
    if (change.field === 'status' && change.from !== change.to)
      events.push({ type: 'status', from: change.from as TicketStatus, to: change.to as TicketStatus });
    if (change.field === 'priority' && change.from !== change.to) events.push({ type: 'priority' });
  }
  return { at, facts: factsOf(data.ticket), events };
}

/**
 * A comment as the clocks see it. Events of ticket services older than `authorRole` count a
 * flagged first response as an agent's reply and anything else as not moving the clocks.
 */
export function commentInput(data: TicketCommentAddedV1, at: Date): SlaInput {
  const authorRole = data.authorRole ?? (data.firstResponse ? 'agent' : 'system');
  return { at, events: [{ type: 'comment', authorRole, public: data.public }] };
}
