import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';
import { EventPublisher } from '../bus/bus-client';
import { ScratchDatabase, startPlatformScratchDatabase } from '../database/scratch-database';
import { Runtime } from '../runtime';
import { OutboxRelay } from './outbox-relay';

/**
 * The relay's pacing against a real (embedded) PostgreSQL: commits nudged while the outbox is busy
 * go out in passes at least OUTBOX_PASS_SPACING_MS apart, each with one claim (no empty claim to
 * end it), and every event is published once, in order; after a quiet spell a commit goes out at once.
 */
describe('OutboxRelay pacing', () => {
  const SPACING_MS = 60;
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let relay: OutboxRelay;
  const passes: { ids: string[] }[] = [];
  const publisher = {
    publishInOrder: (events: EventEnvelope[]) => {
      passes.push({ ids: events.map((event) => event.id) });
      return Promise.resolve({ published: events.length });
    },
  } as unknown as EventPublisher;
  const runtime = {
    service: 'ticket-service',
    mode: 'standalone',
    settings: { eventMaxDeliveries: 10, outboxPollIntervalMs: 60_000, outboxPassSpacingMs: SPACING_MS },
  };

  beforeAll(async () => {
    scratch = await startPlatformScratchDatabase('outbox-pacing', 'relay');
    dataSource = scratch.dataSource;
    relay = new OutboxRelay(dataSource, publisher, runtime as unknown as Runtime);
    relay.onApplicationBootstrap();
  });

  afterAll(async () => {
    await relay?.beforeApplicationShutdown();
    await scratch?.stop();
  });

  const commit = async (): Promise<string> => {
    const id = randomUUID();
    const event = {
      id,
      type: 'ticket.updated',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'test',
      aggregateId: 'a',
      data: {},
    };
    await dataSource.query(`INSERT INTO relay.outbox (id, type, aggregate_id, payload) VALUES ($1, $2, 'a', $3::jsonb)`, [
      id,
      event.type,
      JSON.stringify(event),
    ]);
    relay.nudge();
    return id;
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const published = () => passes.flatMap((pass) => pass.ids);
  const until = async (done: () => boolean) => {
    for (let waited = 0; !done() && waited < 5_000; waited += 10) await sleep(10);
  };

  it('moves a steady stream of commits in passes spaced apart, each event once and in order', async () => {
    await until(() => passes.length === 0);
    passes.length = 0;
    // When each claim was sent: the start of each pass.
    const claimedAt: number[] = [];
    const query = dataSource.query.bind(dataSource);
    const claims = jest.spyOn(dataSource, 'query').mockImplementation((text: string, parameters?: unknown[]) => {
      if (text.includes('FOR UPDATE SKIP LOCKED')) claimedAt.push(Date.now());
      return query(text, parameters);
    });
    const ids: string[] = [];
    const started = Date.now();
    while (Date.now() - started < 600) {
      ids.push(await commit());
      await sleep(3);
    }
    await until(() => published().length === ids.length);
    claims.mockRestore();

    expect(published()).toEqual(ids);
    expect(passes.length).toBeGreaterThan(2);
    // Far fewer passes than commits, and never closer than the spacing (timers may fire a little early).
    expect(passes.length).toBeLessThan(ids.length / 3);
    for (let i = 1; i < claimedAt.length; i += 1) expect(claimedAt[i] - claimedAt[i - 1]).toBeGreaterThanOrEqual(SPACING_MS - 5);
    // One claim per pass: a short claim ends the pass.
    expect(claimedAt).toHaveLength(passes.length);
  });

  it('claims again at once within a pass while claims come back full (a backlog goes out in one pass)', async () => {
    await sleep(SPACING_MS * 3);
    passes.length = 0;
    // 2,500 events committed together, one nudge: claims of 1,000, 1,000 and 500 back to back.
    const ids = (
      await dataSource.query<{ id: string }[]>(
        `INSERT INTO relay.outbox (id, type, aggregate_id, payload)
         SELECT g.id, 'ticket.updated', 'a',
                jsonb_build_object('id', g.id, 'type', 'ticket.updated', 'version', 1, 'occurredAt', now(), 'source', 'test', 'aggregateId', 'a', 'data', '{}'::jsonb)
           FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 2500) n) g ORDER BY g.n
         RETURNING id`,
      )
    ).map((row) => row.id);
    relay.nudge();
    await until(() => published().length === ids.length);
    expect(passes.map((pass) => pass.ids.length)).toEqual([1000, 1000, 500]);
    expect(published()).toEqual(ids);
  });

  it('publishes the first commit after a quiet spell without waiting for the spacing', async () => {
    await sleep(SPACING_MS * 3);
    passes.length = 0;
    const before = Date.now();
    const id = await commit();
    await until(() => published().includes(id));
    expect(Date.now() - before).toBeLessThan(SPACING_MS);
  });
});
