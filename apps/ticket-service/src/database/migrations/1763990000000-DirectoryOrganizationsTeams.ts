import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations with their email domains, teams with members, and the staff and contact fields of users. */
export class DirectoryOrganizationsTeams1763990000000 implements MigrationInterface {
  name = 'DirectoryOrganizationsTeams1763990000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "ticket"."organizations" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "shared_tickets" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX "UQ_ticket_organizations_name" ON "ticket"."organizations" (lower("name"))`);
    await runner.query(`
      CREATE TABLE "ticket"."organization_domains" (
        "domain" varchar(253) PRIMARY KEY,
        "organization_id" uuid NOT NULL REFERENCES "ticket"."organizations" ("id") ON DELETE CASCADE
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_organization_domains_org" ON "ticket"."organization_domains" ("organization_id")`);
    await runner.query(`
      ALTER TABLE "ticket"."users"
        ADD COLUMN "phone" varchar(40),
        ADD COLUMN "organization_id" uuid REFERENCES "ticket"."organizations" ("id") ON DELETE SET NULL,
        ADD COLUMN "tier" smallint CHECK ("tier" BETWEEN 1 AND 3),
        ADD COLUMN "skills" text[] NOT NULL DEFAULT '{}',
        ADD COLUMN "capacity" integer CHECK ("capacity" > 0)`);
    await runner.query(`CREATE INDEX "IDX_ticket_users_organization" ON "ticket"."users" ("organization_id")`);
    await runner.query(`CREATE INDEX "IDX_ticket_users_phone" ON "ticket"."users" ("phone")`);
    await runner.query(`
      CREATE TABLE "ticket"."teams" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "tier" smallint NOT NULL CHECK ("tier" BETWEEN 1 AND 3),
        "supervisor_id" uuid REFERENCES "ticket"."users" ("id") ON DELETE SET NULL,
        "routing_strategy" varchar(20) NOT NULL DEFAULT 'round_robin',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX "UQ_ticket_teams_name" ON "ticket"."teams" (lower("name"))`);
    await runner.query(`
      CREATE TABLE "ticket"."team_members" (
        "team_id" uuid NOT NULL REFERENCES "ticket"."teams" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "ticket"."users" ("id") ON DELETE CASCADE,
        "added_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("team_id", "user_id")
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_team_members_user" ON "ticket"."team_members" ("user_id")`);
    await runner.query(
      `ALTER TABLE "ticket"."tickets" ADD COLUMN "organization_id" uuid REFERENCES "ticket"."organizations" ("id") ON DELETE SET NULL`,
    );
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_organization" ON "ticket"."tickets" ("organization_id", "seq")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "organization_id"`);
    await runner.query(`DROP TABLE "ticket"."team_members"`);
    await runner.query(`DROP TABLE "ticket"."teams"`);
    await runner.query(
      `ALTER TABLE "ticket"."users" DROP COLUMN "capacity", DROP COLUMN "skills", DROP COLUMN "tier", DROP COLUMN "organization_id", DROP COLUMN "phone"`,
    );
    await runner.query(`DROP TABLE "ticket"."organization_domains"`);
    await runner.query(`DROP TABLE "ticket"."organizations"`);
  }
}
