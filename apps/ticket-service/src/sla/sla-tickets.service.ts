import { Actor, ErrorCode, Role, SlaBreachedV1, SlaEscalatedV1, SlaTicketStateV1, SlaWarningV1, TicketStatus } from '@helpdesk/contracts';
import { DomainError, sqlRows, Transaction } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { NotificationsService } from '../notifications/notifications.service';
import { FieldChange } from '../tickets/ticket-changes';
import { Ticket } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { escalationPlan, EscalationStep, PlanTeam } from './escalation-plan';

/**
 * Who the suite acts as when an SLA escalation changes a ticket: an admin, so that it sees every
 * ticket, but history and events record no actor (null), as for routing and auto-close.
 */
export const SLA_SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-4000-8000-000000000000',
  role: Role.Admin,
  email: 'sla@system.local',
  name: 'SLA',
};

/**
 * What ticket-service does with sla-service's events: history entries, in-app notifications, the
 * escalation's ticket actions (through the ordinary update and escalation paths, so ticket.updated,
 * history and routing behave as for a person's change) and the SLA state lists filter on. Every
 * method runs inside the consumer's inbox transaction, so each event applies once.
 */
@Injectable()
export class SlaTicketsService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly notifications: NotificationsService,
  ) {}

  async warning(tx: Transaction, event: SlaWarningV1): Promise<void> {
    const ticket = await this.ticket(tx, event.ticketId);
    if (!ticket) return;
    await this.tickets.record(tx.manager, ticket.id, null, 'sla_warning', [
      { field: 'sla.clock', from: null, to: event.clock },
      { field: 'sla.dueAt', from: null, to: event.dueAt },
      { field: 'sla.warningPercent', from: null, to: event.warningPercent },
    ]);
    if (ticket.assigneeId) {
      await this.notifications.notify(tx.manager, [ticket.assigneeId], ticket.id, 'sla_warning', {
        clock: event.clock,
        dueAt: event.dueAt,
        warningPercent: event.warningPercent,
      });
    }
  }

  async breached(tx: Transaction, event: SlaBreachedV1): Promise<void> {
    const ticket = await this.ticket(tx, event.ticketId);
    if (!ticket) return;
    await this.tickets.record(tx.manager, ticket.id, null, 'sla_breached', [
      { field: 'sla.clock', from: null, to: event.clock },
      { field: 'sla.dueAt', from: null, to: event.dueAt },
    ]);
  }

  /**
   * Records the escalation, then performs its ticket actions in order as the system. An action
   * that cannot apply (no supervisor, no team at the next tier, a user who is gone) is skipped with
   * the reason in the history entry; a closed ticket gets the entry and no action.
   */
  async escalated(tx: Transaction, event: SlaEscalatedV1): Promise<void> {
    const ticket = await this.ticket(tx, event.ticketId);
    if (!ticket) return;
    const reason = `SLA escalation level ${event.level} (${event.clock} breached)`;
    const team = ticket.teamId ? await this.team(tx, ticket.teamId) : null;
    const steps = escalationPlan(ticket, event.actions, team);
    const outcomes: FieldChange[] = [];
    for (const step of steps) outcomes.push(await this.perform(tx, ticket.id, step, reason, event));
    await this.tickets.record(tx.manager, ticket.id, null, 'sla_escalated', [
      { field: 'sla.level', from: null, to: event.level },
      { field: 'sla.clock', from: null, to: event.clock },
      { field: 'sla.actions', from: null, to: event.actions },
      ...(ticket.status === TicketStatus.Closed
        ? [{ field: 'sla.skipped', from: null, to: 'closed', reason: 'the ticket is closed' }]
        : []),
      ...outcomes,
    ]);
  }

  /**
   * Stores the ticket's SLA state if it is newer than what is stored (events may arrive out of
   * order). Bookkeeping, not a change of the ticket: no version, updated_at, history or event.
   */
  async ticketState(tx: Transaction, event: SlaTicketStateV1): Promise<boolean> {
    const rows = await sqlRows<{ id: string }>(
      tx.manager,
      `UPDATE "ticket"."tickets" SET sla_next_due_at = $2, sla_breached = $3, sla_seq = $4
        WHERE id = $1 AND sla_seq < $4 RETURNING id`,
      [event.ticketId, event.nextDueAt, event.breached, event.seq],
    );
    return rows.length > 0;
  }

  private async perform(
    tx: Transaction,
    ticketId: string,
    step: EscalationStep,
    reason: string,
    event: SlaEscalatedV1,
  ): Promise<FieldChange> {
    const outcome = (to: unknown, why?: string): FieldChange => ({
      field: `sla.action.${step.action}`,
      from: null,
      to,
      ...(why ? { reason: why } : {}),
    });
    switch (step.kind) {
      case 'skip':
        return outcome('skipped', step.reason);
      case 'notify': {
        const notified = await this.notifications.notify(tx.manager, step.userIds, ticketId, 'sla_escalated', {
          clock: event.clock,
          level: event.level,
          breachedAt: event.breachedAt,
        });
        return notified.length ? outcome(notified) : outcome('skipped', 'the user is not an active user');
      }
      case 'update':
        return this.attempt(outcome, () =>
          this.tickets.updateWithin(tx, { actor: SLA_SYSTEM_ACTOR, ticketId, changes: step.changes }, { reason, system: true }),
        );
      case 'escalate':
        return this.attempt(outcome, () =>
          this.tickets.escalateWithin(
            tx,
            { actor: SLA_SYSTEM_ACTOR, ticketId, escalation: { toTier: step.toTier, reason } },
            { system: true },
          ),
        );
    }
  }

  /** A refused change (an inactive supervisor, no team at the tier) is a skipped action, not a failed event. */
  private async attempt(outcome: (to: unknown, why?: string) => FieldChange, work: () => Promise<unknown>): Promise<FieldChange> {
    try {
      await work();
      return outcome('done');
    } catch (error) {
      if (error instanceof DomainError && error.code !== ErrorCode.Internal) return outcome('skipped', error.message);
      throw error;
    }
  }

  private async ticket(tx: Transaction, id: string): Promise<Ticket | null> {
    return tx.manager.findOne(Ticket, { where: { id } });
  }

  private async team(tx: Transaction, id: string): Promise<PlanTeam | null> {
    const [row] = await sqlRows<{ id: string; supervisor_id: string | null }>(
      tx.manager,
      `SELECT id, supervisor_id FROM "ticket"."teams" WHERE id = $1`,
      [id],
    );
    return row ? { id: row.id, supervisorId: row.supervisor_id } : null;
  }
}
