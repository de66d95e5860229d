import {
  Actor,
  ApplyMacroQuery,
  CreateMacroDto,
  MacroApplicationView,
  MacroView,
  STAFF_ROLES,
  SUBJECTS,
  UpdateMacroDto,
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
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { versionEtag } from '../http/etag';
import { expectedVersionHeader, ticketRefParam, uuidParam } from '../http/request-params';

@ApiTags('macros')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/macros')
export class MacrosController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...STAFF_ROLES)
  @Post()
  @ApiOperation({
    summary: 'Create a macro',
    description:
      'A macro sets status, priority, type, team, assignee (or `current_user`), adds or removes tags, sets custom fields, and writes a public reply ' +
      'or internal note whose placeholders (`{{ticket.number}}`, `{{requester.first_name}}`, ...) are filled when applied. ' +
      'Personal macros: any staff member for themselves; team macros: admins and the team’s supervisor; shared macros: admins.',
  })
  @ApiCreatedResponse({ type: MacroView })
  create(@CurrentActor() actor: Actor, @Body() macro: CreateMacroDto): Promise<MacroView> {
    return this.bus.request(SUBJECTS.ticket.macroCreate, { actor, macro });
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOperation({ summary: 'The macros the caller may use (shared, their teams’, their own), most used first' })
  @ApiOkResponse({ type: [MacroView] })
  list(@CurrentActor() actor: Actor): Promise<MacroView[]> {
    return this.bus.request(SUBJECTS.ticket.macroList, { actor });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'One macro the caller may use' })
  @ApiOkResponse({ type: MacroView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<MacroView> {
    return this.bus.request(SUBJECTS.ticket.macroGet, { actor, id: uuidParam(id) });
  }

  @Roles(...STAFF_ROLES)
  @Patch(':id')
  @ApiOperation({ summary: 'Change a macro (who may: as for creating it)' })
  @ApiOkResponse({ type: MacroView })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateMacroDto): Promise<MacroView> {
    return this.bus.request(SUBJECTS.ticket.macroUpdate, { actor, id: uuidParam(id), changes });
  }

  @Roles(...STAFF_ROLES)
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a macro (who may: as for creating it)' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.ticket.macroDelete, { actor, id: uuidParam(id) });
  }
}

@ApiTags('macros')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketMacrosController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...STAFF_ROLES)
  @Post(':idOrNumber/macros/:macroId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply a macro to a ticket (or preview it)',
    description:
      'All of the macro’s changes and its comment are saved together, with the macro named in the history. ' +
      'With `?preview=true` nothing is saved: the answer shows the ticket and the comment as applying would leave them.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag read; 412 if the ticket changed since' })
  @ApiOkResponse({ type: MacroApplicationView })
  @ApiUnprocessableEntityResponse({ description: 'The ticket is closed, the status change is not allowed, or the macro is inactive' })
  async apply(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Param('macroId') macroId: string,
    @Query() query: ApplyMacroQuery,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MacroApplicationView> {
    const result = await this.bus.request<MacroApplicationView>(SUBJECTS.ticket.macroApply, {
      actor,
      ticketId: ticketRefParam(idOrNumber),
      macroId: uuidParam(macroId, 'macroId'),
      preview: query.preview === 'true',
      expectedVersion: expectedVersionHeader(ifMatch),
    });
    if (!result.preview) void reply.header('ETag', versionEtag(result.ticket.version));
    return result;
  }
}
