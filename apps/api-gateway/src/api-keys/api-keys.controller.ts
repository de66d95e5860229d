import {
  Actor,
  ApiKeyPageView,
  ApiKeyView,
  CreateApiKeyDto,
  CreatedApiKeyView,
  ListApiKeysQuery,
  Role,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

@ApiTags('api-keys')
@ApiProblems()
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly bus: BusClient,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key for a BI tool or an integration (admins); the answer is the only time the key is shown',
    description: 'Send the key as `X-API-Key`, `Authorization: Bearer`, or as the password of HTTP Basic (any user name).',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  create(@CurrentActor() actor: Actor, @Body() apiKey: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.bus.request(SUBJECTS.directory.apiKeyCreate, { actor, apiKey });
  }

  @Get()
  @ApiOperation({ summary: 'API keys, newest first (admins); never the keys themselves' })
  @ApiOkResponse({ type: ApiKeyPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListApiKeysQuery): Promise<ApiKeyPageView> {
    return this.bus.request(SUBJECTS.directory.apiKeyList, { actor, query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One API key (admins); never the key itself' })
  @ApiOkResponse({ type: ApiKeyView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ApiKeyView> {
    return this.bus.request(SUBJECTS.directory.apiKeyGet, { actor, id: uuidParam(id) });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an API key (admins): it stops working at once on this gateway, within API_KEY_CACHE_TTL_MS (5 s) on the others',
  })
  @ApiNoContentResponse()
  async revoke(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    const revoked = await this.bus.request<ApiKeyView>(SUBJECTS.directory.apiKeyRevoke, { actor, id: uuidParam(id) });
    this.authenticator.forget(revoked.id);
  }
}
