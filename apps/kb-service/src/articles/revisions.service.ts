import { Actor, KbArticleView, KbRevisionDiffView, KbRevisionView } from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { canWrite } from '../access/article-access';
import { Readers } from '../access/readers';
import { forbidden, stale } from '../common/kb-errors';
import { REVISION_COLUMNS, RevisionRow, toRevisionView } from './article-row';
import { ArticlesService, contentOf } from './articles.service';
import { diffRevisions } from './revision-diff';

/** The revisions of an article (staff only): list, read, compare two, restore one as a new revision. */
@Injectable()
export class RevisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly readers: Readers,
    private readonly articles: ArticlesService,
  ) {}

  async list(actor: Actor | null, id: string): Promise<KbRevisionView[]> {
    await this.assertStaffReader(actor, id);
    const rows = await sqlRows<RevisionRow>(
      this.dataSource,
      `SELECT ${REVISION_COLUMNS} FROM "kb"."article_revisions" r WHERE r.article_id = $1 ORDER BY r.revision DESC`,
      [id],
    );
    return rows.map(toRevisionView);
  }

  async get(actor: Actor | null, id: string, revision: number): Promise<KbRevisionView> {
    await this.assertStaffReader(actor, id);
    return toRevisionView(await this.revision(this.dataSource.manager, id, revision));
  }

  async diff(actor: Actor | null, id: string, from: number, to: number): Promise<KbRevisionDiffView> {
    await this.assertStaffReader(actor, id);
    const [older, newer] = await Promise.all([
      this.revision(this.dataSource.manager, id, from),
      this.revision(this.dataSource.manager, id, to),
    ]);
    return { from, to, fields: diffRevisions(contentOf(older), contentOf(newer)) };
  }

  /** Makes an old revision's content the article's content again, as a new revision (history is never rewritten). */
  async restore(actor: Actor | null, id: string, revision: number, expectedVersion?: number): Promise<KbArticleView> {
    if (!canWrite(actor)) throw forbidden('Only staff write knowledge-base articles');
    const reader = await this.readers.of(actor);
    await this.uow.run(async ({ manager }) => {
      const row = await this.articles.readable(manager, reader, id, true);
      if (expectedVersion !== undefined && row.version !== expectedVersion) throw stale('article', row.version, expectedVersion);
      const old = await this.revision(manager, id, revision);
      await this.articles.saveContent(manager, row, contentOf(old), actor.id, `Restored revision ${revision}`);
    });
    return this.articles.get(actor, id);
  }

  private async assertStaffReader(actor: Actor | null, id: string): Promise<void> {
    if (!canWrite(actor)) throw forbidden('Only staff read the revisions of an article');
    await this.articles.readable(this.dataSource.manager, await this.readers.of(actor), id);
  }

  private async revision(manager: EntityManager, id: string, revision: number): Promise<RevisionRow> {
    const [row] = await sqlRows<RevisionRow>(
      manager,
      `SELECT ${REVISION_COLUMNS} FROM "kb"."article_revisions" r WHERE r.article_id = $1 AND r.revision = $2`,
      [id, revision],
    );
    if (!row) throw DomainError.notFound('Revision', `${id}#${revision}`);
    return row;
  }
}
