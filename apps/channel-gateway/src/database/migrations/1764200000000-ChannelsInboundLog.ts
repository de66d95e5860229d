import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channels as configuration (the write-only secret in its own column, never selected into a view)
 * and the inbound log: one row per (channel, provider message id), written before a webhook is
 * acknowledged, in the same transaction as its `channel.message.received` outbox event.
 */
export class ChannelsInboundLog1764200000000 implements MigrationInterface {
  name = 'ChannelsInboundLog1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "channel"."channels" (
      "id" uuid PRIMARY KEY,
      "type" varchar(16) NOT NULL,
      "name" varchar(200) NOT NULL,
      "settings" jsonb NOT NULL DEFAULT '{}',
      "secret" text,
      "active" boolean NOT NULL DEFAULT true,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "IDX_channel_channels_name" ON "channel"."channels" (lower("name"), "id")`);
    await runner.query(`CREATE TABLE "channel"."inbound_messages" (
      "id" uuid PRIMARY KEY,
      "channel_id" uuid NOT NULL REFERENCES "channel"."channels" ("id") ON DELETE CASCADE,
      "provider_message_id" varchar(200) NOT NULL,
      "conversation_id" varchar(200) NOT NULL,
      "raw_body" text NOT NULL,
      "received_at" timestamptz NOT NULL,
      CONSTRAINT "UQ_channel_inbound_messages_provider_id" UNIQUE ("channel_id", "provider_message_id")
    )`);
    await runner.query(
      `CREATE INDEX "IDX_channel_inbound_messages_conversation" ON "channel"."inbound_messages" ("channel_id", "conversation_id", "received_at")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "channel"."inbound_messages"`);
    await runner.query(`DROP TABLE "channel"."channels"`);
  }
}
