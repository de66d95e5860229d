import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who is viewing or typing on a ticket right now; entries expire on their own. */
export class TicketPresence1764030000000 implements MigrationInterface {
  name = 'TicketPresence1764030000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "ticket"."ticket_presence" (
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."tickets" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "ticket"."users" ("id") ON DELETE CASCADE,
        "state" varchar(10) NOT NULL CHECK ("state" IN ('viewing', 'typing')),
        "expires_at" timestamptz NOT NULL,
        PRIMARY KEY ("ticket_id", "user_id")
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_presence_expires" ON "ticket"."ticket_presence" ("expires_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ticket"."ticket_presence"`);
  }
}
