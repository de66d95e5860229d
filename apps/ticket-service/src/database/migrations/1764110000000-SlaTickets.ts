import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What ticket-service keeps of the SLA (issue 4): the ticket's next due time and whether a clock
 * breached, as sla-service last reported them (`sla.ticket-state.changed`, ordered by `sla_seq`), so
 * that lists and views filter on them; and the in-app notifications SLA warnings and escalations
 * leave for people. The partial indexes serve `?sla=breached` (newest first) and
 * `?slaDueWithin=N` (a range on the due time of running, unbreached tickets).
 */
export class SlaTickets1764110000000 implements MigrationInterface {
  name = 'SlaTickets1764110000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets"
      ADD COLUMN "sla_next_due_at" timestamptz,
      ADD COLUMN "sla_breached" boolean NOT NULL DEFAULT false,
      ADD COLUMN "sla_seq" integer NOT NULL DEFAULT 0`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_sla_breached" ON "ticket"."tickets" ("seq") WHERE "sla_breached"`);
    await runner.query(
      `CREATE INDEX "IDX_ticket_tickets_sla_due" ON "ticket"."tickets" ("sla_next_due_at", "seq")
        WHERE "sla_next_due_at" IS NOT NULL AND NOT "sla_breached"`,
    );
    await runner.query(`CREATE TABLE "ticket"."notifications" (
      "id" uuid PRIMARY KEY,
      "seq" bigint GENERATED ALWAYS AS IDENTITY,
      "user_id" uuid NOT NULL REFERENCES "ticket"."users" ("id"),
      "ticket_id" uuid NOT NULL REFERENCES "ticket"."tickets" ("id"),
      "kind" varchar(40) NOT NULL,
      "payload" jsonb NOT NULL DEFAULT '{}',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "read_at" timestamptz
    )`);
    await runner.query(`CREATE INDEX "IDX_ticket_notifications_user" ON "ticket"."notifications" ("user_id", "seq" DESC)`);
    await runner.query(
      `CREATE INDEX "IDX_ticket_notifications_user_unread" ON "ticket"."notifications" ("user_id", "seq" DESC)
        WHERE "read_at" IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ticket"."notifications"`);
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_sla_due"`);
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_sla_breached"`);
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "sla_seq", DROP COLUMN "sla_breached", DROP COLUMN "sla_next_due_at"`);
  }
}
