import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound deliveries. Admins' webhook subscriptions (the signing secret write-only, in its own
 * column); one delivery per (subscription, event) or per channel reply, made unique by its dedupe
 * key so an event the bus redelivers makes one delivery; every try logged with its status code.
 * A sender claims due deliveries with SKIP LOCKED and pushes `next_attempt_at` a lease ahead while
 * its POST is in flight, so two replicas never send one at once.
 */
export class OutboundDeliveries1764340000002 implements MigrationInterface {
  name = 'OutboundDeliveries1764340000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "channel"."webhook_subscriptions" (
      "id" uuid PRIMARY KEY,
      "url" varchar(2048) NOT NULL,
      "events" text[] NOT NULL,
      "secret" text NOT NULL,
      "description" varchar(500),
      "active" boolean NOT NULL DEFAULT true,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(
      `CREATE INDEX "IDX_channel_webhook_subscriptions_active" ON "channel"."webhook_subscriptions" ("created_at") WHERE "active"`,
    );
    await runner.query(`CREATE TABLE "channel"."outbound_deliveries" (
      "id" uuid PRIMARY KEY,
      "kind" varchar(16) NOT NULL CHECK ("kind" IN ('subscription', 'channel_reply')),
      "transport" varchar(32) NOT NULL DEFAULT 'http',
      "subscription_id" uuid REFERENCES "channel"."webhook_subscriptions" ("id") ON DELETE CASCADE,
      "channel_id" uuid REFERENCES "channel"."channels" ("id") ON DELETE CASCADE,
      "event_type" varchar(100) NOT NULL,
      "event_id" uuid,
      "payload" jsonb NOT NULL,
      "dedupe_key" varchar(300) NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'delivered', 'failed')),
      "attempts" int NOT NULL DEFAULT 0,
      "attempts_base" int NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz,
      "last_status_code" int,
      "last_error" text,
      "delivered_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_channel_outbound_deliveries_dedupe" UNIQUE ("dedupe_key"),
      CONSTRAINT "CHK_channel_outbound_deliveries_target" CHECK (("kind" = 'subscription') = ("subscription_id" IS NOT NULL))
    )`);
    await runner.query(
      `CREATE INDEX "IDX_channel_outbound_deliveries_due" ON "channel"."outbound_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await runner.query(
      `CREATE INDEX "IDX_channel_outbound_deliveries_subscription" ON "channel"."outbound_deliveries" ("subscription_id", "created_at")`,
    );
    await runner.query(`CREATE TABLE "channel"."outbound_delivery_attempts" (
      "delivery_id" uuid NOT NULL REFERENCES "channel"."outbound_deliveries" ("id") ON DELETE CASCADE,
      "attempt" int NOT NULL,
      "at" timestamptz NOT NULL,
      "status_code" int,
      "duration_ms" int NOT NULL,
      "error" text,
      CONSTRAINT "PK_channel_outbound_delivery_attempts" PRIMARY KEY ("delivery_id", "attempt")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "channel"."outbound_delivery_attempts"`);
    await runner.query(`DROP TABLE "channel"."outbound_deliveries"`);
    await runner.query(`DROP TABLE "channel"."webhook_subscriptions"`);
  }
}
