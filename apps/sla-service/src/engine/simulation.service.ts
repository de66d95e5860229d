import {
  Actor,
  FieldError,
  MAX_SLA_SIMULATION_DAYS,
  MAX_SLA_SIMULATION_TICKETS,
  SimulateSlaPolicyDto,
  SlaSimulationTicketsView,
  SlaSimulationView,
} from '@helpdesk/contracts';
import { currentTime, DomainError, sqlRows } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertSupervisor, plain, unprocessable } from '../common/sla-errors';
import { newPolicyDefinition } from '../policies/policies.service';
import { validatePolicyDefinition } from '../policies/policy-validation';
import { PolicyLibrary } from './policy-library';
import { ComplianceTally, draftBook, outcomesOf, periodErrors, replayUnder } from './simulation';
import { readClocks, ticketSlaStore as store } from './ticket-sla.store';

/** Tickets read per query. */
const PAGE_SIZE = 1_000;

/**
 * Replays the tickets created in a period under a draft policy and compares the compliance they
 * would have had with what they had. Read-only: plain reads outside any transaction (a long
 * simulation holds no locks), no writes, no events.
 */
@Injectable()
export class SlaSimulationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly library: PolicyLibrary,
  ) {}

  async simulate(actor: Actor, simulation: SimulateSlaPolicyDto): Promise<SlaSimulationView> {
    assertSupervisor(actor, 'simulate SLA policies');
    const from = new Date(simulation.from);
    const to = new Date(simulation.to);
    const definition = newPolicyDefinition(simulation.policy);
    const errors: FieldError[] = [
      ...periodErrors(from, to, MAX_SLA_SIMULATION_DAYS),
      ...validatePolicyDefinition(definition).map((e) => ({ ...e, field: `policy.${e.field}` })),
    ];
    if (errors.length) throw DomainError.validation(errors);
    await this.assertCalendarExists(definition.calendarId);
    const calendars = await this.library.calendarTimes(definition.calendarId ? [definition.calendarId] : []);
    const book = draftBook({ conditions: plain(simulation.policy.conditions ?? {}), definition }, calendars);

    const now = currentTime();
    const manager = this.dataSource.manager;
    const tally = new ComplianceTally();
    const tickets: SlaSimulationTicketsView = { inPeriod: 0, matched: 0, skipped: 0, compared: 0 };
    let after: { createdAt: Date; ticketId: string } | null = null;
    let truncated = false;
    for (;;) {
      const room = MAX_SLA_SIMULATION_TICKETS - tickets.inPeriod;
      if (room <= 0) {
        truncated = (await store.createdBetween(manager, from, to, after, 1)).length > 0;
        break;
      }
      const limit = Math.min(PAGE_SIZE, room);
      const rows = await store.createdBetween(manager, from, to, after, limit);
      if (!rows.length) break;
      const last = rows[rows.length - 1];
      after = { createdAt: last.ticket_created_at, ticketId: last.ticket_id };
      tickets.inPeriod += rows.length;
      const matched = rows.filter((row) => book.match(row.facts) !== null);
      tickets.matched += matched.length;
      const inputs = await store.inputsOf(
        manager,
        matched.map((row) => row.ticket_id),
      );
      for (const row of matched) {
        const recorded = inputs.get(row.ticket_id);
        const replayed = recorded ? replayUnder(book, { ticketId: row.ticket_id, createdAt: row.ticket_created_at }, recorded) : null;
        if (!replayed) {
          tickets.skipped += 1;
          continue;
        }
        tickets.compared += 1;
        tally.add({
          priority: row.facts.priority,
          teamId: row.facts.teamId,
          actual: outcomesOf(readClocks(row.clocks), now),
          simulated: outcomesOf(replayed.clocks, now),
        });
      }
      if (rows.length < limit) break;
    }
    return { from: from.toISOString(), to: to.toISOString(), at: now.toISOString(), tickets, truncated, ...tally.view() };
  }

  /** An unknown calendar is a 422 on the field, as when the policy is saved. */
  private async assertCalendarExists(calendarId: string | null): Promise<void> {
    if (!calendarId) return;
    const found = await sqlRows(this.dataSource, `SELECT id FROM "sla"."calendars" WHERE id = $1`, [calendarId]);
    if (!found.length)
      throw unprocessable(`Calendar ${calendarId} was not found`, [{ field: 'policy.calendarId', message: `no calendar ${calendarId}` }]);
  }
}
