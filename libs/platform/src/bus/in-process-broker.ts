import { ErrorCode } from '@helpdesk/contracts';
import { DomainError } from '../errors/domain-error';
import { BusHeaders } from './bus-protocol';

type Responder = (payload: string, headers: BusHeaders) => Promise<string>;
type EventConsumer = { durable: string; subject: string; deliver: (payload: string, headers: BusHeaders) => Promise<void> };

/**
 * The standalone bus: request-reply with queue-group semantics (one responder of a subject answers,
 * round-robin) and event delivery to every durable consumer of a subject. Payloads cross it as JSON
 * strings, exactly as they cross NATS, so handlers see the same data in both topologies.
 *
 * A durable consumer that registered once and is stopped now makes delivery fail, so the
 * publisher's outbox keeps the event and retries until the consumer is back (at-least-once, like
 * JetStream; consumers are idempotent, so the ones that already had it skip it).
 *
 * Event delivery is gated until `open()`: the standalone suite opens the broker once every service
 * has registered its consumers, so no event is published to a consumer that is not there yet.
 */
export class InProcessBroker {
  private readonly responders = new Map<string, Responder[]>();
  private readonly turns = new Map<string, number>();
  private readonly consumers = new Map<string, EventConsumer>();
  /** Durables that ever registered: an event for one that is away now fails, so the outbox keeps it. */
  private readonly knownDurables = new Map<string, string>();
  private opened = false;
  private openWaiters: (() => void)[] = [];

  respond(subject: string, responder: Responder): () => void {
    const list = this.responders.get(subject) ?? [];
    list.push(responder);
    this.responders.set(subject, list);
    return () => {
      const current = this.responders.get(subject) ?? [];
      this.responders.set(
        subject,
        current.filter((r) => r !== responder),
      );
    };
  }

  async request(subject: string, payload: string, headers: BusHeaders, timeoutMs: number): Promise<string> {
    const list = this.responders.get(subject);
    if (!list?.length) {
      throw new DomainError(ErrorCode.ServiceUnavailable, `No service answers ${subject}`, { subject });
    }
    const turn = this.turns.get(subject) ?? 0;
    this.turns.set(subject, turn + 1);
    const responder = list[turn % list.length];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new DomainError(ErrorCode.ServiceUnavailable, `${subject} did not answer within ${timeoutMs} ms`, { subject, timeoutMs })),
        timeoutMs,
      );
    });
    try {
      // A fresh macrotask keeps handler work off the caller's stack, as a network hop would.
      const reply = new Promise<string>((resolve, reject) =>
        setImmediate(() => {
          responder(payload, { ...headers }).then(resolve, reject);
        }),
      );
      return await Promise.race([reply, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  consume(durable: string, subject: string, deliver: EventConsumer['deliver']): () => void {
    const consumer = { durable, subject, deliver };
    this.consumers.set(durable, consumer);
    this.knownDurables.set(durable, subject);
    return () => {
      if (this.consumers.get(durable) === consumer) this.consumers.delete(durable);
    };
  }

  /** Delivers an event to every consumer of its subject; rejects if any of them failed (the outbox retries). */
  async publish(subject: string, payload: string, headers: BusHeaders): Promise<void> {
    await this.whenOpen();
    const failures: unknown[] = [];
    for (const [durable, durableSubject] of this.knownDurables) {
      if (durableSubject !== subject) continue;
      const consumer = this.consumers.get(durable);
      if (!consumer) {
        failures.push(new Error(`consumer ${durable} is not running`));
        continue;
      }
      try {
        await consumer.deliver(payload, { ...headers });
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length) {
      throw new AggregateError(failures, `${failures.length} consumer(s) of ${subject} failed`);
    }
  }

  open(): void {
    this.opened = true;
    for (const wake of this.openWaiters.splice(0)) wake();
  }

  get isOpen(): boolean {
    return this.opened;
  }

  private whenOpen(): Promise<void> {
    return this.opened ? Promise.resolve() : new Promise((resolve) => this.openWaiters.push(resolve));
  }
}
