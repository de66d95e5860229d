import {
  Actor,
  CaptureKbArticleDto,
  CommentView,
  DEFAULT_PAGE_SIZE,
  KbArticleView,
  KbCaptureProposalListQuery,
  KbCaptureProposalPageView,
  KbCaptureProposalView,
  KbCaptureState,
  KbVisibility,
  parseTicketRef,
  Role,
  TicketSnapshotV1,
  TicketStatus,
} from '@helpdesk/contracts';
import { currentTime, DomainError, sqlRows, Transaction, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { canWrite } from '../access/article-access';
import { ArticlesService } from '../articles/articles.service';
import { keysetAfter, keysetPage } from '../articles/list-cursor';
import { conflict, forbidden, invalid, unprocessable } from '../common/kb-errors';
import { TicketsClient } from '../common/tickets-client';
import { KB_SERVICE_CONFIG, KbServiceConfig } from '../config/kb-service.config';
import { captureDraft, captureLocale, pickSolvingReply, replyText } from './capture-draft';

interface ProposalRow {
  ticket_id: string;
  ticket_number: string;
  subject: string;
  solved_at: Date;
  solved_by: string | null;
  state: KbCaptureState;
  article_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const PROPOSAL_COLUMNS = `p.ticket_id, p.ticket_number, p.subject, p.solved_at, p.solved_by, p.state, p.article_id, p.created_at, p.updated_at`;
const CAPTURABLE = new Set<string>([TicketStatus.Solved, TicketStatus.Closed]);

/**
 * Knowledge capture: every solved ticket without a linked or captured article becomes a proposal;
 * staff turn one into a draft (title from the subject, body from the reply that solved it, a note
 * and the source-ticket fields pointing back) or dismiss it.
 *
 * A re-solve (after a reopen) refreshes the proposal's subject and solve time but keeps its state:
 * a dismissed proposal stays dismissed, a drafted one drafted.
 */
@Injectable()
export class CaptureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly articles: ArticlesService,
    private readonly tickets: TicketsClient,
    @Inject(KB_SERVICE_CONFIG) private readonly config: KbServiceConfig,
  ) {}

  /** From a `ticket.solved` event, inside the inbox's transaction. */
  async propose(tx: Transaction, ticket: TicketSnapshotV1, solvedBy: string | null): Promise<void> {
    const [covered] = await sqlRows<{ covered: boolean }>(
      tx.manager,
      `SELECT EXISTS (SELECT 1 FROM "kb"."ticket_links" WHERE ticket_id = $1)
           OR EXISTS (SELECT 1 FROM "kb"."articles" WHERE source_ticket_id = $1 AND deleted_at IS NULL) AS covered`,
      [ticket.id],
    );
    if (covered?.covered) return;
    await tx.manager.query(
      `INSERT INTO "kb"."capture_proposals" (ticket_id, ticket_number, subject, solved_at, solved_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO UPDATE
         SET subject = EXCLUDED.subject,
             ticket_number = EXCLUDED.ticket_number,
             solved_by = CASE WHEN EXCLUDED.solved_at >= "capture_proposals".solved_at THEN EXCLUDED.solved_by ELSE "capture_proposals".solved_by END,
             solved_at = GREATEST("capture_proposals".solved_at, EXCLUDED.solved_at),
             updated_at = now()`,
      [ticket.id, ticket.number, ticket.subject, new Date(ticket.updatedAt), solvedBy],
    );
  }

  /** Proposals in a state, latest solve first; open ones leave out tickets that got a linked article since. */
  async list(actor: Actor | null, query: KbCaptureProposalListQuery): Promise<KbCaptureProposalPageView> {
    if (!canWrite(actor)) throw forbidden('Only staff see capture proposals');
    const state = query.state ?? KbCaptureState.Open;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [state];
    const where = ['p.state = $1'];
    if (state === KbCaptureState.Open) where.push(`NOT EXISTS (SELECT 1 FROM "kb"."ticket_links" l WHERE l.ticket_id = p.ticket_id)`);
    const after = keysetAfter(query.cursor, params, 'p.solved_at', 'p.ticket_id');
    if (after) where.push(after);
    params.push(limit + 1);
    const rows = await sqlRows<ProposalRow>(
      this.dataSource,
      `SELECT ${PROPOSAL_COLUMNS} FROM "kb"."capture_proposals" p WHERE ${where.join(' AND ')}
        ORDER BY p.solved_at DESC, p.ticket_id DESC LIMIT $${params.length}`,
      params,
    );
    return keysetPage(rows, limit, (row) => ({ time: row.solved_at, id: row.ticket_id }), toProposalView);
  }

  /** Nothing worth an article; dismissing again changes nothing, a drafted proposal cannot be dismissed (409). */
  async dismiss(actor: Actor | null, ticketRef: string): Promise<KbCaptureProposalView> {
    if (!canWrite(actor)) throw forbidden('Only staff dismiss capture proposals');
    const ref = parseTicketRef(ticketRef);
    if (ref.kind === 'invalid') throw invalid('ticketId', 'ticketId must be a ticket uuid or a ticket number like HD-000123');
    return this.uow.run(async ({ manager }) => {
      const [row] = await sqlRows<ProposalRow>(
        manager,
        `SELECT ${PROPOSAL_COLUMNS} FROM "kb"."capture_proposals" p
          WHERE ${ref.kind === 'id' ? 'p.ticket_id = $1::uuid' : 'p.ticket_number = $1::text'} FOR UPDATE`,
        [ref.kind === 'id' ? ref.id : ref.number],
      );
      if (!row) throw DomainError.notFound('Capture proposal', ticketRef);
      if (row.state === KbCaptureState.Drafted) {
        throw conflict(`An article was already captured from ${row.ticket_number}`, { articleId: row.article_id });
      }
      if (row.state === KbCaptureState.Dismissed) return toProposalView(row);
      const [updated] = await sqlRows<ProposalRow>(
        manager,
        `UPDATE "kb"."capture_proposals" p SET state = 'dismissed', updated_at = now() WHERE p.ticket_id = $1 RETURNING ${PROPOSAL_COLUMNS}`,
        [row.ticket_id],
      );
      return toProposalView(updated);
    });
  }

  /**
   * A draft from a solved (or closed) ticket the caller may see. Ticket, comments and people are
   * read over the bus first; the article is written afterwards, then the proposal marked drafted.
   */
  async fromTicket(actor: Actor | null, ticketRef: string, options: CaptureKbArticleDto): Promise<KbArticleView> {
    if (!canWrite(actor)) throw forbidden('Only staff capture articles from tickets');
    const ticket = await this.tickets.get(actor, ticketRef);
    if (!CAPTURABLE.has(ticket.status)) {
      throw unprocessable(`Ticket ${ticket.number} is ${ticket.status}: only a solved or closed ticket can be captured`, [
        { field: 'ticketId', message: 'the ticket must be solved or closed' },
      ]);
    }
    await this.assertNotCaptured(this.dataSource.manager, ticket.id, ticket.number);
    const comments = await this.tickets.comments(actor, ticket.id);
    const people = await this.tickets.users(actor, [ticket.requester.id, ...comments.filter((c) => c.public).map((c) => c.author.id)]);
    const isStaff = (id: string) => {
      const role = people.get(id)?.role;
      return role !== undefined && role !== Role.Customer;
    };
    const withText = comments.map((c) => ({ ...toCandidate(c), text: replyText(c) })).filter((c) => c.text !== '');
    const reply = pickSolvingReply(withText, isStaff, ticket.solvedAt);
    if (!reply) {
      throw unprocessable('The ticket has no public agent reply to capture', [
        { field: 'ticketId', message: 'the ticket has no public agent reply to capture' },
      ]);
    }
    const locale = captureLocale(options.locale, people.get(ticket.requester.id)?.locale ?? null, this.config.locales);
    const draft = captureDraft({ subject: ticket.subject, ticketNumber: ticket.number, reply: reply.text, locale });
    let article: KbArticleView;
    try {
      article = await this.articles.create(
        actor,
        { ...draft, locale, visibility: options.visibility ?? KbVisibility.Internal },
        undefined,
        { ticketId: ticket.id, ticketNumber: ticket.number },
      );
    } catch (error) {
      // Two captures of one ticket at once: the unique index lets one through.
      if (isUniqueViolation(error)) await this.assertNotCaptured(this.dataSource.manager, ticket.id, ticket.number);
      throw error;
    }
    await this.uow.run(async ({ manager }) => {
      await manager.query(
        `INSERT INTO "kb"."capture_proposals" (ticket_id, ticket_number, subject, solved_at, solved_by, state, article_id)
         VALUES ($1, $2, $3, $4, NULL, 'drafted', $5)
         ON CONFLICT (ticket_id) DO UPDATE SET state = 'drafted', article_id = EXCLUDED.article_id, updated_at = now()`,
        [ticket.id, ticket.number, ticket.subject, ticket.solvedAt ? new Date(ticket.solvedAt) : currentTime(), article.id],
      );
    });
    return article;
  }

  private async assertNotCaptured(manager: EntityManager, ticketId: string, ticketNumber: string): Promise<void> {
    const [existing] = await sqlRows<{ id: string }>(
      manager,
      `SELECT id FROM "kb"."articles" WHERE source_ticket_id = $1 AND deleted_at IS NULL`,
      [ticketId],
    );
    if (existing) throw conflict(`An article was already captured from ${ticketNumber}`, { articleId: existing.id });
  }
}

function toCandidate(c: CommentView) {
  return { id: c.id, authorId: c.author.id, public: c.public, body: c.body, html: c.html, createdAt: c.createdAt };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown })?.driverError?.code ?? (error as { code?: unknown })?.code;
  return code === '23505';
}

function toProposalView(row: ProposalRow): KbCaptureProposalView {
  return {
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    subject: row.subject,
    solvedAt: row.solved_at.toISOString(),
    solvedBy: row.solved_by,
    state: row.state,
    articleId: row.article_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
