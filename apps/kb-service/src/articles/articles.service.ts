import { randomUUID } from 'node:crypto';
import {
  Actor,
  CreateKbArticleDto,
  DEFAULT_PAGE_SIZE,
  KbArticleListQuery,
  KbArticlePageView,
  KbArticleStatus,
  KbArticleView,
  KbTranslationRef,
  Role,
  UpdateKbArticleDto,
} from '@helpdesk/contracts';
import { DomainError, IdempotencyStore, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { canPublish, canRead, canWrite, readableCondition, Reader } from '../access/article-access';
import { Readers } from '../access/readers';
import { conflict, forbidden, invalid, stale, unprocessable } from '../common/kb-errors';
import { searchConfigFor } from '../common/locales';
import { KB_SERVICE_CONFIG, KbServiceConfig } from '../config/kb-service.config';
import { ArticleContent, CONTENT_COLUMNS, contentValues, EMPTY_CONTENT, mergeContent, sameContent } from './article-fields';
import { accessFields, ARTICLE_COLUMNS, ArticleRow, toArticleView, toSummaryView } from './article-row';
import { keysetAfter, keysetPage } from './list-cursor';

/** Where an article came from, when it was captured from a solved ticket. */
export interface ArticleSource {
  ticketId: string;
  ticketNumber: string;
}

/**
 * Articles: one row per language version, the versions of one article sharing a translation
 * group. Every save that changes the content is a numbered revision; publishing, unpublishing and
 * archiving are separate steps for supervisors and admins. A reader who may not see an article is
 * told it does not exist.
 */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly idempotency: IdempotencyStore,
    private readonly readers: Readers,
    @Inject(KB_SERVICE_CONFIG) private readonly config: KbServiceConfig,
  ) {}

  async create(actor: Actor | null, dto: CreateKbArticleDto, idempotencyKey?: string, source?: ArticleSource): Promise<KbArticleView> {
    if (!canWrite(actor)) throw forbidden('Only staff write knowledge-base articles');
    if (!this.config.locales.includes(dto.locale)) {
      throw invalid('locale', `locale must be one of ${this.config.locales.join(', ')}`);
    }
    const reader = await this.readers.of(actor);
    const content = mergeContent(EMPTY_CONTENT, dto);
    const id = await this.uow.run(async ({ manager }) => {
      const scope = `kb.article.create:${actor.id}`;
      if (idempotencyKey) {
        const claim = await this.idempotency.claim<{ id: string }>(manager, scope, idempotencyKey, dto);
        if (claim.replay) return claim.response.id;
      }
      const group = dto.translationOf ? await this.translationGroupOf(manager, reader, dto.translationOf, dto.locale) : randomUUID();
      await this.assertCategory(manager, content.categoryId);
      const articleId = randomUUID();
      const values = contentValues(content);
      const placeholders = values.map((_value, index) => `$${index + 4}`).join(', ');
      const next = values.length + 4;
      await manager.query(
        `INSERT INTO "kb"."articles" (id, translation_group, locale, ${CONTENT_COLUMNS.join(', ')},
           status, owner_id, source_ticket_id, source_ticket_number, search_config)
         VALUES ($1, $2, $3, ${placeholders}, 'draft', $${next}, $${next + 1}, $${next + 2}, $${next + 3}::regconfig)`,
        [
          articleId,
          group,
          dto.locale,
          ...values,
          actor.id,
          source?.ticketId ?? null,
          source?.ticketNumber ?? null,
          searchConfigFor(dto.locale),
        ],
      );
      await this.insertRevision(manager, articleId, 1, content, actor.id, source ? `Captured from ${source.ticketNumber}` : null);
      if (idempotencyKey) await this.idempotency.complete(manager, scope, idempotencyKey, { id: articleId });
      return articleId;
    });
    return this.get(actor, id);
  }

  /** One article the caller may read (else 404); a read of a published article counts as a view. */
  async get(actor: Actor | null, id: string): Promise<KbArticleView> {
    const reader = await this.readers.of(actor);
    const row = await this.readable(this.dataSource.manager, reader, id);
    if (row.status === KbArticleStatus.Published && (!actor || actor.role === Role.Customer)) {
      await this.dataSource.query(`UPDATE "kb"."articles" SET view_count = view_count + 1 WHERE id = $1`, [id]);
      row.view_count += 1;
    }
    return toArticleView(row, await this.translations(reader, row));
  }

  async list(actor: Actor | null, query: KbArticleListQuery): Promise<KbArticlePageView> {
    const reader = await this.readers.of(actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [];
    const where: string[] = ['a.deleted_at IS NULL'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    const visible = readableCondition(reader, 'a', 0);
    params.push(...visible.params);
    where.push(visible.sql);
    if (query.status) add((n) => `a.status = $${n}`, query.status);
    if (query.locale) add((n) => `a.locale = $${n}`, query.locale);
    if (query.visibility) add((n) => `a.visibility = $${n}`, query.visibility);
    if (query.tag) add((n) => `$${n}::text = ANY(a.tags)`, query.tag.toLowerCase());
    if (query.categoryId) {
      add(
        (n) => `(a.category_id = $${n} OR a.category_id IN (SELECT id FROM "kb"."categories" WHERE parent_id = $${n}))`,
        query.categoryId,
      );
    }
    const after = keysetAfter(query.cursor, params, 'a.updated_at', 'a.id');
    if (after) where.push(after);
    params.push(limit + 1);
    const rows = await sqlRows<ArticleRow>(
      this.dataSource,
      `SELECT ${ARTICLE_COLUMNS} FROM "kb"."articles" a WHERE ${where.join(' AND ')} ORDER BY a.updated_at DESC, a.id DESC LIMIT $${params.length}`,
      params,
    );
    return keysetPage(rows, limit, (row) => ({ time: row.updated_at, id: row.id }), toSummaryView);
  }

  async update(actor: Actor | null, id: string, changes: UpdateKbArticleDto, expectedVersion?: number): Promise<KbArticleView> {
    if (!canWrite(actor)) throw forbidden('Only staff write knowledge-base articles');
    const reader = await this.readers.of(actor);
    await this.uow.run(async ({ manager }) => {
      const row = await this.readable(manager, reader, id, true);
      if (expectedVersion !== undefined && row.version !== expectedVersion) throw stale('article', row.version, expectedVersion);
      const current = contentOf(row);
      const next = mergeContent(current, changes);
      if (sameContent(current, next)) return;
      await this.assertCategory(manager, next.categoryId);
      await this.saveContent(manager, row, next, actor.id, changes.note ?? null);
    });
    return this.get(actor, id);
  }

  /** Publish, unpublish (back to draft), archive or bring back from the archive: every status may follow every other. */
  async setStatus(actor: Actor | null, id: string, status: KbArticleStatus, expectedVersion?: number): Promise<KbArticleView> {
    if (!canPublish(actor)) throw forbidden('Only supervisors and admins publish, unpublish or archive articles');
    const reader = await this.readers.of(actor);
    await this.uow.run(async ({ manager }) => {
      const row = await this.readable(manager, reader, id, true);
      if (expectedVersion !== undefined && row.version !== expectedVersion) throw stale('article', row.version, expectedVersion);
      if (row.status === status) return;
      await manager.query(
        `UPDATE "kb"."articles"
            SET status = $2::varchar, version = version + 1, updated_at = now(),
                published_at = CASE WHEN $2::varchar = 'published' THEN now() ELSE published_at END
          WHERE id = $1`,
        [id, status],
      );
    });
    return this.get(actor, id);
  }

  async delete(actor: Actor | null, id: string): Promise<void> {
    if (!canPublish(actor)) throw forbidden('Only supervisors and admins delete articles');
    const reader = await this.readers.of(actor);
    await this.uow.run(async ({ manager }) => {
      await this.readable(manager, reader, id, true);
      await manager.query(`UPDATE "kb"."articles" SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id]);
    });
  }

  /** Saves new content as the next revision (edits and restores). The row must be locked by the caller's transaction. */
  async saveContent(
    manager: EntityManager,
    row: ArticleRow,
    content: ArticleContent,
    authorId: string,
    note: string | null,
  ): Promise<void> {
    const revision = row.revision + 1;
    const values = contentValues(content);
    const assignments = CONTENT_COLUMNS.map((column, index) => `${column} = $${index + 2}`).join(', ');
    await manager.query(
      `UPDATE "kb"."articles" SET ${assignments}, revision = $${values.length + 2}, version = version + 1, updated_at = now() WHERE id = $1`,
      [row.id, ...values, revision],
    );
    await this.insertRevision(manager, row.id, revision, content, authorId, note);
  }

  /** The article if the reader may see it, else 404 (never 403: whether it exists is not told). */
  async readable(manager: EntityManager, reader: Reader, id: string, forUpdate = false): Promise<ArticleRow> {
    const [row] = await sqlRows<ArticleRow>(
      manager,
      `SELECT ${ARTICLE_COLUMNS} FROM "kb"."articles" a WHERE a.id = $1 AND a.deleted_at IS NULL${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!row || !canRead(reader, accessFields(row))) throw DomainError.notFound('Article', id);
    return row;
  }

  private async translations(reader: Reader, row: ArticleRow): Promise<KbTranslationRef[]> {
    const visible = readableCondition(reader, 'a', 2);
    const rows = await sqlRows<ArticleRow>(
      this.dataSource,
      `SELECT ${ARTICLE_COLUMNS} FROM "kb"."articles" a
        WHERE a.translation_group = $1 AND a.id <> $2 AND a.deleted_at IS NULL AND ${visible.sql}
        ORDER BY a.locale`,
      [row.translation_group, row.id, ...visible.params],
    );
    return rows.map((t) => ({ id: t.id, locale: t.locale, title: t.title, status: t.status }));
  }

  /** The group of the article being translated; one version per locale. */
  private async translationGroupOf(manager: EntityManager, reader: Reader, sourceId: string, locale: string): Promise<string> {
    const [source] = await sqlRows<ArticleRow>(
      manager,
      `SELECT ${ARTICLE_COLUMNS} FROM "kb"."articles" a WHERE a.id = $1 AND a.deleted_at IS NULL FOR SHARE`,
      [sourceId],
    );
    if (!source || !canRead(reader, accessFields(source))) {
      throw unprocessable(`Article ${sourceId} was not found`, [{ field: 'translationOf', message: `no article ${sourceId}` }]);
    }
    const [taken] = await sqlRows<{ id: string }>(
      manager,
      `SELECT id FROM "kb"."articles" WHERE translation_group = $1 AND locale = $2 AND deleted_at IS NULL`,
      [source.translation_group, locale],
    );
    if (taken) throw conflict(`The article already has a ${locale} version`, { articleId: taken.id });
    return source.translation_group;
  }

  private async assertCategory(manager: EntityManager, categoryId: string | null): Promise<void> {
    if (!categoryId) return;
    const found = await sqlRows(manager, `SELECT id FROM "kb"."categories" WHERE id = $1 FOR SHARE`, [categoryId]);
    if (!found.length)
      throw unprocessable(`Category ${categoryId} was not found`, [{ field: 'categoryId', message: `no category ${categoryId}` }]);
  }

  private async insertRevision(
    manager: EntityManager,
    articleId: string,
    revision: number,
    content: ArticleContent,
    authorId: string,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "kb"."article_revisions" (article_id, revision, title, summary, body, tags, category_id, visibility, allowed_roles,
         allowed_team_ids, review_by, author_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        articleId,
        revision,
        content.title,
        content.summary,
        content.body,
        content.tags,
        content.categoryId,
        content.visibility,
        content.allowedRoles,
        content.allowedTeamIds,
        content.reviewBy,
        authorId,
        note,
      ],
    );
  }
}

export function contentOf(row: {
  title: string;
  summary: string;
  body: string;
  tags: string[];
  category_id: string | null;
  visibility: ArticleContent['visibility'];
  allowed_roles: ArticleContent['allowedRoles'];
  allowed_team_ids: string[];
  review_by: string | null;
}): ArticleContent {
  return {
    title: row.title,
    summary: row.summary,
    body: row.body,
    tags: row.tags,
    categoryId: row.category_id,
    visibility: row.visibility,
    allowedRoles: row.allowed_roles,
    allowedTeamIds: row.allowed_team_ids,
    reviewBy: row.review_by,
  };
}
