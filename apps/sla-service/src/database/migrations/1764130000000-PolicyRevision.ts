import { MigrationInterface, QueryRunner } from 'typeorm';

/** A policy's revision counts every change (name, order, conditions, definition): its ETag. */
export class PolicyRevision1764130000000 implements MigrationInterface {
  name = 'PolicyRevision1764130000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "sla"."policies" ADD COLUMN "revision" integer NOT NULL DEFAULT 1`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "sla"."policies" DROP COLUMN "revision"`);
  }
}
