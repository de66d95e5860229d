import { MigrationInterface, QueryRunner } from 'typeorm';

/** Custom ticket fields defined by admins, and each ticket's values by field key. */
export class CustomFields1764065000000 implements MigrationInterface {
  name = 'CustomFields1764065000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "ticket"."custom_fields" (
      "id" uuid PRIMARY KEY,
      "key" varchar(50) NOT NULL UNIQUE,
      "type" varchar(20) NOT NULL,
      "title" varchar(200) NOT NULL,
      "description" text,
      "options" jsonb NOT NULL DEFAULT '[]',
      "required_on_create" boolean NOT NULL DEFAULT false,
      "required_on_solve" boolean NOT NULL DEFAULT false,
      "visible_to_customers" boolean NOT NULL DEFAULT false,
      "editable_by_customers" boolean NOT NULL DEFAULT false,
      "position" integer NOT NULL,
      "active" boolean NOT NULL DEFAULT true,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`ALTER TABLE "ticket"."tickets" ADD COLUMN "custom_fields" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "custom_fields"`);
    await runner.query(`DROP TABLE "ticket"."custom_fields"`);
  }
}
