import { ODataQueryError, parseFilter, parseOrderBy, parseSelect } from './odata-filter';

const prop = (name: string) => ({ kind: 'property', name }) as const;
const lit = (type: string, value: unknown) => ({ kind: 'literal', type, value });

describe('parseFilter', () => {
  it.each<[string, unknown]>([
    ["Status eq 'open'", { kind: 'compare', op: 'eq', left: prop('Status'), right: lit('string', 'open') }],
    ["Subject eq 'It''s broken'", { kind: 'compare', op: 'eq', left: prop('Subject'), right: lit('string', "It's broken") }],
    ["Subject eq 'Canción ñandú 日本'", { kind: 'compare', op: 'eq', left: prop('Subject'), right: lit('string', 'Canción ñandú 日本') }],
    ['Tier ge 2', { kind: 'compare', op: 'ge', left: prop('Tier'), right: lit('number', 2) }],
    ['ResolutionMinutes lt -1.5e2', { kind: 'compare', op: 'lt', left: prop('ResolutionMinutes'), right: lit('number', -150) }],
    ['Reopens gt 3L', { kind: 'compare', op: 'gt', left: prop('Reopens'), right: lit('number', 3) }],
    ['TeamId eq null', { kind: 'compare', op: 'eq', left: prop('TeamId'), right: lit('null', null) }],
    ['Active eq true', { kind: 'compare', op: 'eq', left: prop('Active'), right: lit('boolean', true) }],
    ['Active', prop('Active')],
    [
      'CreatedAt ge 2026-01-01T00:00:00Z',
      { kind: 'compare', op: 'ge', left: prop('CreatedAt'), right: lit('datetime', '2026-01-01T00:00:00.000Z') },
    ],
    [
      'CreatedAt lt 2026-01-01T01:30:00.250+01:00',
      { kind: 'compare', op: 'lt', left: prop('CreatedAt'), right: lit('datetime', '2026-01-01T00:30:00.250Z') },
    ],
    [
      // '+' decoded as a space by a query-string parser
      'CreatedAt lt 2026-01-01T01:30:00 01:00',
      { kind: 'compare', op: 'lt', left: prop('CreatedAt'), right: lit('datetime', '2026-01-01T00:30:00.000Z') },
    ],
    ['Day eq 2026-02-28', { kind: 'compare', op: 'eq', left: prop('Day'), right: lit('date', '2026-02-28') }],
    [
      'TeamId eq 5B0F1D7E-4A5C-4F7E-9D55-0C6F3A2B9E11',
      { kind: 'compare', op: 'eq', left: prop('TeamId'), right: lit('guid', '5b0f1d7e-4a5c-4f7e-9d55-0c6f3a2b9e11') },
    ],
    ['5 lt Tier', { kind: 'compare', op: 'lt', left: lit('number', 5), right: prop('Tier') }],
  ])('parses %s', (text, ast) => {
    expect(parseFilter(text)).toEqual(ast);
  });

  it('binds and tighter than or, and not tighter than and', () => {
    const a = { kind: 'compare', op: 'eq', left: prop('A'), right: lit('number', 1) };
    const b = { kind: 'compare', op: 'eq', left: prop('B'), right: lit('number', 2) };
    const c = { kind: 'compare', op: 'eq', left: prop('C'), right: lit('number', 3) };
    expect(parseFilter('A eq 1 or B eq 2 and C eq 3')).toEqual({ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } });
    expect(parseFilter('(A eq 1 or B eq 2) and C eq 3')).toEqual({ kind: 'and', left: { kind: 'or', left: a, right: b }, right: c });
    expect(parseFilter('not A eq 1 and B eq 2')).toEqual({ kind: 'and', left: { kind: 'not', operand: a }, right: b });
    expect(parseFilter('not (A eq 1 and B eq 2)')).toEqual({ kind: 'not', operand: { kind: 'and', left: a, right: b } });
    expect(parseFilter('A eq 1 and B eq 2 and C eq 3')).toEqual({ kind: 'and', left: { kind: 'and', left: a, right: b }, right: c });
  });

  it.each([
    ['', /empty/],
    ["Status eq 'open", /unterminated string/],
    ['Status eq', /expected a property or a literal at position 10, found end/],
    ['Status eq eq', /expected a property or a literal/],
    ["Status = 'open'", /unexpected character '='/],
    ["Status like 'open'", /unknown operator 'like'/],
    ["contains(Subject, 'x')", /function contains\(\) is not supported/],
    ['(Tier eq 1', /expected '\)'/],
    ['Tier eq 1)', /unexpected '\)'/],
    ['Tier eq 1 Tier eq 2', /unexpected 'Tier'/],
    ['Tier eq 1 and', /expected a property or a literal/],
    ["'open' and Tier eq 1", /expected a comparison operator after the literal/],
    ['CreatedAt ge 2026-02-30T00:00:00Z', /not a valid date-time/],
    ['CreatedAt ge 2026-01-01T25:00:00Z', /not a valid date-time/],
    ['Day eq 2026-13-01', /not a valid date/],
    ['Tier eq 1 ; DROP TABLE x', /unexpected character ';'/],
    ['not', /expected a property or a literal/],
    [`${'('.repeat(60)}Tier eq 1${')'.repeat(60)}`, /nests deeper than/],
    [`Subject eq '${'x'.repeat(5000)}'`, /at most 4000 characters/],
  ])('refuses %j', (text, message) => {
    expect(() => parseFilter(text)).toThrow(ODataQueryError);
    expect(() => parseFilter(text)).toThrow(message);
  });

  it('keeps deep but allowed nesting', () => {
    const node = parseFilter(`${'('.repeat(30)}Tier eq 1${')'.repeat(30)}`);
    expect(node).toMatchObject({ kind: 'compare', op: 'eq' });
  });
});

describe('parseOrderBy and parseSelect', () => {
  it('reads orderings with directions', () => {
    expect(parseOrderBy('CreatedAt desc, Number,Tier asc')).toEqual([
      { name: 'CreatedAt', desc: true },
      { name: 'Number', desc: false },
      { name: 'Tier', desc: false },
    ]);
  });

  it.each(['CreatedAt sideways', 'CreatedAt desc desc', '', 'Created-At'])('refuses the ordering %j', (text) => {
    expect(() => parseOrderBy(text)).toThrow(ODataQueryError);
  });

  it('reads a selection, * as everything', () => {
    expect(parseSelect('TicketId, Number')).toEqual(['TicketId', 'Number']);
    expect(parseSelect('*')).toBeNull();
    expect(() => parseSelect('TicketId,')).toThrow(/is not a property name/);
  });
});
