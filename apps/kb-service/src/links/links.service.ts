import {
  Actor,
  DEFAULT_PAGE_SIZE,
  EVENTS,
  KbArticleLinkedV1,
  KbArticleStatus,
  KbArticleTicketLinksQuery,
  KbArticleTicketPageView,
  KbArticleUnlinkedV1,
  KbTicketLinkReply,
  KbTicketLinkView,
  KbVisibility,
  parseTicketRef,
} from '@helpdesk/contracts';
import { currentTime, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { canWrite, readableCondition } from '../access/article-access';
import { Readers } from '../access/readers';
import { ArticlesService } from '../articles/articles.service';
import { keysetAfter, keysetPage } from '../articles/list-cursor';
import { forbidden, invalid } from '../common/kb-errors';
import { TicketsClient } from '../common/tickets-client';

interface LinkRow {
  article_id: string;
  ticket_id: string;
  ticket_number: string;
  linked_by: string;
  created_at: Date;
}

interface LinkWithArticleRow extends LinkRow {
  title: string;
  locale: string;
  status: KbArticleStatus;
  visibility: KbVisibility;
  usage_count: number;
}

/**
 * Articles used on tickets. A link is one per (article, ticket); the article's usage count is the
 * number of its links, kept in the transaction that adds or removes one. Linking needs the ticket
 * to be visible to the caller (ticket-service is asked with the caller's actor) and the article
 * to be readable by them.
 */
@Injectable()
export class LinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly readers: Readers,
    private readonly articles: ArticlesService,
    private readonly tickets: TicketsClient,
  ) {}

  /** Links an article to a ticket; linking again changes nothing and answers `created: false`. */
  async link(actor: Actor | null, articleId: string, ticketRef: string): Promise<KbTicketLinkReply> {
    if (!canWrite(actor)) throw forbidden('Only staff link articles to tickets');
    const reader = await this.readers.of(actor);
    const ticket = await this.tickets.referenced(actor, ticketRef, 'ticketId');
    return this.uow.run(async (tx) => {
      await this.articles.readable(tx.manager, reader, articleId, true);
      const inserted = await sqlRows<LinkRow>(
        tx.manager,
        `INSERT INTO "kb"."ticket_links" (article_id, ticket_id, ticket_number, linked_by, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING article_id`,
        [articleId, ticket.id, ticket.number, actor.id, currentTime()],
      );
      const created = inserted.length > 0;
      if (created) {
        const usageCount = await this.recount(tx.manager, articleId);
        tx.emit<KbArticleLinkedV1>(EVENTS.kb.articleLinked, articleId, {
          articleId,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          linkedBy: actor.id,
          usageCount,
          at: currentTime().toISOString(),
        });
      }
      const [row] = await sqlRows<LinkWithArticleRow>(
        tx.manager,
        `SELECT ${LINK_COLUMNS} FROM "kb"."ticket_links" l JOIN "kb"."articles" a ON a.id = l.article_id
          WHERE l.article_id = $1 AND l.ticket_id = $2`,
        [articleId, ticket.id],
      );
      return { link: toLinkView(row), created };
    });
  }

  /** Removes a link (by ticket uuid or number); removing one that is not there is not an error. */
  async unlink(actor: Actor | null, articleId: string, ticketRef: string): Promise<void> {
    if (!canWrite(actor)) throw forbidden('Only staff unlink articles from tickets');
    const ref = parseTicketRef(ticketRef);
    if (ref.kind === 'invalid') throw invalid('ticketId', 'ticketId must be a ticket uuid or a ticket number like HD-000123');
    const reader = await this.readers.of(actor);
    await this.uow.run(async (tx) => {
      await this.articles.readable(tx.manager, reader, articleId, true);
      const removed = await sqlRows<LinkRow>(
        tx.manager,
        ref.kind === 'id'
          ? `DELETE FROM "kb"."ticket_links" WHERE article_id = $1 AND ticket_id = $2::uuid RETURNING ticket_id, ticket_number`
          : `DELETE FROM "kb"."ticket_links" WHERE article_id = $1 AND ticket_number = $2::text RETURNING ticket_id, ticket_number`,
        [articleId, ref.kind === 'id' ? ref.id : ref.number],
      );
      if (!removed.length) return;
      const usageCount = await this.recount(tx.manager, articleId);
      for (const link of removed) {
        tx.emit<KbArticleUnlinkedV1>(EVENTS.kb.articleUnlinked, articleId, {
          articleId,
          ticketId: link.ticket_id,
          ticketNumber: link.ticket_number,
          unlinkedBy: actor.id,
          usageCount,
          at: currentTime().toISOString(),
        });
      }
    });
  }

  /** The articles linked to a ticket the caller may see, those the caller may read, newest link first. */
  async ofTicket(actor: Actor | null, ticketRef: string): Promise<KbTicketLinkView[]> {
    if (!canWrite(actor)) throw forbidden('Only staff see the articles linked to tickets');
    const reader = await this.readers.of(actor);
    const ticket = await this.tickets.referenced(actor, ticketRef, 'ticketId');
    const visible = readableCondition(reader, 'a', 1);
    const rows = await sqlRows<LinkWithArticleRow>(
      this.dataSource,
      `SELECT ${LINK_COLUMNS} FROM "kb"."ticket_links" l JOIN "kb"."articles" a ON a.id = l.article_id
        WHERE l.ticket_id = $1 AND a.deleted_at IS NULL AND ${visible.sql}
        ORDER BY l.created_at DESC, l.article_id DESC`,
      [ticket.id, ...visible.params],
    );
    return rows.map(toLinkView);
  }

  /** The tickets an article was used on, newest link first (ticket numbers only: no ticket content is told). */
  async ofArticle(actor: Actor | null, articleId: string, query: KbArticleTicketLinksQuery): Promise<KbArticleTicketPageView> {
    if (!canWrite(actor)) throw forbidden('Only staff see the tickets an article was used on');
    const reader = await this.readers.of(actor);
    await this.articles.readable(this.dataSource.manager, reader, articleId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [articleId];
    const after = keysetAfter(query.cursor, params, 'l.created_at', 'l.ticket_id');
    params.push(limit + 1);
    const rows = await sqlRows<LinkRow>(
      this.dataSource,
      `SELECT l.article_id, l.ticket_id, l.ticket_number, l.linked_by, l.created_at FROM "kb"."ticket_links" l
        WHERE l.article_id = $1 ${after ? `AND ${after}` : ''} ORDER BY l.created_at DESC, l.ticket_id DESC LIMIT $${params.length}`,
      params,
    );
    return keysetPage(
      rows,
      limit,
      (row) => ({ time: row.created_at, id: row.ticket_id }),
      (r) => ({ ticketId: r.ticket_id, ticketNumber: r.ticket_number, linkedBy: r.linked_by, createdAt: r.created_at.toISOString() }),
    );
  }

  /** usage_count = the number of the article's links (the article row is locked by the caller). */
  private async recount(manager: EntityManager, articleId: string): Promise<number> {
    const [row] = await sqlRows<{ usage_count: number }>(
      manager,
      `UPDATE "kb"."articles" SET usage_count = (SELECT count(*) FROM "kb"."ticket_links" WHERE article_id = $1)
        WHERE id = $1 RETURNING usage_count`,
      [articleId],
    );
    return row.usage_count;
  }
}

const LINK_COLUMNS = `l.article_id, l.ticket_id, l.ticket_number, l.linked_by, l.created_at, a.title, a.locale, a.status, a.visibility, a.usage_count`;

function toLinkView(row: LinkWithArticleRow): KbTicketLinkView {
  return {
    articleId: row.article_id,
    articleTitle: row.title,
    articleLocale: row.locale,
    articleStatus: row.status,
    articleVisibility: row.visibility,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    linkedBy: row.linked_by,
    usageCount: row.usage_count,
    createdAt: row.created_at.toISOString(),
  };
}
