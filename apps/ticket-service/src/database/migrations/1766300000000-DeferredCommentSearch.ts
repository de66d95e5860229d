import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New comments wait in a narrow side table before they are folded into their ticket's search
 * vectors, several at a time; searches read both, so a comment is found the moment it commits.
 *
 * Until now each inserted comment appended its text to `tickets.search_vector` at once. That
 * rewrote the wide ticket row, and since the vector is indexed, the new row version was entered in
 * every index of `tickets` (eighteen), the text index with every word of the whole conversation
 * again: the 60th message of a chat paid for the 59 before it. At 1,000 chat messages/s that was
 * half of PostgreSQL's work. Now:
 * - `ticket_search_pending` holds, per ticket, the vectors of the comments not folded in yet
 *   (public and internal, appended in insertion order) and since when. A comment insert computes
 *   its vectors as before and appends them there (one upsert per ticket per statement; the row has
 *   only its primary key, so the update stays on its page).
 * - `fold_pending_search(min_age, max_tickets)` appends pending vectors older than `min_age` to
 *   their tickets and deletes them (ticket-service's SearchFoldJob runs it every second): a ticket
 *   with five new messages is rewritten once, not five times. It never waits for a lock: tickets
 *   or pending rows locked by someone else are left for the next pass.
 * - Anything that rebuilds a ticket's vectors from all its comments (a comment changed, moved or
 *   deleted; a new subject or description) deletes the ticket's pending row first, since the
 *   rebuild includes those comments. A rebuild that a subject change makes covers only the public
 *   vector, so the pending internal vector is appended to the ticket's there and then.
 * - `pending_search_matches(text, staff)`: the tickets whose vectors, with their pending part,
 *   match the search text: a search matches `search_vector @@ q OR id = ANY(those)`, so words
 *   spread over the subject and a pending reply still match together;
 *   `search_with_pending(vector, pending)` is what ranking uses.
 * The folded vector is what the incremental append (migration 1766100000000) made: subject (A),
 * description (B), then the comments (C) in insertion order.
 */
