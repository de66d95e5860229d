import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@helpdesk/contracts';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventPublisher } from '../bus/bus-client';
import { ScratchDatabase, startPlatformScratchDatabase } from '../database/scratch-database';
import { Runtime } from '../runtime';
import { OutboxRelay } from './outbox-relay';

/**
 * The relay against a real (embedded) PostgreSQL: an event the bus keeps refusing is parked after
 * EVENT_MAX_DELIVERIES tries, and the events behind it go on; claims start past a floor, and a row
 * committed late below it is still published by the next full claim. Only the publisher is a stand-in.
 */
describe('OutboxRelay parking', () => {
  let scratch: ScratchDatabase;
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
  const runtime = {
    service: 'ticket-service',
    mode: 'standalone',
    settings: { eventMaxDeliveries: 2, outboxPollIntervalMs: 60_000, outboxPassSpacingMs: 0 },
  };

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    scratch = await startPlatformScratchDatabase('outbox-parking', 'relay');
    dataSource = scratch.dataSource;
  });

  afterAll(async () => {
    await scratch?.stop();
    jest.restoreAllMocks();
  });

  const enqueue = async (type: string, seq?: string): Promise<string> => {
    const id = randomUUID();
    const event = { id, type, version: 1, occurredAt: new Date().toISOString(), source: 'ticket-service', aggregateId: 'a', data: {} };
    await dataSource.query(
      `INSERT INTO relay.outbox (seq, id, type, aggregate_id, payload)
       VALUES (COALESCE($4::bigint, nextval(pg_get_serial_sequence('relay.outbox', 'seq'))), $1, $2, 'a', $3::jsonb)`,
      [id, type, JSON.stringify(event), seq ?? null],
    );
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

  it('starts claims past the floor, and publishes a row committed late below it at the next full claim', async () => {
    let clock = 0;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      const relay = new OutboxRelay(dataSource, publisher, runtime as unknown as Runtime);
      // A transaction took its seq first and commits last.
      const [{ seq: lateSeq }] = await dataSource.query<{ seq: string }[]>(
        `SELECT nextval(pg_get_serial_sequence('relay.outbox', 'seq'))::text AS seq`,
      );
      const published: string[] = [];
      for (const at of [0, 1_000, 2_000]) {
        clock = at;
        published.push(await enqueue('ticket.updated'));
        await relay.drain();
      }
      expect(await Promise.all(published.map(row))).toEqual([undefined, undefined, undefined]);

      clock = 2_500;
      const late = await enqueue('ticket.created', lateSeq);
      const next = await enqueue('ticket.updated');
      attempts.length = 0;
      await relay.drain();
      // Past the floor: the newer row went out; the late one sits below the floor for now.
      expect(attempts).toEqual([next]);
      expect((await row(late)).published_at).toBeNull();

      clock = 3_000;
      await relay.drain();
      expect(attempts).toEqual([next, late]);
      expect(await row(late)).toBeUndefined();
    } finally {
      now.mockRestore();
    }
  });
});
