import { MigrationInterface, QueryRunner } from 'typeorm';

/** A new ticket that repeats a recent one of the same requester points at it. */
export class PossibleDuplicates1764060000000 implements MigrationInterface {
  name = 'PossibleDuplicates1764060000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE "ticket"."tickets" ADD COLUMN "possible_duplicate_of_id" uuid REFERENCES "ticket"."tickets" ("id") ON DELETE SET NULL`,
    );
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_requester_created" ON "ticket"."tickets" ("requester_id", "created_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_requester_created"`);
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "possible_duplicate_of_id"`);
  }
}
