import { ODataQueryError, parseFilter } from './odata-filter';
import { AGENTS, DAILY_STATS, metadataXml, TICKET_FACTS } from './odata-model';
import { compareRows, filterSql, matches, orderBySql, pageWindow, parseQuery, typeFilter } from './odata-query';

const sqlOf = (text: string, entity = TICKET_FACTS) => {
  const params: unknown[] = [];
  const sql = filterSql(typeFilter(entity, parseFilter(text), true), params);
  return { sql, params };
};

describe('filterSql', () => {
  it.each<[string, string, unknown[]]>([
    ["Status eq 'open'", '("status" = $1::text)', ['open']],
    ["Status ne 'open'", '("status" IS DISTINCT FROM $1::text)', ['open']],
    ['Tier gt 1', '("tier" > $1::numeric)', [1]],
    ['1 lt Tier', '($1::numeric < "tier")', [1]],
    ['ResolutionMinutes le 90.5', '("resolution_minutes" <= $1::numeric)', [90.5]],
    ['CreatedAt ge 2026-01-01T00:00:00Z', '("created_at" >= $1::timestamptz)', ['2026-01-01T00:00:00.000Z']],
    ['CreatedAt lt 2026-02-01', '("created_at" < $1::timestamptz)', ['2026-02-01T00:00:00.000Z']],
    ['TeamId eq 5B0F1D7E-4A5C-4F7E-9D55-0C6F3A2B9E11', '("team_id" = $1::uuid)', ['5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11']],
    ["TeamId eq '5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11'", '("team_id" = $1::uuid)', ['5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11']],
    ['TeamId eq null', '("team_id" IS NULL)', []],
    ['null ne AssigneeId', '("assignee_id" IS NOT NULL)', []],
    ['SolvedAt gt null', 'false', []],
    ['FirstResponseMinutes gt ResolutionMinutes', '("first_response_minutes" > "resolution_minutes")', []],
    ['TeamId eq AssigneeId', '("team_id" IS NOT DISTINCT FROM "assignee_id")', []],
    [
      "Priority eq 'high' and (Channel eq 'email' or not Tier ge 2)",
      '(("priority" = $1::text) AND (("channel" = $2::text) OR (NOT coalesce(("tier" >= $3::numeric), false))))',
      ['high', 'email', 2],
    ],
    ["Subject eq 'x''); DROP TABLE t; --'", '("subject" = $1::text)', ["x'); DROP TABLE t; --"]],
  ])('translates %s', (text, sql, params) => {
    expect(sqlOf(text)).toEqual({ sql, params });
  });

  it('translates DailyStats dates and keys', () => {
    expect(sqlOf("Day ge 2026-01-01 and Dim eq 'team' and Created gt 0", DAILY_STATS)).toEqual({
      sql: '((("period" >= $1::date) AND ("dim" = $2::text)) AND ("created" > $3::numeric))',
      params: ['2026-01-01', 'team', 0],
    });
  });

  it.each([
    ["Nope eq 'x'", /TicketFacts has no property Nope/],
    ["Tier eq 'two'", /Tier is Edm.Int32; string "two" cannot be compared/],
    ['Status eq 1', /Status is Edm.String; number 1/],
    ["TeamId eq 'not-a-guid'", /TeamId is Edm.Guid/],
    ['CreatedAt ge true', /CreatedAt is Edm.DateTimeOffset/],
    ["Tags eq 'vip'", /Tags is a collection/],
    ['Status', /Status is Edm.String, not a condition/],
    ['1 eq 1', /needs a property on one side/],
    ['Status eq Tier', /cannot be compared/],
  ])('refuses %j', (text, message) => {
    expect(() => sqlOf(text)).toThrow(ODataQueryError);
    expect(() => sqlOf(text)).toThrow(message);
  });

  it('refuses filtering on values computed per row', () => {
    expect(() => sqlOf('ResolutionMedianMinutes gt 5', DAILY_STATS)).toThrow(/computed per row/);
  });
});

