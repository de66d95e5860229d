import {
  CreateKbArticleCommand,
  KbArticlePageView,
  KbArticleRefCommand,
  KbArticleStatusCommand,
  KbArticleView,
  KbRevisionDiffCommand,
  KbRevisionDiffView,
  KbRevisionRefCommand,
  KbRevisionView,
  ListKbArticlesCommand,
  SUBJECTS,
  UpdateKbArticleCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ArticlesService } from './articles.service';
import { RevisionsService } from './revisions.service';

/** kb.article.* requests. */
@Controller()
export class ArticlesHandler {
  constructor(
    private readonly articles: ArticlesService,
    private readonly revisions: RevisionsService,
  ) {}

  @MessagePattern(SUBJECTS.kb.articleCreate)
  create(@Payload() { actor, article, idempotencyKey }: CreateKbArticleCommand): Promise<KbArticleView> {
    return this.articles.create(actor, article, idempotencyKey);
  }

  @MessagePattern(SUBJECTS.kb.articleGet)
  get(@Payload() { actor, id }: KbArticleRefCommand): Promise<KbArticleView> {
    return this.articles.get(actor, id);
  }

  @MessagePattern(SUBJECTS.kb.articleList)
  list(@Payload() { actor, query }: ListKbArticlesCommand): Promise<KbArticlePageView> {
    return this.articles.list(actor, query);
  }

  @MessagePattern(SUBJECTS.kb.articleUpdate)
  update(@Payload() { actor, id, changes, expectedVersion }: UpdateKbArticleCommand): Promise<KbArticleView> {
    return this.articles.update(actor, id, changes, expectedVersion);
  }

  @MessagePattern(SUBJECTS.kb.articleSetStatus)
  setStatus(@Payload() { actor, id, status, expectedVersion }: KbArticleStatusCommand): Promise<KbArticleView> {
    return this.articles.setStatus(actor, id, status, expectedVersion);
  }

  @MessagePattern(SUBJECTS.kb.articleDelete)
  async delete(@Payload() { actor, id }: KbArticleRefCommand): Promise<{ deleted: true }> {
    await this.articles.delete(actor, id);
    return { deleted: true };
  }

  @MessagePattern(SUBJECTS.kb.revisionList)
  revisionList(@Payload() { actor, id }: KbArticleRefCommand): Promise<KbRevisionView[]> {
    return this.revisions.list(actor, id);
  }

  @MessagePattern(SUBJECTS.kb.revisionGet)
  revisionGet(@Payload() { actor, id, revision }: KbRevisionRefCommand): Promise<KbRevisionView> {
    return this.revisions.get(actor, id, revision);
  }

  @MessagePattern(SUBJECTS.kb.revisionDiff)
  revisionDiff(@Payload() { actor, id, from, to }: KbRevisionDiffCommand): Promise<KbRevisionDiffView> {
    return this.revisions.diff(actor, id, from, to);
  }

  @MessagePattern(SUBJECTS.kb.revisionRestore)
  restore(@Payload() { actor, id, revision, expectedVersion }: KbRevisionRefCommand): Promise<KbArticleView> {
    return this.revisions.restore(actor, id, revision, expectedVersion);
  }
}
