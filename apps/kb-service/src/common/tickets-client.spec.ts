import { Actor, ErrorCode, Role, SUBJECTS } from '@helpdesk/contracts';
import { BusClient, DomainError } from '@helpdesk/platform';
import { TicketsClient } from './tickets-client';

const agent: Actor = { id: '11111111-1111-4111-8111-111111111111', role: Role.Agent } as Actor;

/** A bus that answers from a table, or fails with the error it holds. */
class FakeBus extends BusClient {
  readonly sent: { subject: string; payload: unknown }[] = [];
  constructor(private readonly answer: (subject: string, payload: Record<string, unknown>) => unknown) {
    super();
  }
  request<T>(subject: string, payload: unknown): Promise<T> {
    this.sent.push({ subject, payload });
    return new Promise<T>((resolve) => resolve(this.answer(subject, payload as Record<string, unknown>) as T));
  }
  isConnected(): boolean {
    return true;
  }
}

describe(TicketsClient.name, () => {
  it("asks ticket-service with the caller's actor", async () => {
    const bus = new FakeBus(() => ({ id: 't', number: 'HD-000001' }));
    await new TicketsClient(bus).get(agent, 'HD-000001');
    expect(bus.sent).toEqual([{ subject: SUBJECTS.ticket.get, payload: { actor: agent, ticketId: 'HD-000001' } }]);
  });

  it('turns a ticket the caller may not see into a 422 on the field that named it', async () => {
    const bus = new FakeBus(() => {
      throw DomainError.notFound('Ticket', 'HD-000009');
    });
    const error = await new TicketsClient(bus).referenced(agent, 'HD-000009', 'ticketId').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.UnprocessableEntity, details: { errors: [{ field: 'ticketId' }] } });
  });

  it('lets other failures through unchanged', async () => {
    const bus = new FakeBus(() => {
      throw new DomainError(ErrorCode.ServiceUnavailable, 'down');
    });
    await expect(new TicketsClient(bus).referenced(agent, 'HD-000009', 'ticketId')).rejects.toMatchObject({
      code: ErrorCode.ServiceUnavailable,
    });
  });

  it('asks for each person once and leaves out those not found', async () => {
    const bus = new FakeBus((_subject, { id }) => {
      if (id === 'gone') throw DomainError.notFound('User', 'gone');
      return { id, role: Role.Agent };
    });
    const people = await new TicketsClient(bus).users(agent, ['a', 'b', 'a', 'gone']);
    expect([...people.keys()]).toEqual(['a', 'b']);
    expect(bus.sent).toHaveLength(3);
  });
});
