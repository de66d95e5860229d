import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA engine's tables. `ticket_slas` holds one row per ticket: its facts, policy version,
 * clocks (jsonb) and the next instant something fires for it, which the due-work claim reads with
 * FOR UPDATE SKIP LOCKED; the row is the ticket's lock for every writer. `ticket_inputs` records
 * what happened to the ticket as the clocks see it (to recompute, explain and simulate);
 * `metric_events` is the explanation; `webhook_deliveries` the escalation webhooks still to send.
 */
export class SlaEngine1764110000000 implements MigrationInterface {
  name = 'SlaEngine1764110000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "sla"."ticket_slas" (
      "ticket_id" uuid PRIMARY KEY,
      "ticket_created_at" timestamptz NOT NULL,
      "facts" jsonb NOT NULL,
      "policy_id" uuid,
      "policy_version" integer,
      "first_responded" boolean NOT NULL DEFAULT false,
      "clocks" jsonb NOT NULL DEFAULT '{}',
      "live" boolean NOT NULL DEFAULT false,
      "next_action_at" timestamptz,
      "last_input_at" timestamptz NOT NULL,
      "input_count" integer NOT NULL DEFAULT 0,
      "state_seq" integer NOT NULL DEFAULT 0,
      "published_state" jsonb
    )`);
    await runner.query(
      `CREATE INDEX "IDX_sla_ticket_slas_next_action" ON "sla"."ticket_slas" ("next_action_at") WHERE "next_action_at" IS NOT NULL`,
    );
    await runner.query(`CREATE INDEX "IDX_sla_ticket_slas_created" ON "sla"."ticket_slas" ("ticket_created_at")`);
    await runner.query(
      `CREATE INDEX "IDX_sla_ticket_slas_live_policy" ON "sla"."ticket_slas" ("policy_id", "policy_version") WHERE "live"`,
    );
    await runner.query(`CREATE TABLE "sla"."ticket_inputs" (
      "ticket_id" uuid NOT NULL,
      "seq" integer NOT NULL,
      "at" timestamptz NOT NULL,
      "input" jsonb NOT NULL,
      CONSTRAINT "PK_sla_ticket_inputs" PRIMARY KEY ("ticket_id", "seq")
    )`);
    await runner.query(`CREATE TABLE "sla"."metric_events" (
      "id" bigserial PRIMARY KEY,
      "ticket_id" uuid NOT NULL,
      "clock" varchar(20),
      "cycle" integer NOT NULL,
      "type" varchar(20) NOT NULL,
      "at" timestamptz NOT NULL,
      "fired" boolean NOT NULL DEFAULT false,
      "detail" jsonb NOT NULL DEFAULT '{}'
    )`);
    await runner.query(`CREATE INDEX "IDX_sla_metric_events_ticket" ON "sla"."metric_events" ("ticket_id", "at", "id")`);
    await runner.query(`CREATE TABLE "sla"."webhook_deliveries" (
      "id" uuid PRIMARY KEY,
      "ticket_id" uuid NOT NULL,
      "url" varchar(2000) NOT NULL,
      "payload" jsonb NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz NOT NULL,
      "delivered_at" timestamptz,
      "failed_at" timestamptz,
      "last_error" text,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(
      `CREATE INDEX "IDX_sla_webhook_deliveries_due" ON "sla"."webhook_deliveries" ("next_attempt_at") WHERE "delivered_at" IS NULL AND "failed_at" IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "sla"."webhook_deliveries"`);
    await runner.query(`DROP TABLE "sla"."metric_events"`);
    await runner.query(`DROP TABLE "sla"."ticket_inputs"`);
    await runner.query(`DROP TABLE "sla"."ticket_slas"`);
  }
}
