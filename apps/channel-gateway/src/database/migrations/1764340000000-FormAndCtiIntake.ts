import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web form and CTI intake: the inbound log keeps the number of the ticket a message opened or
 * commented on, so that the web form can answer with it as soon as ticket-service has handled it.
 */
export class FormAndCtiIntake1764340000000 implements MigrationInterface {
  name = 'FormAndCtiIntake1764340000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "channel"."inbound_messages" ADD COLUMN "ticket_number" varchar(32)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "channel"."inbound_messages" DROP COLUMN "ticket_number"`);
  }
}
