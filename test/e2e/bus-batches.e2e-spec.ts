import { randomUUID } from 'node:crypto';
import { MessageHandler } from '@nestjs/microservices';
import { connect, NatsConnection } from 'nats';
import { encode, eventSubject, NatsServer, ParkingLot } from '@helpdesk/platform';
import { INTEGRATION_NATS_URL } from '../support/distributed-topology';
import { topology } from '../support/target';

// A batch consumer (EventBatchPattern) on a real NATS JetStream: the distributed run only.
const describeDistributed = topology() === 'distributed' ? describe : describe.skip;

describeDistributed('Batch event consumers on NATS (group commit)', () => {
  const namespace = `batchtest${Date.now().toString(36)}`;
  const stream = `BATCHTEST_${namespace.toUpperCase()}`;
  const pattern = 'demo.happened';
  let nc: NatsConnection;
  let server: NatsServer;
  const batches: string[][] = [];
  const handled: string[] = [];
  const parked: { payload: unknown; deliveries: number }[] = [];

  const envelope = (n: number, poison = false) => ({
    id: randomUUID(),
    type: pattern,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'test',
    aggregateId: `agg-${n % 7}`,
    data: { n, poison },
  });

  const publish = async (events: ReturnType<typeof envelope>[]) => {
    const js = nc.jetstream();
    await Promise.all(events.map((e) => js.publish(eventSubject(namespace, pattern), encode(e), { msgID: e.id })));
  };

  const until = async (what: string, done: () => boolean, timeoutMs = 20_000) => {
    const end = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    nc = await connect({ servers: INTEGRATION_NATS_URL });
    const parkingLot: ParkingLot = {
      park: (entry) => {
        parked.push({ payload: entry.payload, deliveries: entry.deliveries });
        return Promise.resolve();
      },
    };
    server = new NatsServer(nc, {
      service: 'batch-test',
      namespace,
      stream,
      maxDeliveries: 3,
      eventConcurrency: 8,
      eventBatchSize: 25,
      parkingLot,
    });
    const handler = ((events: ReturnType<typeof envelope>[]) => {
      batches.push(events.map((e) => e.id));
      // Slow enough for the next events to pile up behind a batch.
      return new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          if (events.some((e) => e.data.poison)) return reject(new Error('poison in the batch'));
          handled.push(...events.map((e) => e.id));
          resolve();
        }, 20),
      );
    }) as unknown as MessageHandler;
    server.addHandler(pattern, handler, true, { batch: true });
    await new Promise<void>(
      (resolve, reject) =>
        void server.listen((error?: unknown) =>
          error ? reject(error instanceof Error ? error : new Error('listen failed', { cause: error })) : resolve(),
        ),
    );
  });

  afterAll(async () => {
    await server?.close();
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.drain();
  });

  it('hands over what arrived meanwhile in batches of at most EVENT_BATCH_SIZE, each event once and in stream order', async () => {
    const events = Array.from({ length: 200 }, (_, n) => envelope(n));
    await publish(events);
    await until('every event', () => handled.length >= 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handled).toEqual(events.map((e) => e.id));
    expect(Math.max(...batches.map((b) => b.length))).toBeGreaterThan(1);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(25);
  });

  it('handles a failed batch one event at a time: the bad event is retried and parked alone, the others handled once', async () => {
    handled.length = 0;
    const events = Array.from({ length: 10 }, (_, n) => envelope(1000 + n, n === 4));
    await publish(events);
    await until('the good events and the parked one', () => handled.length >= 9 && parked.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...handled].sort()).toEqual(
      events
        .filter((e) => !e.data.poison)
        .map((e) => e.id)
        .sort(),
    );
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ payload: { id: events[4].id }, deliveries: 3 });
  });
});
