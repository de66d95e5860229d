import {
  Actor,
  CreateKbArticleDto,
  KbArticleListQuery,
  KbArticlePageView,
  KbArticleStatus,
  KbArticleView,
  KbRevisionDiffQuery,
  KbRevisionDiffView,
  KbRevisionView,
  Role,
  STAFF_ROLES,
  SUBJECTS,
  UpdateKbArticleDto,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CurrentReader, OptionalAuth } from '../auth/optional-auth.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { versionEtag } from '../http/etag';
import { expectedVersionHeader, idempotencyKeyHeader, invalidParam, uuidParam } from '../http/request-params';

const READERS_NOTE =
  'Without a token: published public articles only (the self-service portal). Customers also read published articles restricted to ' +
  'the customer role; agents and supervisors read public, internal and restricted-to-them articles in every status; admins read all. ' +
  'An article the caller may not read answers 404, as if it did not exist.';

function revisionParam(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw invalidParam('revision', 'revision must be a positive whole number');
  return Number(value);
}

@ApiTags('knowledge base')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/kb/articles')
export class KbArticlesController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...STAFF_ROLES)
  @Post()
  @ApiOperation({
    summary: 'Write an article (staff); it starts as a draft',
    description:
      'Markdown body, rendered to sanitized HTML (raw HTML is shown as text). `translationOf` adds another language version to an ' +
      'existing article (409 if that locale exists). An unknown locale is a 400; an unknown category or source article a 422. ' +
      'Idempotency-Key makes a retried POST answer the same article.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: KbArticleView })
  async create(
    @CurrentActor() actor: Actor,
    @Body() article: CreateKbArticleDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KbArticleView> {
    const view = await this.bus.request<KbArticleView>(SUBJECTS.kb.articleCreate, {
      actor,
      article,
      idempotencyKey: idempotencyKeyHeader(idempotencyKey),
    });
    void reply.header('ETag', versionEtag(view.version)).header('Location', `/api/v1/kb/articles/${view.id}`);
    return view;
  }

  @OptionalAuth()
  @Get()
  @ApiOperation({ summary: 'Articles the caller may read, most recently changed first', description: READERS_NOTE })
  @ApiOkResponse({ type: KbArticlePageView })
  list(@CurrentReader() actor: Actor | null, @Query() query: KbArticleListQuery): Promise<KbArticlePageView> {
    return this.bus.request(SUBJECTS.kb.articleList, { actor, query });
  }

  @OptionalAuth()
  @Get(':id')
  @ApiOperation({ summary: 'One article with its rendered body and its other language versions', description: READERS_NOTE })
  @ApiOkResponse({ type: KbArticleView })
  async get(
    @CurrentReader() actor: Actor | null,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KbArticleView> {
    const view = await this.bus.request<KbArticleView>(SUBJECTS.kb.articleGet, { actor, id: uuidParam(id) });
    void reply.header('ETag', versionEtag(view.version));
    return view;
  }

  @Roles(...STAFF_ROLES)
  @Patch(':id')
  @ApiOperation({
    summary: 'Edit an article (staff): a change to its content is a new revision',
    description:
      'A published article stays published with the new content. Send If-Match with the ETag read to avoid overwriting a change (412).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag read; 412 if the article changed since' })
  @ApiOkResponse({ type: KbArticleView })
  @ApiPreconditionFailedResponse({ description: 'The article changed since the ETag was read' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() changes: UpdateKbArticleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KbArticleView> {
    const view = await this.bus.request<KbArticleView>(SUBJECTS.kb.articleUpdate, {
      actor,
      id: uuidParam(id),
      changes,
      expectedVersion: expectedVersionHeader(ifMatch),
    });
    void reply.header('ETag', versionEtag(view.version));
    return view;
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish an article (supervisors, admins): readers of its visibility see it from now on' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: KbArticleView })
  publish(@CurrentActor() actor: Actor, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<KbArticleView> {
    return this.setStatus(actor, id, KbArticleStatus.Published, ifMatch);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take an article back to draft (supervisors, admins)' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: KbArticleView })
  unpublish(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<KbArticleView> {
    return this.setStatus(actor, id, KbArticleStatus.Draft, ifMatch);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive an article (supervisors, admins): kept, no longer shown to customers or suggested' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: KbArticleView })
  archive(@CurrentActor() actor: Actor, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<KbArticleView> {
    return this.setStatus(actor, id, KbArticleStatus.Archived, ifMatch);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an article (supervisors, admins)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.kb.articleDelete, { actor, id: uuidParam(id) });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id/revisions')
  @ApiOperation({ summary: 'The revisions of an article, newest first (staff)' })
  @ApiOkResponse({ type: [KbRevisionView] })
  revisions(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<KbRevisionView[]> {
    return this.bus.request(SUBJECTS.kb.revisionList, { actor, id: uuidParam(id) });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id/revisions/diff')
  @ApiOperation({
    summary: 'What changed between two revisions (staff)',
    description: 'Field by field: the body line by line, title and summary word by word, tags, category and visibility as values.',
  })
  @ApiOkResponse({ type: KbRevisionDiffView })
  diff(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: KbRevisionDiffQuery): Promise<KbRevisionDiffView> {
    return this.bus.request(SUBJECTS.kb.revisionDiff, { actor, id: uuidParam(id), from: query.from, to: query.to });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id/revisions/:revision')
  @ApiOperation({ summary: 'One revision of an article (staff)' })
  @ApiOkResponse({ type: KbRevisionView })
  revision(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('revision') revision: string): Promise<KbRevisionView> {
    return this.bus.request(SUBJECTS.kb.revisionGet, { actor, id: uuidParam(id), revision: revisionParam(revision) });
  }

  @Roles(...STAFF_ROLES)
  @Post(':id/revisions/:revision/restore')
  @HttpCode(200)
  @ApiOperation({ summary: "Make an old revision's content current again, as a new revision (staff)" })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: KbArticleView })
  async restore(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('revision') revision: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KbArticleView> {
    const view = await this.bus.request<KbArticleView>(SUBJECTS.kb.revisionRestore, {
      actor,
      id: uuidParam(id),
      revision: revisionParam(revision),
      expectedVersion: expectedVersionHeader(ifMatch),
    });
    void reply.header('ETag', versionEtag(view.version));
    return view;
  }

  private setStatus(actor: Actor, id: string, status: KbArticleStatus, ifMatch: string | undefined): Promise<KbArticleView> {
    return this.bus.request(SUBJECTS.kb.articleSetStatus, {
      actor,
      id: uuidParam(id),
      status,
      expectedVersion: expectedVersionHeader(ifMatch),
    });
  }
}
