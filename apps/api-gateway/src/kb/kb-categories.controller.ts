import { Actor, CreateKbCategoryDto, KbCategoryView, Role, SUBJECTS, UpdateKbCategoryDto } from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { OptionalAuth } from '../auth/optional-auth.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { versionEtag } from '../http/etag';
import { expectedVersionHeader, uuidParam } from '../http/request-params';

@ApiTags('knowledge base')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/kb/categories')
export class KbCategoriesController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin, Role.Supervisor)
  @Post()
  @ApiOperation({
    summary: 'Add a category, or a section inside one with `parentId` (supervisors, admins)',
    description: 'Two levels: sections cannot hold sections (422). Names per locale in `names`.',
  })
  @ApiCreatedResponse({ type: KbCategoryView })
  create(@CurrentActor() actor: Actor, @Body() category: CreateKbCategoryDto): Promise<KbCategoryView> {
    return this.bus.request(SUBJECTS.kb.categoryCreate, { actor, category });
  }

  @OptionalAuth()
  @Get()
  @ApiOperation({ summary: 'The category → section tree, in order (anyone, no token needed)' })
  @ApiOkResponse({ type: [KbCategoryView] })
  list(): Promise<KbCategoryView[]> {
    return this.bus.request(SUBJECTS.kb.categoryList, { actor: null });
  }

  @OptionalAuth()
  @Get(':id')
  @ApiOperation({ summary: 'One category with its sections (anyone, no token needed)' })
  @ApiOkResponse({ type: KbCategoryView })
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<KbCategoryView> {
    const view = await this.bus.request<KbCategoryView>(SUBJECTS.kb.categoryGet, { actor: null, id: uuidParam(id) });
    void reply.header('ETag', versionEtag(view.revision));
    return view;
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Patch(':id')
  @ApiOperation({ summary: 'Rename, describe or reorder a category or section (supervisors, admins)' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: KbCategoryView })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() changes: UpdateKbCategoryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KbCategoryView> {
    const view = await this.bus.request<KbCategoryView>(SUBJECTS.kb.categoryUpdate, {
      actor,
      id: uuidParam(id),
      changes,
      expectedRevision: expectedVersionHeader(ifMatch),
    });
    void reply.header('ETag', versionEtag(view.revision));
    return view;
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an empty category or section (supervisors, admins); 409 while it holds sections or articles' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.kb.categoryDelete, { actor, id: uuidParam(id) });
  }
}
