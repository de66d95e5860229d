import { MigrationInterface, QueryRunner } from 'typeorm';

/** A merged ticket points at the ticket it was merged into. */
export class TicketMerge1764050000000 implements MigrationInterface {
  name = 'TicketMerge1764050000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" ADD COLUMN "merged_into_id" uuid REFERENCES "ticket"."tickets" ("id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "merged_into_id"`);
  }
}
