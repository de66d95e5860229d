import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEnvelope } from '@helpdesk/contracts';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventPublisher } from '../bus/bus-client';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';
import { createPlatformTables } from '../database/platform-tables';
import { Runtime } from '../runtime';
import { OutboxRelay } from './outbox-relay';

/**
 * The relay against a real (embedded) PostgreSQL: an event the bus keeps refusing is parked after
 * EVENT_MAX_DELIVERIES tries, and the events behind it go on. Only the publisher is a stand-in.
 */
describe('OutboxRelay parking', () => {
  let dir: string;
  let pg: EmbeddedPostgres;
  let dataSource: DataSource;
  const refused = new Set<string>();
  const attempts: string[] = [];
  const publisher = {
    publishInOrder: (events: EventEnvelope[]) => {
      for (const [i, event] of events.entries()) {
        attempts.push(event.id);
        if (refused.has(event.id)) return Promise.resolve({ published: i, error: new Error(`no consumer takes ${event.type}`) });
      }
      return Promise.resolve({ published: events.length });
    },
  } as unknown as EventPublisher;
  const runtime = { service: 'ticket-service', mode: 'standalone', settings: { eventMaxDeliveries: 2, outboxPollIntervalMs: 60_000 } };

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    dir = mkdtempSync(join(tmpdir(), 'outbox-parking-'));
    pg = await startEmbeddedPostgres(dir);
    dataSource = new DataSource({ type: 'postgres', url: pg.url, schema: 'relay' });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA relay`);
    const runner = dataSource.createQueryRunner();
    await createPlatformTables(runner, 'relay');
    await runner.release();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  const enqueue = async (type: string): Promise<string> => {
    const id = randomUUID();
    const event = { id, type, version: 1, occurredAt: new Date().toISOString(), source: 'ticket-service', aggregateId: 'a', data: {} };
    await dataSource.query(`INSERT INTO relay.outbox (id, type, aggregate_id, payload) VALUES ($1, $2, 'a', $3::jsonb)`, [
      id,
      type,
      JSON.stringify(event),
    ]);
    return id;
  };
  interface OutboxRow {
    attempts: number;
    last_error: string | null;
    published_at: Date | null;
    parked_at: Date | null;
  }
  const row = async (id: string): Promise<OutboxRow> => {
    const rows = await dataSource.query<OutboxRow[]>(
      `SELECT attempts, last_error, published_at, parked_at FROM relay.outbox WHERE id = $1`,
      [id],
    );
    return rows[0];
  };
  /** The retry delay has passed (instead of waiting 1, 2, 4 ... seconds). */
  const timePasses = () => dataSource.query(`UPDATE relay.outbox SET locked_until = NULL WHERE published_at IS NULL`);

  it('parks an event after its last try, keeps the error, and lets the events behind it through', async () => {
    const relay = new OutboxRelay(dataSource, publisher, runtime as unknown as Runtime);
    const poison = await enqueue('ticket.created');
    const behind = await enqueue('ticket.updated');
    refused.add(poison);

    await relay.drain();
    expect(await row(poison)).toMatchObject({
      attempts: 1,
      parked_at: null,
      published_at: null,
      last_error: 'no consumer takes ticket.created',
    });
    // The event behind waits for the failed one (order is kept) without being charged a try.
    expect(await row(behind)).toMatchObject({ attempts: 0, published_at: null });

    await timePasses();
    await relay.drain();
    expect((await row(poison)).parked_at).toBeInstanceOf(Date);
    expect((await row(poison)).attempts).toBe(2);

    await timePasses();
    await relay.drain();
    // Published: it leaves the outbox.
    expect(await row(behind)).toBeUndefined();
    expect(attempts.filter((id) => id === poison)).toHaveLength(2);

    // A parked event is left alone until an operator acts on it.
    await timePasses();
    await relay.drain();
    expect(attempts.filter((id) => id === poison)).toHaveLength(2);
    expect((await row(poison)).published_at).toBeNull();
  });
});
