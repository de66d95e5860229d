import { MigrationInterface, QueryRunner } from 'typeorm';

/** The Message-IDs of the mails the helpdesk sent, by ticket: they thread the mails that follow. */
export class EmailSent1764350000000 implements MigrationInterface {
  name = 'EmailSent1764350000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "channel"."email_sent" (
      "message_id" varchar(1000) PRIMARY KEY,
      "ticket_id" uuid NOT NULL,
      "channel_id" uuid NOT NULL,
      "kind" varchar(32) NOT NULL,
      "delivery_id" uuid NOT NULL,
      "recipient" varchar(320) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "IDX_channel_email_sent_ticket" ON "channel"."email_sent" ("ticket_id", "created_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "channel"."email_sent"`);
  }
}
