import {
  Actor,
  KB_SEARCH_DEFAULT_LIMIT,
  KbArticleStatus,
  KbSearchHitView,
  KbSearchQuery,
  KbSearchResultView,
  KbVisibility,
} from '@helpdesk/contracts';
import { sqlRows } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Readers } from '../access/readers';
import { invalid } from '../common/kb-errors';
import { searchConfigFor } from '../common/locales';
import { KB_SERVICE_CONFIG, KbServiceConfig } from '../config/kb-service.config';
import { didYouMean } from './did-you-mean';
import {
  buildFullTextSql,
  buildFuzzySql,
  FUZZY_BELOW_HITS,
  FUZZY_THRESHOLD,
  FUZZY_THRESHOLD_SQL,
  SearchFilters,
  SearchRow,
} from './search-sql';
import { canWiden, decodeSearchCursor, nextSearchCursor, normalizeQuery, normalizeTags } from './search-query';
import { plainSnippet, renderSnippet } from './snippet';

export const articleUrl = (id: string): string => `/kb/articles/${id}`;

/**
 * Knowledge-base search: full text in each article's language (stemmed, accent-blind), ranked
 * title > tags > body, with highlighted snippets; a trigram fallback on titles when full text finds
 * too little; what the caller may read only.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readers: Readers,
    @Inject(KB_SERVICE_CONFIG) private readonly config: KbServiceConfig,
  ) {}

  async search(actor: Actor | null, query: KbSearchQuery): Promise<KbSearchResultView> {
    const text = normalizeQuery(query.q ?? '');
    if (!text) throw invalid('q', 'q must not be empty');
    if (query.locale !== undefined) this.assertLocale(query.locale);
    const offset = decodeSearchCursor(query.cursor);
    const limit = query.limit ?? KB_SEARCH_DEFAULT_LIMIT;
    const reader = await this.readers.of(actor);
    const filters: SearchFilters = { locale: query.locale, categoryId: query.categoryId, tags: normalizeTags(query.tags) };
    const configs = query.locale ? [searchConfigFor(query.locale)] : [...new Set(this.config.locales.map(searchConfigFor))];

    const { sql, params } = buildFullTextSql({ text, configs, filters, reader, limit: limit + 1, offset });
    const rows = await sqlRows<SearchRow>(this.dataSource, sql, params);
    const page = rows.slice(0, limit).map((row) => toHit(row, renderSnippet(row.snippet)));
    if (offset > 0 || rows.length > limit || page.length >= FUZZY_BELOW_HITS) {
      return { data: page, nextCursor: nextSearchCursor(offset, limit, rows.length > limit), fallback: 'none' };
    }

    if (canWiden(text)) {
      // Articles holding some of the words, after those holding all of them.
      const wider = buildFullTextSql({ text, configs, filters, reader, limit, offset: 0, anyWord: true });
      const found = new Set(page.map((hit) => hit.id));
      const partial = (await sqlRows<SearchRow>(this.dataSource, wider.sql, wider.params)).filter((row) => !found.has(row.id));
      page.push(...partial.slice(0, limit - page.length).map((row) => toHit(row, renderSnippet(row.snippet))));
      if (page.length >= FUZZY_BELOW_HITS) return { data: page, nextCursor: null, fallback: 'partial' };
    }

    const fuzzy = await this.fuzzy(text, filters, reader, limit - page.length, page);
    if (!fuzzy.length) return { data: page, nextCursor: null, fallback: 'none' };
    // A correction only when full text found nothing: a query that found something is spelled as the articles are.
    const correction =
      page.length === 0
        ? didYouMean(
            text,
            fuzzy.map((row) => row.title),
          )
        : undefined;
    return {
      data: [...page, ...fuzzy.map((row) => toHit(row, plainSnippet(row.snippet)))],
      nextCursor: null,
      fallback: 'fuzzy',
      ...(correction ? { didYouMean: correction } : {}),
    };
  }

  /** The titles closest in spelling, in one transaction that sets the similarity threshold for the trigram index. */
  private async fuzzy(
    text: string,
    filters: SearchFilters,
    reader: Awaited<ReturnType<Readers['of']>>,
    limit: number,
    found: KbSearchHitView[],
  ): Promise<SearchRow[]> {
    if (limit <= 0) return [];
    const { sql, params } = buildFuzzySql({ text, filters, reader, limit, excludeIds: found.map((hit) => hit.id) });
    return this.dataSource.transaction(async (manager) => {
      await manager.query(FUZZY_THRESHOLD_SQL, [String(FUZZY_THRESHOLD)]);
      return sqlRows<SearchRow>(manager, sql, params);
    });
  }

  /** 400 for a locale not in KB_LOCALES. */
  assertLocale(locale: string): void {
    if (!this.config.locales.includes(locale)) throw invalid('locale', `locale must be one of ${this.config.locales.join(', ')}`);
  }
}

export function toHit(row: SearchRow, snippet: string): KbSearchHitView {
  return {
    id: row.id,
    title: row.title,
    locale: row.locale,
    summary: row.summary,
    snippet,
    score: Math.round(Number(row.score) * 10_000) / 10_000,
    categoryId: row.category_id,
    tags: row.tags,
    status: row.status as KbArticleStatus,
    visibility: row.visibility as KbVisibility,
    url: articleUrl(row.id),
  };
}
