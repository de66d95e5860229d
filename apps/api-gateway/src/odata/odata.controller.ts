import {
  Caller,
  ErrorCode,
  ODATA_ENTITY_SETS,
  ODATA_MAX_PAGE_SIZE,
  ODataEntitySet,
  ODataPageView,
  Role,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, DomainError, Roles, Scopes } from '@helpdesk/platform';
import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator';
import { CurrentCaller } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';

const JSON_MINIMAL = 'application/json;odata.metadata=minimal';

/** `odata.maxpagesize=N` of a Prefer header (RFC 7240), or null. */
export function preferredPageSize(prefer: string | undefined): number | null {
  const m = /(?:^|[,;\s])odata\.maxpagesize\s*=\s*"?(\d{1,9})"?/i.exec(prefer ?? '');
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? n : null;
}

/** The query options of a request as single strings (a repeated option is refused). */
function options(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string') {
      throw new DomainError(ErrorCode.ValidationFailed, `${name} may be given once`, {
        errors: [{ field: name, message: 'given more than once' }],
      });
    }
    out[name] = value;
  }
  return out;
}

/** Where the feed is, as the client reached it. */
function serviceRoot(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}/odata`;
}

/**
 * The OData v4 feed for BI tools (Power BI, Excel): read-only entity sets over reporting's read
 * models and the directory. reporting-service parses and runs the queries; this shapes the replies.
 */
@ApiTags('odata')
@ApiProblems()
@ApiBearerAuth()
@ApiKeyAuth({ query: true })
@Controller('odata')
export class ODataController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin, Role.Supervisor)
  @Scopes('reports:read')
  @Get()
  @ApiOperation({ summary: 'OData service document: the entity sets of the feed (point Power BI or Excel here)' })
  @ApiProduces(JSON_MINIMAL)
  @ApiOkResponse({
    description: 'The service document',
    schema: {
      type: 'object',
      example: {
        '@odata.context': 'https://helpdesk.example/odata/$metadata',
        value: [{ name: 'TicketFacts', kind: 'EntitySet', url: 'TicketFacts' }],
      },
    },
  })
  serviceDocument(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.json(reply, {
      '@odata.context': `${serviceRoot(request)}/$metadata`,
      value: ODATA_ENTITY_SETS.map((name) => ({ name, kind: 'EntitySet', url: name })),
    });
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Scopes('reports:read')
  @Get('$metadata')
  @ApiOperation({ summary: 'OData metadata: the entity types, properties and keys, in CSDL XML' })
  @ApiProduces('application/xml')
  @ApiOkResponse({
    description: 'CSDL XML',
    schema: { type: 'string', example: '<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" ...' },
  })
  async metadata(@CurrentCaller() actor: Caller, @Res() reply: FastifyReply): Promise<void> {
    const { xml } = await this.bus.request<{ xml: string }>(SUBJECTS.report.odataMetadata, { actor });
    await reply.header('OData-Version', '4.0').header('Content-Type', 'application/xml; charset=utf-8').send(xml);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Scopes('reports:read')
  @Get(':entitySet')
  @ApiOperation({
    summary: 'Read an entity set (TicketFacts, DailyStats, Teams, Agents) with $filter, $select, $orderby, $top, $skip, $count',
    description: [
      `$filter takes eq, ne, gt, ge, lt, le, and, or, not, parentheses and literals ('text', 12, 1.5, null, true, GUIDs, 2026-01-01, 2026-01-01T00:00:00Z).`,
      `Pages hold at most ${ODATA_MAX_PAGE_SIZE} entities (fewer with \`Prefer: odata.maxpagesize=N\`); follow \`@odata.nextLink\` for the rest.`,
      'A malformed query, an unknown property or an unsupported option answers 400 problem+json saying which and why.',
    ].join(' '),
  })
  @ApiParam({ name: 'entitySet', enum: ODATA_ENTITY_SETS, example: 'TicketFacts' })
  @ApiHeader({ name: 'Prefer', required: false, description: 'odata.maxpagesize=N: smaller pages' })
  @ApiProduces(JSON_MINIMAL)
  @ApiOkResponse({
    description: 'A page of entities',
    schema: {
      type: 'object',
      example: {
        '@odata.context': 'https://helpdesk.example/odata/$metadata#TicketFacts(Number,Status)',
        '@odata.count': 1234,
        value: [{ Number: 'HD-000123', Status: 'solved' }],
        '@odata.nextLink': 'https://helpdesk.example/odata/TicketFacts?$select=Number,Status&$count=true&$skiptoken=1000',
      },
    },
  })
  async entitySet(
    @CurrentCaller() actor: Caller,
    @Param('entitySet') entitySet: string,
    @Headers('prefer') prefer: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!(ODATA_ENTITY_SETS as readonly string[]).includes(entitySet)) {
      throw new DomainError(ErrorCode.NotFound, `No entity set ${entitySet}: the feed has ${ODATA_ENTITY_SETS.join(', ')}`);
    }
    const query = options(request.query);
    const wanted = preferredPageSize(prefer);
    const maxPageSize = Math.min(wanted ?? ODATA_MAX_PAGE_SIZE, ODATA_MAX_PAGE_SIZE);
    const page = await this.bus.request<ODataPageView>(SUBJECTS.report.odataQuery, {
      actor,
      entitySet: entitySet as ODataEntitySet,
      options: query,
      maxPageSize,
    });
    const root = serviceRoot(request);
    const select = query.$select?.trim();
    const body: Record<string, unknown> = {
      '@odata.context': `${root}/$metadata#${entitySet}${select && select !== '*' ? `(${select.replace(/\s+/g, '')})` : ''}`,
    };
    if (page.count !== null) body['@odata.count'] = page.count;
    body.value = page.value;
    if (page.nextSkipToken !== null) {
      const next = new URLSearchParams({ ...query, $skiptoken: page.nextSkipToken });
      body['@odata.nextLink'] = `${root}/${entitySet}?${next.toString().replace(/%24/g, '$').replace(/%2C/gi, ',')}`;
    }
    if (wanted !== null) void reply.header('Preference-Applied', `odata.maxpagesize=${maxPageSize}`);
    await this.json(reply, body);
  }

  private async json(reply: FastifyReply, body: unknown): Promise<void> {
    await reply.header('OData-Version', '4.0').header('Content-Type', JSON_MINIMAL).send(JSON.stringify(body));
  }
}
