import { BusClient, RequestOptions } from '../bus/bus-client';
import { busRequestOutcome } from './labels';
import { PlatformMetrics } from './platform-metrics';

/** A bus client that counts and times each request by subject and outcome, then answers as the one it wraps. */
export class MeteredBusClient extends BusClient {
  constructor(
    private readonly inner: BusClient,
    private readonly metrics: PlatformMetrics,
    private readonly service: string,
  ) {
    super();
  }

  async request<TReply>(subject: string, payload: unknown, options?: RequestOptions): Promise<TReply> {
    const stop = this.metrics.busRequestDuration.startTimer();
    let failure: unknown;
    try {
      return await this.inner.request<TReply>(subject, payload, options);
    } catch (error) {
      failure = error ?? new Error('bus request failed');
      throw error;
    } finally {
      const labels = { service: this.service, subject, outcome: busRequestOutcome(failure) };
      this.metrics.busRequests.inc(labels);
      stop(labels);
    }
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }
}
