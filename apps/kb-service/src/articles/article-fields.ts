import { KbArticleFieldsDto, KbVisibility, Role } from '@helpdesk/contracts';
import { invalid } from '../common/kb-errors';
import { plainText, renderMarkdown, slugify } from './markdown';

/** The saved content of an article: what a revision keeps. */
export interface ArticleContent {
  title: string;
  summary: string;
  body: string;
  tags: string[];
  categoryId: string | null;
  visibility: KbVisibility;
  allowedRoles: Role[];
  allowedTeamIds: string[];
  reviewBy: string | null;
}

/** The content after applying a create or an update on top of what there was. */
export function mergeContent(current: ArticleContent, changes: KbArticleFieldsDto): ArticleContent {
  const visibility = changes.visibility ?? current.visibility;
  const restricted = visibility === KbVisibility.Restricted;
  const merged: ArticleContent = {
    title: changes.title?.trim() ?? current.title,
    summary: changes.summary?.trim() ?? current.summary,
    body: changes.body ?? current.body,
    tags: changes.tags ? [...new Set(changes.tags.map((tag) => tag.toLowerCase()))] : current.tags,
    categoryId: changes.categoryId === undefined ? current.categoryId : changes.categoryId,
    visibility,
    // Roles and teams only mean something on a restricted article.
    allowedRoles: restricted ? (changes.allowedRoles ?? current.allowedRoles) : [],
    allowedTeamIds: restricted ? (changes.allowedTeamIds ?? current.allowedTeamIds) : [],
    reviewBy: changes.reviewBy === undefined ? current.reviewBy : changes.reviewBy,
  };
  if (!merged.title) throw invalid('title', 'title must not be empty');
  if (!merged.body.trim()) throw invalid('body', 'body must not be empty');
  if (restricted && !merged.allowedRoles.length && !merged.allowedTeamIds.length) {
    throw invalid('allowedRoles', 'a restricted article names at least one role or team that may read it');
  }
  return merged;
}

export const EMPTY_CONTENT: ArticleContent = {
  title: '',
  summary: '',
  body: '',
  tags: [],
  categoryId: null,
  visibility: KbVisibility.Internal,
  allowedRoles: [],
  allowedTeamIds: [],
  reviewBy: null,
};

/** Whether a save changes anything a revision keeps. */
export function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The rendered forms of the body: sanitized HTML for readers, plain text for the search index. */
export function renderBody(body: string): { html: string; text: string } {
  const html = renderMarkdown(body);
  return { html, text: plainText(html) };
}

/** The columns of kb.articles a save writes, in the order of `contentValues`. */
export const CONTENT_COLUMNS = [
  'title',
  'slug',
  'summary',
  'body',
  'body_html',
  'body_text',
  'tags',
  'category_id',
  'visibility',
  'allowed_roles',
  'allowed_team_ids',
  'review_by',
] as const;

/** The values of CONTENT_COLUMNS for some content: the body rendered, the slug made from the title. */
export function contentValues(content: ArticleContent): unknown[] {
  const body = renderBody(content.body);
  return [
    content.title,
    slugify(content.title),
    content.summary,
    content.body,
    body.html,
    body.text,
    content.tags,
    content.categoryId,
    content.visibility,
    content.allowedRoles,
    content.allowedTeamIds,
    content.reviewBy,
  ];
}
