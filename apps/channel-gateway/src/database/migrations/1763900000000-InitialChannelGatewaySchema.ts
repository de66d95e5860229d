import { createPlatformTables, dropPlatformTables } from '@helpdesk/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform tables (outbox, inbox, idempotency, parked events); the channel domain tables come with their issue. */
export class InitialChannelGatewaySchema1763900000000 implements MigrationInterface {
  name = 'InitialChannelGatewaySchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await createPlatformTables(runner, 'channel');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropPlatformTables(runner, 'channel');
  }
}