describe('parseQuery', () => {
  it('reads every option and orders by the key last, for stable pages', () => {
    const q = parseQuery(
      TICKET_FACTS,
      { $filter: "Status eq 'open'", $select: 'Number,Status', $orderby: 'CreatedAt desc', $top: '10', $skip: '5', $count: 'true' },
      true,
    );
    expect(q.select.map((p) => p.name)).toEqual(['Number', 'Status']);
    expect(orderBySql(q)).toBe('"created_at" DESC, "ticket_id" ASC');
    expect(q).toMatchObject({ top: 10, skip: 5, count: true, skipToken: 0 });
    expect(orderBySql(parseQuery(DAILY_STATS, {}, true))).toBe('"dim" ASC, "period" ASC, "key" ASC');
  });

  it.each([
    [{ $expand: 'Team' }, /\$expand is not supported/],
    [{ $top: '-1' }, /\$top must be a non-negative integer/],
    [{ $skip: 'x' }, /\$skip must be a non-negative integer/],
    [{ $count: 'yes' }, /\$count must be true or false/],
    [{ $select: 'Number,Nope' }, /has no property Nope/],
    [{ $orderby: 'Nope desc' }, /has no property Nope/],
    [{ $orderby: 'Tags' }, /collection/],
    [{ $format: 'xml' }, /only json/],
  ])('refuses %j', (options, message) => {
    expect(() => parseQuery(TICKET_FACTS, options as Record<string, string>, true)).toThrow(message);
  });

  it('ignores custom (non-$) options and accepts $format=json', () => {
    expect(() => parseQuery(TICKET_FACTS, { api_key: 'x', $format: 'json' }, true)).not.toThrow();
  });
});

describe('pageWindow', () => {
  const q = (options: Record<string, string>) => parseQuery(TICKET_FACTS, options, true);
  it.each<[Record<string, string>, number, { offset: number; limit: number }]>([
    [{}, 1000, { offset: 0, limit: 1000 }],
    [{ $skiptoken: '1000' }, 1000, { offset: 1000, limit: 1000 }],
    [{ $skip: '5', $skiptoken: '2' }, 2, { offset: 7, limit: 2 }],
    [{ $top: '5' }, 2, { offset: 0, limit: 2 }],
    [{ $top: '5', $skiptoken: '4' }, 2, { offset: 4, limit: 1 }],
    [{ $top: '5', $skiptoken: '6' }, 2, { offset: 6, limit: 0 }],
    [{ $top: '0' }, 10, { offset: 0, limit: 0 }],
  ])('pages %j at size %d as %j', (options, size, window) => {
    expect(pageWindow(q(options), size)).toEqual(window);
  });
});

describe('matches and compareRows (sets read in memory)', () => {
  const rows = [
    { AgentId: 'b', Name: 'Bea', Role: 'agent', Tier: 2, Active: true },
    { AgentId: 'a', Name: 'Ana', Role: 'supervisor', Tier: null, Active: true },
    { AgentId: 'c', Name: 'Carla', Role: 'agent', Tier: 1, Active: false },
  ];
  const run = (options: Record<string, string>) => {
    const q = parseQuery(AGENTS, options, false);
    return rows
      .filter((r) => !q.filter || matches(q.filter, r))
      .sort(compareRows(q))
      .map((r) => r.Name);
  };

  it.each<[Record<string, string>, string[]]>([
    [{}, ['Ana', 'Bea', 'Carla']],
    [{ $filter: "Role eq 'agent'", $orderby: 'Name desc' }, ['Carla', 'Bea']],
    [{ $filter: 'Active' }, ['Ana', 'Bea']],
    [{ $filter: 'not Active' }, ['Carla']],
    [{ $filter: 'Tier eq null' }, ['Ana']],
    [{ $filter: 'Tier ne 1' }, ['Ana', 'Bea']],
    [{ $filter: 'not (Tier gt 1)' }, ['Ana', 'Carla']],
    [{ $filter: 'Tier ge 1', $orderby: 'Tier' }, ['Carla', 'Bea']],
    [{ $orderby: 'Tier' }, ['Carla', 'Bea', 'Ana']],
    [{ $orderby: 'Tier desc' }, ['Ana', 'Bea', 'Carla']],
  ])('%j gives %j', (options, names) => {
    expect(run(options)).toEqual(names);
  });
});

describe('metadataXml', () => {
  it('declares every entity set, its type and its key', () => {
    const xml = metadataXml();
    expect(xml).toContain('<EntitySet Name="TicketFacts" EntityType="Helpdesk.Reporting.TicketFact"/>');
    expect(xml).toContain('<Key><PropertyRef Name="Dim"/><PropertyRef Name="Day"/><PropertyRef Name="Key"/></Key>');
    expect(xml).toContain('<Property Name="CreatedAt" Type="Edm.DateTimeOffset" Nullable="true" Precision="3"/>');
    expect(xml).toContain('<Property Name="SlaBreachedFirstResponse" Type="Edm.Int32" Nullable="false"/>');
    for (const set of ['DailyStats', 'Teams', 'Agents']) expect(xml).toContain(`<EntitySet Name="${set}"`);
  });
});
