import {
  AddCommentCommand,
  BulkUpdateResultView,
  BulkUpdateTicketsCommand,
  CsatQuery,
  FollowerCommand,
  MergeResultView,
  MergeTicketCommand,
  CsatSurveyView,
  RateCommand,
  SatisfactionView,
  PresenceCommand,
  PresenceView,
  CommentView,
  CreateTicketCommand,
  CreateTicketReply,
  EscalateTicketCommand,
  HistoryEntryView,
  ListTicketsRequest,
  Page,
  SUBJECTS,
  TicketRefCommand,
  TicketView,
  UpdateTicketCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CsatService } from './csat.service';
import { PresenceService } from './presence.service';
import { TicketsService } from './tickets.service';

/** ticket.* requests: validated by the global pipe, handled by TicketsService. */
@Controller()
export class TicketsHandler {
  constructor(
    private readonly tickets: TicketsService,
    private readonly presence: PresenceService,
    private readonly csat: CsatService,
  ) {}

  @MessagePattern(SUBJECTS.ticket.create)
  create(@Payload() command: CreateTicketCommand): Promise<CreateTicketReply<TicketView>> {
    return this.tickets.create(command);
  }

  @MessagePattern(SUBJECTS.ticket.get)
  get(@Payload() { actor, ticketId }: TicketRefCommand): Promise<TicketView> {
    return this.tickets.get(actor, ticketId);
  }

  @MessagePattern(SUBJECTS.ticket.list)
  list(@Payload() request: ListTicketsRequest): Promise<Page<TicketView>> {
    return this.tickets.list(request);
  }

  @MessagePattern(SUBJECTS.ticket.update)
  update(@Payload() command: UpdateTicketCommand): Promise<TicketView> {
    return this.tickets.update(command);
  }

  @MessagePattern(SUBJECTS.ticket.bulkUpdate)
  bulkUpdate(@Payload() command: BulkUpdateTicketsCommand): Promise<BulkUpdateResultView> {
    return this.tickets.bulkUpdate(command);
  }

  @MessagePattern(SUBJECTS.ticket.presenceSet)
  setPresence(@Payload() { actor, ticketId, presence }: PresenceCommand): Promise<PresenceView[]> {
    return this.presence.set(actor, ticketId, presence.state);
  }

  @MessagePattern(SUBJECTS.ticket.presenceClear)
  async clearPresence(@Payload() { actor, ticketId }: TicketRefCommand): Promise<{ cleared: true }> {
    await this.presence.clear(actor, ticketId);
    return { cleared: true };
  }

  @MessagePattern(SUBJECTS.ticket.csatGet)
  survey(@Payload() { actor, ticketId }: CsatQuery): Promise<CsatSurveyView> {
    return this.tickets.satisfactionSurvey(actor, ticketId);
  }

  @MessagePattern(SUBJECTS.ticket.csatRate)
  rate(@Payload() { token, rating }: RateCommand): Promise<SatisfactionView> {
    return this.csat.rate(token, rating);
  }

  @MessagePattern(SUBJECTS.ticket.followerAdd)
  addFollower(@Payload() command: FollowerCommand): Promise<TicketView> {
    return this.tickets.addFollower(command);
  }

  @MessagePattern(SUBJECTS.ticket.followerRemove)
  removeFollower(@Payload() command: FollowerCommand): Promise<TicketView> {
    return this.tickets.removeFollower(command);
  }

  @MessagePattern(SUBJECTS.ticket.merge)
  merge(@Payload() command: MergeTicketCommand): Promise<MergeResultView> {
    return this.tickets.merge(command);
  }

  @MessagePattern(SUBJECTS.ticket.escalate)
  escalate(@Payload() command: EscalateTicketCommand): Promise<TicketView> {
    return this.tickets.escalate(command);
  }

  @MessagePattern(SUBJECTS.ticket.history)
  history(@Payload() { actor, ticketId }: TicketRefCommand): Promise<HistoryEntryView[]> {
    return this.tickets.history(actor, ticketId);
  }

  @MessagePattern(SUBJECTS.ticket.commentAdd)
  addComment(@Payload() command: AddCommentCommand): Promise<CommentView> {
    return this.tickets.addComment(command);
  }

  @MessagePattern(SUBJECTS.ticket.commentList)
  listComments(@Payload() { actor, ticketId }: TicketRefCommand): Promise<CommentView[]> {
    return this.tickets.listComments(actor, ticketId);
  }
}
