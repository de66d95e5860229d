import { randomUUID } from 'node:crypto';
import {
  Actor,
  CreateKbFeedbackDto,
  DEFAULT_PAGE_SIZE,
  EVENTS,
  KbArticleFeedbackV1,
  KbFeedbackListQuery,
  KbFeedbackPageView,
  KbFeedbackReceiptView,
  KbReviewEntryView,
  KbReviewQueueQuery,
  KbReviewQueueView,
} from '@helpdesk/contracts';
import { currentTime, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, readableCondition } from '../access/article-access';
import { Readers } from '../access/readers';
import { ArticleRow } from '../articles/article-row';
import { ArticlesService } from '../articles/articles.service';
import { keysetAfter, keysetPage } from '../articles/list-cursor';
import { forbidden, invalid } from '../common/kb-errors';
import { KB_SERVICE_CONFIG, KbServiceConfig } from '../config/kb-service.config';
import { assessForReview, compareUrgency, reviewCondition } from './review-rules';

interface FeedbackRow {
  id: string;
  helpful: boolean;
  comment: string | null;
  actor_id: string | null;
  created_at: Date;
}

/** How many candidates the review queue ranks at most (beyond that, the oldest review dates and the worst feedback still come first). */
const REVIEW_CANDIDATES_MAX = 5_000;

