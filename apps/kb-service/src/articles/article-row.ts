import {
  KbArticleStatus,
  KbArticleSummaryView,
  KbArticleView,
  KbRevisionView,
  KbTranslationRef,
  KbVisibility,
  Role,
} from '@helpdesk/contracts';
import { ArticleAccessFields } from '../access/article-access';

/** A row of kb.articles as the service reads it (the search columns left out). */
export interface ArticleRow {
  id: string;
  translation_group: string;
  locale: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  body_html: string;
  tags: string[];
  category_id: string | null;
  visibility: KbVisibility;
  allowed_roles: Role[];
  allowed_team_ids: string[];
  status: KbArticleStatus;
  owner_id: string;
  review_by: string | null;
  revision: number;
  version: number;
  published_at: Date | null;
  source_ticket_id: string | null;
  source_ticket_number: string | null;
  usage_count: number;
  view_count: number;
  helpful_count: number;
  unhelpful_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface RevisionRow {
  article_id: string;
  revision: number;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  category_id: string | null;
  visibility: KbVisibility;
  allowed_roles: Role[];
  allowed_team_ids: string[];
  review_by: string | null;
  author_id: string;
  note: string | null;
  created_at: Date;
}

/** The columns of ArticleRow, for SELECT lists (`review_by` as text: a date, not a midnight instant). */
export const ARTICLE_COLUMNS = `a.id, a.translation_group, a.locale, a.slug, a.title, a.summary, a.body, a.body_html, a.tags, a.category_id,
  a.visibility, a.allowed_roles, a.allowed_team_ids, a.status, a.owner_id, a.review_by::text AS review_by, a.revision, a.version,
  a.published_at, a.source_ticket_id, a.source_ticket_number, a.usage_count, a.view_count, a.helpful_count, a.unhelpful_count,
  a.created_at, a.updated_at`;

export const REVISION_COLUMNS = `r.article_id, r.title, r.revision, r.summary, r.body, r.tags, r.category_id, r.visibility, r.allowed_roles,
  r.allowed_team_ids, r.review_by::text AS review_by, r.author_id, r.note, r.created_at`;

export function accessFields(row: ArticleRow): ArticleAccessFields {
  return {
    status: row.status,
    visibility: row.visibility,
    allowedRoles: row.allowed_roles,
    allowedTeamIds: row.allowed_team_ids,
    ownerId: row.owner_id,
  };
}

export function toSummaryView(row: ArticleRow): KbArticleSummaryView {
  return {
    id: row.id,
    translationGroup: row.translation_group,
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    tags: row.tags,
    categoryId: row.category_id,
    visibility: row.visibility,
    status: row.status,
    revision: row.revision,
    version: row.version,
    publishedAt: row.published_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toArticleView(row: ArticleRow, translations: KbTranslationRef[]): KbArticleView {
  return {
    ...toSummaryView(row),
    body: row.body,
    bodyHtml: row.body_html,
    allowedRoles: row.allowed_roles,
    allowedTeamIds: row.allowed_team_ids,
    ownerId: row.owner_id,
    reviewBy: row.review_by,
    sourceTicket: row.source_ticket_id ? { id: row.source_ticket_id, number: row.source_ticket_number ?? '' } : null,
    usageCount: row.usage_count,
    viewCount: row.view_count,
    helpful: { yes: row.helpful_count, no: row.unhelpful_count },
    translations,
    createdAt: row.created_at.toISOString(),
  };
}

export function toRevisionView(row: RevisionRow): KbRevisionView {
  return {
    articleId: row.article_id,
    revision: row.revision,
    title: row.title,
    summary: row.summary,
    body: row.body,
    tags: row.tags,
    categoryId: row.category_id,
    visibility: row.visibility,
    authorId: row.author_id,
    note: row.note,
    createdAt: row.created_at.toISOString(),
  };
}
