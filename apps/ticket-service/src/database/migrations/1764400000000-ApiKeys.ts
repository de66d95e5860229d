import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys for systems that cannot log in (BI tools, integrations). Only a SHA-256 hash of each
 * key is kept; the prefix (unique) finds the row, then the hashes are compared in constant time.
 */
export class ApiKeys1764400000000 implements MigrationInterface {
  name = 'ApiKeys1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "ticket"."api_keys" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "prefix" varchar(12) NOT NULL,
        "secret_hash" bytea NOT NULL CHECK (octet_length("secret_hash") = 32),
        "scopes" text[] NOT NULL,
        "created_by" uuid REFERENCES "ticket"."users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL,
        "last_used_at" timestamptz,
        "expires_at" timestamptz,
        "revoked_at" timestamptz
      )`);
    await runner.query(`CREATE UNIQUE INDEX "UQ_api_keys_prefix" ON "ticket"."api_keys" ("prefix")`);
    await runner.query(`CREATE INDEX "IDX_api_keys_created" ON "ticket"."api_keys" ("created_at" DESC, "id" DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ticket"."api_keys"`);
  }
}
