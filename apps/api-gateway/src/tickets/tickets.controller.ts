import {
  Actor,
  AddCommentDto,
  AddFollowerDto,
  BulkUpdateResultView,
  BulkUpdateTicketsDto,
  MAX_BULK_TICKETS,
  PresenceDto,
  PresenceView,
  CommentView,
  CreateTicketDto,
  CreateTicketReply,
  CsatSurveyView,
  MergeResultView,
  MergeTicketDto,
  EscalateTicketDto,
  HistoryEntryView,
  ListTicketsQuery,
  Page,
  Role,
  STAFF_ROLES,
  SUBJECTS,
  TicketPageView,
  TicketView,
  UpdateTicketDto,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { matchesIfNoneMatch, versionEtag } from '../http/etag';
import { expectedVersionHeader, idempotencyKeyHeader, ticketRefParam, uuidParam } from '../http/request-params';
import { ApiProblems } from '../http/api-problems.decorator';

const EVERYONE = [...STAFF_ROLES, Role.Customer];
const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeat a POST safely: the same key returns the first result instead of creating again',
};

@ApiTags('tickets')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...EVERYONE)
  @Post()
  @ApiOperation({ summary: 'Open a ticket' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: TicketView, description: 'Created (or, with a repeated Idempotency-Key, the first result again)' })
  @ApiBadRequestResponse({ description: 'Invalid fields, one entry per field' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() ticket: CreateTicketDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    const result = await this.bus.request<CreateTicketReply<TicketView>>(SUBJECTS.ticket.create, {
      actor,
      ticket,
      idempotencyKey: idempotencyKeyHeader(idempotencyKey),
    });
    void reply.status(201).header('ETag', versionEtag(result.ticket.version)).header('Location', `/api/v1/tickets/${result.ticket.id}`);
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return result.ticket;
  }

  @Roles(...EVERYONE)
  @Get()
  @ApiOperation({
    summary: 'List and search tickets (customers: their own)',
    description:
      'Newest first; with `q`, a full-text search (subject, description, comments; staff also internal notes) ordered by relevance, ' +
      'then newest, combinable with every other filter. Pages with `nextCursor`.',
  })
  @ApiOkResponse({ type: TicketPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListTicketsQuery): Promise<Page<TicketView>> {
    return this.bus.request<Page<TicketView>>(SUBJECTS.ticket.list, { actor, query });
  }

  @Roles(...STAFF_ROLES)
  @Post('bulk')
  @HttpCode(200)
  @ApiOperation({ summary: `Apply the same changes to up to ${MAX_BULK_TICKETS} tickets; each ticket succeeds or fails on its own` })
  @ApiOkResponse({ type: BulkUpdateResultView })
  bulkUpdate(@CurrentActor() actor: Actor, @Body() bulk: BulkUpdateTicketsDto): Promise<BulkUpdateResultView> {
    return this.bus.request<BulkUpdateResultView>(SUBJECTS.ticket.bulkUpdate, { actor, bulk }, { timeoutMs: 30_000 });
  }

  @Roles(...EVERYONE)
  @Get(':idOrNumber')
  @ApiOperation({ summary: 'A ticket by uuid or number (HD-000123), with its ETag' })
  @ApiOkResponse({ type: TicketView })
  @ApiNotFoundResponse({ description: 'No such ticket, or not visible to the caller' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView | undefined> {
    const ticket = await this.bus.request<TicketView>(SUBJECTS.ticket.get, { actor, ticketId: ticketRefParam(idOrNumber) });
    void reply.header('ETag', versionEtag(ticket.version));
    if (matchesIfNoneMatch(ifNoneMatch, ticket.version)) {
      void reply.status(304);
      return undefined;
    }
    return ticket;
  }

  @Roles(...STAFF_ROLES)
  @Patch(':idOrNumber')
  @ApiOperation({ summary: 'Change a ticket; send If-Match with the ETag you read to avoid overwriting others' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag read; 412 if the ticket changed since' })
  @ApiOkResponse({ type: TicketView })
  @ApiPreconditionFailedResponse({ description: 'The ticket changed since the ETag was read' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid status transition, or the ticket is closed' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Body() changes: UpdateTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    const ticket = await this.bus.request<TicketView>(SUBJECTS.ticket.update, {
      actor,
      ticketId: ticketRefParam(idOrNumber),
      changes,
      expectedVersion: expectedVersionHeader(ifMatch),
    });
    void reply.header('ETag', versionEtag(ticket.version));
    return ticket;
  }

  @Roles(...STAFF_ROLES)
  @Post(':idOrNumber/presence')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Say you are viewing or typing on a ticket (renew every ~20 s); answers who else is there',
    description: 'Together with If-Match on updates, nobody silently overwrites another agent’s change.',
  })
  @ApiOkResponse({ type: [PresenceView] })
  presence(@CurrentActor() actor: Actor, @Param('idOrNumber') idOrNumber: string, @Body() presence: PresenceDto): Promise<PresenceView[]> {
    return this.bus.request<PresenceView[]>(SUBJECTS.ticket.presenceSet, { actor, ticketId: ticketRefParam(idOrNumber), presence });
  }

  @Roles(...STAFF_ROLES)
  @Delete(':idOrNumber/presence')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave a ticket' })
  async leave(@CurrentActor() actor: Actor, @Param('idOrNumber') idOrNumber: string): Promise<void> {
    await this.bus.request(SUBJECTS.ticket.presenceClear, { actor, ticketId: ticketRefParam(idOrNumber) });
  }

  @Roles(...STAFF_ROLES)
  @Post(':idOrNumber/followers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a follower (CC): they see the ticket and hear about it; adding again changes nothing' })
  @ApiOkResponse({ type: TicketView })
  addFollower(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Body() { userId }: AddFollowerDto,
  ): Promise<TicketView> {
    return this.bus.request<TicketView>(SUBJECTS.ticket.followerAdd, { actor, ticketId: ticketRefParam(idOrNumber), userId });
  }

  @Roles(...STAFF_ROLES)
  @Delete(':idOrNumber/followers/:userId')
  @ApiOperation({ summary: 'Remove a follower' })
  @ApiOkResponse({ type: TicketView })
  removeFollower(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Param('userId') userId: string,
  ): Promise<TicketView> {
    return this.bus.request<TicketView>(SUBJECTS.ticket.followerRemove, {
      actor,
      ticketId: ticketRefParam(idOrNumber),
      userId: uuidParam(userId, 'userId'),
    });
  }

  @Roles(...STAFF_ROLES)
  @Post(':idOrNumber/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge this ticket into another',
    description:
      'Its comments move to the target; it closes with a link to the target and a public notice to its requester; the target gets an internal note, and a different requester follows it.',
  })
  @ApiOkResponse({ type: MergeResultView })
  @ApiUnprocessableEntityResponse({ description: 'Merging into itself, into a closed ticket, or a closed ticket' })
  merge(@CurrentActor() actor: Actor, @Param('idOrNumber') idOrNumber: string, @Body() merge: MergeTicketDto): Promise<MergeResultView> {
    return this.bus.request<MergeResultView>(SUBJECTS.ticket.merge, { actor, ticketId: ticketRefParam(idOrNumber), merge });
  }

  @Roles(...STAFF_ROLES)
  @Post(':idOrNumber/escalate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a ticket to another tier (up escalates, down de-escalates)',
    description:
      'A team of that tier is chosen by the routing rules (or the first team of the tier), its strategy picks the agent, and the previous assignee follows the ticket.',
  })
  @ApiOkResponse({ type: TicketView })
  @ApiUnprocessableEntityResponse({ description: 'Same tier, no team at that tier, or the ticket is closed' })
  escalate(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Body() escalation: EscalateTicketDto,
  ): Promise<TicketView> {
    return this.bus.request<TicketView>(SUBJECTS.ticket.escalate, { actor, ticketId: ticketRefParam(idOrNumber), escalation });
  }

  @Roles(...EVERYONE)
  @Post(':idOrNumber/comments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a public reply or (staff) an internal note' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CommentView })
  addComment(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Body() comment: AddCommentDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<CommentView> {
    return this.bus.request<CommentView>(SUBJECTS.ticket.commentAdd, {
      actor,
      ticketId: ticketRefParam(idOrNumber),
      comment,
      idempotencyKey: idempotencyKeyHeader(idempotencyKey),
    });
  }

  @Roles(...EVERYONE)
  @Get(':idOrNumber/comments')
  @ApiOperation({ summary: 'The conversation, oldest first (customers see public replies only)' })
  @ApiOkResponse({ type: [CommentView] })
  listComments(@CurrentActor() actor: Actor, @Param('idOrNumber') idOrNumber: string): Promise<CommentView[]> {
    return this.bus.request<CommentView[]>(SUBJECTS.ticket.commentList, { actor, ticketId: ticketRefParam(idOrNumber) });
  }

  @Roles(...EVERYONE)
  @Get(':idOrNumber/csat')
  @ApiOperation({ summary: 'The satisfaction survey of the ticket (the requester also gets the token to answer it)' })
  @ApiOkResponse({ type: CsatSurveyView })
  survey(@CurrentActor() actor: Actor, @Param('idOrNumber') idOrNumber: string): Promise<CsatSurveyView> {
    return this.bus.request<CsatSurveyView>(SUBJECTS.ticket.csatGet, { actor, ticketId: ticketRefParam(idOrNumber) });
  }

  @Roles(...STAFF_ROLES)
  @Get(':idOrNumber/history')
  @ApiOperation({ summary: 'Every change: who, what, before and after, when' })
  @ApiOkResponse({ type: [HistoryEntryView] })
  history(@CurrentActor() actor: Actor, @Param('idOrNumber') idOrNumber: string): Promise<HistoryEntryView[]> {
    return this.bus.request<HistoryEntryView[]>(SUBJECTS.ticket.history, { actor, ticketId: ticketRefParam(idOrNumber) });
  }
}