/**
 * Whether articles helped, and which need review. A logged-in reader has one vote per article (a
 * second vote replaces the first); anonymous votes cannot be told apart and each one counts. The
 * article's helpful / unhelpful counts change in the vote's transaction, under the article's row
 * lock, so they always equal the votes kept.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly readers: Readers,
    private readonly articles: ArticlesService,
    @Inject(KB_SERVICE_CONFIG) private readonly config: KbServiceConfig,
  ) {}

  async vote(actor: Actor | null, articleId: string, dto: CreateKbFeedbackDto): Promise<KbFeedbackReceiptView> {
    const reader = await this.readers.of(actor);
    const comment = dto.comment?.trim() || null;
    return this.uow.run(async (tx) => {
      await this.articles.readable(tx.manager, reader, articleId, true);
      const now = currentTime();
      const [previous] = actor
        ? await sqlRows<FeedbackRow>(
            tx.manager,
            `SELECT id, helpful, comment, actor_id, created_at FROM "kb"."article_feedback" WHERE article_id = $1 AND actor_id = $2`,
            [articleId, actor.id],
          )
        : [];
      const id = previous?.id ?? randomUUID();
      if (previous) {
        await tx.manager.query(`UPDATE "kb"."article_feedback" SET helpful = $2, comment = $3, created_at = $4 WHERE id = $1`, [
          id,
          dto.helpful,
          comment,
          now,
        ]);
      } else {
        await tx.manager.query(
          `INSERT INTO "kb"."article_feedback" (id, article_id, helpful, comment, actor_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, articleId, dto.helpful, comment, actor?.id ?? null, now],
        );
      }
      const yes = (dto.helpful ? 1 : 0) - (previous?.helpful === true ? 1 : 0);
      const no = (dto.helpful ? 0 : 1) - (previous?.helpful === false ? 1 : 0);
      const [counts] = await sqlRows<{ helpful_count: number; unhelpful_count: number }>(
        tx.manager,
        `UPDATE "kb"."articles" SET helpful_count = helpful_count + $2::int, unhelpful_count = unhelpful_count + $3::int
          WHERE id = $1 RETURNING helpful_count, unhelpful_count`,
        [articleId, yes, no],
      );
      tx.emit<KbArticleFeedbackV1>(EVENTS.kb.articleFeedback, articleId, {
        articleId,
        feedbackId: id,
        helpful: dto.helpful,
        hasComment: comment !== null,
        actorId: actor?.id ?? null,
        previousHelpful: previous ? previous.helpful : null,
        helpfulCount: counts.helpful_count,
        unhelpfulCount: counts.unhelpful_count,
        at: now.toISOString(),
      });
      return {
        id,
        articleId,
        helpful: dto.helpful,
        comment,
        replaced: previous !== undefined,
        counts: { yes: counts.helpful_count, no: counts.unhelpful_count },
        createdAt: now.toISOString(),
      };
    });
  }

  /** The votes that came with a comment, newest first (staff). */
  async comments(actor: Actor | null, articleId: string, query: KbFeedbackListQuery): Promise<KbFeedbackPageView> {
    if (!canWrite(actor)) throw forbidden('Only staff read feedback comments');
    const reader = await this.readers.of(actor);
    await this.articles.readable(this.dataSource.manager, reader, articleId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [articleId];
    const after = keysetAfter(query.cursor, params, 'f.created_at', 'f.id');
    params.push(limit + 1);
    const rows = await sqlRows<FeedbackRow>(
      this.dataSource,
      `SELECT f.id, f.helpful, f.comment, f.actor_id, f.created_at FROM "kb"."article_feedback" f
        WHERE f.article_id = $1 AND f.comment IS NOT NULL ${after ? `AND ${after}` : ''}
        ORDER BY f.created_at DESC, f.id DESC LIMIT $${params.length}`,
      params,
    );
    return keysetPage(
      rows,
      limit,
      (row) => ({ time: row.created_at, id: row.id }),
      (r) => ({ id: r.id, helpful: r.helpful, comment: r.comment, actorId: r.actor_id, createdAt: r.created_at.toISOString() }),
    );
  }

  /**
   * Articles (not archived or deleted, readable by the caller) past their review date or with poor
   * feedback, most urgent first. The queue is ranked, not keyed: the cursor is a position in it.
   */
  async reviewQueue(actor: Actor | null, query: KbReviewQueueQuery): Promise<KbReviewQueueView> {
    if (!canWrite(actor)) throw forbidden('Only staff see the review queue');
    const reader = await this.readers.of(actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.cursor ? decodeOffset(query.cursor) : 0;
    const today = currentTime().toISOString().slice(0, 10);
    const thresholds = this.config.review;
    const due = reviewCondition('a', 0, today, thresholds);
    const visible = readableCondition(reader, 'a', due.params.length);
    const rows = await sqlRows<
      Pick<ArticleRow, 'id' | 'title' | 'locale' | 'status' | 'owner_id' | 'review_by' | 'helpful_count' | 'unhelpful_count'>
    >(
      this.dataSource,
      `SELECT a.id, a.title, a.locale, a.status, a.owner_id, a.review_by::text AS review_by, a.helpful_count, a.unhelpful_count
         FROM "kb"."articles" a
        WHERE a.deleted_at IS NULL AND a.status <> 'archived' AND ${due.sql} AND ${visible.sql}
        ORDER BY a.review_by ASC NULLS LAST, a.id LIMIT ${REVIEW_CANDIDATES_MAX}`,
      [...due.params, ...visible.params],
    );
    const ranked = rows
      .map((r) => {
        const helpful = { yes: r.helpful_count, no: r.unhelpful_count };
        return { row: r, id: r.id, helpful, ...assessForReview({ id: r.id, reviewBy: r.review_by, helpful }, today, thresholds) };
      })
      .filter((e) => e.reasons.length > 0)
      .sort(compareUrgency);
    const page = ranked.slice(offset, offset + limit);
    return {
      data: page.map((e): KbReviewEntryView => ({
        articleId: e.id,
        title: e.row.title,
        locale: e.row.locale,
        status: e.row.status,
        ownerId: e.row.owner_id,
        reasons: e.reasons,
        reviewBy: e.row.review_by,
        daysOverdue: e.daysOverdue,
        helpful: e.helpful,
        helpfulPercent: e.helpfulPercent,
      })),
      nextCursor: ranked.length > offset + limit ? encodeOffset(offset + limit) : null,
      minVotes: thresholds.minVotes,
      minHelpfulPercent: thresholds.minHelpfulPercent,
    };
  }
}

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeOffset(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid('cursor', 'cursor must be a cursor returned by a previous page');
  return Number(match[1]);
}
