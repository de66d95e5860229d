import { randomBytes, randomUUID } from 'node:crypto';
import {
  Actor,
  CsatRating,
  CsatRequestedV1,
  CsatSurveyView,
  ErrorCode,
  EVENTS,
  RateDto,
  SatisfactionView,
  TicketStatus,
} from '@helpdesk/contracts';
import { DomainError, sqlRows, Transaction, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { Ticket } from './ticket.entity';

interface SurveyRow {
  id: string;
  ticket_id: string;
  token: string;
  expires_at: Date;
  superseded_at: Date | null;
  rating: CsatRating | null;
  comment: string | null;
  rated_at: Date | null;
  requester_id: string;
}

/** Where a survey stands at `now`. */
export function surveyState(
  survey: Pick<SurveyRow, 'rated_at' | 'superseded_at' | 'expires_at'> | undefined,
  now: Date,
): CsatSurveyView['state'] {
  if (!survey) return 'none';
  if (survey.rated_at) return 'rated';
  if (survey.superseded_at || survey.expires_at <= now) return 'expired';
  return 'pending';
}

/**
 * Customer satisfaction: each time a ticket is solved a survey is issued with a secret, single-use,
 * expiring token (sent to the requester by the channel that answers them, from csat.requested);
 * the answer is recorded on the ticket and emitted as csat.received. A newer solve supersedes an
 * unanswered survey. The token only lets its holder rate that one ticket, so it is stored as is
 * and shown to the requester in the portal as well.
 */
@Injectable()
export class CsatService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {}

  /** Issues a survey when a ticket has just been solved. */
  async requestIfSolved(tx: Transaction, ticket: Ticket, previousStatus: TicketStatus): Promise<void> {
    if (ticket.status !== TicketStatus.Solved || previousStatus === TicketStatus.Solved) return;
    await tx.manager.query(
      `UPDATE "ticket"."csat_surveys" SET superseded_at = now() WHERE ticket_id = $1 AND rated_at IS NULL AND superseded_at IS NULL`,
      [ticket.id],
    );
    const token = randomBytes(24).toString('base64url');
    const [survey] = await sqlRows<{ expires_at: Date }>(
      tx.manager,
      `INSERT INTO "ticket"."csat_surveys" (id, ticket_id, token, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING expires_at`,
      [randomUUID(), ticket.id, token, this.config.csatSurveyTtlSeconds],
    );
    const [requester] = await sqlRows<{ id: string; email: string; name: string; locale: string }>(
      tx.manager,
      `SELECT id, email, name, locale FROM "ticket"."users" WHERE id = $1`,
      [ticket.requesterId],
    );
    tx.emit<CsatRequestedV1>(EVENTS.csat.requested, ticket.id, {
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      requesterId: ticket.requesterId,
      token,
      expiresAt: survey.expires_at.toISOString(),
      subject: ticket.subject,
      requester,
    });
  }

  /** Records an answer (public: the token is the credential). */
  async rate(token: string, answer: RateDto): Promise<SatisfactionView> {
    return this.uow.run(async (tx) => {
      const [survey] = await sqlRows<SurveyRow>(
        tx.manager,
        `SELECT s.*, t.requester_id FROM "ticket"."csat_surveys" s JOIN "ticket"."tickets" t ON t.id = s.ticket_id
          WHERE s.token = $1 FOR UPDATE OF s`,
        [token],
      );
      if (!survey) throw new DomainError(ErrorCode.NotFound, 'No survey has this token');
      const state = surveyState(survey, new Date());
      if (state === 'rated') throw new DomainError(ErrorCode.SurveyAnswered, 'This survey was already answered');
      if (state === 'expired') throw new DomainError(ErrorCode.SurveyExpired, 'This survey has expired');
      const comment = answer.comment?.trim() || null;
      const [rated] = await sqlRows<{ rated_at: Date }>(
        tx.manager,
        `UPDATE "ticket"."csat_surveys" SET rating = $2, comment = $3, rated_at = now() WHERE id = $1 RETURNING rated_at`,
        [survey.id, answer.rating, comment],
      );
      await tx.manager.query(
        `UPDATE "ticket"."tickets" SET csat_rating = $2, csat_comment = $3, csat_rated_at = $4, version = version + 1, updated_at = now() WHERE id = $1`,
        [survey.ticket_id, answer.rating, comment, rated.rated_at],
      );
      await tx.manager.query(
        `INSERT INTO "ticket"."ticket_history" (ticket_id, actor_id, action, changes) VALUES ($1, $2, 'rated', $3::jsonb)`,
        [survey.ticket_id, survey.requester_id, JSON.stringify([{ field: 'satisfaction', from: null, to: answer.rating }])],
      );
      tx.emit(EVENTS.csat.received, survey.ticket_id, {
        ticketId: survey.ticket_id,
        requesterId: survey.requester_id,
        rating: answer.rating,
        comment,
        ratedAt: rated.rated_at.toISOString(),
      });
      return { rating: answer.rating, comment, ratedAt: rated.rated_at.toISOString() };
    });
  }

  /** The latest survey of a ticket the caller may see; its token only for the requester. */
  async forTicket(actor: Actor, ticket: Ticket): Promise<CsatSurveyView> {
    const [survey] = await sqlRows<SurveyRow>(
      this.dataSource,
      `SELECT s.*, $2::uuid AS requester_id FROM "ticket"."csat_surveys" s WHERE s.ticket_id = $1 ORDER BY s.requested_at DESC LIMIT 1`,
      [ticket.id, ticket.requesterId],
    );
    const state = surveyState(survey, new Date());
    const view: CsatSurveyView = { state };
    if (!survey) return view;
    view.expiresAt = survey.expires_at.toISOString();
    if (state === 'pending' && actor.id === ticket.requesterId) view.token = survey.token;
    if (survey.rating && survey.rated_at)
      view.satisfaction = { rating: survey.rating, comment: survey.comment, ratedAt: survey.rated_at.toISOString() };
    return view;
  }
}
