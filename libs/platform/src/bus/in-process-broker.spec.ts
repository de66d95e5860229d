import { ErrorCode } from '@helpdesk/contracts';
import { DomainError } from '../errors/domain-error';
import { InProcessBroker } from './in-process-broker';

/** Lets queued macrotasks (setImmediate) and their promise callbacks run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe(InProcessBroker.name, () => {
  let broker: InProcessBroker;

  beforeEach(() => {
    broker = new InProcessBroker();
  });

  describe('request', () => {
    it('answers with the reply of the responder', async () => {
      broker.respond('tickets.get', (payload) => Promise.resolve(`reply to ${payload}`));
      await expect(broker.request('tickets.get', '{"id":1}', {}, 1000)).resolves.toBe('reply to {"id":1}');
    });

    it('passes the headers to the responder', async () => {
      const seen: Record<string, string>[] = [];
      broker.respond('s', (_payload, headers) => {
        seen.push(headers);
        return Promise.resolve('ok');
      });
      await broker.request('s', '{}', { 'x-request-id': 'r-1' }, 1000);
      expect(seen).toEqual([{ 'x-request-id': 'r-1' }]);
    });

    it('rejects with SERVICE_UNAVAILABLE when no one responds to the subject', async () => {
      const error = await rejectionOf(broker.request('nobody.home', '{}', {}, 1000));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.ServiceUnavailable);
    });

    it('does not answer a subject from the responder of another subject', async () => {
      broker.respond('a', () => Promise.resolve('from a'));
      const error = await rejectionOf(broker.request('b', '{}', {}, 1000));
      expect((error as DomainError).code).toBe(ErrorCode.ServiceUnavailable);
    });

    it('rejects with SERVICE_UNAVAILABLE when the responder does not answer in time', async () => {
      broker.respond('slow', () => new Promise<string>(() => undefined));
      const error = await rejectionOf(broker.request('slow', '{}', {}, 50));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.ServiceUnavailable);
      expect((error as DomainError).details).toEqual({ subject: 'slow', timeoutMs: 50 });
    });

    it('passes on the rejection of the responder', async () => {
      broker.respond('s', () => Promise.reject(new DomainError(ErrorCode.NotFound, 'missing')));
      await expect(broker.request('s', '{}', {}, 1000)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('uses two responders of one subject in turn', async () => {
      broker.respond('s', () => Promise.resolve('A'));
      broker.respond('s', () => Promise.resolve('B'));
      const replies: string[] = [];
      for (let i = 0; i < 4; i++) replies.push(await broker.request('s', '{}', {}, 1000));
      expect(replies).toEqual(['A', 'B', 'A', 'B']);
    });

    it('stops using a responder once it is unregistered', async () => {
      broker.respond('s', () => Promise.resolve('A'));
      const unregisterB = broker.respond('s', () => Promise.resolve('B'));
      unregisterB();
      const replies: string[] = [];
      for (let i = 0; i < 3; i++) replies.push(await broker.request('s', '{}', {}, 1000));
      expect(replies).toEqual(['A', 'A', 'A']);
    });

    it('rejects with SERVICE_UNAVAILABLE after the last responder is unregistered', async () => {
      const unregister = broker.respond('s', () => Promise.resolve('A'));
      unregister();
      await expect(broker.request('s', '{}', {}, 1000)).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });
    });
  });

  describe('publish', () => {
    it('waits until the broker is opened', async () => {
      const received: string[] = [];
      broker.consume('svc:a', 'ticket.created', (payload) => {
        received.push(payload);
        return Promise.resolve();
      });
      let done = false;
      const publishing = broker.publish('ticket.created', 'e1', {}).then(() => {
        done = true;
      });
      await settle();
      expect(received).toEqual([]);
      expect(done).toBe(false);
      broker.open();
      await publishing;
      expect(received).toEqual(['e1']);
    });

    it('reports whether it is open', () => {
      expect(broker.isOpen).toBe(false);
      broker.open();
      expect(broker.isOpen).toBe(true);
    });

    it('delivers to every consumer of the subject and to no other', async () => {
      broker.open();
      const received: string[] = [];
      broker.consume('reports:created', 'ticket.created', (payload) => {
        received.push(`reports ${payload}`);
        return Promise.resolve();
      });
      broker.consume('notify:created', 'ticket.created', (payload) => {
        received.push(`notify ${payload}`);
        return Promise.resolve();
      });
      broker.consume('reports:updated', 'ticket.updated', (payload) => {
        received.push(`updated ${payload}`);
        return Promise.resolve();
      });
      await broker.publish('ticket.created', 'e1', { 'x-request-id': 'r' });
      expect(received.sort()).toEqual(['notify e1', 'reports e1']);
    });

    it('passes the headers to the consumer', async () => {
      broker.open();
      const seen: Record<string, string>[] = [];
      broker.consume('d', 's', (_payload, headers) => {
        seen.push(headers);
        return Promise.resolve();
      });
      await broker.publish('s', 'e', { traceparent: 't' });
      expect(seen).toEqual([{ traceparent: 't' }]);
    });

    it('succeeds when no consumer has the subject', async () => {
      broker.open();
      await expect(broker.publish('nobody.listens', 'e', {})).resolves.toBeUndefined();
    });

    it('rejects with an AggregateError when a consumer throws, after delivering to the others', async () => {
      broker.open();
      const received: string[] = [];
      const failure = new Error('consumer broke');
      broker.consume('first', 's', () => Promise.reject(failure));
      broker.consume('second', 's', (payload) => {
        received.push(payload);
        return Promise.resolve();
      });
      const error = await rejectionOf(broker.publish('s', 'e1', {}));
      expect(error).toBeInstanceOf(AggregateError);
      expect((error as AggregateError).errors).toEqual([failure]);
      expect(received).toEqual(['e1']);
    });

    it('rejects while a durable that registered is stopped, so the outbox retries', async () => {
      broker.open();
      const stop = broker.consume('svc:created', 's', () => Promise.resolve());
      stop();
      const error = await rejectionOf(broker.publish('s', 'e1', {}));
      expect(error).toBeInstanceOf(AggregateError);
      expect((error as AggregateError).errors).toHaveLength(1);
    });

    it('succeeds again once the stopped durable registers again', async () => {
      broker.open();
      const stop = broker.consume('svc:created', 's', () => Promise.resolve());
      stop();
      await expect(broker.publish('s', 'e1', {})).rejects.toBeInstanceOf(AggregateError);
      const received: string[] = [];
      broker.consume('svc:created', 's', (payload) => {
        received.push(payload);
        return Promise.resolve();
      });
      await expect(broker.publish('s', 'e1', {})).resolves.toBeUndefined();
      expect(received).toEqual(['e1']);
    });
  });
});

describe('InProcessBroker durable re-registration', () => {
  it('keeps the new consumer when an old stop function is called late', async () => {
    const broker = new InProcessBroker();
    broker.open();
    const stopOld = broker.consume('svc:evt', 'evt.x', () => Promise.resolve());
    stopOld();
    const received: string[] = [];
    broker.consume('svc:evt', 'evt.x', (payload) => {
      received.push(payload);
      return Promise.resolve();
    });
    stopOld();
    await broker.publish('evt.x', '"hello"', {});
    expect(received).toEqual(['"hello"']);
  });
});
