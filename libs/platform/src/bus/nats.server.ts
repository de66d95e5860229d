import { Logger } from '@nestjs/common';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JsMsg, Msg, MsgHdrs, NatsConnection, Subscription, nanos } from 'nats';
import { CachedSample } from '../metrics/cached-sample';
import type { GaugeSample, PlatformMetrics } from '../metrics/platform-metrics';
import { BusServer } from './bus-server';
import { BusHeaders, decode, durableName, encode, eventSubject, requestSubject } from './bus-protocol';
import { EventBatcher } from './event-batches';
import { ensureEventStream } from './jetstream';
import { KeyedLanes } from './keyed-lanes';

/** Where an event that failed every delivery goes, so an operator can see and replay it. */
export interface ParkingLot {
  park(entry: { consumer: string; subject: string; payload: unknown; error: string; deliveries: number }): Promise<void>;
}

export interface NatsServerOptions {
  service: string;
  namespace: string;
  stream: string;
  maxDeliveries: number;
  /** Events handled at once per consumer (those of one aggregate always one after another) */
  eventConcurrency: number;
  /** Events handed to a batch handler (EventBatchPattern) at most per call */
  eventBatchSize: number;
  parkingLot?: ParkingLot;
  /** Where handled requests, consumed events and consumer lag are counted */
  metrics?: PlatformMetrics;
}

/** Consumer info is read at most every 5 s, and a scrape waits at most 2 s for it. */
const CONSUMER_LAG_SAMPLE = { ttlMs: 5_000, timeoutMs: 2_000 };

const textDecoder = new TextDecoder();

export function headersToRecord(hdrs: MsgHdrs | undefined): BusHeaders {
  const out: BusHeaders = {};
  if (!hdrs) return out;
  for (const [key, values] of hdrs) out[key.toLowerCase()] = values[0] ?? '';
  return out;
}

/**
 * The distributed transport. Requests: a core NATS subscription per pattern in the service's queue
 * group. Events: a durable JetStream pull consumer per pattern, explicit acks, redelivery with
 * backoff, and parking after `maxDeliveries`; up to `eventConcurrency` events at once, those of one
 * aggregate (the envelope's `aggregateId`) in stream order.
 */
