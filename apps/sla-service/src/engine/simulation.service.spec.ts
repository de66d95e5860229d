import {
  Actor,
  Channel,
  ErrorCode,
  MAX_SLA_SIMULATION_TICKETS,
  Role,
  SimulateSlaPolicyDto,
  TicketPriority,
  TicketStatus,
} from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { PolicyLibrary } from './policy-library';
import { SlaSimulationService } from './simulation.service';
import { RecordedInput, SlaTicketFacts } from './ticket-sla';
import { ticketSlaStore, TicketSlaRow } from './ticket-sla.store';

type Row = Pick<TicketSlaRow, 'ticket_id' | 'ticket_created_at' | 'facts' | 'clocks'>;

const actor = (role: Role): Actor => ({ id: '00000000-0000-4000-8000-0000000000aa', role, email: 'x@example.com', name: 'X' });
const start = Date.parse('2026-11-01T00:00:00Z');
const facts = (tags: string[]): SlaTicketFacts => ({
  status: TicketStatus.New,
  priority: TicketPriority.Normal,
  type: null,
  organizationId: null,
  channel: Channel.Web,
  tags,
  tier: 1,
  teamId: null,
  assigneeId: null,
});
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
/** `n` tickets a second apart; those whose index `matches` are tagged for the draft. */
const rowsOf = (n: number, matches: (i: number) => boolean = () => false): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    ticket_id: id(i),
    ticket_created_at: new Date(start + i * 1000),
    facts: facts(matches(i) ? ['vip'] : []),
    clocks: {},
  }));

const simulation = (changes: Partial<SimulateSlaPolicyDto> = {}): SimulateSlaPolicyDto => ({
  policy: { name: 'Draft', conditions: { tagsAny: ['vip'] }, targets: { normal: { resolution: { minutes: 60, businessHours: false } } } },
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  ...changes,
});

describe(SlaSimulationService.name, () => {
  const query = jest.fn((): Promise<unknown[]> => Promise.resolve([]));
  const dataSource = { manager: {}, query } as unknown as DataSource;
  const library = { calendarTimes: () => Promise.resolve({ businessTime: () => null, opening: () => null }) } as unknown as PolicyLibrary;
  const service = new SlaSimulationService(dataSource, library);
  let rows: Row[] = [];
  let inputs = new Map<string, RecordedInput[]>();

  beforeEach(() => {
    query.mockClear();
    jest.spyOn(ticketSlaStore, 'createdBetween').mockImplementation((_m, _from, _to, after, limit) => {
      // Ticket ids are their index: the page starts after the key's.
      const first = after ? Number(after.ticketId.slice(-12)) + 1 : 0;
      return Promise.resolve(rows.slice(first, first + limit));
    });
    jest
      .spyOn(ticketSlaStore, 'inputsOf')
      .mockImplementation((_m, ids) => Promise.resolve(new Map(ids.filter((i) => inputs.has(i)).map((i) => [i, inputs.get(i)!]))));
  });
  afterEach(() => jest.restoreAllMocks());

  const created = (row: Row): RecordedInput[] => [
    { at: row.ticket_created_at, facts: row.facts, events: [{ type: 'created', status: TicketStatus.New }], policy: null },
  ];

  it('reads the period page by page, after the last key of the previous page', async () => {
    rows = rowsOf(2_500, (i) => i % 10 === 0);
    inputs = new Map(rows.map((r) => [r.ticket_id, created(r)]));
    const answer = await service.simulate(actor(Role.Supervisor), simulation());
    expect(answer.tickets).toEqual({ inPeriod: 2_500, matched: 250, skipped: 0, compared: 250 });
    expect(answer.truncated).toBe(false);
    const calls = jest.mocked(ticketSlaStore.createdBetween).mock.calls;
    expect(calls.map((c) => [c[3]?.ticketId ?? null, c[4]])).toEqual([
      [null, 1_000],
      [id(999), 1_000],
      [id(1_999), 1_000],
    ]);
    expect(jest.mocked(ticketSlaStore.inputsOf).mock.calls[0][1]).toHaveLength(100);
  });

  it('skips matched tickets with no recorded inputs', async () => {
    rows = rowsOf(3, () => true);
    inputs = new Map([[rows[0].ticket_id, created(rows[0])]]);
    const answer = await service.simulate(actor(Role.Admin), simulation());
    expect(answer.tickets).toEqual({ inPeriod: 3, matched: 3, skipped: 2, compared: 1 });
  });

  it.each([
    ['more tickets than the cap: truncated', MAX_SLA_SIMULATION_TICKETS + 1, true],
    ['exactly the cap: not truncated', MAX_SLA_SIMULATION_TICKETS, false],
  ])('%s', async (_name, n, truncated) => {
    rows = rowsOf(n);
    inputs = new Map();
    const answer = await service.simulate(actor(Role.Admin), simulation());
    expect(answer.truncated).toBe(truncated);
    expect(answer.tickets.inPeriod).toBe(MAX_SLA_SIMULATION_TICKETS);
  });

  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    const { code, details } = error as DomainError;
    return { code, fields: ((details?.errors as { field: string }[] | undefined) ?? []).map((e) => e.field) };
  };

  it.each([Role.Agent, Role.Customer])('refuses the %s role', async (role) => {
    expect(await failure(service.simulate(actor(role), simulation()))).toEqual({ code: ErrorCode.Forbidden, fields: [] });
  });

  it('names the fields of a bad period and a bad draft together', async () => {
    const bad = simulation({ from: '2026-12-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    bad.policy = { ...bad.policy, targets: {}, warningPercent: 0 };
    expect(await failure(service.simulate(actor(Role.Admin), bad))).toEqual({
      code: ErrorCode.ValidationFailed,
      fields: ['to', 'policy.targets', 'policy.warningPercent'],
    });
  });

  it('answers 422 on policy.calendarId for a calendar that does not exist', async () => {
    const draft = simulation();
    draft.policy = { ...draft.policy, calendarId: id(42) };
    expect(await failure(service.simulate(actor(Role.Admin), draft))).toEqual({
      code: ErrorCode.UnprocessableEntity,
      fields: ['policy.calendarId'],
    });
  });
});
