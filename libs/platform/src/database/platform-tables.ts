import { QueryRunner } from 'typeorm';

/**
 * The tables every service keeps in its own schema for the platform's mechanisms:
 * the transactional outbox, the processed-event inbox, idempotency keys and parked events.
 * Called from each service's first migration.
 */
export async function createPlatformTables(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`
    CREATE TABLE "${schema}"."outbox" (
      "seq" bigserial PRIMARY KEY,
      "id" uuid NOT NULL UNIQUE,
      "type" varchar(100) NOT NULL,
      "aggregate_id" varchar(100) NOT NULL,
      "payload" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "attempts" integer NOT NULL DEFAULT 0,
      "locked_until" timestamptz,
      "last_error" text,
      "published_at" timestamptz,
      "parked_at" timestamptz
    )`);
  await runner.query(
    `CREATE INDEX "IDX_${schema}_outbox_pending" ON "${schema}"."outbox" ("seq") WHERE "published_at" IS NULL AND "parked_at" IS NULL`,
  );
  await runner.query(`
    CREATE TABLE "${schema}"."processed_events" (
      "consumer" varchar(120) NOT NULL,
      "event_id" uuid NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer", "event_id")
    )`);
  await runner.query(`
    CREATE TABLE "${schema}"."idempotency_keys" (
      "scope" varchar(200) NOT NULL,
      "key" varchar(200) NOT NULL,
      "request_hash" char(64) NOT NULL,
      "response" jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("scope", "key")
    )`);
  await runner.query(`
    CREATE TABLE "${schema}"."parked_events" (
      "id" bigserial PRIMARY KEY,
      "consumer" varchar(200) NOT NULL,
      "subject" varchar(200) NOT NULL,
      "payload" jsonb,
      "error" text NOT NULL,
      "deliveries" integer NOT NULL,
      "parked_at" timestamptz NOT NULL DEFAULT now(),
      "replayed_at" timestamptz
    )`);
}

export async function dropPlatformTables(runner: QueryRunner, schema: string): Promise<void> {
  for (const table of ['parked_events', 'idempotency_keys', 'processed_events', 'outbox']) {
    await runner.query(`DROP TABLE IF EXISTS "${schema}"."${table}"`);
  }
}
