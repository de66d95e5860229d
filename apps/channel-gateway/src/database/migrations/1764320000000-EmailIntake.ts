import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email intake. The inbound log learns what became of each message (`state`: logged, handed_over,
 * handled, ignored — with the reason and the ticket), its sender (the per-sender rate limit counts by
 * it) and, for mail, the raw source as bytes. A Message-ID is taken once across every mailbox; an
 * email's files wait here until ticket-service copies them to the ticket. Admins' sender rules
 * override the automated-mail verdict; `instance` holds the marker of this installation's Message-IDs.
 */
export class EmailIntake1764320000000 implements MigrationInterface {
  name = 'EmailIntake1764320000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "channel"."inbound_messages"
      ADD COLUMN "state" varchar(16) NOT NULL DEFAULT 'handed_over',
      ADD COLUMN "reason" varchar(64),
      ADD COLUMN "sender" varchar(320),
      ADD COLUMN "ticket_id" uuid,
      ADD COLUMN "handled_at" timestamptz,
      ADD COLUMN "raw_source" bytea,
      ALTER COLUMN "raw_body" DROP NOT NULL,
      ALTER COLUMN "provider_message_id" TYPE varchar(1000)`);
    await runner.query(
      `CREATE INDEX "IDX_channel_inbound_messages_sender" ON "channel"."inbound_messages" ("sender", "received_at") WHERE "sender" IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX "IDX_channel_inbound_messages_ticket" ON "channel"."inbound_messages" ("ticket_id") WHERE "ticket_id" IS NOT NULL`,
    );
    await runner.query(`CREATE TABLE "channel"."email_message_ids" (
      "message_id" varchar(1000) PRIMARY KEY,
      "inbound_id" uuid NOT NULL REFERENCES "channel"."inbound_messages" ("id") ON DELETE CASCADE
    )`);
    await runner.query(`CREATE TABLE "channel"."inbound_files" (
      "id" uuid PRIMARY KEY,
      "inbound_id" uuid NOT NULL REFERENCES "channel"."inbound_messages" ("id") ON DELETE CASCADE,
      "position" integer NOT NULL,
      "filename" varchar(255) NOT NULL,
      "content_type" varchar(255) NOT NULL,
      "size_bytes" integer NOT NULL,
      "content_id" varchar(255),
      "inline" boolean NOT NULL DEFAULT false,
      "content" bytea NOT NULL
    )`);
    await runner.query(`ALTER TABLE "channel"."inbound_files" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
    await runner.query(`CREATE INDEX "IDX_channel_inbound_files_inbound" ON "channel"."inbound_files" ("inbound_id", "position")`);
    await runner.query(`CREATE TABLE "channel"."email_sender_rules" (
      "id" uuid PRIMARY KEY,
      "sender" varchar(320) NOT NULL,
      "verdict" varchar(16) NOT NULL CHECK ("verdict" IN ('person', 'automated')),
      "note" varchar(500),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_channel_email_sender_rules_sender" UNIQUE ("sender")
    )`);
    await runner.query(`CREATE TABLE "channel"."instance" (
      "singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
      "marker" varchar(32) NOT NULL
    )`);
    await runner.query(
      `INSERT INTO "channel"."instance" ("marker") VALUES (substr(md5(random()::text || clock_timestamp()::text), 1, 12))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "channel"."instance"`);
    await runner.query(`DROP TABLE "channel"."email_sender_rules"`);
    await runner.query(`DROP TABLE "channel"."inbound_files"`);
    await runner.query(`DROP TABLE "channel"."email_message_ids"`);
    await runner.query(`DROP INDEX "channel"."IDX_channel_inbound_messages_ticket"`);
    await runner.query(`DROP INDEX "channel"."IDX_channel_inbound_messages_sender"`);
    await runner.query(`ALTER TABLE "channel"."inbound_messages"
      DROP COLUMN "state", DROP COLUMN "reason", DROP COLUMN "sender", DROP COLUMN "ticket_id",
      DROP COLUMN "handled_at", DROP COLUMN "raw_source"`);
  }
}
