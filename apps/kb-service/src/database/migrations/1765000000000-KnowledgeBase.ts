import { MigrationInterface, QueryRunner } from 'typeorm';

/** The languages with an accent-blind, stemming search configuration (`kb.search_<code>`); any other locale searches with `kb.search_simple`. */
export const STEMMED_SEARCH_LANGUAGES: Record<string, string> = {
  es: 'spanish',
  en: 'english',
  pt: 'portuguese',
  fr: 'french',
  de: 'german',
  it: 'italian',
  ca: 'spanish',
};

/**
 * The knowledge base: a category → section tree, articles (one row per language version, the
 * versions of one article sharing `translation_group`), their revisions, feedback, links to
 * tickets, suggestion sessions and the knowledge-capture queue.
 *
 * Search: every article row carries a generated `search_vector` (title A, tags B, summary and body
 * C) in its language's accent-blind configuration, with a GIN index; a small `head_vector` of the
 * same without the body (ranking reads it instead of the large, out-of-line full vector); and an
 * accent-blind, lower-case title with a trigram index for typo tolerance.
 */
export class KnowledgeBase1765000000000 implements MigrationInterface {
  name = 'KnowledgeBase1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await runner.query(`CREATE FUNCTION "kb"."fold"(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
    for (const [code, language] of Object.entries(STEMMED_SEARCH_LANGUAGES)) {
      await runner.query(`CREATE TEXT SEARCH CONFIGURATION "kb"."search_${code}" (COPY = pg_catalog.${language})`);
      await runner.query(
        `ALTER TEXT SEARCH CONFIGURATION "kb"."search_${code}" ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, ${language}_stem`,
      );
    }
    await runner.query(`CREATE TEXT SEARCH CONFIGURATION "kb"."search_simple" (COPY = pg_catalog.simple)`);
    await runner.query(
      `ALTER TEXT SEARCH CONFIGURATION "kb"."search_simple" ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, simple`,
    );
    // "Wi-Fi" is parsed as wi-fi, wi and fi, so "wifi" would not find it: hyphenated words are also indexed joined.
    await runner.query(`CREATE FUNCTION "kb"."compounds"(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(replace(m[1], '-', ''), ' '), '') FROM regexp_matches($1, '([^[:space:]-]+(-[^[:space:]-]+)+)', 'g') AS m
      $$`);
    await runner.query(`CREATE FUNCTION "kb"."article_vector"(config regconfig, title text, tags text[], summary text, body text)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector(config, coalesce(title, '') || ' ' || coalesce("kb"."compounds"(title), '')), 'A')
            || setweight(to_tsvector(config, coalesce(array_to_string(tags, ' '), '')), 'B')
            || setweight(to_tsvector(config, coalesce(summary, '') || ' ' || coalesce(body, '') || ' '
                 || coalesce("kb"."compounds"(summary), '') || ' ' || coalesce("kb"."compounds"(body), '')), 'C')
      $$`);

    await runner.query(`CREATE TABLE "kb"."categories" (
      "id" uuid PRIMARY KEY,
      "parent_id" uuid REFERENCES "kb"."categories" ("id"),
      "name" varchar(200) NOT NULL,
      "names" jsonb NOT NULL DEFAULT '{}',
      "description" text NOT NULL DEFAULT '',
      "position" integer NOT NULL DEFAULT 0,
      "revision" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "IDX_kb_categories_parent" ON "kb"."categories" ("parent_id", "position")`);

    await runner.query(`CREATE TABLE "kb"."articles" (
      "id" uuid PRIMARY KEY,
      "translation_group" uuid NOT NULL,
      "locale" varchar(10) NOT NULL,
      "slug" varchar(200) NOT NULL,
      "title" varchar(300) NOT NULL,
      "summary" text NOT NULL DEFAULT '',
      "body" text NOT NULL,
      "body_html" text NOT NULL,
      "body_text" text NOT NULL,
      "tags" text[] NOT NULL DEFAULT '{}',
      "category_id" uuid REFERENCES "kb"."categories" ("id"),
      "visibility" varchar(20) NOT NULL CHECK ("visibility" IN ('public', 'internal', 'restricted')),
      "allowed_roles" text[] NOT NULL DEFAULT '{}',
      "allowed_team_ids" uuid[] NOT NULL DEFAULT '{}',
      "status" varchar(20) NOT NULL CHECK ("status" IN ('draft', 'published', 'archived')),
      "owner_id" uuid NOT NULL,
      "review_by" date,
      "revision" integer NOT NULL DEFAULT 1,
      "version" integer NOT NULL DEFAULT 1,
      "published_at" timestamptz,
      "source_ticket_id" uuid,
      "source_ticket_number" varchar(20),
      "usage_count" integer NOT NULL DEFAULT 0,
      "view_count" integer NOT NULL DEFAULT 0,
      "helpful_count" integer NOT NULL DEFAULT 0,
      "unhelpful_count" integer NOT NULL DEFAULT 0,
      "search_config" regconfig NOT NULL,
      "search_vector" tsvector GENERATED ALWAYS AS ("kb"."article_vector"("search_config", "title", "tags", "summary", "body_text")) STORED,
      "head_vector" tsvector GENERATED ALWAYS AS ("kb"."article_vector"("search_config", "title", "tags", "summary", '')) STORED,
      "title_folded" text GENERATED ALWAYS AS ("kb"."fold"("title")) STORED,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "deleted_at" timestamptz,
      CONSTRAINT "UQ_kb_articles_translation" UNIQUE ("translation_group", "locale")
    )`);
    await runner.query(`CREATE INDEX "IDX_kb_articles_search" ON "kb"."articles" USING gin ("search_vector") WHERE "deleted_at" IS NULL`);
    await runner.query(`CREATE INDEX "IDX_kb_articles_head" ON "kb"."articles" USING gin ("head_vector") WHERE "deleted_at" IS NULL`);
    await runner.query(
      `CREATE INDEX "IDX_kb_articles_title_trgm" ON "kb"."articles" USING gin ("title_folded" public.gin_trgm_ops) WHERE "deleted_at" IS NULL`,
    );
    await runner.query(`CREATE INDEX "IDX_kb_articles_category" ON "kb"."articles" ("category_id") WHERE "deleted_at" IS NULL`);
    await runner.query(`CREATE INDEX "IDX_kb_articles_list" ON "kb"."articles" ("updated_at" DESC, "id" DESC) WHERE "deleted_at" IS NULL`);
    await runner.query(
      `CREATE INDEX "IDX_kb_articles_review" ON "kb"."articles" ("review_by") WHERE "deleted_at" IS NULL AND "review_by" IS NOT NULL`,
    );

