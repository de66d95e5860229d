import { BusServer } from './bus-server';
import { decode, encode, eventSubject, requestSubject } from './bus-protocol';
import { InProcessBroker } from './in-process-broker';

/** The standalone transport: the same `@MessagePattern`s, answered through the in-process broker. */
export class InProcessServer extends BusServer {
  private readonly detach: (() => void)[] = [];

  constructor(
    private readonly broker: InProcessBroker,
    private readonly options: { service: string; namespace: string },
  ) {
    super();
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
    callback();
  }

  close(): void {
    for (const detach of this.detach.splice(0)) detach();
  }
}
