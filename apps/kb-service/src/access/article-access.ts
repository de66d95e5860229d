import { Actor, KbArticleStatus, KbVisibility, Role } from '@helpdesk/contracts';

/** What decides who reads an article. */
export interface ArticleAccessFields {
  status: KbArticleStatus;
  visibility: KbVisibility;
  allowedRoles: readonly string[];
  allowedTeamIds: readonly string[];
  ownerId: string;
}

/** The reader: null for anonymous; staff come with their teams (for restricted articles). */
export interface Reader {
  actor: Actor | null;
  teamIds: readonly string[];
}

export const ANONYMOUS: Reader = { actor: null, teamIds: [] };

const isStaffRole = (role: Role): boolean => role !== Role.Customer;

/**
 * Who may read an article:
 * - admins: every article, in every status;
 * - agents and supervisors: public and internal articles, restricted ones naming their role or one
 *   of their teams, and the articles they own, in every status (drafts are worked on by staff);
 * - customers: published public articles, and published restricted ones naming the customer role;
 * - anonymous readers: published public articles only.
 */
export function canRead(reader: Reader, article: ArticleAccessFields): boolean {
  const actor = reader.actor;
  if (actor?.role === Role.Admin) return true;
  if (actor && isStaffRole(actor.role)) {
    if (article.visibility !== KbVisibility.Restricted || article.ownerId === actor.id) return true;
    return article.allowedRoles.includes(actor.role) || article.allowedTeamIds.some((id) => reader.teamIds.includes(id));
  }
  if (article.status !== KbArticleStatus.Published) return false;
  if (article.visibility === KbVisibility.Public) return true;
  return actor !== null && article.visibility === KbVisibility.Restricted && article.allowedRoles.includes(Role.Customer);
}

/** Staff write articles (agents draft and edit); supervisors and admins publish, archive and delete. */
export function canWrite(actor: Actor | null): actor is Actor {
  return actor !== null && isStaffRole(actor.role);
}

export function canPublish(actor: Actor | null): actor is Actor {
  return actor !== null && (actor.role === Role.Admin || actor.role === Role.Supervisor);
}

/** A SQL condition with its parameters. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * `canRead` as a SQL condition on an articles alias, numbering its parameters after `offset`
 * (so it can join other conditions). Kept beside `canRead` so the two cannot drift; a table test
 * runs both on the same cases against a real database.
 */
export function readableCondition(reader: Reader, alias: string, offset: number): SqlCondition {
  const a = alias;
  const actor = reader.actor;
  if (actor?.role === Role.Admin) return { sql: 'true', params: [] };
  if (actor && isStaffRole(actor.role)) {
    return {
      sql: `(${a}.visibility <> 'restricted' OR $${offset + 1}::text = ANY(${a}.allowed_roles) OR ${a}.allowed_team_ids && $${offset + 2}::uuid[] OR ${a}.owner_id = $${offset + 3}::uuid)`,
      params: [actor.role, [...reader.teamIds], actor.id],
    };
  }
  if (actor) {
    return {
      sql: `(${a}.status = 'published' AND (${a}.visibility = 'public' OR (${a}.visibility = 'restricted' AND 'customer' = ANY(${a}.allowed_roles))))`,
      params: [],
    };
  }
  return { sql: `(${a}.status = 'published' AND ${a}.visibility = 'public')`, params: [] };
}
