import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search and saved views.
 *
 * - `search_fold(text)`: accents stripped with translate() (an IMMUTABLE SQL function, so it works
 *   in PGlite too, which has no `unaccent`), the same on documents and queries.
 * - `search_vector`: what anyone who sees the ticket may read — subject (A), description (B) and the
 *   public replies (C) — in both the `spanish` and the `english` configurations.
 * - `internal_search_vector`: the internal notes (C), NULL when there are none; only staff queries
 *   look at it, so a customer never matches text they cannot read.
 * - Triggers keep both up to date: on a ticket's insert or a change of its subject or description,
 *   and on every comment inserted, changed, moved to another ticket (merge) or deleted.
 * - `search_query(text)`: websearch syntax in both configurations, OR'ed.
 * - `views`: saved views, personal (owner_id) or of a team (team_id), filters as the list query's.
 */
export class TicketSearchViews1764080000000 implements MigrationInterface {
  name = 'TicketSearchViews1764080000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION "ticket"."search_fold"(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT lower(translate(input,
        'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇçÝýÿ',
        'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCcYyy')) $$`);
    await runner.query(`
      CREATE FUNCTION "ticket"."search_text_vector"(input text, weight "char") RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN input IS NULL OR input = '' THEN ''::tsvector ELSE
        setweight(to_tsvector('spanish'::regconfig, "ticket"."search_fold"(input)), weight)
        || setweight(to_tsvector('english'::regconfig, "ticket"."search_fold"(input)), weight) END $$`);
    await runner.query(`
      CREATE FUNCTION "ticket"."search_document"(subject text, description text, comments text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT "ticket"."search_text_vector"(subject, 'A') || "ticket"."search_text_vector"(description, 'B')
                || "ticket"."search_text_vector"(comments, 'C') $$`);
    await runner.query(`
      CREATE FUNCTION "ticket"."search_query"(input text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT websearch_to_tsquery('spanish'::regconfig, "ticket"."search_fold"(input))
                || websearch_to_tsquery('english'::regconfig, "ticket"."search_fold"(input)) $$`);

    await runner.query(`ALTER TABLE "ticket"."tickets" ADD COLUMN "search_vector" tsvector NOT NULL DEFAULT ''::tsvector`);
    await runner.query(`ALTER TABLE "ticket"."tickets" ADD COLUMN "internal_search_vector" tsvector`);

    // Both vectors of one ticket, from its current text and comments.
    await runner.query(`
      CREATE FUNCTION "ticket"."refresh_ticket_search"(target uuid) RETURNS void
      LANGUAGE sql
      AS $$
        UPDATE "ticket"."tickets" t
           SET "search_vector" = "ticket"."search_document"(t.subject, t.description, c.public_text),
               "internal_search_vector" = CASE WHEN c.internal_text IS NULL THEN NULL
                                               ELSE "ticket"."search_document"(NULL, NULL, c.internal_text) END
          FROM (SELECT string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE public) AS public_text,
                       string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE NOT public) AS internal_text
                  FROM "ticket"."ticket_comments" WHERE ticket_id = target) c
         WHERE t.id = target
      $$`);
    await runner.query(`
      CREATE FUNCTION "ticket"."tickets_search_trigger"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        NEW.search_vector := "ticket"."search_document"(NEW.subject, NEW.description,
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE
            (SELECT string_agg(body, ' ' ORDER BY created_at, id) FROM "ticket"."ticket_comments" WHERE ticket_id = NEW.id AND public) END);
        RETURN NEW;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER "tickets_search_insert" BEFORE INSERT ON "ticket"."tickets"
      FOR EACH ROW EXECUTE FUNCTION "ticket"."tickets_search_trigger"()`);
    await runner.query(`
      CREATE TRIGGER "tickets_search_update" BEFORE UPDATE OF subject, description ON "ticket"."tickets"
      FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject OR OLD.description IS DISTINCT FROM NEW.description)
      EXECUTE FUNCTION "ticket"."tickets_search_trigger"()`);
    await runner.query(`
      CREATE FUNCTION "ticket"."comments_search_trigger"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "ticket"."refresh_ticket_search"(OLD.ticket_id); END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.ticket_id IS DISTINCT FROM OLD.ticket_id) THEN
          PERFORM "ticket"."refresh_ticket_search"(NEW.ticket_id);
        END IF;
        RETURN NULL;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER "ticket_comments_search" AFTER INSERT OR DELETE OR UPDATE OF ticket_id, body, public ON "ticket"."ticket_comments"
      FOR EACH ROW EXECUTE FUNCTION "ticket"."comments_search_trigger"()`);

    // Tickets that exist already, in one set-based statement.
    await runner.query(`
      UPDATE "ticket"."tickets" t
         SET "search_vector" = "ticket"."search_document"(t2.subject, t2.description, c.public_text),
             "internal_search_vector" = CASE WHEN c.internal_text IS NULL THEN NULL
                                             ELSE "ticket"."search_document"(NULL, NULL, c.internal_text) END
        FROM "ticket"."tickets" t2
        LEFT JOIN (SELECT ticket_id,
                          string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE public) AS public_text,
                          string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE NOT public) AS internal_text
                     FROM "ticket"."ticket_comments" GROUP BY ticket_id) c ON c.ticket_id = t2.id
       WHERE t2.id = t.id`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_search" ON "ticket"."tickets" USING gin ("search_vector")`);
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_internal_search" ON "ticket"."tickets" USING gin ("internal_search_vector")`);

    await runner.query(`
      CREATE TABLE "ticket"."views" (
        "id" uuid PRIMARY KEY,
        "name" varchar(100) NOT NULL,
        "owner_id" uuid REFERENCES "ticket"."users" ("id") ON DELETE CASCADE,
        "team_id" uuid REFERENCES "ticket"."teams" ("id") ON DELETE CASCADE,
        "filters" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "sort" varchar(20) NOT NULL DEFAULT 'newest',
        "created_by" uuid REFERENCES "ticket"."users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_ticket_views_owner_or_team" CHECK (("owner_id" IS NULL) <> ("team_id" IS NULL))
      )`);
    await runner.query(`CREATE INDEX "IDX_ticket_views_owner" ON "ticket"."views" ("owner_id") WHERE "owner_id" IS NOT NULL`);
    await runner.query(`CREATE INDEX "IDX_ticket_views_team" ON "ticket"."views" ("team_id") WHERE "team_id" IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ticket"."views"`);
    await runner.query(`DROP TRIGGER "ticket_comments_search" ON "ticket"."ticket_comments"`);
    await runner.query(`DROP TRIGGER "tickets_search_update" ON "ticket"."tickets"`);
    await runner.query(`DROP TRIGGER "tickets_search_insert" ON "ticket"."tickets"`);
    await runner.query(`DROP FUNCTION "ticket"."comments_search_trigger"()`);
    await runner.query(`DROP FUNCTION "ticket"."tickets_search_trigger"()`);
    await runner.query(`DROP FUNCTION "ticket"."refresh_ticket_search"(uuid)`);
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_internal_search"`);
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_search"`);
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "internal_search_vector"`);
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "search_vector"`);
    await runner.query(`DROP FUNCTION "ticket"."search_query"(text)`);
    await runner.query(`DROP FUNCTION "ticket"."search_document"(text, text, text)`);
    await runner.query(`DROP FUNCTION "ticket"."search_text_vector"(text, "char")`);
    await runner.query(`DROP FUNCTION "ticket"."search_fold"(text)`);
  }
}
