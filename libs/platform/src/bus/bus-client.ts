import { ErrorCode, EventEnvelope } from '@helpdesk/contracts';
import { JetStreamClient, NatsConnection, NatsError, headers as natsHeaders, ErrorCode as NatsErrorCode } from 'nats';
import { DomainError, isBusErrorBody } from '../errors/domain-error';
import { contextHeaders } from './bus-server';
import { BusHeaders, BusReply, decode, encode, eventSubject, requestSubject } from './bus-protocol';
import { InProcessBroker } from './in-process-broker';
import { ensureEventStream } from './jetstream';

export interface RequestOptions {
  timeoutMs?: number;
}

/**
 * Sends requests to other services. Resolves with the reply's data or rejects with a DomainError
 * carrying the responder's code; a responder that is absent or too slow is SERVICE_UNAVAILABLE.
 */
export abstract class BusClient {
  abstract request<TReply>(subject: string, payload: unknown, options?: RequestOptions): Promise<TReply>;

  /** Whether the bus is connected (readiness). */
  abstract isConnected(): boolean;
}

/** Publishes domain events (the outbox relay is its only caller). */
export abstract class EventPublisher {
  /** `messageId` replaces the event id as the bus's duplicate key (a deliberate replay). */
  abstract publish(event: EventEnvelope, options?: { messageId?: string }): Promise<void>;

  /**
   * Publishes events in order; resolves with how many of them (a prefix) were published.
   * This default waits for each before the next; a transport that keeps order on the wire may
   * send them all at once.
   */
  async publishInOrder(events: EventEnvelope[]): Promise<{ published: number; error?: unknown }> {
    for (const [i, event] of events.entries()) {
      try {
        await this.publish(event);
      } catch (error) {
        return { published: i, error };
      }
    }
    return { published: events.length };
  }
}

function unwrap<T>(reply: BusReply<T>, subject: string): T {
  if (reply.ok) return reply.data;
  if (isBusErrorBody(reply.error)) throw new DomainError(reply.error.code, reply.error.message, reply.error.details);
  throw new DomainError(ErrorCode.Internal, `Malformed reply from ${subject}`);
}

function eventHeaders(event: EventEnvelope): BusHeaders {
  return event.requestId ? { 'x-request-id': event.requestId } : {};
}

export class InProcessBusClient extends BusClient {
  constructor(
    private readonly broker: InProcessBroker,
    private readonly namespace: string,
    private readonly defaultTimeoutMs: number,
  ) {
    super();
  }

  async request<TReply>(subject: string, payload: unknown, options: RequestOptions = {}): Promise<TReply> {
    const raw = await this.broker.request(
      requestSubject(this.namespace, subject),
      encode(payload),
      contextHeaders(),
      options.timeoutMs ?? this.defaultTimeoutMs,
    );
    return unwrap(decode<BusReply<TReply>>(raw), subject);
  }

  isConnected(): boolean {
    return true;
  }
}

export class InProcessEventPublisher extends EventPublisher {
  constructor(
    private readonly broker: InProcessBroker,
    private readonly namespace: string,
  ) {
    super();
  }

  async publish(event: EventEnvelope): Promise<void> {
    await this.broker.publish(eventSubject(this.namespace, event.type), encode(event), eventHeaders(event));
  }
}

const textDecoder = new TextDecoder();

function toNatsHeaders(values: BusHeaders) {
  const hdrs = natsHeaders();
  for (const [key, value] of Object.entries(values)) hdrs.set(key, value);
  return hdrs;
}

export class NatsBusClient extends BusClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: string,
    private readonly defaultTimeoutMs: number,
  ) {
    super();
  }

  async request<TReply>(subject: string, payload: unknown, options: RequestOptions = {}): Promise<TReply> {
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    let msg;
    try {
      msg = await this.nc.request(requestSubject(this.namespace, subject), encode(payload), {
        timeout,
        headers: toNatsHeaders(contextHeaders()),
      });
    } catch (error) {
      throw toUnavailable(error, subject, timeout);
    }
    return unwrap(decode<BusReply<TReply>>(textDecoder.decode(msg.data)), subject);
  }

  isConnected(): boolean {
    return !this.nc.isClosed() && !this.nc.isDraining();
  }
}

function toUnavailable(error: unknown, subject: string, timeoutMs: number): DomainError {
  const code = error instanceof NatsError ? error.code : undefined;
  if (code === NatsErrorCode.NoResponders) {
    return new DomainError(ErrorCode.ServiceUnavailable, `No service answers ${subject}`, { subject });
  }
  if (code === NatsErrorCode.Timeout) {
    return new DomainError(ErrorCode.ServiceUnavailable, `${subject} did not answer within ${timeoutMs} ms`, { subject, timeoutMs });
  }
  return new DomainError(ErrorCode.ServiceUnavailable, `The bus could not deliver ${subject}`, { subject });
}

export class JetStreamEventPublisher extends EventPublisher {
  /** One client for every publish: `nc.jetstream()` builds five API objects each time it is called. */
  private readonly js: JetStreamClient;

  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: string,
    private readonly stream: string,
  ) {
    super();
    this.js = nc.jetstream();
  }

  /** One connection delivers in send order, so all are sent before any acknowledgement is awaited. */
  override async publishInOrder(events: EventEnvelope[]): Promise<{ published: number; error?: unknown }> {
    const outcomes = await Promise.allSettled(events.map((event) => this.publish(event)));
    const failed = outcomes.findIndex((o) => o.status === 'rejected');
    return failed < 0 ? { published: events.length } : { published: failed, error: (outcomes[failed] as PromiseRejectedResult).reason };
  }

  async publish(event: EventEnvelope, options: { messageId?: string } = {}): Promise<void> {
    await ensureEventStream(this.nc, this.stream, this.namespace);
    await this.js.publish(eventSubject(this.namespace, event.type), encode(event), {
      msgID: options.messageId ?? event.id,
      headers: toNatsHeaders(eventHeaders(event)),
    });
  }
}
