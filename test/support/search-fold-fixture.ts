import { randomUUID } from 'node:crypto';

/** Anything that runs SQL with parameters: a TypeORM DataSource or QueryRunner, a node-postgres Client (rows adapted). */
export type RunSql = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/** Each lexeme with the weights it has (positions left out: folding in batches shifts them as appending one by one did). */
const lexemes = (vector: string): string =>
  `(SELECT coalesce(string_agg(lexeme || ':' || array_to_string(ARRAY(SELECT DISTINCT w FROM unnest(weights) w ORDER BY w), ''), ' ' ORDER BY lexeme), '')
      FROM unnest(${vector}))`;

/** A ticket's vectors as they are, and as a full rebuild from its text and comments makes them. */
export interface TicketVectors {
  public: string;
  internal: string | null;
  rebuilt_public: string;
  rebuilt_internal: string | null;
}

/**
 * Tickets, comments and the search fold of migration 1766300000000, straight in SQL on ticket-service's
 * schema: for the migration's spec (embedded PostgreSQL) and its lock and concurrency checks (the real one).
 */
export class SearchFoldFixture {
  readonly requesterId = randomUUID();
  readonly authorId = randomUUID();

  constructor(private readonly sql: RunSql) {}

  async users(): Promise<void> {
    await this.sql(`INSERT INTO "ticket"."users" (id, email, name, role) VALUES ($1, $3, 'Ana', 'customer'), ($2, $4, 'Luis', 'agent')`, [
      this.requesterId,
      this.authorId,
      `ana-${this.requesterId}@example.com`,
      `luis-${this.authorId}@example.com`,
    ]);
  }

  async ticket(subject: string, description = 'Sin detalles'): Promise<string> {
    const id = randomUUID();
    await this.sql(
      `INSERT INTO "ticket"."tickets" (id, subject, description, status, priority, channel, requester_id, version)
       VALUES ($1, $2, $3, 'open', 'normal', 'web', $4, 1)`,
      [id, subject, description, this.requesterId],
    );
    return id;
  }

  /** A comment, through `run` when given (another connection, a transaction). */
  async comment(ticketId: string, body: string, isPublic = true, run: RunSql = this.sql): Promise<string> {
    const id = randomUUID();
    await run(
      `INSERT INTO "ticket"."ticket_comments" (id, ticket_id, author_id, body, public, created_at) VALUES ($1, $2, $3, $4, $5, clock_timestamp())`,
      [id, ticketId, this.authorId, body, isPublic],
    );
    return id;
  }

  /** The tickets the search finds through their pending vectors. */
  async matches(text: string, staff: boolean): Promise<string[]> {
    const rows = (await this.sql(`SELECT id FROM ticket.pending_search_matches($1, $2) id`, [text, staff])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  async fold(minAge = '0', maxTickets = 1000): Promise<number> {
    const [row] = (await this.sql(`SELECT ticket.fold_pending_search($1::interval, $2) AS n`, [minAge, maxTickets])) as { n: number }[];
    return row.n;
  }

  async pending(ticketId: string): Promise<{ search_vector: string; internal_search_vector: string | null } | null> {
    const rows = (await this.sql(
      `SELECT search_vector::text, internal_search_vector::text FROM "ticket"."ticket_search_pending" WHERE ticket_id = $1`,
      [ticketId],
    )) as { search_vector: string; internal_search_vector: string | null }[];
    return rows[0] ?? null;
  }

  async vectors(ticketId: string): Promise<TicketVectors> {
    const [row] = (await this.sql(
      `SELECT ${lexemes('t.search_vector')} AS public, ${lexemes('t.internal_search_vector')} AS internal,
              ${lexemes('ticket.search_document(t.subject, t.description, c.public_text)')} AS rebuilt_public,
              ${lexemes('ticket.search_document(NULL, NULL, c.internal_text)')} AS rebuilt_internal
         FROM "ticket"."tickets" t,
              LATERAL (SELECT string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE public) AS public_text,
                              string_agg(body, ' ' ORDER BY created_at, id) FILTER (WHERE NOT public) AS internal_text
                         FROM "ticket"."ticket_comments" WHERE ticket_id = t.id) c
        WHERE t.id = $1`,
      [ticketId],
    )) as TicketVectors[];
    return row;
  }

  /** How many positions each lexeme starting with `prefix` has in the tickets' vectors (public and internal together). */
  async positions(ticketIds: string[], prefix: string): Promise<{ lexeme: string; n: number }[]> {
    return (await this.sql(
      `SELECT lexeme, array_length(positions, 1) AS n FROM "ticket"."tickets" t,
              LATERAL unnest(t.search_vector || coalesce(t.internal_search_vector, '')) u
        WHERE t.id = ANY($1::uuid[]) AND starts_with(lexeme, $2)`,
      [ticketIds, prefix],
    )) as { lexeme: string; n: number }[];
  }
}
