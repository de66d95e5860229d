import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a ticket got its first public reply from staff (the first response), backfilled from the comments. */
export class FirstResponse1764067000000 implements MigrationInterface {
  name = 'FirstResponse1764067000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" ADD COLUMN "first_response_at" timestamptz`);
    await runner.query(`UPDATE "ticket"."tickets" t SET first_response_at = f.at
                          FROM (SELECT c.ticket_id, min(c.created_at) AS at
                                  FROM "ticket"."ticket_comments" c
                                  JOIN "ticket"."users" u ON u.id = c.author_id
                                  JOIN "ticket"."tickets" tk ON tk.id = c.ticket_id
                                 WHERE c.public AND u.role <> 'customer' AND c.author_id <> tk.requester_id
                                 GROUP BY c.ticket_id) f
                         WHERE f.ticket_id = t.id`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "ticket"."tickets" DROP COLUMN "first_response_at"`);
  }
}
