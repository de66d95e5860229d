import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Followers (CCs) indexed, so that "tickets I requested or follow" is read from indexes: without it
 * a customer's list or search walked every ticket to check follower_ids (≈600 ms on 1,000,000).
 */
export class TicketFollowersIndex1764100000000 implements MigrationInterface {
  name = 'TicketFollowersIndex1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "IDX_ticket_tickets_followers" ON "ticket"."tickets" USING gin ("follower_ids")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "ticket"."IDX_ticket_tickets_followers"`);
  }
}
