import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A calendar change to carry into the due times of running clocks, ticket by ticket in batches:
 * written with the change, worked off by any replica (SKIP LOCKED), resumed after a restart.
 */
export class CalendarReschedules1764120000000 implements MigrationInterface {
  name = 'CalendarReschedules1764120000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "sla"."calendar_reschedules" (
      "id" bigserial PRIMARY KEY,
      "calendar_id" uuid NOT NULL,
      "after_ticket_id" uuid,
      "rescheduled" integer NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "done_at" timestamptz
    )`);
    await runner.query(
      `CREATE INDEX "IDX_sla_calendar_reschedules_pending" ON "sla"."calendar_reschedules" ("id") WHERE "done_at" IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "sla"."calendar_reschedules"`);
  }
}
