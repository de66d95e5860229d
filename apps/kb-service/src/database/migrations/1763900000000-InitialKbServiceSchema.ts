import { createPlatformTables, dropPlatformTables } from '@helpdesk/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform tables (outbox, inbox, idempotency, parked events); the kb domain tables come with their issue. */
export class InitialKbServiceSchema1763900000000 implements MigrationInterface {
  name = 'InitialKbServiceSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await createPlatformTables(runner, 'kb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropPlatformTables(runner, 'kb');
  }
}
