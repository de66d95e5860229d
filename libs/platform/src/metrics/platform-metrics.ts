import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One sample of a gauge read on scrape. */
export interface GaugeSample {
  labels: Record<string, string>;
  value: number;
}

/** Reads samples on scrape; should not reject (a failing source is left out of that scrape). */
export type GaugeSource = () => Promise<GaugeSample[]>;

/**
 * A gauge whose samples are read when Prometheus scrapes, from sources that apps add and remove as
 * they start and stop (standalone runs every app in one process, one registry).
 */
export class ScrapeGauge {
  private readonly sources = new Set<GaugeSource>();

  constructor(registry: Registry, name: string, help: string, labelNames: string[]) {
    const sources = this.sources;
    const gauge: Gauge<string> = new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const read = await Promise.all([...sources].map((source) => source().catch((): GaugeSample[] => [])));
        gauge.reset();
        for (const sample of read.flat()) gauge.set(sample.labels, sample.value);
      },
    });
  }

  /** Adds a source of samples; returns what removes it. */
  add(source: GaugeSource): () => void {
    this.sources.add(source);
    return () => this.sources.delete(source);
  }
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The metrics registry of the process, and the platform's own instruments (HTTP, bus, outbox,
 * consumer lag). Services add their domain metrics to the same registry with `counter` and
 * `scrapeGauge`, which return the existing metric when it is asked for again (an app restarted in
 * the same process registers the same names). Every platform metric has a `service` label: in
 * standalone every app shares this one registry.
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly metrics = new Map<string, unknown>();
  private defaultsCollected = false;

  readonly httpRequests = this.counter('helpdesk_http_requests_total', 'HTTP requests answered, by route pattern and status code', [
    'service',
    'method',
    'route',
    'status',
  ]);
  readonly httpDuration = this.histogram('helpdesk_http_request_duration_seconds', 'HTTP request latency until the answer is sent', [
    'service',
    'method',
    'route',
    'status',
  ]);
  readonly busRequests = this.counter('helpdesk_bus_requests_total', 'Bus requests sent (caller side), by subject and outcome', [
    'service',
    'subject',
    'outcome',
  ]);
  readonly busRequestDuration = this.histogram('helpdesk_bus_request_duration_seconds', 'Bus request-reply latency seen by the caller', [
    'service',
    'subject',
    'outcome',
  ]);
  readonly busHandled = this.counter('helpdesk_bus_handled_total', 'Bus requests answered (handler side), by subject and outcome', [
    'service',
    'subject',
    'outcome',
  ]);
  readonly busHandleDuration = this.histogram('helpdesk_bus_handle_duration_seconds', 'Time a handler took to answer a bus request', [
    'service',
    'subject',
    'outcome',
  ]);
  readonly eventsConsumed = this.counter(
    'helpdesk_bus_events_consumed_total',
    'Domain events handled by consumers, by subject and outcome',
    ['service', 'subject', 'outcome'],
  );
  readonly outboxPending = this.scrapeGauge('helpdesk_outbox_pending', 'Outbox rows not yet published (parked ones excluded)', ['service']);
  readonly outboxOldestAge = this.scrapeGauge(
    'helpdesk_outbox_oldest_pending_age_seconds',
    'Age of the oldest outbox row not yet published (0 when none)',
    ['service'],
  );
  readonly outboxParked = this.scrapeGauge('helpdesk_outbox_parked', 'Outbox rows parked after failing every publish attempt', ['service']);
  readonly consumerPending = this.scrapeGauge(
    'helpdesk_bus_consumer_pending',
    'Events in the stream not yet delivered to a durable consumer (JetStream num_pending; 0 on the in-process bus)',
    ['service', 'consumer'],
  );
  readonly consumerAckPending = this.scrapeGauge(
    'helpdesk_bus_consumer_ack_pending',
    'Events delivered to a durable consumer and not yet acknowledged (JetStream num_ack_pending; 0 on the in-process bus)',
    ['service', 'consumer'],
  );

  /** Node's default metrics (CPU, memory, event loop lag, GC), once per process, labelled with `service`. */
  collectDefaults(service: string): void {
    if (this.defaultsCollected) return;
    this.defaultsCollected = true;
    collectDefaultMetrics({ register: this.registry, labels: { service } });
  }

  counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
    return this.getOrCreate(name, () => new Counter({ name, help, labelNames, registers: [this.registry] }));
  }

  histogram(name: string, help: string, labelNames: string[] = [], buckets = DURATION_BUCKETS): Histogram<string> {
    return this.getOrCreate(name, () => new Histogram({ name, help, labelNames, buckets, registers: [this.registry] }));
  }

  scrapeGauge(name: string, help: string, labelNames: string[] = []): ScrapeGauge {
    return this.getOrCreate(name, () => new ScrapeGauge(this.registry, name, help, labelNames));
  }

  /** The text exposition of every metric, with its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private getOrCreate<T>(name: string, create: () => T): T {
    if (!this.metrics.has(name)) this.metrics.set(name, create());
    return this.metrics.get(name) as T;
  }
}

let processWide: PlatformMetrics | undefined;

/** The one registry of this process (standalone: every app's metrics in one exposition). */
export function processMetrics(): PlatformMetrics {
  processWide ??= new PlatformMetrics();
  return processWide;
}
