import { createPlatformTables, dropPlatformTables } from '@helpdesk/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialReportingSchema1763900000000 implements MigrationInterface {
  name = 'InitialReportingSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await createPlatformTables(runner, 'reporting');
    await runner.query(`
      CREATE TABLE "reporting"."ticket_facts" (
        "ticket_id" uuid PRIMARY KEY,
        "number" varchar(30) NOT NULL,
        "status" varchar(20) NOT NULL,
        "priority" varchar(20) NOT NULL,
        "channel" varchar(20) NOT NULL,
        "requester_id" uuid NOT NULL,
        "assignee_id" uuid,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX "IDX_reporting_ticket_facts_created" ON "reporting"."ticket_facts" ("created_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS "reporting"."ticket_facts"`);
    await dropPlatformTables(runner, 'reporting');
  }
}
