import { SERVICES } from '@helpdesk/contracts';
import { bearer } from '../support/api';
import { waitFor } from '../support/free-port';
import { scrape } from '../support/metrics';
import { slaTools } from '../support/sla';
import { useSuite } from '../support/suite';

describe('Prometheus metrics on /metrics', () => {
  const suite = useSuite({ TEST_CLOCK: 'true', SLA_POLL_INTERVAL_MS: '50' });
  const created: { id: string; number: string; status: string }[] = [];
  /** Where an app serves /metrics (its first replica; the suite's one port standalone). */
  const urlOf = (service: string) => {
    const app = suite.target.appUrls().find((a) => a.service === service);
    if (!app) throw new Error(`no app ${service}`);
    return app.url;
  };

  beforeAll(async () => {
    for (const subject of ['Metrics one', 'Metrics two']) {
      const res = await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).send({ subject, description: 'd' }).expect(201);
      created.push(res.body);
    }
    await suite.api().get(`/api/v1/tickets/${created[0].id}`).set(bearer(suite.admin)).expect(200);
    await suite.api().get(`/api/v1/tickets/${created[1].number}`).set(bearer(suite.admin)).expect(200);
    await suite.api().get('/api/v1/no-such-route/12345').set(bearer(suite.admin)).expect(404);
  });

  it('serves every app its own /metrics without a token, with Node default metrics once per process', async () => {
    const apps = suite.target.appUrls();
    expect(apps.map((a) => a.service)).toEqual(expect.arrayContaining(Object.values(SERVICES)));
    for (const app of apps) {
      const metrics = await scrape(app.url);
      expect(metrics.text.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);
      const processLabel = suite.target.topology === 'standalone' ? 'standalone' : app.service;
      expect(metrics.samples('process_cpu_user_seconds_total', { service: processLabel })).toHaveLength(1);
    }
  });

  it('counts HTTP requests and their latency by route pattern, never by raw URL', async () => {
    const metrics = await scrape(suite.target.url);
    const gateway = { service: SERVICES.apiGateway };
    expect(metrics.sum('helpdesk_http_requests_total', { ...gateway, method: 'POST', route: '/api/v1/tickets', status: '201' })).toBe(2);
    expect(
      metrics.sum('helpdesk_http_requests_total', { ...gateway, method: 'GET', route: '/api/v1/tickets/:idOrNumber', status: '200' }),
    ).toBe(2);
    expect(
      metrics.sum('helpdesk_http_requests_total', { ...gateway, method: 'GET', route: 'unmatched', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(metrics.type('helpdesk_http_request_duration_seconds')).toBe('histogram');
    expect(metrics.sum('helpdesk_http_request_duration_seconds', { ...gateway, method: 'POST', route: '/api/v1/tickets' })).toBe(2);
    for (const ticket of created) {
      expect(metrics.text).not.toContain(ticket.id);
      expect(metrics.text).not.toContain(ticket.number);
    }
    expect(metrics.text).not.toContain('12345');
  });

  it('counts bus requests on the caller side and on the handler side, by subject and outcome', async () => {
    const gateway = await scrape(urlOf(SERVICES.apiGateway));
    expect(gateway.sum('helpdesk_bus_requests_total', { service: SERVICES.apiGateway, subject: 'ticket.create', outcome: 'ok' })).toBe(2);
    expect(gateway.type('helpdesk_bus_request_duration_seconds')).toBe('histogram');
    expect(gateway.sum('helpdesk_bus_request_duration_seconds', { service: SERVICES.apiGateway, subject: 'ticket.create' })).toBe(2);

    const tickets = await scrape(urlOf(SERVICES.ticket));
    expect(tickets.sum('helpdesk_bus_handled_total', { service: SERVICES.ticket, subject: 'ticket.create', outcome: 'ok' })).toBe(2);
    expect(tickets.type('helpdesk_bus_handle_duration_seconds')).toBe('histogram');
  });

  it('counts the events consumers handled (sla-service consumes ticket.created)', async () => {
    await waitFor(
      'sla-service to have consumed both ticket.created events',
      async () => {
        const sla = await Promise.all(
          suite.target
            .appUrls()
            .filter((a) => a.service === SERVICES.sla)
            .map((a) => scrape(a.url)),
        );
        const consumed = sla.reduce(
          (total, m) =>
            total + m.sum('helpdesk_bus_events_consumed_total', { service: SERVICES.sla, subject: 'ticket.created', outcome: 'ok' }),
          0,
        );
        return consumed >= 2 || undefined;
      },
      15_000,
    );
  });

  it('counts tickets by status on scrape', async () => {
    const metrics = await scrape(urlOf(SERVICES.ticket));
    expect(metrics.type('helpdesk_tickets')).toBe('gauge');
    const status = created[0].status;
    expect(metrics.sum('helpdesk_tickets', { status })).toBe(2);
    expect(metrics.sum('helpdesk_tickets')).toBe(2);
    expect(metrics.samples('helpdesk_tickets', { status: 'closed' })).toEqual([expect.objectContaining({ value: 0 })]);
  });

  it('reports outbox lag per service and consumer lag per durable consumer', async () => {
    const tickets = await scrape(urlOf(SERVICES.ticket));
    for (const name of ['helpdesk_outbox_pending', 'helpdesk_outbox_oldest_pending_age_seconds', 'helpdesk_outbox_parked']) {
      expect(tickets.samples(name, { service: SERVICES.ticket })).toHaveLength(1);
    }
    const sla = await scrape(urlOf(SERVICES.sla));
    for (const name of ['helpdesk_bus_consumer_pending', 'helpdesk_bus_consumer_ack_pending']) {
      const consumers = sla.samples(name, { service: SERVICES.sla });
      // The JetStream durable's name, and the same name for the in-process bus's consumer standalone.
      expect(consumers.map((c) => c.labels.consumer)).toContain('sla-service__ticket_created');
      for (const consumer of consumers) expect(consumer.value).toBeGreaterThanOrEqual(0);
    }
  });

  it('exposes the SLA breach counter per clock and the breached tickets gauge', async () => {
    const sla = await scrape(urlOf(SERVICES.sla));
    expect(sla.type('helpdesk_sla_breaches_total')).toBe('counter');
    expect(sla.samples('helpdesk_sla_breaches_total').map((s) => s.labels.clock)).toEqual(
      expect.arrayContaining(['first_response', 'next_response', 'resolution']),
    );
    expect(sla.samples('helpdesk_sla_tickets_breached')).toEqual([expect.objectContaining({ value: 0 })]);
  });

  it('counts a breach when sla-service announces it, and the breached ticket in the gauge', async () => {
    const { advance, slaWhen } = slaTools(suite);
    const slaApps = () => suite.target.appUrls().filter((a) => a.service === SERVICES.sla);
    const breachesNow = async () => {
      const scrapes = await Promise.all(slaApps().map((a) => scrape(a.url)));
      return scrapes.reduce((total, m) => total + m.sum('helpdesk_sla_breaches_total', { clock: 'first_response' }), 0);
    };
    const before = await breachesNow();
    await suite
      .api()
      .post('/api/v1/sla/policies')
      .set(bearer(suite.admin))
      .send({
        name: 'Metrics policy',
        position: 1,
        conditions: { tagsAny: ['metrics-sla'] },
        targets: { normal: { firstResponse: { minutes: 60, businessHours: false }, resolution: { minutes: 480, businessHours: false } } },
      })
      .expect(201);
    const t = (
      await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject: 's', description: 'd', tags: ['metrics-sla'] })
        .expect(201)
    ).body;
    await slaWhen(t.id, 'clocks to start', (sla) => sla.targets.length === 2);
    await advance(61);
    await slaWhen(t.id, 'the first-response breach', (sla) => !!sla.targets.find((x) => x.clock === 'first_response')?.breached);

    // Once per breach, whichever replica fired it.
    await waitFor('the breach to be counted', async () => ((await breachesNow()) === before + 1 ? true : undefined), 5_000);
    for (const app of slaApps()) {
      await waitFor(
        `${app.url} to count the breached ticket (read at most every 10 s)`,
        async () => ((await scrape(app.url)).sum('helpdesk_sla_tickets_breached') === 1 ? true : undefined),
        15_000,
        500,
      );
    }
  });
});
