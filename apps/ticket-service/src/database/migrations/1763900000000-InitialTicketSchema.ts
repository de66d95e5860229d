import { createPlatformTables, dropPlatformTables } from '@helpdesk/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialTicketSchema1763900000000 implements MigrationInterface {
  name = 'InitialTicketSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await createPlatformTables(runner, 'ticket');
    await runner.query(`
      CREATE TABLE "ticket"."users" (
        "id" uuid PRIMARY KEY,
        "email" varchar(254) NOT NULL,
        "name" varchar(200) NOT NULL,
        "role" varchar(20) NOT NULL CHECK ("role" IN ('admin', 'supervisor', 'agent', 'customer')),
        "password_hash" varchar(255),
        "locale" varchar(5) NOT NULL DEFAULT 'es',
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX "UQ_ticket_users_email" ON "ticket"."users" ("email")`);
    await runner.query(`CREATE INDEX "IDX_ticket_users_role" ON "ticket"."users" ("role", "created_at")`);
    await runner.query(`CREATE SEQUENCE "ticket"."ticket_number_seq" AS bigint START 1 NO CYCLE`);
    await runner.query(`
      CREATE TABLE "ticket"."tickets" (
        "id" uuid PRIMARY KEY,
        "seq" bigint NOT NULL DEFAULT nextval('"ticket"."ticket_number_seq"'),
        "number" varchar(30) GENERATED ALWAYS AS (
          'HD-' || CASE WHEN "seq" < 1000000 THEN lpad("seq"::text, 6, '0') ELSE "seq"::text END
        ) STORED,
        "subject" varchar(250) NOT NULL,
        "description" text NOT NULL,
        "status" varchar(20) NOT NULL,
        "priority" varchar(20) NOT NULL,
        "channel" varchar(20) NOT NULL,
        "requester_id" uuid NOT NULL REFERENCES "ticket"."users" ("id"),
        "assignee_id" uuid REFERENCES "ticket"."users" ("id"),
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`ALTER SEQUENCE "ticket"."ticket_number_seq" OWNED BY "ticket"."tickets"."seq"`);
    await runner.query(`CREATE UNIQUE INDEX "UQ_ticket_tickets_seq" ON "ticket"."tickets" ("seq")`);
    await runner.query(`CREATE UNIQUE INDEX "UQ_ticket_tickets_number" ON "ticket"."tickets" ("number")`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_status" ON "ticket"."tickets" ("status", "seq")`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_assignee" ON "ticket"."tickets" ("assignee_id", "seq")`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_requester" ON "ticket"."tickets" ("requester_id", "seq")`);
    await runner.query(`
      CREATE TABLE "ticket"."ticket_comments" (
        "id" uuid PRIMARY KEY,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."tickets" ("id"),
        "author_id" uuid NOT NULL REFERENCES "ticket"."users" ("id"),
        "body" text NOT NULL,
        "public" boolean NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_comments_ticket" ON "ticket"."ticket_comments" ("ticket_id", "created_at")`);
    await runner.query(`
      CREATE TABLE "ticket"."ticket_history" (
        "id" bigserial PRIMARY KEY,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."tickets" ("id"),
        "actor_id" uuid REFERENCES "ticket"."users" ("id"),
        "action" varchar(40) NOT NULL,
        "changes" jsonb NOT NULL DEFAULT '[]',
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_history_ticket" ON "ticket"."ticket_history" ("ticket_id", "id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['ticket_history', 'ticket_comments', 'tickets', 'users']) {
      await runner.query(`DROP TABLE IF EXISTS "ticket"."${table}"`);
    }
    await dropPlatformTables(runner, 'ticket');
  }
}