export class NatsServer extends BusServer {
  private readonly log = new Logger(NatsServer.name);
  private readonly subscriptions: Subscription[] = [];
  private readonly consumers: ConsumerMessages[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly durables: string[] = [];
  private readonly unregister: (() => void)[] = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: NatsServerOptions,
  ) {
    super();
    if (options.metrics) this.meter = { metrics: options.metrics, service: options.service };
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern] of this.requestPatterns()) {
        this.subscriptions.push(
          this.nc.subscribe(requestSubject(this.options.namespace, pattern), {
            queue: this.options.service,
            callback: (error, msg) => {
              if (error) return this.log.error({ err: error, pattern }, 'subscription error');
              this.track(this.answer(pattern, msg));
            },
          }),
        );
      }
      const events = this.eventPatterns();
      if (events.length) {
        await ensureEventStream(this.nc, this.options.stream, this.options.namespace);
        for (const [pattern] of events) await this.startConsumer(pattern);
        this.reportConsumerLag();
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    for (const unregister of this.unregister.splice(0)) unregister();
    this.durables.splice(0);
    for (const sub of this.subscriptions.splice(0)) await sub.drain().catch(() => undefined);
    for (const consumer of this.consumers.splice(0)) await consumer.close().catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async answer(pattern: string, msg: Msg): Promise<void> {
    let reply;
    try {
      reply = await this.handleRequest(pattern, decode(textDecoder.decode(msg.data)), headersToRecord(msg.headers));
    } catch (error) {
      reply = { ok: false as const, error: { code: 'BAD_REQUEST' as never, message: 'Malformed bus message' } };
      this.log.warn({ err: error, pattern }, 'malformed request');
    }
    if (msg.reply) msg.respond(encode(reply));
  }

  private async startConsumer(pattern: string): Promise<void> {
    const { stream, namespace, maxDeliveries } = this.options;
    const durable = durableName(this.options.service, pattern);
    const jsm = await this.nc.jetstreamManager();
    const config = {
      durable_name: durable,
      filter_subject: eventSubject(namespace, pattern),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(30_000),
      max_deliver: maxDeliveries,
    };
    try {
      await jsm.consumers.info(stream, durable);
    } catch {
      await jsm.consumers.add(stream, config).catch(async (error: unknown) => {
        await jsm.consumers.info(stream, durable).catch(() => {
          throw error;
        });
      });
    }
    this.durables.push(durable);
    const consumer = await this.nc.jetstream().consumers.get(stream, durable);
    const batches = this.takesBatches(pattern);
    const messages = await consumer.consume({ max_messages: batches ? this.options.eventBatchSize : 64 });
    this.consumers.push(messages);
    if (batches) {
      this.consumeInBatches(pattern, durable, messages);
      return;
    }
    const lanes = new KeyedLanes(this.options.eventConcurrency);
    void (async () => {
      for await (const m of messages) {
        await lanes.slot();
        const work = lanes.add(aggregateOf(m), () => this.deliver(pattern, durable, m));
        this.track(work);
      }
    })();
  }

  /**
   * A batch handler's consumer: one batch at a time, each with what arrived while the previous one
   * ran (group commit); stream order is kept, since batches do not overlap.
   */
  private consumeInBatches(pattern: string, durable: string, messages: ConsumerMessages): void {
    const batcher = new EventBatcher<JsMsg>(this.options.eventBatchSize, (batch) => this.deliverBatch(pattern, durable, batch));
    const loop = (async () => {
      for await (const m of messages) await batcher.add(m);
      await batcher.idle();
    })();
    this.track(loop);
  }

  /** A batch in one call; if it fails, its events one by one (each retried or parked on its own). */
  private async deliverBatch(pattern: string, durable: string, batch: JsMsg[]): Promise<void> {
    if (batch.length === 1) return this.deliver(pattern, durable, batch[0]);
    const readable: { m: JsMsg; payload: unknown }[] = [];
    for (const m of batch) {
      try {
        readable.push({ m, payload: decode(textDecoder.decode(m.data)) });
      } catch {
        this.log.error({ pattern, seq: m.seq }, 'event is not JSON; parking it');
        await this.park(durable, m, 'event is not JSON', textDecoder.decode(m.data));
      }
    }
    if (!readable.length) return;
    try {
      await this.runEvent(
        pattern,
        readable.map((r) => r.payload),
        headersToRecord(readable[0].m.headers),
      );
      for (const { m } of readable) m.ack();
    } catch (error) {
      this.log.warn({ err: error, pattern, size: readable.length }, 'event batch failed; handling its events one by one');
      for (const { m } of readable) await this.deliver(pattern, durable, m);
    }
  }

  /** num_pending and num_ack_pending of each durable consumer, read from JetStream on scrape. */
  private reportConsumerLag(): void {
    const metrics = this.options.metrics;
    if (!metrics || !this.durables.length) return;
    const { service, stream } = this.options;
    const lag = new CachedSample(async () => {
      const jsm = await this.nc.jetstreamManager();
      return Promise.all(this.durables.map((durable) => jsm.consumers.info(stream, durable)));
    }, CONSUMER_LAG_SAMPLE);
    const samples = (field: 'num_pending' | 'num_ack_pending') => async (): Promise<GaugeSample[]> =>
      ((await lag.get()) ?? []).map((info) => ({ labels: { service, consumer: info.name }, value: info[field] }));
    this.unregister.push(metrics.consumerPending.add(samples('num_pending')), metrics.consumerAckPending.add(samples('num_ack_pending')));
  }

  private async deliver(pattern: string, durable: string, m: JsMsg): Promise<void> {
    let payload: unknown;
    try {
      payload = decode(textDecoder.decode(m.data));
    } catch {
      this.log.error({ pattern, seq: m.seq }, 'event is not JSON; parking it');
      await this.park(durable, m, 'event is not JSON', textDecoder.decode(m.data));
      return;
    }
    try {
      await this.runEvent(pattern, payload, headersToRecord(m.headers));
      m.ack();
    } catch (error) {
      const deliveries = m.info.deliveryCount;
      const reason = error instanceof Error ? error.message : String(error);
      if (deliveries >= this.options.maxDeliveries) {
        this.log.error({ err: error, pattern, deliveries }, 'event failed on every delivery; parking it');
        await this.park(durable, m, reason, payload);
      } else {
        this.log.warn({ err: error, pattern, deliveries }, 'event failed; it will be redelivered');
        m.nak(Math.min(30_000, 250 * 2 ** (deliveries - 1)));
      }
    }
  }

  private async park(durable: string, m: JsMsg, error: string, payload: unknown): Promise<void> {
    try {
      await this.options.parkingLot?.park({ consumer: durable, subject: m.subject, payload, error, deliveries: m.info.deliveryCount });
      m.term(error.slice(0, 200));
    } catch (parkError) {
      this.log.error({ err: parkError }, 'could not park the event; it will be redelivered');
      m.nak(30_000);
    }
  }
}

/** The lane an event goes in: its aggregate (events of one ticket or conversation stay in order); unreadable ones share one. */
function aggregateOf(m: JsMsg): string {
  try {
    const { aggregateId } = decode<{ aggregateId?: unknown }>(textDecoder.decode(m.data));
    return typeof aggregateId === 'string' ? aggregateId : '';
  } catch {
    return '';
  }
}
