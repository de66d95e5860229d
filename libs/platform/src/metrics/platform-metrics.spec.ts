import { PlatformMetrics } from './platform-metrics';

describe(PlatformMetrics.name, () => {
  it('exposes text format 0.0.4 with the platform families declared', async () => {
    const { contentType, body } = await new PlatformMetrics().exposition();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(body).toContain('# TYPE helpdesk_http_requests_total counter');
    expect(body).toContain('# TYPE helpdesk_bus_request_duration_seconds histogram');
  });

  it('returns the same metric when a name is asked for again (an app restarted in the process)', () => {
    const metrics = new PlatformMetrics();
    expect(metrics.counter('helpdesk_x_total', 'x', ['a'])).toBe(metrics.counter('helpdesk_x_total', 'x', ['a']));
    expect(metrics.scrapeGauge('helpdesk_y', 'y')).toBe(metrics.scrapeGauge('helpdesk_y', 'y'));
  });

  it('reads scrape gauges from every source on scrape, leaves out a failing one and forgets removed ones', async () => {
    const metrics = new PlatformMetrics();
    const removeTickets = metrics.outboxPending.add(() => Promise.resolve([{ labels: { service: 'ticket-service' }, value: 3 }]));
    metrics.outboxPending.add(() => Promise.resolve([{ labels: { service: 'kb-service' }, value: 0 }]));
    metrics.outboxPending.add(() => Promise.reject(new Error('database down')));
    let body = (await metrics.exposition()).body;
    expect(body).toContain('helpdesk_outbox_pending{service="ticket-service"} 3');
    expect(body).toContain('helpdesk_outbox_pending{service="kb-service"} 0');

    removeTickets();
    body = (await metrics.exposition()).body;
    expect(body).not.toContain('service="ticket-service"');
    expect(body).toContain('helpdesk_outbox_pending{service="kb-service"} 0');
  });

  it('collects Node default metrics once, labelled with the process', async () => {
    const metrics = new PlatformMetrics();
    metrics.collectDefaults('standalone');
    metrics.collectDefaults('ticket-service');
    const { body } = await metrics.exposition();
    expect(body.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);
    expect(body).toContain('process_cpu_user_seconds_total{service="standalone"}');
  });
});
