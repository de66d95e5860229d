import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New comments are added to their ticket's search vectors instead of rebuilding them.
 *
 * Until now every inserted comment ran `refresh_ticket_search`, which re-read and re-tokenised all
 * of the ticket's comments (both languages) and rewrote the ticket row: a conversation's 60th chat
 * message paid for the 59 before it, and a statement inserting many comments paid per row. Now an
 * insert is a statement-level trigger over the inserted rows (a transition table): per ticket, the
 * new public text is appended (`||`, weight C) to `search_vector` and the new internal text to
 * `internal_search_vector`, one update per ticket per statement. The document stays
 * subject (A) || description (B) || comments (C), as `search_document` builds it (tsvector
 * concatenation shifts the appended positions past the existing ones, as it already does between
 * the three parts). A comment changed, moved (merge) or deleted still rebuilds the ticket's vectors.
 */
export class IncrementalCommentSearch1766100000000 implements MigrationInterface {
  name = 'IncrementalCommentSearch1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER "ticket_comments_search" ON "ticket"."ticket_comments"`);
    await runner.query(`
      CREATE FUNCTION "ticket"."comments_search_append_trigger"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        UPDATE "ticket"."tickets" t
           SET "search_vector" = t."search_vector" || "ticket"."search_text_vector"(c.public_text, 'C'),
               "internal_search_vector" = CASE WHEN c.internal_text IS NULL THEN t."internal_search_vector"
                 ELSE COALESCE(t."internal_search_vector", ''::tsvector) || "ticket"."search_text_vector"(c.internal_text, 'C') END
          FROM (SELECT ticket_id,
                       string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE public) AS public_text,
                       string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE NOT public) AS internal_text
                  FROM added GROUP BY ticket_id) c
         WHERE t.id = c.ticket_id;
        RETURN NULL;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER "ticket_comments_search_insert" AFTER INSERT ON "ticket"."ticket_comments"
      REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION "ticket"."comments_search_append_trigger"()`);
    await runner.query(`
      CREATE TRIGGER "ticket_comments_search" AFTER DELETE OR UPDATE OF ticket_id, body, public ON "ticket"."ticket_comments"
      FOR EACH ROW EXECUTE FUNCTION "ticket"."comments_search_trigger"()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER "ticket_comments_search" ON "ticket"."ticket_comments"`);
    await runner.query(`DROP TRIGGER "ticket_comments_search_insert" ON "ticket"."ticket_comments"`);
    await runner.query(`DROP FUNCTION "ticket"."comments_search_append_trigger"()`);
    await runner.query(`
      CREATE TRIGGER "ticket_comments_search" AFTER INSERT OR DELETE OR UPDATE OF ticket_id, body, public ON "ticket"."ticket_comments"
      FOR EACH ROW EXECUTE FUNCTION "ticket"."comments_search_trigger"()`);
  }
}