export class DeferredCommentSearch1766300000000 implements MigrationInterface {
  name = 'DeferredCommentSearch1766300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "ticket"."ticket_search_pending" (
        "ticket_id" uuid PRIMARY KEY,
        "search_vector" tsvector NOT NULL DEFAULT ''::tsvector,
        "internal_search_vector" tsvector,
        "since" timestamptz NOT NULL DEFAULT now()
      ) WITH (fillfactor = 50)`);
    await runner.query(`
      CREATE FUNCTION "ticket"."search_with_pending"(folded tsvector, pending tsvector) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN pending IS NULL THEN folded ELSE COALESCE(folded, ''::tsvector) || pending END $$`);
    await runner.query(`
      CREATE OR REPLACE FUNCTION "ticket"."comments_search_append_trigger"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        INSERT INTO "ticket"."ticket_search_pending" AS p (ticket_id, search_vector, internal_search_vector)
        SELECT c.ticket_id, "ticket"."search_text_vector"(c.public_text, 'C'),
               CASE WHEN c.internal_text IS NULL THEN NULL ELSE "ticket"."search_text_vector"(c.internal_text, 'C') END
          FROM (SELECT ticket_id,
                       string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE public) AS public_text,
                       string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE NOT public) AS internal_text
                  FROM added GROUP BY ticket_id) c
         ORDER BY c.ticket_id
        ON CONFLICT (ticket_id) DO UPDATE
           SET search_vector = p.search_vector || EXCLUDED.search_vector,
               internal_search_vector = "ticket"."search_with_pending"(p.internal_search_vector, EXCLUDED.internal_search_vector);
        RETURN NULL;
      END
      $$`);
    await runner.query(`
      CREATE OR REPLACE FUNCTION "ticket"."refresh_ticket_search"(target uuid) RETURNS void
      LANGUAGE sql
      AS $$
        DELETE FROM "ticket"."ticket_search_pending" WHERE ticket_id = target;
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
      CREATE OR REPLACE FUNCTION "ticket"."tickets_search_trigger"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      DECLARE
        pending_internal tsvector;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM "ticket"."ticket_search_pending" WHERE ticket_id = NEW.id RETURNING internal_search_vector INTO pending_internal;
          NEW.internal_search_vector := "ticket"."search_with_pending"(NEW.internal_search_vector, pending_internal);
        END IF;
        NEW.search_vector := "ticket"."search_document"(NEW.subject, NEW.description,
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE
            (SELECT string_agg(body, ' ' ORDER BY created_at, id) FROM "ticket"."ticket_comments" WHERE ticket_id = NEW.id AND public) END);
        RETURN NEW;
      END
      $$`);
    await runner.query(`
      CREATE FUNCTION "ticket"."fold_pending_search"(min_age interval, max_tickets integer) RETURNS integer
      LANGUAGE sql
      AS $$
        WITH due AS MATERIALIZED (
          SELECT ticket_id FROM "ticket"."ticket_search_pending"
           WHERE since <= now() - min_age ORDER BY since LIMIT max_tickets
        ), locked_tickets AS MATERIALIZED (
          SELECT t.id FROM "ticket"."tickets" t WHERE t.id IN (SELECT ticket_id FROM due)
           ORDER BY t.id FOR UPDATE OF t SKIP LOCKED
        ), locked AS MATERIALIZED (
          SELECT p.ticket_id FROM "ticket"."ticket_search_pending" p
           WHERE p.ticket_id IN (SELECT id FROM locked_tickets) FOR UPDATE OF p SKIP LOCKED
        ), orphans AS (
          -- Cannot happen while comments keep their ticket (no ticket with comments is deleted); never left to block the queue.
          DELETE FROM "ticket"."ticket_search_pending" p
           WHERE p.ticket_id IN (SELECT ticket_id FROM due) AND NOT EXISTS (SELECT 1 FROM "ticket"."tickets" t WHERE t.id = p.ticket_id)
        ), taken AS (
          DELETE FROM "ticket"."ticket_search_pending" p USING locked l WHERE p.ticket_id = l.ticket_id
          RETURNING p.ticket_id, p.search_vector, p.internal_search_vector
        ), folded AS (
          UPDATE "ticket"."tickets" t
             SET "search_vector" = t."search_vector" || taken.search_vector,
                 "internal_search_vector" = "ticket"."search_with_pending"(t."internal_search_vector", taken.internal_search_vector)
            FROM taken WHERE t.id = taken.ticket_id
          RETURNING 1
        )
        SELECT count(*)::integer FROM taken
      $$`);
    // Only a pending vector holding a word of the query can change whether its ticket matches (the
    // folded vector alone is matched by the search itself): the others are skipped before the
    // concatenation, with `search_any_word`, the query's lexemes OR'ed (`search_text_vector` gives
    // the lexemes `search_query` looks for; quotes and backslashes escaped as tsquery input wants).
    // Both queries are computed once (MATERIALIZED), not per pending row: called with a parameter,
    // the function is planned before the input is known.
    await runner.query(`
      CREATE FUNCTION "ticket"."search_any_word"(input text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT string_agg('''' || replace(replace(word, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery
              FROM unnest(tsvector_to_array("ticket"."search_text_vector"(input, 'D'))) word $$`);
    await runner.query(`
      CREATE FUNCTION "ticket"."pending_search_matches"(input text, staff boolean) RETURNS SETOF uuid
      LANGUAGE sql STABLE
      AS $$
        WITH q AS MATERIALIZED (SELECT "ticket"."search_query"(input) AS query, "ticket"."search_any_word"(input) AS any_word)
        SELECT p.ticket_id
          FROM q, "ticket"."ticket_search_pending" p
          JOIN "ticket"."tickets" t ON t.id = p.ticket_id
         WHERE (p.search_vector @@ q.any_word AND (t.search_vector || p.search_vector) @@ q.query)
            OR (staff AND p.internal_search_vector @@ q.any_word
                AND "ticket"."search_with_pending"(t.internal_search_vector, p.internal_search_vector) @@ q.query)
      $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Fold everything first, so that no comment is missing from the vectors the old triggers keep.
    await runner.query(`SELECT "ticket"."fold_pending_search"(interval '0', 2147483647)`);
    await runner.query(`DROP FUNCTION "ticket"."pending_search_matches"(text, boolean)`);
    await runner.query(`DROP FUNCTION "ticket"."search_any_word"(text)`);
    await runner.query(`DROP FUNCTION "ticket"."fold_pending_search"(interval, integer)`);
    await runner.query(`
      CREATE OR REPLACE FUNCTION "ticket"."tickets_search_trigger"() RETURNS trigger
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
      CREATE OR REPLACE FUNCTION "ticket"."refresh_ticket_search"(target uuid) RETURNS void
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
      CREATE OR REPLACE FUNCTION "ticket"."comments_search_append_trigger"() RETURNS trigger
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
    await runner.query(`DROP FUNCTION "ticket"."search_with_pending"(tsvector, tsvector)`);
    await runner.query(`DROP TABLE "ticket"."ticket_search_pending"`);
  }
}
