import { EVENTS } from '@helpdesk/contracts';
import { DomainError, UnitOfWork } from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { ANONYMOUS } from '../access/article-access';
import { Readers } from '../access/readers';
import { SuggestionsService } from './suggestions.service';

const SESSION = '22222222-2222-4222-8222-222222222222';
const SHOWN = '33333333-3333-4333-8333-333333333333';
const OTHER = '44444444-4444-4444-8444-444444444444';

/** A database that answers by statement, and a unit of work that records what it emits. */
function harness(
  options: { sessionExists?: boolean; eventIsNew?: boolean; found?: { id: string; title: string; snippet: string }[] } = {},
) {
  const statements: string[] = [];
  const emitted: { type: string; aggregateId: string; data: Record<string, unknown> }[] = [];
  const query = jest.fn((sql: string) => {
    statements.push(sql);
    if (sql.includes('FROM "kb"."suggestion_sessions" WHERE id = $1 FOR UPDATE')) {
      return Promise.resolve(options.sessionExists === false ? [] : [{ id: SESSION, source: 'portal', article_ids: [SHOWN] }]);
    }
    if (sql.includes('ON CONFLICT DO NOTHING RETURNING id')) return Promise.resolve(options.eventIsNew === false ? [] : [{ id: 'e1' }]);
    if (sql.startsWith('WITH words AS')) return Promise.resolve(options.found ?? []);
    return Promise.resolve([]);
  });
  const manager = { query };
  const uow = {
    run: (work: (tx: unknown) => Promise<unknown>) =>
      work({
        manager,
        emit: (type: string, aggregateId: string, data: Record<string, unknown>) => emitted.push({ type, aggregateId, data }),
      }),
  } as unknown as UnitOfWork;
  const readers = { of: () => Promise.resolve(ANONYMOUS) } as unknown as Readers;
  const service = new SuggestionsService({ query, manager } as unknown as DataSource, uow, readers, {
    locales: ['es', 'en'],
    review: { minVotes: 5, minHelpfulPercent: 50 },
  });
  return { service, statements, emitted };
}

describe(SuggestionsService.name, () => {
  it('opens a session with a shown event per suggestion and emits kb.suggestions.shown', async () => {
    const { service, statements, emitted } = harness({
      found: [{ id: SHOWN, title: 'La impresora no imprime', snippet: 'la \uE000cola\uE001' }],
    });
    const view = await service.suggest({ text: 'la impresora no imprime', locale: 'es', source: 'portal' });
    expect(view.data).toEqual([
      { id: SHOWN, title: 'La impresora no imprime', url: `/kb/articles/${SHOWN}`, snippet: 'la <mark>cola</mark>' },
    ]);
    expect(statements.some((sql) => sql.includes(`'shown' FROM unnest($2::uuid[])`))).toBe(true);
    expect(emitted).toEqual([
      {
        type: EVENTS.kb.suggestionsShown,
        aggregateId: view.sessionId,
        data: expect.objectContaining({ sessionId: view.sessionId, source: 'portal', locale: 'es', articleIds: [SHOWN], actorId: null }),
      },
    ]);
  });

  it('takes a bus request without a source as the web form’s, in the first configured locale', async () => {
    const { service, emitted } = harness();
    const view = await service.suggest({ text: 'nada que ver' });
    expect(view.data).toEqual([]);
    expect(emitted[0]?.data).toMatchObject({ source: 'form', locale: 'es', articleIds: [] });
  });

  it('refuses a locale that is not configured and an empty text', async () => {
    await expect(harness().service.suggest({ text: 'hola', locale: 'fr' })).rejects.toBeInstanceOf(DomainError);
    await expect(harness().service.suggest({ text: ' \n ' })).rejects.toBeInstanceOf(DomainError);
  });

  it.each([
    ['clicked', EVENTS.kb.suggestionClicked, false],
    ['solved', EVENTS.kb.suggestionSolved, true],
  ] as const)('logs %s once, emits %s, and sets the outcome only for solved', async (kind, type, setsOutcome) => {
    const { service, statements, emitted } = harness();
    const view = await service.record(SESSION, { kind, articleId: SHOWN });
    expect(view).toEqual({ sessionId: SESSION, kind, articleId: SHOWN, recorded: true });
    expect(emitted).toEqual([
      { type, aggregateId: SESSION, data: expect.objectContaining({ sessionId: SESSION, source: 'portal', articleId: SHOWN }) },
    ]);
    expect(statements.some((sql) => sql.includes('SET outcome'))).toBe(setsOutcome);
  });

  it('logs a ticket filed anyway without an article', async () => {
    const { service, emitted } = harness();
    expect(await service.record(SESSION, { kind: 'ticket_created' })).toMatchObject({ articleId: null, recorded: true });
    expect(emitted.map((e) => e.type)).toEqual([EVENTS.kb.suggestionTicket]);
  });

  it('changes nothing and emits nothing for a repeat', async () => {
    const { service, emitted } = harness({ eventIsNew: false });
    expect((await service.record(SESSION, { kind: 'solved', articleId: SHOWN })).recorded).toBe(false);
    expect(emitted).toEqual([]);
  });

  it('answers 404 for an unknown session and 422 for an article not suggested in it', async () => {
    await expect(harness({ sessionExists: false }).service.record(SESSION, { kind: 'clicked', articleId: SHOWN })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(harness().service.record(SESSION, { kind: 'clicked', articleId: OTHER })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_ENTITY',
    });
  });
});
