import { randomUUID } from 'node:crypto';
import {
  Actor,
  EVENTS,
  KB_SUGGESTIONS_DEFAULT_LIMIT,
  KB_SUGGESTIONS_MAX_LIMIT,
  KB_SUGGESTIONS_MAX_TEXT_LENGTH,
  KbDeflectionQuery,
  KbDeflectionView,
  KbSuggestCommand,
  KbSuggestionArticleV1,
  KbSuggestionEventDto,
  KbSuggestionEventView,
  KbSuggestionsShownV1,
  KbSuggestionSource,
  KbSuggestionsView,
  KbSuggestionTicketV1,
  Role,
} from '@helpdesk/contracts';
import { currentTime, DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Readers } from '../access/readers';
import { forbidden, invalid, unprocessable } from '../common/kb-errors';
import { searchConfigFor } from '../common/locales';
import { KB_SERVICE_CONFIG, KbServiceConfig } from '../config/kb-service.config';
import { deflectionFigures, DeflectionCounts } from './deflection';
import { buildSuggestionSql, SearchRow } from './search-sql';
import { normalizeQuery } from './search-query';
import { articleUrl } from './search.service';
import { renderSnippet } from './snippet';

const DAY_MS = 86_400_000;
const SOURCES: readonly KbSuggestionSource[] = ['form', 'portal', 'agent'];

interface SessionRow {
  id: string;
  source: KbSuggestionSource;
  article_ids: string[];
}

