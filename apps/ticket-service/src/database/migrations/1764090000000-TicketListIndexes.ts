import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the built-in views, their counts and routing, chosen from EXPLAIN ANALYZE on 1,000,000
 * tickets (BENCHMARKS.md). All are partial on the unsolved statuses, a few per cent of the tickets,
 * so they stay small whatever the history.
 *
 * - unsolved_assignee: "my open tickets" (page and count), and every routing decision, which counts
 *   each team member's open tickets (62 ms → 1.5 ms per routing at p50).
 * - unsolved_queue: "unassigned in my teams", walked newest first and filtered by team (20 ms with a
 *   (team_id, seq) index that had to sort → 2 ms); its INCLUDE columns let the count run on the index.
 * - unsolved: "all open" walked newest first, and its count for team-scoped staff read from the
 *   index alone (the scope needs team, assignee and followers).
 */
export class TicketListIndexes1764090000000 implements MigrationInterface {
  name = 'TicketListIndexes1764090000000';

  async up(runner: QueryRunner): Promise<void> {
    const unsolved = `"status" IN ('new', 'open', 'pending', 'on_hold')`;
    await runner.query(
      `CREATE INDEX "IDX_ticket_tickets_unsolved_assignee" ON "ticket"."tickets" ("assignee_id", "seq") WHERE ${unsolved}`,
    );
    await runner.query(
      `CREATE INDEX "IDX_ticket_tickets_unsolved_queue" ON "ticket"."tickets" ("seq") INCLUDE ("team_id", "assignee_id", "follower_ids")
        WHERE "assignee_id" IS NULL AND ${unsolved}`,
    );
    await runner.query(
      `CREATE INDEX "IDX_ticket_tickets_unsolved" ON "ticket"."tickets" ("seq") INCLUDE ("team_id", "assignee_id", "follower_ids") WHERE ${unsolved}`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_unsolved"`);
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_unsolved_queue"`);
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_unsolved_assignee"`);
  }
}
