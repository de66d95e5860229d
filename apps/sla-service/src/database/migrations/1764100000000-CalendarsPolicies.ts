import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business calendars, and SLA policies with their immutable versions: a policy row holds what
 * matching needs (order, active, conditions) and points at its current version; each version is a
 * snapshot of targets, calendar, warning, pauses and escalation that tickets keep once started.
 */
export class CalendarsPolicies1764100000000 implements MigrationInterface {
  name = 'CalendarsPolicies1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "sla"."calendars" (
      "id" uuid PRIMARY KEY,
      "name" varchar(200) NOT NULL,
      "time_zone" varchar(64) NOT NULL,
      "weekly_hours" jsonb NOT NULL,
      "holidays" jsonb NOT NULL DEFAULT '[]',
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE TABLE "sla"."policies" (
      "id" uuid PRIMARY KEY,
      "name" varchar(200) NOT NULL,
      "position" integer NOT NULL,
      "active" boolean NOT NULL DEFAULT true,
      "conditions" jsonb NOT NULL DEFAULT '{}',
      "current_version" integer NOT NULL,
      "deleted_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "IDX_sla_policies_position" ON "sla"."policies" ("position") WHERE "deleted_at" IS NULL`);
    await runner.query(`CREATE TABLE "sla"."policy_versions" (
      "policy_id" uuid NOT NULL REFERENCES "sla"."policies" ("id"),
      "version" integer NOT NULL,
      "calendar_id" uuid,
      "definition" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_sla_policy_versions" PRIMARY KEY ("policy_id", "version")
    )`);
    await runner.query(`CREATE INDEX "IDX_sla_policy_versions_calendar" ON "sla"."policy_versions" ("calendar_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "sla"."policy_versions"`);
    await runner.query(`DROP TABLE "sla"."policies"`);
    await runner.query(`DROP TABLE "sla"."calendars"`);
  }
}
