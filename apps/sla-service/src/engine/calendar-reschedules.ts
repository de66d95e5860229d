import { EVENTS } from '@helpdesk/contracts';
import { PeriodicTask, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rescheduleClock } from '../clocks/sla-clock';
import { clockRules, nextActionAt } from './due-work';
import { PolicyLibrary } from './policy-library';
import { summaryChange } from './sla-summary';
import { CLOCK_KINDS, EngineClocks, measureOf, PolicyBook, PolicyRef } from './ticket-sla';
import { policyOf, stateOf, TicketSlaRow, ticketSlaStore } from './ticket-sla.store';

const BATCH = 500;
const INTERVAL_MS = 1_000;

/** Records, with a calendar change, that the running clocks counting by it must follow it. */
export async function requestReschedule(manager: EntityManager, calendarId: string): Promise<void> {
  await manager.query(`INSERT INTO "sla"."calendar_reschedules" (calendar_id) VALUES ($1)`, [calendarId]);
}

/** A ticket's running business-hours clocks with due times by the calendar as it is now. */
export function rescheduledClocks(book: PolicyBook, policy: PolicyRef | null, clocks: EngineClocks): EngineClocks {
  const out: EngineClocks = { ...clocks };
  for (const kind of CLOCK_KINDS) {
    const clock = clocks[kind];
    if (clock?.businessHours) out[kind] = { ...clock, ...rescheduleClock(measureOf(book, policy, clock), clock) };
  }
  return out;
}

/**
 * Carries calendar changes into the due times of running clocks (a calendar says when the team
 * works, for tickets already running too): each pending change is worked off in batches of
 * tickets, each batch one transaction that moves the change's cursor, so that any replica may take
 * it (SKIP LOCKED) and a restart resumes where it stopped.
 */
@Injectable()
export class CalendarReschedules implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly library: PolicyLibrary,
  ) {
    this.task = new PeriodicTask(
      'rescheduling clocks after a calendar change',
      INTERVAL_MS,
      () => this.drain(),
      new Logger(CalendarReschedules.name),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Works off pending changes now (this replica just changed a calendar). */
  nudge(): void {
    this.task.runNow();
  }

  private async drain(): Promise<void> {
    while (await this.step()) {
      // one batch per transaction
    }
  }

  /** One batch of one pending change; false when none is pending. */
  async step(): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const [job] = await sqlRows<{ id: string; calendar_id: string; after_ticket_id: string | null }>(
        tx.manager,
        `SELECT id, calendar_id, after_ticket_id FROM "sla"."calendar_reschedules" WHERE done_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!job) return false;
      this.library.calendarChanged(job.calendar_id);
      const rows = await sqlRows<TicketSlaRow>(
        tx.manager,
        `SELECT t.* FROM "sla"."ticket_slas" t
           JOIN "sla"."policy_versions" v ON v.policy_id = t.policy_id AND v.version = t.policy_version
          WHERE t.live AND v.calendar_id = $1 AND ($2::uuid IS NULL OR t.ticket_id > $2::uuid)
          ORDER BY t.ticket_id LIMIT $3 FOR UPDATE OF t`,
        [job.calendar_id, job.after_ticket_id, BATCH],
      );
      if (!rows.length) {
        await tx.manager.query(`UPDATE "sla"."calendar_reschedules" SET done_at = now() WHERE id = $1`, [job.id]);
        return true;
      }
      const book = await this.library.book(rows.map(policyOf), { matching: false, manager: tx.manager });
      const updates: Parameters<typeof ticketSlaStore.saveClocks>[1] = [];
      for (const row of rows) {
        const state = stateOf(row);
        const clocks = rescheduledClocks(book, state.policy, state.clocks);
        const summary = summaryChange(state.ticketId, clocks, row.published_state, row.state_seq);
        if (summary.event) tx.emit(EVENTS.sla.ticketState, state.ticketId, summary.event);
        updates.push({
          ticketId: state.ticketId,
          clocks,
          next: nextActionAt(clocks, clockRules(book, state.policy, state.facts.teamId)),
          seq: summary.seq,
          published: summary.published,
        });
      }
      await ticketSlaStore.saveClocks(tx.manager, updates);
      await tx.manager.query(`UPDATE "sla"."calendar_reschedules" SET after_ticket_id = $2, rescheduled = rescheduled + $3 WHERE id = $1`, [
        job.id,
        rows[rows.length - 1].ticket_id,
        rows.length,
      ]);
      return true;
    });
  }
}
