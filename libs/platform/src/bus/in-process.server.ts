import type { GaugeSample, PlatformMetrics } from '../metrics/platform-metrics';
import { BusServer } from './bus-server';
import { decode, durableName, encode, eventSubject, requestSubject } from './bus-protocol';
import { InProcessBroker } from './in-process-broker';

/**
 * The standalone transport: the same `@MessagePattern`s, answered through the in-process broker.
 * Its consumers have no queue (the broker hands each event over as it is published; what is not yet
 * delivered waits in the publisher's outbox), so their lag is reported as 0, under the names the
 * JetStream durables have distributed.
 */
export class InProcessServer extends BusServer {
  private readonly detach: (() => void)[] = [];

  constructor(
    private readonly broker: InProcessBroker,
    private readonly options: { service: string; namespace: string; metrics?: PlatformMetrics },
  ) {
    super();
    if (options.metrics) this.meter = { metrics: options.metrics, service: options.service };
  }

  listen(callback: () => void): void {
    for (const [pattern] of this.requestPatterns()) {
      this.detach.push(
        this.broker.respond(requestSubject(this.options.namespace, pattern), async (payload, headers) =>
          encode(await this.handleRequest(pattern, decode(payload), headers)),
        ),
      );
    }
    for (const [pattern] of this.eventPatterns()) {
      const durable = `${this.options.service}:${pattern}`;
      this.detach.push(
        this.broker.consume(durable, eventSubject(this.options.namespace, pattern), (payload, headers) =>
          this.runEvent(pattern, decode(payload), headers),
        ),
      );
    }
    this.reportConsumerLag();
    callback();
  }

  private reportConsumerLag(): void {
    const metrics = this.options.metrics;
    const events = this.eventPatterns();
    if (!metrics || !events.length) return;
    const service = this.options.service;
    const zeros = (): Promise<GaugeSample[]> =>
      Promise.resolve(events.map(([pattern]) => ({ labels: { service, consumer: durableName(service, pattern) }, value: 0 })));
    this.detach.push(metrics.consumerPending.add(zeros), metrics.consumerAckPending.add(zeros));
  }

  close(): void {
    for (const detach of this.detach.splice(0)) detach();
  }
}