/**
 * Suggestions while a ticket is being written, and the deflection they achieve. Every answer opens
 * a suggestion session (kb.suggestion_sessions) with a `shown` event per article; the reader's
 * clicks, "this solved my problem" and "I filed a ticket anyway" are logged against it, once per
 * (session, article, kind), and each is a domain event for reporting.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly readers: Readers,
    @Inject(KB_SERVICE_CONFIG) private readonly config: KbServiceConfig,
  ) {}

  async suggest(command: KbSuggestCommand): Promise<KbSuggestionsView> {
    const actor = command.actor ?? null;
    const locale = command.locale ?? this.config.locales[0] ?? 'es';
    if (!this.config.locales.includes(locale)) throw invalid('locale', `locale must be one of ${this.config.locales.join(', ')}`);
    const source: KbSuggestionSource = SOURCES.includes(command.source as KbSuggestionSource)
      ? (command.source as KbSuggestionSource)
      : 'form';
    const text = normalizeQuery(String(command.text ?? ''), KB_SUGGESTIONS_MAX_TEXT_LENGTH);
    if (!text) throw invalid('text', 'text must not be empty');
    const limit = Math.min(Math.max(Math.trunc(Number(command.limit) || KB_SUGGESTIONS_DEFAULT_LIMIT), 1), KB_SUGGESTIONS_MAX_LIMIT);
    const reader = await this.readers.of(actor);

    const { sql, params } = buildSuggestionSql({ text, config: searchConfigFor(locale), locale, reader, limit });
    const rows = await sqlRows<SearchRow>(this.dataSource, sql, params);
    const data = rows.map((row) => ({ id: row.id, title: row.title, url: articleUrl(row.id), snippet: renderSnippet(row.snippet) }));
    const sessionId = await this.open(
      source,
      locale,
      text,
      actor,
      data.map((s) => s.id),
    );
    return { sessionId, data };
  }

  private async open(source: KbSuggestionSource, locale: string, text: string, actor: Actor | null, articleIds: string[]): Promise<string> {
    const sessionId = randomUUID();
    await this.uow.run(async (tx) => {
      await tx.manager.query(
        `INSERT INTO "kb"."suggestion_sessions" (id, source, locale, query, actor_id, article_ids) VALUES ($1, $2, $3, $4, $5, $6::uuid[])`,
        [sessionId, source, locale, text, actor?.id ?? null, articleIds],
      );
      if (articleIds.length) {
        await tx.manager.query(
          `INSERT INTO "kb"."suggestion_events" (id, session_id, article_id, kind)
           SELECT gen_random_uuid(), $1::uuid, shown.id, 'shown' FROM unnest($2::uuid[]) AS shown(id)`,
          [sessionId, articleIds],
        );
      }
      tx.emit<KbSuggestionsShownV1>(EVENTS.kb.suggestionsShown, sessionId, {
        sessionId,
        source,
        locale,
        articleIds,
        actorId: actor?.id ?? null,
        at: currentTime().toISOString(),
      });
    });
    return sessionId;
  }

  /**
   * A click, a "solved" or a "ticket anyway" in a session: 404 for an unknown session, 422 for an
   * article that was not suggested in it; a repeat changes nothing (`recorded: false`).
   */
  async record(sessionId: string, event: KbSuggestionEventDto): Promise<KbSuggestionEventView> {
    const articleId = event.kind === 'ticket_created' ? null : (event.articleId ?? null);
    if (event.kind !== 'ticket_created' && !articleId) throw invalid('articleId', `articleId is required for ${event.kind}`);
    const recorded = await this.uow.run(async (tx) => {
      const [session] = await sqlRows<SessionRow>(
        tx.manager,
        `SELECT id, source, article_ids FROM "kb"."suggestion_sessions" WHERE id = $1 FOR UPDATE`,
        [sessionId],
      );
      if (!session) throw DomainError.notFound('Suggestion session', sessionId);
      if (articleId && !session.article_ids.includes(articleId)) {
        throw unprocessable(`Article ${articleId} was not suggested in session ${sessionId}`, [
          { field: 'articleId', message: 'the article was not suggested in this session' },
        ]);
      }
      const inserted = await sqlRows<{ id: string }>(
        tx.manager,
        `INSERT INTO "kb"."suggestion_events" (id, session_id, article_id, kind) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING id`,
        [randomUUID(), sessionId, articleId, event.kind],
      );
      if (!inserted.length) return false;
      const at = currentTime().toISOString();
      if (event.kind === 'clicked' || event.kind === 'solved') {
        if (event.kind === 'solved') await this.setOutcome(tx.manager, sessionId, 'solved');
        tx.emit<KbSuggestionArticleV1>(event.kind === 'clicked' ? EVENTS.kb.suggestionClicked : EVENTS.kb.suggestionSolved, sessionId, {
          sessionId,
          source: session.source,
          articleId: articleId as string,
          at,
        });
      } else {
        await this.setOutcome(tx.manager, sessionId, 'ticket_created');
        tx.emit<KbSuggestionTicketV1>(EVENTS.kb.suggestionTicket, sessionId, { sessionId, source: session.source, at });
      }
      return true;
    });
    return { sessionId, kind: event.kind, articleId, recorded };
  }

  /** A ticket filed anyway outweighs a "solved": the session was not deflected. */
  private async setOutcome(manager: DataSource['manager'], sessionId: string, outcome: 'solved' | 'ticket_created'): Promise<void> {
    await manager.query(
      `UPDATE "kb"."suggestion_sessions"
          SET outcome = CASE WHEN outcome = 'ticket_created' THEN outcome ELSE $2::varchar END,
              outcome_at = CASE WHEN outcome = 'ticket_created' THEN outcome_at ELSE now() END
        WHERE id = $1`,
      [sessionId, outcome],
    );
  }

  /** Deflection figures over the sessions opened in [from, to): supervisors and admins. */
  async deflection(actor: Actor | null, query: KbDeflectionQuery): Promise<KbDeflectionView> {
    if (!actor || (actor.role !== Role.Admin && actor.role !== Role.Supervisor)) {
      throw forbidden('Only supervisors and admins read deflection figures');
    }
    const to = query.to ? new Date(query.to) : currentTime();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from.getTime() >= to.getTime()) throw invalid('from', 'from must be before to');
    const params: unknown[] = [from.toISOString(), to.toISOString()];
    if (query.source) params.push(query.source);
    const [counts] = await sqlRows<DeflectionCounts>(
      this.dataSource,
      `SELECT count(*) FILTER (WHERE shown)::int AS sessions,
              count(*) FILTER (WHERE NOT shown)::int AS empty_sessions,
              count(*) FILTER (WHERE shown AND clicked)::int AS clicked,
              count(*) FILTER (WHERE shown AND solved AND NOT ticket)::int AS deflected,
              count(*) FILTER (WHERE shown AND ticket)::int AS ticket_created
         FROM (
           SELECT cardinality(s.article_ids) > 0 AS shown,
                  EXISTS (SELECT 1 FROM "kb"."suggestion_events" e WHERE e.session_id = s.id AND e.kind = 'clicked') AS clicked,
                  EXISTS (SELECT 1 FROM "kb"."suggestion_events" e WHERE e.session_id = s.id AND e.kind = 'solved') AS solved,
                  EXISTS (SELECT 1 FROM "kb"."suggestion_events" e WHERE e.session_id = s.id AND e.kind = 'ticket_created') AS ticket
             FROM "kb"."suggestion_sessions" s
            WHERE s.created_at >= $1::timestamptz AND s.created_at < $2::timestamptz${query.source ? ' AND s.source = $3::varchar' : ''}
         ) s`,
      params,
    );
    return { from: from.toISOString(), to: to.toISOString(), ...deflectionFigures(counts) };
  }
}
