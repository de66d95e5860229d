import { MigrationInterface, QueryRunner } from 'typeorm';

/** Macros: named sets of actions agents apply to a ticket in one step. */
export class Macros1764066000000 implements MigrationInterface {
  name = 'Macros1764066000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "ticket"."macros" (
      "id" uuid PRIMARY KEY,
      "title" varchar(200) NOT NULL,
      "description" text,
      "actions" jsonb NOT NULL,
      "visibility" varchar(10) NOT NULL,
      "team_id" uuid REFERENCES "ticket"."teams" ("id") ON DELETE CASCADE,
      "owner_id" uuid REFERENCES "ticket"."users" ("id") ON DELETE CASCADE,
      "active" boolean NOT NULL DEFAULT true,
      "usage_count" integer NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CHECK ((visibility = 'team') = (team_id IS NOT NULL)),
      CHECK ((visibility = 'personal') = (owner_id IS NOT NULL))
    )`);
    await runner.query(`CREATE INDEX "IDX_ticket_macros_team" ON "ticket"."macros" ("team_id") WHERE team_id IS NOT NULL`);
    await runner.query(`CREATE INDEX "IDX_ticket_macros_owner" ON "ticket"."macros" ("owner_id") WHERE owner_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ticket"."macros"`);
  }
}
