import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deflection log: a click, "solved" or "ticket anyway" is recorded once per (session, article,
 * kind), so a retried request changes nothing; the same index answers "did this session have a
 * click / a solve / a ticket" for the deflection figures. Sessions are counted by period and source.
 */
export class KbSearchAndDeflection1765000100000 implements MigrationInterface {
  name = 'KbSearchAndDeflection1765000100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE UNIQUE INDEX "UQ_kb_suggestion_events_once" ON "kb"."suggestion_events"
         ("session_id", "kind", COALESCE("article_id", '00000000-0000-0000-0000-000000000000'::uuid))`,
    );
    await runner.query(`CREATE INDEX "IDX_kb_suggestion_sessions_source" ON "kb"."suggestion_sessions" ("source", "created_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "kb"."IDX_kb_suggestion_sessions_source"`);
    await runner.query(`DROP INDEX "kb"."UQ_kb_suggestion_events_once"`);
  }
}