    await runner.query(`CREATE TABLE "kb"."article_revisions" (
      "article_id" uuid NOT NULL REFERENCES "kb"."articles" ("id"),
      "revision" integer NOT NULL,
      "title" varchar(300) NOT NULL,
      "summary" text NOT NULL,
      "body" text NOT NULL,
      "tags" text[] NOT NULL,
      "category_id" uuid,
      "visibility" varchar(20) NOT NULL,
      "allowed_roles" text[] NOT NULL,
      "allowed_team_ids" uuid[] NOT NULL,
      "review_by" date,
      "author_id" uuid NOT NULL,
      "note" varchar(500),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_kb_article_revisions" PRIMARY KEY ("article_id", "revision")
    )`);

    await runner.query(`CREATE TABLE "kb"."article_feedback" (
      "id" uuid PRIMARY KEY,
      "article_id" uuid NOT NULL REFERENCES "kb"."articles" ("id"),
      "helpful" boolean NOT NULL,
      "comment" text,
      "actor_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "IDX_kb_article_feedback_article" ON "kb"."article_feedback" ("article_id", "created_at" DESC)`);

    await runner.query(`CREATE TABLE "kb"."ticket_links" (
      "article_id" uuid NOT NULL REFERENCES "kb"."articles" ("id"),
      "ticket_id" uuid NOT NULL,
      "ticket_number" varchar(20) NOT NULL,
      "linked_by" uuid NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_kb_ticket_links" PRIMARY KEY ("article_id", "ticket_id")
    )`);
    await runner.query(`CREATE INDEX "IDX_kb_ticket_links_ticket" ON "kb"."ticket_links" ("ticket_id")`);

    await runner.query(`CREATE TABLE "kb"."suggestion_sessions" (
      "id" uuid PRIMARY KEY,
      "source" varchar(20) NOT NULL,
      "locale" varchar(10) NOT NULL,
      "query" text NOT NULL,
      "actor_id" uuid,
      "article_ids" uuid[] NOT NULL DEFAULT '{}',
      "outcome" varchar(20),
      "outcome_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "IDX_kb_suggestion_sessions_created" ON "kb"."suggestion_sessions" ("created_at")`);
    await runner.query(`CREATE TABLE "kb"."suggestion_events" (
      "id" uuid PRIMARY KEY,
      "session_id" uuid NOT NULL REFERENCES "kb"."suggestion_sessions" ("id"),
      "article_id" uuid,
      "kind" varchar(20) NOT NULL CHECK ("kind" IN ('shown', 'clicked', 'solved', 'ticket_created')),
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "IDX_kb_suggestion_events_session" ON "kb"."suggestion_events" ("session_id")`);

    await runner.query(`CREATE TABLE "kb"."capture_proposals" (
      "ticket_id" uuid PRIMARY KEY,
      "ticket_number" varchar(20) NOT NULL,
      "subject" text NOT NULL,
      "solved_at" timestamptz NOT NULL,
      "solved_by" uuid,
      "state" varchar(20) NOT NULL DEFAULT 'open' CHECK ("state" IN ('open', 'drafted', 'dismissed')),
      "article_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(
      `CREATE INDEX "IDX_kb_capture_proposals_open" ON "kb"."capture_proposals" ("solved_at" DESC) WHERE "state" = 'open'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'capture_proposals',
      'suggestion_events',
      'suggestion_sessions',
      'ticket_links',
      'article_feedback',
      'article_revisions',
      'articles',
      'categories',
    ]) {
      await runner.query(`DROP TABLE "kb"."${table}"`);
    }
    await runner.query(`DROP FUNCTION "kb"."article_vector"(regconfig, text, text[], text, text)`);
    await runner.query(`DROP FUNCTION "kb"."compounds"(text)`);
    for (const code of [...Object.keys(STEMMED_SEARCH_LANGUAGES), 'simple']) {
      await runner.query(`DROP TEXT SEARCH CONFIGURATION "kb"."search_${code}"`);
    }
    await runner.query(`DROP FUNCTION "kb"."fold"(text)`);
  }
}
