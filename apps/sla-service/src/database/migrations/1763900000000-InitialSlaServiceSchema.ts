import { createPlatformTables, dropPlatformTables } from '@helpdesk/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform tables (outbox, inbox, idempotency, parked events); the sla domain tables come with their issue. */
export class InitialSlaServiceSchema1763900000000 implements MigrationInterface {
  name = 'InitialSlaServiceSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await createPlatformTables(runner, 'sla');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropPlatformTables(runner, 'sla');
  }
}
