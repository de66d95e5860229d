import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which ticket a channel conversation (a chat conversation, later a phone number or an email
 * thread) is on: one open ticket per conversation. The row is also the conversation's lock, so
 * two messages of one conversation never open two tickets.
 */
export class ChannelConversations1764200000000 implements MigrationInterface {
  name = 'ChannelConversations1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "ticket"."channel_conversations" (
      "channel_id" uuid NOT NULL,
      "conversation_id" varchar(200) NOT NULL,
      "ticket_id" uuid REFERENCES "ticket"."tickets" ("id") ON DELETE SET NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_ticket_channel_conversations" PRIMARY KEY ("channel_id", "conversation_id")
    )`);
    await runner.query(`CREATE INDEX "IDX_ticket_channel_conversations_ticket" ON "ticket"."channel_conversations" ("ticket_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ticket"."channel_conversations"`);
  }
}
