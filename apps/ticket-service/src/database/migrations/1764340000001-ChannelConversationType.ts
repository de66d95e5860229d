import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The channel's type kept with each conversation, so a staff reply's `channel.reply.requested`
 * names it (channel-gateway picks the transport by it). Rows from before stay null; email threads are
 * recognised by their rows in `email_threads`.
 */
export class ChannelConversationType1764340000001 implements MigrationInterface {
  name = 'ChannelConversationType1764340000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."channel_conversations" ADD COLUMN "channel_type" varchar(16)`);
    await runner.query(
      `UPDATE "ticket"."channel_conversations" c SET channel_type = 'email'
        WHERE EXISTS (SELECT 1 FROM "ticket"."email_threads" t WHERE t.key = c.conversation_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."channel_conversations" DROP COLUMN "channel_type"`);
  }
}
