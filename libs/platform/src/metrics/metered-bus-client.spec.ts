import { ErrorCode } from '@helpdesk/contracts';
import { BusClient } from '../bus/bus-client';
import { DomainError } from '../errors/domain-error';
import { MeteredBusClient } from './metered-bus-client';
import { PlatformMetrics } from './platform-metrics';

class ScriptedBus extends BusClient {
  constructor(private readonly answer: (subject: string) => Promise<unknown>) {
    super();
  }
  request<T>(subject: string): Promise<T> {
    return this.answer(subject) as Promise<T>;
  }
  isConnected(): boolean {
    return true;
  }
}

describe(MeteredBusClient.name, () => {
  it('answers as the client it wraps and counts each request by subject and outcome', async () => {
    const metrics = new PlatformMetrics();
    const bus = new MeteredBusClient(
      new ScriptedBus((subject) => {
        if (subject === 'ticket.get') return Promise.reject(DomainError.notFound('Ticket', '1'));
        if (subject === 'kb.search') return Promise.reject(new DomainError(ErrorCode.ServiceUnavailable, 'late', { timeoutMs: 5 }));
        return Promise.resolve({ id: 't1' });
      }),
      metrics,
      'api-gateway',
    );
    await expect(bus.request('ticket.create', {})).resolves.toEqual({ id: 't1' });
    await expect(bus.request('ticket.get', {})).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(bus.request('kb.search', {})).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });

    const { body } = await metrics.exposition();
    expect(body).toContain('helpdesk_bus_requests_total{service="api-gateway",subject="ticket.create",outcome="ok"} 1');
    expect(body).toContain('helpdesk_bus_requests_total{service="api-gateway",subject="ticket.get",outcome="error"} 1');
    expect(body).toContain('helpdesk_bus_requests_total{service="api-gateway",subject="kb.search",outcome="timeout"} 1');
    expect(body).toContain('helpdesk_bus_request_duration_seconds_count{service="api-gateway",subject="ticket.create",outcome="ok"} 1');
  });
});
