import { OData } from '@odata/client';
import { parse } from 'csv-parse/sync';
import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

type Fact = Record<string, unknown> & { ticketId: string; changeSeq: string };

const SUBJECTS = ['Impresora, planta 3: "papel atascado"\r\nsegunda línea', 'Canción ñandú 日本', 'Plain subject'];

/** The feed read with @odata/client (light-odata), an OData v4 client written elsewhere. */
function odataClient(url: string, token: string, headers: Record<string, string> = {}) {
  return OData.New4({ serviceEndpoint: `${url}/odata/`, commonHeaders: { Authorization: `Bearer ${token}`, ...headers } });
}

describe('Reports for BI tools: CSV exports, incremental export and the OData feed', () => {
  // Pages of two rows, so that the CSV export crosses pages (keyset cursors) even with three tickets.
  const suite = useSuite({ REPORTING_EXPORT_PAGE_ROWS: '2' });
  const startedAt = new Date(Date.now() - 60_000).toISOString();
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const tickets: { id: string; number: string; subject: string }[] = [];

  const incremental = async (query: Record<string, string>) =>
    (await suite.api().get('/api/v1/reports/export/tickets/incremental').query(query).set(bearer(suite.admin)).expect(200)).body as {
      data: Fact[];
      nextCursor: string;
      endOfStream: boolean;
    };

  beforeAll(async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    for (const [i, subject] of SUBJECTS.entries()) {
      const res = await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(customer.token))
        .send({ subject, description: 'BI export test', priority: i === 0 ? 'high' : 'normal' })
        .expect(201);
      tickets.push({ id: res.body.id, number: res.body.number, subject: res.body.subject });
    }
    // Reporting builds its facts from events: wait until it has every ticket.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const page = await incremental({ updatedSince: startedAt });
      const seen = new Set(page.data.map((f) => f.ticketId));
      if (tickets.every((t) => seen.has(t.id))) break;
      if (Date.now() > deadline) throw new Error('reporting did not project the tickets within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('exports the ticket facts of a period as RFC 4180 CSV with a BOM that a CSV parser reads back exactly', async () => {
    const res = await suite.api().get('/api/v1/reports/export/tickets.csv').query({ from: today, to: tomorrow }).set(bearer(suite.admin));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`tickets-${today}-${tomorrow}.csv`);
    const text = res.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFticketId,number,subject,status,priority,channel,/);
    expect(text).toContain('"Impresora, planta 3: ""papel atascado""');

    const rows = parse<Record<string, string>>(text, { bom: true, columns: true });
    // Pages of two rows joined without a repeated or missing ticket, and one header.
    expect(new Set(rows.map((r) => r.ticketId)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(tickets.length);
    expect(text.match(/ticketId,number/g)).toHaveLength(1);
    for (const t of tickets) {
      const row = rows.find((r) => r.ticketId === t.id);
      expect(row).toMatchObject({ number: t.number, subject: t.subject, status: 'new' });
      expect(row!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(rows.find((r) => r.ticketId === tickets[0].id)!.priority).toBe('high');

    const plain = await suite
      .api()
      .get('/api/v1/reports/export/tickets.csv')
      .query({ from: today, to: tomorrow, bom: 'false' })
      .set(bearer(suite.admin));
    expect(plain.text.startsWith('ticketId,')).toBe(true);
  });

  it('exports daily statistics per grouping as CSV, with the median and p90 of each duration', async () => {
    const res = await suite
      .api()
      .get('/api/v1/reports/export/daily-stats.csv')
      .query({ from: today, to: tomorrow, dim: 'priority' })
      .set(bearer(suite.admin))
      .expect(200);
    const rows = parse<Record<string, string>>(res.text, { bom: true, columns: true });
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining(['day', 'dim', 'key', 'created', 'solved', 'backlog', 'resolutionMedianMinutes', 'resolutionP90Minutes']),
    );
    const high = rows.find((r) => r.key === 'high');
    expect(high).toMatchObject({ day: today, dim: 'priority' });
    expect(Number(high!.created)).toBeGreaterThanOrEqual(1);

    const all = parse<Record<string, string>>(
      (await suite.api().get('/api/v1/reports/export/daily-stats.csv').query({ from: today, to: tomorrow }).set(bearer(suite.admin))).text,
      {
        bom: true,
        columns: true,
      },
    );
    expect(all).toEqual([expect.objectContaining({ day: today, dim: 'all', key: '' })]);
    expect(Number(all[0].created)).toBeGreaterThanOrEqual(tickets.length);
  });

  it('pages the incremental export with a cursor, in change order, and ends the stream', async () => {
    const first = await incremental({ updatedSince: startedAt, limit: '2' });
    expect(first.data).toHaveLength(2);
    expect(first.endOfStream).toBe(false);
    const seen = [...first.data];
    let cursor = first.nextCursor;
    for (let i = 0; i < 50; i++) {
      const page = await incremental({ cursor, limit: '2' });
      seen.push(...page.data);
      cursor = page.nextCursor;
      if (page.endOfStream) break;
    }
    const seqs = seen.map((f) => BigInt(f.changeSeq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const t of tickets) expect(seen.some((f) => f.ticketId === t.id)).toBe(true);
    // Polling with the last cursor gives nothing new (and the same cursor) until something changes.
    const after = await incremental({ cursor });
    expect(after).toEqual({ data: [], nextCursor: cursor, endOfStream: true });
    expectProblem(await suite.api().get('/api/v1/reports/export/tickets/incremental').set(bearer(suite.admin)), 400, 'VALIDATION_FAILED');
  });

  it('serves the OData service document and CSDL metadata', async () => {
    const doc = await suite.api().get('/odata/').set(bearer(suite.admin)).expect(200);
    expect(doc.headers['odata-version']).toBe('4.0');
    expect(doc.headers['content-type']).toMatch(/^application\/json; ?odata\.metadata="?minimal"?/);
    expect(doc.body.value.map((s: { name: string }) => s.name)).toEqual(['TicketFacts', 'DailyStats', 'Teams', 'Agents']);
    const metadata = await suite.api().get('/odata/$metadata').set(bearer(suite.admin)).expect(200);
    expect(metadata.headers['content-type']).toMatch(/^application\/xml/);
    expect(metadata.text).toContain('<EntitySet Name="TicketFacts" EntityType="Helpdesk.Reporting.TicketFact"/>');
    expect(metadata.text).toContain('<Key><PropertyRef Name="Dim"/><PropertyRef Name="Day"/><PropertyRef Name="Key"/></Key>');
  });

  it('answers an OData client library with $filter, $select, $orderby, $top and $count', async () => {
    const client = odataClient(suite.target.url, suite.admin);
    const facts = client.getEntitySet<Record<string, unknown>>('TicketFacts');
    const params = client
      .newParam()
      .filter(`CreatedAt ge ${startedAt} and (Priority eq 'high' or Subject eq 'Plain subject') and not (Status eq 'closed')`)
      .select(['Number', 'Subject', 'Priority'])
      .orderby([{ field: 'Number', order: 'desc' }])
      .top(10)
      .count(true);
    const res = await client.newRequest({ collection: 'TicketFacts', params });
    expect(res['@odata.count']).toBe(2);
    expect(res.value).toEqual([
      { Number: tickets[2].number, Subject: 'Plain subject', Priority: 'normal' },
      { Number: tickets[0].number, Subject: tickets[0].subject, Priority: 'high' },
    ]);
    expect(await facts.count(client.newFilter().property('TicketId').eq(tickets[1].id))).toBe(1);
    const one = await facts.query(
      client.newParam().filter(`TicketId eq ${tickets[1].id}`).select(['TicketId', 'Subject', 'Tags', 'CreatedAt']),
    );
    expect(one).toEqual([{ TicketId: tickets[1].id, Subject: 'Canción ñandú 日本', Tags: [], CreatedAt: expect.stringMatching(/Z$/) }]);
  });

  it('pages the feed with @odata.nextLink (Prefer: odata.maxpagesize), which the client follows to the end', async () => {
    const client = odataClient(suite.target.url, suite.admin, { Prefer: 'odata.maxpagesize=2' });
    const params = client.newParam().filter(`CreatedAt ge ${startedAt}`).select(['TicketId']).orderby('CreatedAt', 'asc').count(true);
    let page = (await client.newRequest({ collection: 'TicketFacts', params })) as unknown as Record<string, unknown>;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(...(page.value as { TicketId: string }[]).map((v) => v.TicketId));
      const next = page['@odata.nextLink'] as string | undefined;
      if (!next) break;
      expect(next).toContain('$skiptoken=');
      // The library's own request path, given the link as the service wrote it.
      page = await (client as unknown as { requestUri(url: string): Promise<Record<string, unknown>> }).requestUri(next);
    }
    expect(ids.length).toBeGreaterThanOrEqual(tickets.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(tickets.map((t) => t.id)));
  });

  it('reads DailyStats, Teams and Agents', async () => {
    const team = (
      await suite.api().post('/api/v1/teams').set(bearer(suite.admin)).send({ name: 'Equipo BI, «informes»', tier: 2 }).expect(201)
    ).body;
    const client = odataClient(suite.target.url, suite.admin);
    const stats = await client.getEntitySet('DailyStats').query(client.newParam().filter(`Dim eq 'all' and Day eq ${today}`));
    expect(stats).toEqual([expect.objectContaining({ Dim: 'all', Day: today, Key: '' })]);
    const teams = await client.getEntitySet('Teams').query(client.newParam().filter(`TeamId eq ${team.id}`));
    expect(teams).toEqual([expect.objectContaining({ TeamId: team.id, Name: 'Equipo BI, «informes»', Tier: 2 })]);
    const admins = await client.getEntitySet('Agents').query(client.newParam().filter("Role eq 'admin' and Active").select(['Email']));
    expect(admins).toEqual(expect.arrayContaining([{ Email: 'admin@e2e.test' }]));
  });

  it('answers bad input with 400 problem+json that says what is wrong', async () => {
    const odata = (path: string) => suite.api().get(path).set(bearer(suite.admin));
    const malformed = await odata("/odata/TicketFacts?$filter=Status eq 'open");
    expectProblem(malformed, 400, 'VALIDATION_FAILED');
    expect(malformed.body.detail ?? malformed.body.errors?.[0]?.message).toBeDefined();
    expect(JSON.stringify(malformed.body)).toContain('unterminated string');
    const unknown = await odata('/odata/TicketFacts?$filter=Nope eq 1');
    expectProblem(unknown, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(unknown.body)).toContain('TicketFacts has no property Nope');
    expectProblem(await odata('/odata/TicketFacts?$orderby=CreatedAt sideways'), 400, 'VALIDATION_FAILED');
    expectProblem(await odata('/odata/TicketFacts?$expand=Team'), 400, 'VALIDATION_FAILED');
    expectProblem(await odata('/odata/Nothing'), 404, 'NOT_FOUND');

    const backwards = await suite
      .api()
      .get('/api/v1/reports/export/tickets.csv')
      .query({ from: tomorrow, to: today })
      .set(bearer(suite.admin));
    expectProblem(backwards, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(backwards.body)).toContain('must be before');
    expectProblem(
      await suite.api().get('/api/v1/reports/export/tickets.csv').query({ from: 'yesterday', to: today }).set(bearer(suite.admin)),
      400,
    );
    expectProblem(
      await suite
        .api()
        .get('/api/v1/reports/export/daily-stats.csv')
        .query({ from: today, to: tomorrow, dim: 'planet' })
        .set(bearer(suite.admin)),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('lets a BI tool in with a reports:read API key: header, Basic (Excel) and ?api_key= (Power Query) on the feeds', async () => {
    const key = (
      await suite
        .api()
        .post('/api/v1/api-keys')
        .set(bearer(suite.admin))
        .send({ name: 'Power BI', scopes: ['reports:read'] })
        .expect(201)
    ).body.secret as string;
    const facts = await suite.api().get('/odata/TicketFacts').query({ $top: '1', api_key: key }).expect(200);
    expect(facts.body.value).toHaveLength(1);
    await suite.api().get('/odata/$metadata').set('X-API-Key', key).expect(200);
    const agents = await suite.api().get('/odata/Agents').query({ $filter: "Role eq 'admin'", api_key: key }).expect(200);
    expect(agents.body.value.length).toBeGreaterThan(0);
    const csv = await suite.api().get('/api/v1/reports/export/tickets.csv').query({ from: today, to: tomorrow, api_key: key }).expect(200);
    expect(csv.text).toContain(tickets[0].number);
    await suite.api().get('/api/v1/reports/export/tickets/incremental').query({ updatedSince: startedAt }).auth('excel', key).expect(200);
    // The key reads; it does not rebuild, and it does nothing outside reports.
    expectProblem(await suite.api().post('/api/v1/reports/rebuild').set('X-API-Key', key), 403, 'FORBIDDEN');
    expectProblem(await suite.api().get('/api/v1/tickets').set('X-API-Key', key), 403, 'FORBIDDEN');
  });
});
