import { MigrationInterface, QueryRunner } from 'typeorm';

/** Ordered routing rules that choose a team; each team's round-robin position; ticket followers. */
export class RoutingRulesFollowers1764020000000 implements MigrationInterface {
  name = 'RoutingRulesFollowers1764020000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "ticket"."routing_rules" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "position" integer NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "conditions" jsonb NOT NULL DEFAULT '{}',
        "team_id" uuid NOT NULL REFERENCES "ticket"."teams" ("id") ON DELETE CASCADE,
        "required_skills" text[] NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_routing_rules_position" ON "ticket"."routing_rules" ("position", "name")`);
    await runner.query(`ALTER TABLE "ticket"."teams" ADD COLUMN "last_assigned_user_id" uuid`);
    await runner.query(`ALTER TABLE "ticket"."tickets" ADD COLUMN "follower_ids" uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "follower_ids"`);
    await runner.query(`ALTER TABLE "ticket"."teams" DROP COLUMN "last_assigned_user_id"`);
    await runner.query(`DROP TABLE "ticket"."routing_rules"`);
  }
}
