import { randomUUID } from 'node:crypto';
import {
  ChannelReplyRequestedV1,
  ChannelType,
  CommentAttachmentView,
  FollowerCommand,
  MergeTicketCommand,
  MergeResultView,
  CsatSurveyView,
  ERROR_HTTP_STATUS,
  BulkUpdateTicketsCommand,
  BulkUpdateResultView,
  BulkTicketResultView,
  Actor,
  AddCommentCommand,
  Channel,
  CommentView,
  CreateTicketCommand,
  CreateTicketDto,
  CreateTicketReply,
  ErrorCode,
  EscalateTicketCommand,
  EVENTS,
  HistoryEntryView,
  isStaff,
  ListTicketsRequest,
  Page,
  parseTicketRef,
  Role,
  TicketCommentAddedV1,
  TicketCreatedV1,
  TicketPriority,
  TicketStatus,
  TicketType,
  TicketUpdatedV1,
  TicketView,
  UpdateTicketCommand,
} from '@helpdesk/contracts';
import { DomainError, IdempotencyStore, sqlRows, Transaction, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service';
import { User } from '../directory/user.entity';
import { toUserRef } from '../directory/user.mapper';
import { UsersService } from '../directory/users.service';
import { RoutingService } from '../routing/routing.service';
import { CsatService } from './csat.service';
import { commentAuthorRole, CommentOrigin, isFirstResponse } from './comment-author';
import { commentAddedEvent } from './comment-events';
import { duplicateKind, DuplicateKind, mergesAutomatically } from './duplicates';
import { staffMaySee } from './ticket-access';
import { TicketQueryScopes } from './ticket-query-scope';
import { TicketSearch } from '../search/ticket-search.service';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { mergedIntoNote, mergedNotice } from './merge-messages';
import { PresenceService } from './presence.service';
import { diffFields, FieldChange } from './ticket-changes';
import {
  currentFields,
  lifecycleTimestamps,
  problemLinkError,
  reopensOnRequesterReply,
  requestedFields,
  staffOnlyFieldsIn,
} from './ticket-fields';
import { TicketComment } from './ticket-comment.entity';
import { HistoryAction, TicketHistory } from './ticket-history.entity';
import { toCommentView, toHistoryView, toTicketSnapshot, toTicketView } from './ticket.mapper';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { valueChanges } from '../custom-fields/custom-field-values';
import { allowedTransitions, canTransition } from './ticket-status';
import { Ticket } from './ticket.entity';

type TicketWithRequester = Ticket & { requester: User };

@Injectable()
export class TicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly idempotency: IdempotencyStore,
    private readonly users: UsersService,
    private readonly routing: RoutingService,
    private readonly presence: PresenceService,
    private readonly csat: CsatService,
    private readonly customFields: CustomFieldsService,
    private readonly attachments: AttachmentsService,
    private readonly scopes: TicketQueryScopes,
    private readonly search: TicketSearch,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {}

  async create({ actor, ticket: dto, idempotencyKey }: CreateTicketCommand): Promise<CreateTicketReply<TicketView>> {
    if (!isStaff(actor)) {
      const forbidden = staffOnlyFieldsIn(dto);
      if (forbidden.length)
        throw new DomainError(ErrorCode.Forbidden, `Customers cannot set ${forbidden.join(', ')}`, { fields: forbidden });
    }
    return this.uow.run((tx) => this.createWithin(tx, actor, dto, { idempotencyKey }));
  }

  /**
   * Opens a ticket inside the caller's transaction (the API's create, and messages arriving on a
   * channel, which ticket-service consumes in its inbox transaction). Who may set which fields is
   * checked by the caller. A message from a channel cannot fill custom fields required on create, so
   * `enforceRequiredFields: false` lets it through (nobody could fill them there).
   */
  async createWithin(
    tx: Transaction,
    actor: Actor,
    dto: CreateTicketDto,
    { idempotencyKey, enforceRequiredFields = true }: { idempotencyKey?: string; enforceRequiredFields?: boolean } = {},
  ): Promise<CreateTicketReply<TicketView>> {
    const scope = `ticket.create:${actor.id}`;
    if (idempotencyKey) {
      const claim = await this.idempotency.claim<TicketView>(tx.manager, scope, idempotencyKey, dto);
      if (claim.replay) return { ticket: claim.response, replayed: true };
    }
    if (dto.teamId) await this.assertTeam(tx.manager, dto.teamId);
    const followUpOfId = dto.followUpOf ? await this.closedTicketToFollow(tx.manager, actor, dto.followUpOf) : null;
    const requester = await this.users.resolveRequester(tx.manager, actor, dto.requester);
    const customFields = await this.customFields.valuesForNewTicket(tx.manager, actor, dto.customFields, enforceRequiredFields);
    const duplicate = await this.findDuplicate(tx.manager, requester.id, dto);
    const mergeIntoDuplicate = duplicate !== null && mergesAutomatically(this.config.duplicateAction, duplicate.kind);
    const ticket = Object.assign(new Ticket(), {
      id: randomUUID(),
      subject: dto.subject,
      description: dto.description,
      status: TicketStatus.New,
      priority: dto.priority ?? TicketPriority.Normal,
      channel: dto.channel ?? Channel.Api,
      requesterId: requester.id,
      assigneeId: null,
      organizationId: requester.organizationId,
      type: dto.type ?? null,
      tier: dto.tier ?? 1,
      teamId: dto.teamId ?? null,
      tags: dto.tags ?? [],
      customFields,
      dueAt: dto.dueAt ? new Date(dto.dueAt) : null,
      followUpOfId,
      problemId: dto.problemId ?? null,
      followerIds: [] as string[],
      possibleDuplicateOfId: duplicate?.id ?? null,
      firstResponseAt: null,
      solvedAt: null,
      closedAt: null,
      version: 1,
    });
    if (ticket.problemId) await this.assertProblemLink(tx.manager, ticket);
    const created: FieldChange[] = (
      ['status', 'priority', 'subject', 'type', 'tier', 'teamId', 'tags', 'followUpOfId', 'problemId', 'possibleDuplicateOfId'] as const
    )
      .filter((field) => ticket[field] !== null && !(Array.isArray(ticket[field]) && (ticket[field] as unknown[]).length === 0))
      .map((field): FieldChange => ({ field, from: null, to: ticket[field] }))
      .concat(valueChanges({}, customFields));
    // Routing rules choose the team and its strategy the agent, unless staff chose the team.
    const routed = ticket.teamId || mergeIntoDuplicate ? null : await this.routing.route(tx.manager, ticket);
    if (routed) Object.assign(ticket, { teamId: routed.teamId, assigneeId: routed.agent.agentId });
    // The ticket and its first history entry in one statement (one round trip).
    const [row]: { seq: string; number: string; created_at: Date; updated_at: Date }[] = await tx.manager.query(
      `WITH t AS (
         INSERT INTO "ticket"."tickets" (id, subject, description, status, priority, channel, requester_id, assignee_id, version,
                                         organization_id, type, tier, team_id, tags, due_at, follow_up_of_id, problem_id, possible_duplicate_of_id, custom_fields)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $18, 1, $10, $11, $12, $13, $14, $15, $16, $17, $19, $20::jsonb)
         RETURNING seq, number, created_at, updated_at
       ), h AS (
         INSERT INTO "ticket"."ticket_history" (ticket_id, actor_id, action, changes, created_at)
         SELECT $1, $8, 'created', $9::jsonb, t.created_at FROM t
       )
       SELECT seq, number, created_at, updated_at FROM t`,
      [
        ticket.id,
        ticket.subject,
        ticket.description,
        ticket.status,
        ticket.priority,
        ticket.channel,
        ticket.requesterId,
        actor.id,
        JSON.stringify(created),
        ticket.organizationId,
        ticket.type,
        ticket.tier,
        ticket.teamId,
        ticket.tags,
        ticket.dueAt,
        ticket.followUpOfId,
        ticket.problemId,
        ticket.assigneeId,
        ticket.possibleDuplicateOfId,
        JSON.stringify(customFields),
      ],
    );
    Object.assign(ticket, { seq: row.seq, number: row.number, createdAt: row.created_at, updatedAt: row.updated_at });
    tx.emit<TicketCreatedV1>(EVENTS.ticket.created, ticket.id, { ticket: toTicketSnapshot(ticket), actorId: actor.id });
    if (routed) {
      await this.record(tx.manager, ticket.id, null, 'routed', [
        { field: 'teamId', from: null, to: routed.teamId, reason: routed.teamReason },
        { field: 'assigneeId', from: null, to: routed.agent.agentId, reason: routed.agent.reason, candidates: routed.agent.candidates },
      ]);
      if (ticket.assigneeId)
        tx.emit(EVENTS.ticket.assigned, ticket.id, { ticket: toTicketSnapshot(ticket), actorId: null, reason: routed.agent.reason });
    }
    if (duplicate && mergeIntoDuplicate) await this.mergeDuplicate(tx, ticket, duplicate);
    const view = await this.view(tx.manager, actor, ticket, requester);
    if (idempotencyKey) await this.idempotency.complete(tx.manager, scope, idempotencyKey, view);
    return { ticket: view, replayed: false };
  }

  async get(actor: Actor, idOrNumber: string): Promise<TicketView> {
    const ticket = await this.findVisible(this.dataSource.manager, actor, idOrNumber);
    const view = await this.view(this.dataSource.manager, actor, ticket, ticket.requester);
    return isStaff(actor) ? { ...view, presence: await this.presence.othersOn(ticket.id, actor.id) } : view;
  }

  /** The ticket, if the actor may see it (404 otherwise). */
  async visible(actor: Actor, idOrNumber: string): Promise<Ticket> {
    return this.findVisible(this.dataSource.manager, actor, idOrNumber);
  }

  /** The satisfaction survey of a ticket the caller can see. */
  async satisfactionSurvey(actor: Actor, idOrNumber: string): Promise<CsatSurveyView> {
    const ticket = await this.findVisible(this.dataSource.manager, actor, idOrNumber);
    return this.csat.forTicket(actor, ticket);
  }

  /** The same changes on up to 100 tickets, each in its own transaction, with a result per ticket. */
  async bulkUpdate({ actor, bulk }: BulkUpdateTicketsCommand): Promise<BulkUpdateResultView> {
    if (!isStaff(actor)) throw new DomainError(ErrorCode.Forbidden, 'Only staff change tickets');
    const results: BulkTicketResultView[] = [];
    for (const id of bulk.ids) {
      try {
        const ticket = await this.update({ actor, ticketId: id, changes: bulk.changes });
        results.push({ id, status: 200, ticket });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === ErrorCode.Internal) throw error;
        results.push({ id, status: ERROR_HTTP_STATUS[error.code], code: error.code, detail: error.message });
      }
    }
    const updated = results.filter((r) => r.status === 200).length;
    return { updated, failed: results.length - updated, results };
  }

  /** Newest first, or by relevance to `q`; the same query as the saved views (TicketSearch). */
  list({ actor, query: { limit, cursor, sort, ...filters } }: ListTicketsRequest): Promise<Page<TicketView>> {
    return this.search.page(actor, filters, { limit, cursor, sort });
  }

  async update(command: UpdateTicketCommand): Promise<TicketView> {
    if (!isStaff(command.actor)) throw new DomainError(ErrorCode.Forbidden, 'Only staff change tickets');
    return this.uow.run(async (tx) => (await this.updateWithin(tx, command)).view);
  }

  /**
   * Applies staff changes to a ticket inside the caller's transaction (an update, a macro with its
   * reply, or an SLA escalation). `system`: the change is the suite's own (history and events carry
   * no actor); the actor given then only decides what the change may see (pass an admin).
   */
  async updateWithin(
    tx: Transaction,
    { actor, ticketId, expectedVersion, changes: dto }: UpdateTicketCommand,
    options: { reason?: string; system?: boolean } = {},
  ): Promise<{ ticket: Ticket; view: TicketView; changes: FieldChange[] }> {
    const actorId = options.system ? null : actor.id;
    const ticket = await this.lockTicket(tx.manager, ticketId, actor);
    if (expectedVersion !== undefined && ticket.version !== expectedVersion) {
      throw new DomainError(ErrorCode.PreconditionFailed, `The ticket is at version ${ticket.version}, not ${expectedVersion}`, {
        currentVersion: ticket.version,
      });
    }
    if (ticket.status === TicketStatus.Closed) {
      throw new DomainError(ErrorCode.TicketClosed, `${ticket.number} is closed; open a follow-up ticket instead`);
    }
    const changes = diffFields(currentFields(ticket), requestedFields(dto, ticket.tags)).map((c) =>
      options.reason ? { ...c, reason: options.reason } : c,
    );
    if (changes.some((c) => c.field === 'status') && !canTransition(ticket.status, dto.status as TicketStatus)) {
      throw new DomainError(ErrorCode.InvalidTransition, `A ${ticket.status} ticket cannot become ${dto.status}`, {
        from: ticket.status,
        to: dto.status,
        allowed: allowedTransitions(ticket.status),
      });
    }
    const statusAfter = dto.status ?? ticket.status;
    const custom = await this.customFields.valuesForUpdate(
      tx.manager,
      actor,
      ticket.customFields,
      dto.customFields,
      statusAfter === TicketStatus.Solved && (statusAfter !== ticket.status || dto.customFields !== undefined),
    );
    if (dto.assigneeId) await this.assertAssignable(tx.manager, dto.assigneeId);
    if (dto.teamId) await this.assertTeam(tx.manager, dto.teamId);
    const requester = await tx.manager.findOneOrFail(User, { where: { id: ticket.requesterId } });
    changes.push(...custom.changes.map((c) => (options.reason ? { ...c, reason: options.reason } : c)));
    ticket.customFields = custom.values;
    if (!changes.length) return { ticket, changes, view: await this.view(tx.manager, actor, ticket, requester) };

    const previousStatus = ticket.status;
    for (const change of changes) {
      if (change.field.startsWith('customFields.')) continue;
      (ticket as unknown as Record<string, unknown>)[change.field] =
        change.field === 'dueAt' && change.to ? new Date(change.to as string) : change.to;
    }
    if (ticket.problemId && changes.some((c) => c.field === 'problemId' || c.field === 'type'))
      await this.assertProblemLink(tx.manager, ticket);
    await this.save(tx.manager, ticket, previousStatus);
    await this.record(tx.manager, ticket.id, actorId, 'updated', changes);
    this.emitUpdated(tx, ticket, actorId, changes, previousStatus);
    await this.csat.requestIfSolved(tx, ticket, previousStatus);
    if (
      dto.solveIncidents &&
      ticket.type === TicketType.Problem &&
      ticket.status === TicketStatus.Solved &&
      previousStatus !== TicketStatus.Solved
    ) {
      await this.solveIncidentsOf(tx, ticket, actor.id);
    }
    return { ticket, changes, view: await this.view(tx.manager, actor, ticket, requester) };
  }

  /**
   * Moves a ticket to another tier: a team of that tier is chosen by the routing rules (or the
   * first team of the tier), its strategy picks the agent, and the previous assignee follows the
   * ticket. Escalating up or down, the reason is kept in the history and in ticket.escalated.
   */
  async escalate({ actor, ticketId, escalation }: EscalateTicketCommand): Promise<TicketView> {
    if (!isStaff(actor)) throw new DomainError(ErrorCode.Forbidden, 'Only staff escalate tickets');
    return this.uow.run((tx) => this.escalateWithin(tx, { actor, ticketId, escalation }));
  }

  /** The tier escalation inside the caller's transaction; `system` as in updateWithin. */
  async escalateWithin(
    tx: Transaction,
    { actor, ticketId, escalation }: EscalateTicketCommand,
    options: { system?: boolean } = {},
  ): Promise<TicketView> {
    const actorId = options.system ? null : actor.id;
    const ticket = await this.lockTicket(tx.manager, ticketId, actor);
    if (ticket.status === TicketStatus.Closed) {
      throw new DomainError(ErrorCode.TicketClosed, `${ticket.number} is closed; open a follow-up ticket instead`);
    }
    const fromTier = ticket.tier;
    if (escalation.toTier === fromTier) {
      throw new DomainError(ErrorCode.UnprocessableEntity, `${ticket.number} is already at tier ${fromTier}`, {
        errors: [{ field: 'toTier', message: 'toTier must differ from the current tier' }],
      });
    }
    const routed = await this.routing.route(tx.manager, ticket, { tier: escalation.toTier });
    if (!routed) {
      throw new DomainError(ErrorCode.UnprocessableEntity, `No team works at tier ${escalation.toTier}`, {
        errors: [{ field: 'toTier', message: 'create a team of that tier first' }],
      });
    }
    const previous = { teamId: ticket.teamId, assigneeId: ticket.assigneeId };
    if (previous.assigneeId && !ticket.followerIds.includes(previous.assigneeId))
      ticket.followerIds = [...ticket.followerIds, previous.assigneeId];
    Object.assign(ticket, { tier: escalation.toTier, teamId: routed.teamId, assigneeId: routed.agent.agentId });
    await this.save(tx.manager, ticket, ticket.status);
    const action = escalation.toTier > fromTier ? 'escalated' : 'de-escalated';
    const changes: FieldChange[] = [
      { field: 'tier', from: fromTier, to: escalation.toTier, reason: escalation.reason },
      { field: 'teamId', from: previous.teamId, to: routed.teamId, reason: routed.teamReason },
      {
        field: 'assigneeId',
        from: previous.assigneeId,
        to: routed.agent.agentId,
        reason: routed.agent.reason,
        candidates: routed.agent.candidates,
      },
    ];
    if (previous.assigneeId)
      changes.push({ field: 'followerIds', from: null, to: previous.assigneeId, reason: 'the previous assignee follows the ticket' });
    await this.record(tx.manager, ticket.id, actorId, action, changes);
    const snapshot = toTicketSnapshot(ticket);
    tx.emit(EVENTS.ticket.escalated, ticket.id, {
      ticket: snapshot,
      actorId,
      fromTier,
      toTier: escalation.toTier,
      reason: escalation.reason,
    });
    this.emitUpdated(tx, ticket, actorId, changes, ticket.status);
    if (ticket.assigneeId && ticket.assigneeId !== previous.assigneeId) {
      tx.emit(EVENTS.ticket.assigned, ticket.id, { ticket: snapshot, actorId, reason: routed.agent.reason });
    }
    const requester = await tx.manager.findOneOrFail(User, { where: { id: ticket.requesterId } });
    return await this.view(tx.manager, actor, ticket, requester);
  }

  async addComment({ actor, ticketId, comment: dto, idempotencyKey }: AddCommentCommand): Promise<CommentView> {
    const isPublic = dto.public ?? true;
    if (!isPublic && !isStaff(actor)) throw new DomainError(ErrorCode.Forbidden, 'Customers cannot write internal notes');
    return this.uow.run(async (tx) => {
      const ticket = await this.findVisible(tx.manager, actor, ticketId);
      const scope = `ticket.comment.add:${actor.id}:${ticket.id}`;
      if (idempotencyKey) {
        const claim = await this.idempotency.claim<CommentView>(tx.manager, scope, idempotencyKey, dto);
        if (claim.replay) return claim.response;
      }
      if (ticket.status === TicketStatus.Closed) {
        throw new DomainError(ErrorCode.TicketClosed, `${ticket.number} is closed; open a follow-up ticket instead`);
      }
      const { comment, attachments } = await this.insertComment(
        tx,
        ticket,
        { authorId: actor.id, staff: isStaff(actor) },
        dto.body,
        isPublic,
        dto.attachmentIds ?? [],
      );
      if (isPublic && actor.id === ticket.requesterId && reopensOnRequesterReply(ticket.status)) {
        await this.reopenOnReply(tx, ticket, actor.id);
      }
      const view = toCommentView(comment, { id: actor.id, name: actor.name, email: actor.email }, attachments);
      if (idempotencyKey) await this.idempotency.complete(tx.manager, scope, idempotencyKey, view);
      return view;
    });
  }

  /**
   * A message that arrived on a channel, as a public reply by its sender on the conversation's
   * ticket, inside the caller's transaction: the same comment, history and event as the API's, and
   * the same rule that a requester's reply reopens a pending or solved ticket (`staff`: an agent
   * replying from their mailbox, as an agent). Answers the comment's id; null when the ticket is gone
   * or closed (the caller opens a new one).
   */
  async addChannelReply(
    tx: Transaction,
    ticketId: string,
    author: { id: string },
    body: string,
    { staff = false, attachmentIds = [], html = null }: { staff?: boolean; attachmentIds?: string[]; html?: string | null } = {},
  ): Promise<string | null> {
    const ticket = await tx.manager.findOne(Ticket, { where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
    if (!ticket || ticket.status === TicketStatus.Closed) return null;
    const { comment } = await this.insertComment(
      tx,
      ticket,
      { authorId: author.id, staff, fromChannel: true },
      body,
      true,
      attachmentIds,
      html,
    );
    if (author.id === ticket.requesterId && reopensOnRequesterReply(ticket.status)) await this.reopenOnReply(tx, ticket, author.id);
    return comment.id;
  }

  /**
   * The open ticket of the requester, within the window, that the new one repeats: the most recent
   * with the very same message, else the most recent with a similar subject.
   */
  private async findDuplicate(
    manager: EntityManager,
    requesterId: string,
    incoming: { subject: string; description: string },
  ): Promise<{ id: string; kind: DuplicateKind } | null> {
    if (this.config.duplicateWindowMinutes <= 0) return null;
    const recent = await sqlRows<{ id: string; subject: string; description: string }>(
      manager,
      `SELECT id, subject, description FROM "ticket"."tickets"
        WHERE requester_id = $1 AND status <> 'closed' AND created_at > now() - make_interval(mins => $2)
        ORDER BY seq DESC LIMIT 20`,
      [requesterId, this.config.duplicateWindowMinutes],
    );
    for (const kind of ['identical', 'similar'] as const) {
      const match = recent.find((earlier) => duplicateKind(incoming, earlier) === kind);
      if (match) return { id: match.id, kind };
    }
    return null;
  }

  /**
   * DUPLICATE_ACTION merges: the new ticket's message becomes the requester's reply on the ticket
   * it repeats (reopening it if it waited for them or was solved), and the new ticket closes with a
   * link to it. Routing is skipped for it. If the earlier ticket closed meanwhile, the flag stays.
   */
  private async mergeDuplicate(tx: Transaction, source: Ticket, duplicate: { id: string; kind: DuplicateKind }): Promise<void> {
    const target = await tx.manager.findOne(Ticket, { where: { id: duplicate.id }, lock: { mode: 'pessimistic_write' } });
    if (!target || target.status === TicketStatus.Closed) return;
    const reason = `merged automatically: ${duplicate.kind === 'identical' ? 'the same message' : 'a similar subject'} as ${target.number} within ${this.config.duplicateWindowMinutes} minutes`;
    await this.insertComment(tx, target, { authorId: source.requesterId, staff: false }, source.description, true);
    if (reopensOnRequesterReply(target.status)) await this.reopenOnReply(tx, target, source.requesterId);
    const previousStatus = source.status;
    Object.assign(source, { status: TicketStatus.Closed, mergedIntoId: target.id });
    await this.save(tx.manager, source, previousStatus);
    const changes = [
      { field: 'mergedIntoId', from: null, to: target.id, reason },
      { field: 'status', from: previousStatus, to: TicketStatus.Closed, reason },
    ];
    await this.record(tx.manager, source.id, null, 'merged', changes);
    this.emitUpdated(tx, source, null, changes, previousStatus);
    await this.record(tx.manager, target.id, null, 'merged', [{ field: 'mergedFrom', from: null, to: source.id, reason }]);
    tx.emit(EVENTS.ticket.merged, source.id, {
      sourceId: source.id,
      targetId: target.id,
      movedComments: 0,
      actorId: null,
      automatic: true,
    });
  }

  /** Adds a follower (a CC): staff or customers who should see the ticket and hear about it. */
  async addFollower({ actor, ticketId, userId }: FollowerCommand): Promise<TicketView> {
    return this.changeFollowers(actor, ticketId, userId, 'add');
  }

  async removeFollower({ actor, ticketId, userId }: FollowerCommand): Promise<TicketView> {
    return this.changeFollowers(actor, ticketId, userId, 'remove');
  }

  private async changeFollowers(actor: Actor, ticketId: string, userId: string, change: 'add' | 'remove'): Promise<TicketView> {
    if (!isStaff(actor)) throw new DomainError(ErrorCode.Forbidden, 'Only staff change who follows a ticket');
    return this.uow.run(async (tx) => {
      const ticket = await this.lockTicket(tx.manager, ticketId, actor);
      if (ticket.status === TicketStatus.Closed) throw new DomainError(ErrorCode.TicketClosed, `${ticket.number} is closed`);
      const requester = await tx.manager.findOneOrFail(User, { where: { id: ticket.requesterId } });
      const following = ticket.followerIds.includes(userId);
      if (change === 'add') {
        const user = await tx.manager.findOne(User, { where: { id: userId } });
        if (!user || !user.active) {
          throw new DomainError(ErrorCode.UnprocessableEntity, `User ${userId} cannot follow tickets`, {
            errors: [{ field: 'userId', message: 'userId must name an active user' }],
          });
        }
        if (following) return await this.view(tx.manager, actor, ticket, requester);
        ticket.followerIds = [...ticket.followerIds, userId];
      } else {
        if (!following) throw new DomainError(ErrorCode.NotFound, `User ${userId} does not follow ${ticket.number}`);
        ticket.followerIds = ticket.followerIds.filter((id) => id !== userId);
      }
      await this.save(tx.manager, ticket, ticket.status);
      const changes = [{ field: 'followerIds', from: change === 'add' ? null : userId, to: change === 'add' ? userId : null }];
      await this.record(tx.manager, ticket.id, actor.id, 'updated', changes);
      this.emitUpdated(tx, ticket, actor.id, changes, ticket.status);
      return await this.view(tx.manager, actor, ticket, requester);
    });
  }

  /** A comment with its history entry and its event. */
  async insertComment(
    tx: Transaction,
    ticket: Ticket,
    origin: CommentOrigin,
    body: string,
    isPublic: boolean,
    attachmentIds: string[] = [],
    html: string | null = null,
  ): Promise<{ comment: TicketComment; attachments: CommentAttachmentView[] }> {
    const authorId = origin.authorId;
    const authorRole = commentAuthorRole(origin, ticket);
    const firstResponse = isFirstResponse(authorRole, isPublic, ticket);
    const comment = Object.assign(new TicketComment(), {
      id: randomUUID(),
      ticketId: ticket.id,
      authorId,
      body,
      bodyHtml: html,
      public: isPublic,
      createdAt: new Date(),
    });
    await tx.manager.insert(TicketComment, comment);
    // Linked in the comment's transaction: its event names them (the channel sends them with the reply).
    const attachments = await this.attachments.linkToComment(tx.manager, {
      ticketId: ticket.id,
      commentId: comment.id,
      actorId: authorId,
      attachmentIds,
    });
    const changes: FieldChange[] = [{ field: isPublic ? 'publicReply' : 'internalNote', from: null, to: comment.id }];
    if (firstResponse) {
      // The comment does not change the ticket's version: an agent holding its ETag can still update it.
      await tx.manager.query(`UPDATE "ticket"."tickets" SET first_response_at = $2 WHERE id = $1`, [ticket.id, comment.createdAt]);
      ticket.firstResponseAt = comment.createdAt;
      changes.push({ field: 'firstResponseAt', from: null, to: comment.createdAt.toISOString() });
    }
    await this.record(tx.manager, ticket.id, authorId, 'comment_added', changes);
    tx.emit<TicketCommentAddedV1>(
      EVENTS.ticket.commentAdded,
      ticket.id,
      commentAddedEvent(ticket, comment, authorRole, firstResponse, attachments),
    );
    if (isPublic && authorRole === 'agent' && !origin.fromChannel) await this.requestChannelReply(tx, ticket, comment, attachments);
    return { comment, attachments };
  }

  /**
   * A public agent reply on a ticket that came in through a channel goes back out on it: the
   * conversation the ticket was last on gets a `channel.reply.requested`, committed with the comment.
   */
  private async requestChannelReply(
    tx: Transaction,
    ticket: Ticket,
    comment: TicketComment,
    attachments: CommentAttachmentView[],
  ): Promise<void> {
    const [conversation] = await sqlRows<{ channel_id: string; conversation_id: string; channel_type: ChannelType | null }>(
      tx.manager,
      `SELECT channel_id, conversation_id, channel_type FROM "ticket"."channel_conversations"
        WHERE ticket_id = $1 ORDER BY updated_at DESC, channel_id, conversation_id LIMIT 1`,
      [ticket.id],
    );
    if (!conversation) return;
    const people = await tx.manager.find(User, { where: { id: In([comment.authorId, ticket.requesterId]) } });
    const author = people.find((u) => u.id === comment.authorId);
    const requester = people.find((u) => u.id === ticket.requesterId);
    if (!requester) return;
    tx.emit<ChannelReplyRequestedV1>(EVENTS.channel.replyRequested, ticket.id, {
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      commentId: comment.id,
      channelId: conversation.channel_id,
      channelType: conversation.channel_type,
      conversationId: conversation.conversation_id,
      text: comment.body,
      html: comment.bodyHtml ?? null,
      author: { id: comment.authorId, name: author?.name ?? '' },
      requester: { id: requester.id, name: requester.name, email: requester.email, phone: requester.phone, locale: requester.locale },
      attachments: attachments.map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
      subject: ticket.subject,
      createdAt: comment.createdAt.toISOString(),
    });
  }

  /**
   * Merges a ticket into another: its conversation moves to the target, it closes with a link to
   * the target and a public notice to its requester (in their language), the target gets an
   * internal note, and a different requester follows the target from then on.
   */
  async merge({ actor, ticketId, merge }: MergeTicketCommand): Promise<MergeResultView> {
    if (!isStaff(actor)) throw new DomainError(ErrorCode.Forbidden, 'Only staff merge tickets');
    return this.uow.run(async (tx) => {
      const source = await this.lockTicket(tx.manager, ticketId, actor);
      const target = await this.lockTicket(tx.manager, merge.into, actor).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === ErrorCode.NotFound) throw mergeError(`Ticket ${merge.into} does not exist`);
        throw error;
      });
      if (source.id === target.id) throw mergeError('A ticket cannot be merged into itself');
      if (source.status === TicketStatus.Closed)
        throw new DomainError(ErrorCode.TicketClosed, `${source.number} is closed and cannot be merged`);
      if (target.status === TicketStatus.Closed) throw mergeError(`${target.number} is closed: merge into an open ticket`);

      const moved = await sqlRows(tx.manager, `UPDATE "ticket"."ticket_comments" SET ticket_id = $2 WHERE ticket_id = $1 RETURNING id`, [
        source.id,
        target.id,
      ]);
      const movedAttachments = await this.attachments.moveToTicket(tx.manager, source.id, target.id);
      const sourceRequester = await tx.manager.findOneOrFail(User, { where: { id: source.requesterId } });
      await this.insertComment(
        tx,
        source,
        { authorId: actor.id, staff: true, automatic: true },
        mergedNotice(sourceRequester.locale, target.number),
        true,
      );

      const sourceStatus = source.status;
      Object.assign(source, { status: TicketStatus.Closed, mergedIntoId: target.id });
      await this.save(tx.manager, source, sourceStatus);
      const sourceChanges = [
        { field: 'mergedIntoId', from: null, to: target.id },
        { field: 'status', from: sourceStatus, to: TicketStatus.Closed, reason: `merged into ${target.number}` },
      ];
      await this.record(tx.manager, source.id, actor.id, 'merged', sourceChanges);
      this.emitUpdated(tx, source, actor.id, sourceChanges, sourceStatus);

      await this.insertComment(
        tx,
        target,
        { authorId: actor.id, staff: true, automatic: true },
        mergedIntoNote(source.number, moved.length, merge.note),
        false,
      );
      const targetChanges: FieldChange[] = [{ field: 'mergedFrom', from: null, to: source.id, reason: `${moved.length} comment(s) moved` }];
      if (source.requesterId !== target.requesterId && !target.followerIds.includes(source.requesterId)) {
        target.followerIds = [...target.followerIds, source.requesterId];
        targetChanges.push({ field: 'followerIds', from: null, to: source.requesterId, reason: `requester of ${source.number}` });
      }
      await this.save(tx.manager, target, target.status);
      await this.record(tx.manager, target.id, actor.id, 'merged', targetChanges);
      this.emitUpdated(tx, target, actor.id, targetChanges, target.status);
      tx.emit(EVENTS.ticket.merged, source.id, {
        sourceId: source.id,
        targetId: target.id,
        movedComments: moved.length,
        actorId: actor.id,
      });

      const targetRequester = await tx.manager.findOneOrFail(User, { where: { id: target.requesterId } });
      return {
        source: await this.view(tx.manager, actor, source, sourceRequester),
        target: await this.view(tx.manager, actor, target, targetRequester),
        movedComments: moved.length,
        movedAttachments,
      };
    });
  }

  /** Comments oldest first; customers see public replies only. */
  async listComments(actor: Actor, ticketId: string): Promise<CommentView[]> {
    const ticket = await this.findVisible(this.dataSource.manager, actor, ticketId);
    const qb = this.dataSource.manager
      .createQueryBuilder(TicketComment, 'c')
      .innerJoinAndSelect('c.author', 'a')
      .where('c.ticketId = :id', { id: ticket.id })
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (!isStaff(actor)) qb.andWhere('c.public = true');
    const comments = await qb.getMany();
    const attachments = await this.attachments.forComments(
      this.dataSource.manager,
      comments.map((c) => c.id),
    );
    return comments.map((c) => toCommentView(c, toUserRef(c.author as User), attachments.get(c.id)));
  }

  /** Every change, oldest first (staff only). */
  async history(actor: Actor, ticketId: string): Promise<HistoryEntryView[]> {
    if (!isStaff(actor)) throw new DomainError(ErrorCode.Forbidden, 'Only staff read ticket history');
    const ticket = await this.findVisible(this.dataSource.manager, actor, ticketId);
    const entries = await this.dataSource.manager
      .createQueryBuilder(TicketHistory, 'h')
      .leftJoinAndSelect('h.actor', 'a')
      .where('h.ticketId = :id', { id: ticket.id })
      .orderBy('h.id', 'ASC')
      .getMany();
    return entries.map(toHistoryView);
  }

  /** The ticket as the actor may see it (custom fields filtered for customers). */
  private async view(
    manager: EntityManager,
    actor: Actor,
    ticket: Ticket,
    requester: Pick<User, 'id' | 'name' | 'email'>,
  ): Promise<TicketView> {
    return toTicketView(ticket, toUserRef(requester), await this.customFields.visibleTo(manager, actor, ticket.customFields), {
      staff: isStaff(actor),
    });
  }

  private emitUpdated(tx: Transaction, ticket: Ticket, actorId: string | null, changes: FieldChange[], previousStatus: TicketStatus): void {
    const snapshot = toTicketSnapshot(ticket);
    tx.emit<TicketUpdatedV1>(EVENTS.ticket.updated, ticket.id, { ticket: snapshot, actorId, changes });
    if (ticket.status === previousStatus) return;
    if (ticket.status === TicketStatus.Solved) tx.emit(EVENTS.ticket.solved, ticket.id, { ticket: snapshot, actorId });
    if (previousStatus === TicketStatus.Solved && ticket.status === TicketStatus.Open) {
      tx.emit(EVENTS.ticket.reopened, ticket.id, { ticket: snapshot, actorId });
    }
  }

  /**
   * Closes tickets solved at least `afterMinutes` ago, a batch at a time. Rows are claimed with
   * FOR UPDATE SKIP LOCKED, so replicas running the same job never close a ticket twice.
   * Returns how many were closed.
   */
  async closeSolvedTickets(afterMinutes: number, batch = 100): Promise<number> {
    return this.uow.run(async (tx) => {
      const due = await sqlRows<{ id: string }>(
        tx.manager,
        `SELECT id FROM "ticket"."tickets"
          WHERE status = 'solved' AND solved_at <= now() - make_interval(mins => $1)
          ORDER BY solved_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [afterMinutes, batch],
      );
      for (const { id } of due) {
        const ticket = await tx.manager.findOneByOrFail(Ticket, { id });
        ticket.status = TicketStatus.Closed;
        await this.save(tx.manager, ticket, TicketStatus.Solved);
        const changes = [
          { field: 'status', from: TicketStatus.Solved, to: TicketStatus.Closed, reason: 'closed automatically after being solved' },
        ];
        await this.record(tx.manager, ticket.id, null, 'updated', changes);
        this.emitUpdated(tx, ticket, null, changes, TicketStatus.Solved);
      }
      return due.length;
    });
  }

  /** A solved problem solves its incidents that are not solved yet, each with the reason in its history. */
  private async solveIncidentsOf(tx: Transaction, problem: Ticket, actorId: string): Promise<void> {
    const incidents = await tx.manager
      .createQueryBuilder(Ticket, 't')
      .where('t.problemId = :id', { id: problem.id })
      .andWhere('t.status NOT IN (:...done)', { done: [TicketStatus.Solved, TicketStatus.Closed] })
      .orderBy('t.seq', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    for (const incident of incidents) {
      const previousStatus = incident.status;
      incident.status = TicketStatus.Solved;
      await this.save(tx.manager, incident, previousStatus);
      const changes = [
        { field: 'status', from: previousStatus, to: TicketStatus.Solved, reason: `its problem ${problem.number} was solved` },
      ];
      await this.record(tx.manager, incident.id, actorId, 'updated', changes);
      this.emitUpdated(tx, incident, actorId, changes, previousStatus);
      await this.csat.requestIfSolved(tx, incident, previousStatus);
    }
  }

  private async assertProblemLink(manager: EntityManager, ticket: Ticket): Promise<void> {
    const problem = ticket.problemId ? await manager.findOne(Ticket, { where: { id: ticket.problemId }, select: ['id', 'type'] }) : null;
    const error = problemLinkError(ticket, problem);
    if (error) throw new DomainError(ErrorCode.UnprocessableEntity, error, { errors: [{ field: 'problemId', message: error }] });
  }

  /** Writes a ticket's changeable fields, its lifecycle timestamps and a new version. */
  private async save(manager: EntityManager, ticket: Ticket, previousStatus: TicketStatus): Promise<void> {
    Object.assign(ticket, lifecycleTimestamps(previousStatus, ticket.status, new Date(), ticket));
    const [row] = await sqlRows<{ version: number; updated_at: Date }>(
      manager,
      `UPDATE "ticket"."tickets" SET subject = $2, description = $3, status = $4, priority = $5, assignee_id = $6,
              type = $7, tier = $8, team_id = $9, tags = $10, due_at = $11, solved_at = $12, closed_at = $13, problem_id = $14, follower_ids = $15, merged_into_id = $16, custom_fields = $17::jsonb,
              version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING version, updated_at`,
      [
        ticket.id,
        ticket.subject,
        ticket.description,
        ticket.status,
        ticket.priority,
        ticket.assigneeId,
        ticket.type,
        ticket.tier,
        ticket.teamId,
        ticket.tags,
        ticket.dueAt,
        ticket.solvedAt,
        ticket.closedAt,
        ticket.problemId,
        ticket.followerIds,
        ticket.mergedIntoId ?? null,
        JSON.stringify(ticket.customFields ?? {}),
      ],
    );
    ticket.version = row.version;
    ticket.updatedAt = row.updated_at;
  }

  /** The requester answered a ticket that waited for them (or was solved): it is open again. */
  private async reopenOnReply(tx: Transaction, ticket: Ticket, requesterId: string): Promise<void> {
    const previousStatus = ticket.status;
    ticket.status = TicketStatus.Open;
    await this.save(tx.manager, ticket, previousStatus);
    const changes = [{ field: 'status', from: previousStatus, to: TicketStatus.Open, reason: 'the requester replied' }];
    await this.record(tx.manager, ticket.id, requesterId, 'updated', changes);
    this.emitUpdated(tx, ticket, requesterId, changes, previousStatus);
  }

  private async assertTeam(manager: EntityManager, teamId: string): Promise<void> {
    const rows = await sqlRows(manager, `SELECT 1 FROM "ticket"."teams" WHERE id = $1`, [teamId]);
    if (!rows.length) {
      throw new DomainError(ErrorCode.UnprocessableEntity, `Team ${teamId} does not exist`, {
        errors: [{ field: 'teamId', message: 'teamId must name an existing team' }],
      });
    }
  }

  /** The ticket a follow-up refers to: visible to the caller and closed (open tickets take a reply instead). */
  private async closedTicketToFollow(manager: EntityManager, actor: Actor, ref: string): Promise<string> {
    const original = await this.findVisible(manager, actor, ref).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) {
        throw new DomainError(ErrorCode.UnprocessableEntity, `Ticket ${ref} cannot be followed up`, {
          errors: [{ field: 'followUpOf', message: 'followUpOf must name a ticket you can see' }],
        });
      }
      throw error;
    });
    if (original.status !== TicketStatus.Closed) {
      throw new DomainError(ErrorCode.UnprocessableEntity, `${original.number} is not closed: reply to it instead`, {
        errors: [{ field: 'followUpOf', message: 'only closed tickets take follow-ups' }],
      });
    }
    return original.id;
  }

  /** Adds an entry to a ticket's history (who: null for the suite itself). */
  async record(
    manager: EntityManager,
    ticketId: string,
    actorId: string | null,
    action: HistoryAction,
    changes: FieldChange[],
  ): Promise<void> {
    await manager.query(`INSERT INTO "ticket"."ticket_history" (ticket_id, actor_id, action, changes) VALUES ($1, $2, $3, $4::jsonb)`, [
      ticketId,
      actorId,
      action,
      JSON.stringify(changes),
    ]);
  }

  private async assertAssignable(manager: EntityManager, assigneeId: string): Promise<void> {
    const assignee = await manager.findOne(User, { where: { id: assigneeId } });
    if (!assignee || !assignee.active || assignee.role === Role.Customer) {
      throw new DomainError(ErrorCode.UnprocessableEntity, `User ${assigneeId} is not an active agent`, {
        errors: [{ field: 'assigneeId', message: 'assigneeId must be an active agent, supervisor or admin' }],
      });
    }
  }

  /** The ticket by id or number, if the actor may see it; otherwise 404 (a customer never learns it exists). */
  private async findVisible(manager: EntityManager, actor: Actor, idOrNumber: string): Promise<TicketWithRequester> {
    const ref = parseTicketRef(idOrNumber);
    if (ref.kind === 'invalid') throw DomainError.notFound('Ticket', idOrNumber);
    const ticket = (await manager.findOne(Ticket, {
      where: ref.kind === 'id' ? { id: ref.id } : { number: ref.number },
      relations: { requester: true },
    })) as TicketWithRequester | null;
    if (!ticket || !(await this.mayAccess(manager, actor, ticket))) throw DomainError.notFound('Ticket', idOrNumber);
    return ticket;
  }

  /** Whether the actor may see the ticket; what they may not see answers 404, so a guessed id reveals nothing. */
  private async mayAccess(manager: EntityManager, actor: Actor, ticket: Ticket): Promise<boolean> {
    if (isStaff(actor)) return staffMaySee(await this.scopes.staff(manager, actor), ticket);
    return this.customerMaySee(manager, actor, ticket);
  }

  /** A customer sees their own tickets, and their organization's when it shares tickets. */
  private async customerMaySee(manager: EntityManager, actor: Actor, ticket: Ticket): Promise<boolean> {
    if (ticket.requesterId === actor.id || ticket.followerIds.includes(actor.id)) return true;
    if (!ticket.organizationId) return false;
    const scope = await this.scopes.customer(manager, actor);
    return scope.sharedOrganizationId === ticket.organizationId;
  }

  /** The ticket, locked for update, if the actor may see it (404 otherwise). */
  private async lockTicket(manager: EntityManager, idOrNumber: string, actor: Actor): Promise<Ticket> {
    const ref = parseTicketRef(idOrNumber);
    if (ref.kind === 'invalid') throw DomainError.notFound('Ticket', idOrNumber);
    const ticket = await manager.findOne(Ticket, {
      where: ref.kind === 'id' ? { id: ref.id } : { number: ref.number },
      lock: { mode: 'pessimistic_write' },
    });
    if (!ticket || !(await this.mayAccess(manager, actor, ticket))) throw DomainError.notFound('Ticket', idOrNumber);
    return ticket;
  }
}

function mergeError(message: string): DomainError {
  return new DomainError(ErrorCode.UnprocessableEntity, message, { errors: [{ field: 'into', message }] });
}
