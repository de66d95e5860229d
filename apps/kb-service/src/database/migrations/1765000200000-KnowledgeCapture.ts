import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guarantees behind knowledge capture, links and feedback:
 * - one live article captured per ticket (a second capture answers 409 even when two race);
 * - one vote per logged-in reader per article (anonymous votes have no actor and are each counted);
 * - the tickets an article was used on, newest first, without a sort.
 */
export class KnowledgeCapture1765000200000 implements MigrationInterface {
  name = 'KnowledgeCapture1765000200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE UNIQUE INDEX "UQ_kb_articles_source_ticket" ON "kb"."articles" ("source_ticket_id")
        WHERE "source_ticket_id" IS NOT NULL AND "deleted_at" IS NULL`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX "UQ_kb_article_feedback_actor" ON "kb"."article_feedback" ("article_id", "actor_id") WHERE "actor_id" IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX "IDX_kb_ticket_links_article" ON "kb"."ticket_links" ("article_id", "created_at" DESC, "ticket_id" DESC)`,
    );
    await runner.query(
      `CREATE INDEX "IDX_kb_capture_proposals_state" ON "kb"."capture_proposals" ("state", "solved_at" DESC, "ticket_id" DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "kb"."IDX_kb_capture_proposals_state"`);
    await runner.query(`DROP INDEX "kb"."IDX_kb_ticket_links_article"`);
    await runner.query(`DROP INDEX "kb"."UQ_kb_article_feedback_actor"`);
    await runner.query(`DROP INDEX "kb"."UQ_kb_articles_source_ticket"`);
  }
}
