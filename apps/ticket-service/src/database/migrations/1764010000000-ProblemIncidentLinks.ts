import { MigrationInterface, QueryRunner } from 'typeorm';

/** Incidents link the problem ticket that causes them. */
export class ProblemIncidentLinks1764010000000 implements MigrationInterface {
  name = 'ProblemIncidentLinks1764010000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE "ticket"."tickets" ADD COLUMN "problem_id" uuid REFERENCES "ticket"."tickets" ("id") ON DELETE SET NULL`,
    );
    await runner.query(
      `CREATE INDEX "IDX_ticket_tickets_problem" ON "ticket"."tickets" ("problem_id", "seq") WHERE "problem_id" IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "problem_id"`);
  }
}
