import { PGlite } from '@electric-sql/pglite';
import { Actor, KbArticleStatus, KbVisibility, Role } from '@helpdesk/contracts';
import { ANONYMOUS, ArticleAccessFields, canRead, readableCondition, Reader } from './article-access';

const TEAM = '11111111-1111-4111-8111-111111111111';
const OTHER_TEAM = '22222222-2222-4222-8222-222222222222';
const actor = (role: Role, id = `00000000-0000-4000-8000-00000000000${Object.values(Role).indexOf(role)}`): Actor => ({
  id,
  role,
  email: `${role}@example.com`,
  name: role,
});
const OWNER = '99999999-9999-4999-8999-999999999999';

const READERS: Record<string, Reader> = {
  anonymous: ANONYMOUS,
  customer: { actor: actor(Role.Customer), teamIds: [] },
  agent: { actor: actor(Role.Agent), teamIds: [] },
  'agent in team': { actor: actor(Role.Agent), teamIds: [TEAM] },
  'agent who owns it': { actor: actor(Role.Agent, OWNER), teamIds: [] },
  supervisor: { actor: actor(Role.Supervisor), teamIds: [OTHER_TEAM] },
  admin: { actor: actor(Role.Admin), teamIds: [] },
};

const article = (status: KbArticleStatus, visibility: KbVisibility, allowedRoles: Role[] = [], allowedTeamIds: string[] = []) => ({
  status,
  visibility,
  allowedRoles,
  allowedTeamIds,
  ownerId: OWNER,
});
const { Draft, Published, Archived } = KbArticleStatus;
const { Public, Internal, Restricted } = KbVisibility;

// Who reads what: [article, readers who may read it].
const CASES: [string, ArticleAccessFields, string[]][] = [
  ['published public', article(Published, Public), Object.keys(READERS)],
  ['draft public', article(Draft, Public), ['agent', 'agent in team', 'agent who owns it', 'supervisor', 'admin']],
  ['archived public', article(Archived, Public), ['agent', 'agent in team', 'agent who owns it', 'supervisor', 'admin']],
  ['published internal', article(Published, Internal), ['agent', 'agent in team', 'agent who owns it', 'supervisor', 'admin']],
  ['published, restricted to a team', article(Published, Restricted, [], [TEAM]), ['agent in team', 'agent who owns it', 'admin']],
  ['published, restricted to supervisors', article(Published, Restricted, [Role.Supervisor]), ['agent who owns it', 'supervisor', 'admin']],
  ['published, restricted to customers', article(Published, Restricted, [Role.Customer]), ['customer', 'agent who owns it', 'admin']],
  ['draft, restricted to customers', article(Draft, Restricted, [Role.Customer]), ['agent who owns it', 'admin']],
];

describe('article access', () => {
  it.each(CASES)('%s', (_name, fields, allowed) => {
    const readers = Object.entries(READERS)
      .filter(([, reader]) => canRead(reader, fields))
      .map(([name]) => name);
    expect(readers).toEqual(allowed);
  });

  describe('readableCondition agrees with canRead in PostgreSQL', () => {
    let db: PGlite;
    beforeAll(async () => {
      db = await PGlite.create();
      await db.exec(
        `CREATE TABLE articles (id int PRIMARY KEY, status text, visibility text, allowed_roles text[], allowed_team_ids uuid[], owner_id uuid)`,
      );
      for (const [index, [, fields]] of CASES.entries()) {
        await db.query(`INSERT INTO articles VALUES ($1, $2, $3, $4, $5, $6)`, [
          index,
          fields.status,
          fields.visibility,
          fields.allowedRoles,
          fields.allowedTeamIds,
          fields.ownerId,
        ]);
      }
    }, 30_000);
    afterAll(async () => {
      await db.close();
    });

    it.each(Object.entries(READERS))('for %s', async (_name, reader) => {
      // Numbered after one parameter of the caller's own, as when it joins other conditions.
      const condition = readableCondition(reader, 'a', 1);
      const rows = await db.query<{ id: number }>(`SELECT id FROM articles a WHERE a.id >= $1 AND ${condition.sql} ORDER BY id`, [
        0,
        ...condition.params,
      ]);
      const expected = CASES.map(([, fields], index) => (canRead(reader, fields) ? index : -1)).filter((index) => index >= 0);
      expect(rows.rows.map((row) => row.id)).toEqual(expected);
    });
  });
});
