import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email threading: every Message-ID the helpdesk received for a ticket, and every Outlook
 * conversation (`ti:<Thread-Index's 22 bytes, hex>`) a received mail started, names its ticket for
 * the replies that follow. Comments keep an email's sanitized HTML next to its text.
 */
export class EmailThreads1764320000000 implements MigrationInterface {
  name = 'EmailThreads1764320000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "ticket"."email_threads" (
      "key" varchar(1000) PRIMARY KEY,
      "ticket_id" uuid NOT NULL REFERENCES "ticket"."tickets" ("id") ON DELETE CASCADE,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "IDX_ticket_email_threads_ticket" ON "ticket"."email_threads" ("ticket_id")`);
    await runner.query(`ALTER TABLE "ticket"."ticket_comments" ADD COLUMN "body_html" text`);
    await runner.query(`ALTER TABLE "ticket"."channel_conversations" ALTER COLUMN "conversation_id" TYPE varchar(1000)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."ticket_comments" DROP COLUMN "body_html"`);
    await runner.query(`DROP TABLE "ticket"."email_threads"`);
  }
}
