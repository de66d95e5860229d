import { MigrationInterface, QueryRunner } from 'typeorm';

/** Type, tier, team, tags and due date of a ticket; follow-ups of closed tickets; when it was solved and closed. */
export class TicketClassificationLifecycle1764000000000 implements MigrationInterface {
  name = 'TicketClassificationLifecycle1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE "ticket"."tickets"
        ADD COLUMN "type" varchar(20) CHECK ("type" IN ('incident', 'service_request', 'question', 'problem')),
        ADD COLUMN "tier" smallint NOT NULL DEFAULT 1 CHECK ("tier" BETWEEN 1 AND 3),
        ADD COLUMN "team_id" uuid REFERENCES "ticket"."teams" ("id") ON DELETE SET NULL,
        ADD COLUMN "tags" text[] NOT NULL DEFAULT '{}',
        ADD COLUMN "due_at" timestamptz,
        ADD COLUMN "follow_up_of_id" uuid REFERENCES "ticket"."tickets" ("id"),
        ADD COLUMN "solved_at" timestamptz,
        ADD COLUMN "closed_at" timestamptz`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_team" ON "ticket"."tickets" ("team_id", "seq")`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_tags" ON "ticket"."tickets" USING gin ("tags")`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_solved" ON "ticket"."tickets" ("solved_at") WHERE "status" = 'solved'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE "ticket"."tickets"
        DROP COLUMN "closed_at", DROP COLUMN "solved_at", DROP COLUMN "follow_up_of_id", DROP COLUMN "due_at",
        DROP COLUMN "tags", DROP COLUMN "team_id", DROP COLUMN "tier", DROP COLUMN "type"`);
  }
}
