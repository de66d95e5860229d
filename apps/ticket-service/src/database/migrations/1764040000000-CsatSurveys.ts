import { MigrationInterface, QueryRunner } from 'typeorm';

/** Satisfaction surveys: one per solve, answered once through a secret token, expiring. */
export class CsatSurveys1764040000000 implements MigrationInterface {
  name = 'CsatSurveys1764040000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "ticket"."csat_surveys" (
        "id" uuid PRIMARY KEY,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."tickets" ("id") ON DELETE CASCADE,
        "token" varchar(100) NOT NULL UNIQUE,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "superseded_at" timestamptz,
        "rating" varchar(4) CHECK ("rating" IN ('good', 'bad')),
        "comment" text,
        "rated_at" timestamptz
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_csat_surveys_ticket" ON "ticket"."csat_surveys" ("ticket_id", "requested_at")`);
    await runner.query(`
      ALTER TABLE "ticket"."tickets"
        ADD COLUMN "csat_rating" varchar(4) CHECK ("csat_rating" IN ('good', 'bad')),
        ADD COLUMN "csat_comment" text,
        ADD COLUMN "csat_rated_at" timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "csat_rated_at", DROP COLUMN "csat_comment", DROP COLUMN "csat_rating"`);
    await runner.query(`DROP TABLE "ticket"."csat_surveys"`);
  }
}
