import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments: metadata in `attachments`, content in `attachment_chunks` (256 KiB each, the unit
 * that crosses the bus). A row is invisible until its upload completes (`completed_at`); it belongs
 * to a comment once one links it.
 */
export class Attachments1764070000000 implements MigrationInterface {
  name = 'Attachments1764070000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "ticket"."attachments" (
        "id" uuid PRIMARY KEY,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."tickets" ("id") ON DELETE CASCADE,
        "comment_id" uuid REFERENCES "ticket"."ticket_comments" ("id") ON DELETE CASCADE,
        "uploader_id" uuid NOT NULL REFERENCES "ticket"."users" ("id"),
        "filename" varchar(255),
        "content_type" varchar(255),
        "size_bytes" bigint CHECK ("size_bytes" >= 0),
        "sha256" char(64),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "completed_at" timestamptz,
        CONSTRAINT "CHK_ticket_attachments_completed" CHECK (
          "completed_at" IS NULL OR ("filename" IS NOT NULL AND "content_type" IS NOT NULL AND "size_bytes" IS NOT NULL AND "sha256" IS NOT NULL)
        ),
        CONSTRAINT "CHK_ticket_attachments_linked_completed" CHECK ("comment_id" IS NULL OR "completed_at" IS NOT NULL)
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_attachments_ticket" ON "ticket"."attachments" ("ticket_id", "created_at")`);
    await runner.query(
      `CREATE INDEX "IDX_ticket_attachments_comment" ON "ticket"."attachments" ("comment_id") WHERE "comment_id" IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX "IDX_ticket_attachments_unfinished" ON "ticket"."attachments" ("created_at") WHERE "completed_at" IS NULL`,
    );
    await runner.query(`
      CREATE TABLE "ticket"."attachment_chunks" (
        "attachment_id" uuid NOT NULL REFERENCES "ticket"."attachments" ("id") ON DELETE CASCADE,
        "idx" integer NOT NULL CHECK ("idx" >= 0),
        "data" bytea NOT NULL,
        CONSTRAINT "PK_ticket_attachment_chunks" PRIMARY KEY ("attachment_id", "idx")
      )`);
    // Out of line and uncompressed: most attachments (images, PDFs, archives) are compressed already.
    await runner.query(`ALTER TABLE "ticket"."attachment_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ticket"."attachment_chunks"`);
    await runner.query(`DROP TABLE "ticket"."attachments"`);
  }
}
