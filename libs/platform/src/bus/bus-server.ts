import { ErrorCode } from '@helpdesk/contracts';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { acceptOrCreateRequestId, HEADER_REQUEST_ID, HEADER_TRACEPARENT, requestContext } from '../context/request-context';
import { isBusErrorBody, toErrorBody } from '../errors/domain-error';
import type { PlatformMetrics } from '../metrics/platform-metrics';
import { BusContext } from './bus-context';
import { takesBatches } from './event-batches';
import { BusHeaders, BusReply } from './bus-protocol';

/**
 * What both transports share: finding the `@MessagePattern` / `@EventPattern` handler, running it
 * inside the caller's request context, and turning its outcome into a reply or a failure.
 */
export abstract class BusServer extends Server implements CustomTransportStrategy {
  /** Where the handler side is counted (answered requests, consumed events); none in unit tests. */
  protected meter?: { metrics: PlatformMetrics; service: string };

  protected requestPatterns(): [string, MessageHandler][] {
    return [...this.messageHandlers.entries()].filter(([, handler]) => !handler.isEventHandler);
  }

  protected eventPatterns(): [string, MessageHandler][] {
    return [...this.messageHandlers.entries()].filter(([, handler]) => handler.isEventHandler);
  }

  /** Runs a request handler; never throws: failures become `{ ok: false, error }`. */
  protected async handleRequest(pattern: string, data: unknown, headers: BusHeaders): Promise<BusReply> {
    const stop = this.meter?.metrics.busHandleDuration.startTimer();
    const reply = await this.answerRequest(pattern, data, headers);
    if (this.meter && stop) {
      const labels = { service: this.meter.service, subject: pattern, outcome: reply.ok ? 'ok' : 'error' };
      this.meter.metrics.busHandled.inc(labels);
      stop(labels);
    }
    return reply;
  }

  private async answerRequest(pattern: string, data: unknown, headers: BusHeaders): Promise<BusReply> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) {
      return { ok: false, error: { code: ErrorCode.ServiceUnavailable, message: `No handler for ${pattern}` } };
    }
    return this.inContext(headers, async () => {
      try {
        const value = await this.settle(await handler(data, new BusContext([pattern, headers])));
        return { ok: true, data: value ?? null };
      } catch (error) {
        return { ok: false, error: isBusErrorBody(error) ? error : toErrorBody(error) };
      }
    });
  }

  /**
   * Runs an event handler; throws when it failed, so the transport retries the event. A batch
   * handler (EventBatchPattern) gets an array: the events given, or the one event in an array.
   */
  protected async runEvent(pattern: string, data: unknown, headers: BusHeaders): Promise<void> {
    let outcome = 'error';
    const handler = this.getHandlerByPattern(pattern);
    const input = takesBatches(handler) && !Array.isArray(data) ? [data] : data;
    try {
      if (!handler) throw new Error(`No event handler for ${pattern}`);
      await this.inContext(headers, async () => {
        await this.settle(await handler(input, new BusContext([pattern, headers])));
      });
      outcome = 'ok';
    } finally {
      const count = Array.isArray(input) ? input.length : 1;
      this.meter?.metrics.eventsConsumed.inc({ service: this.meter.service, subject: pattern, outcome }, count);
    }
  }

  /** Whether the pattern's handler takes its events in batches. */
  protected takesBatches(pattern: string): boolean {
    return takesBatches(this.getHandlerByPattern(pattern));
  }

  private settle(result: unknown): Promise<unknown> {
    return isObservable(result) ? lastValueFrom(result, { defaultValue: undefined }) : Promise.resolve(result);
  }

  private inContext<T>(headers: BusHeaders, fn: () => Promise<T>): Promise<T> {
    return requestContext.run(
      { requestId: acceptOrCreateRequestId(headers[HEADER_REQUEST_ID]), traceparent: headers[HEADER_TRACEPARENT] },
      fn,
    );
  }

  /** Nest's abstract event hooks; these transports report status through health checks instead. */
  on(): void {}

  unwrap<T>(): T {
    throw new Error('This transport has no underlying client to unwrap');
  }
}

/** The headers an outgoing message carries from the current request context. */
export function contextHeaders(): BusHeaders {
  const context = requestContext.current();
  const headers: BusHeaders = {};
  if (context?.requestId) headers[HEADER_REQUEST_ID] = context.requestId;
  if (context?.traceparent) headers[HEADER_TRACEPARENT] = context.traceparent;
  return headers;
}
