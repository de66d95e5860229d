import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tickets with a running clock past due, counted on every metrics scrape: a partial index keeps that cheap. */
export class BreachedTicketsIndex1764140000000 implements MigrationInterface {
  name = 'BreachedTicketsIndex1764140000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX "IDX_sla_ticket_slas_breached" ON "sla"."ticket_slas" ("ticket_id") WHERE ("published_state"->>'breached') = 'true'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "sla"."IDX_sla_ticket_slas_breached"`);
  }
}
