import { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTERS = [
  'created',
  'solved',
  'reopens',
  'backlog',
  'agent_replies',
  'escalations',
  'sla_escalations',
  'csat_good',
  'csat_bad',
  'kb_sessions',
  'kb_deflected',
  'sla_met_first_response',
  'sla_breached_first_response',
  'sla_met_next_response',
  'sla_breached_next_response',
  'sla_met_resolution',
  'sla_breached_resolution',
];

/**
 * The event log reporting keeps (every event it consumed, to rebuild from), the ticket facts, and
 * the statistics per day and per month for each grouping, with duration histograms. The
 * foundation's ticket_facts (ticket creation only) is replaced; a rebuild refills it from the log.
 */
export class ReportingReadModels1766000000000 implements MigrationInterface {
  name = 'ReportingReadModels1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "reporting"."event_log" (
        "seq" bigserial PRIMARY KEY,
        "event_id" varchar(100) NOT NULL UNIQUE,
        "type" varchar(80) NOT NULL,
        "ticket_id" uuid,
        "occurred_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        "payload" jsonb NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX "IDX_reporting_event_log_ticket" ON "reporting"."event_log" ("ticket_id", "seq") WHERE ticket_id IS NOT NULL`,
    );

    await runner.query(`DROP TABLE IF EXISTS "reporting"."ticket_facts"`);
    await runner.query(`CREATE SEQUENCE "reporting"."fact_changes"`);
    await runner.query(`
      CREATE TABLE "reporting"."ticket_facts" (
        "ticket_id" uuid PRIMARY KEY,
        "number" varchar(30),
        "subject" varchar(500),
        "status" varchar(20),
        "priority" varchar(20),
        "channel" varchar(20),
        "type" varchar(20),
        "tier" integer,
        "team_id" uuid,
        "assignee_id" uuid,
        "organization_id" uuid,
        "requester_id" uuid,
        "tags" text[] NOT NULL DEFAULT '{}',
        "created_at" timestamptz,
        "first_response_at" timestamptz,
        "solved_at" timestamptz,
        "first_response_minutes" numeric(12,2),
        "first_response_business_minutes" numeric(12,2),
        "resolution_minutes" numeric(12,2),
        "resolution_business_minutes" numeric(12,2),
        "reopens" integer NOT NULL DEFAULT 0,
        "agent_replies" integer NOT NULL DEFAULT 0,
        "escalations" integer NOT NULL DEFAULT 0,
        "sla_escalations" integer NOT NULL DEFAULT 0,
        "sla_breaches" integer NOT NULL DEFAULT 0,
        "sla_first_response" varchar(10),
        "sla_resolution" varchar(10),
        "csat_rating" varchar(4),
        "csat_rated_at" timestamptz,
        "state" jsonb NOT NULL,
        "changed_at" timestamptz NOT NULL DEFAULT now(),
        "change_seq" bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX "IDX_reporting_ticket_facts_created" ON "reporting"."ticket_facts" ("created_at", "ticket_id")`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_reporting_ticket_facts_change" ON "reporting"."ticket_facts" ("change_seq")`);

    const counters = COUNTERS.map((c) => `"${c}" integer NOT NULL DEFAULT 0`).join(',\n        ');
    await runner.query(`
      CREATE TABLE "reporting"."stats" (
        "dim" varchar(20) NOT NULL,
        "grain" char(1) NOT NULL,
        "period" date NOT NULL,
        "key" varchar(64) NOT NULL,
        ${counters},
        "frt_calendar" integer[] NOT NULL DEFAULT '{}',
        "frt_business" integer[] NOT NULL DEFAULT '{}',
        "resolution_calendar" integer[] NOT NULL DEFAULT '{}',
        "resolution_business" integer[] NOT NULL DEFAULT '{}',
        PRIMARY KEY ("dim", "grain", "period", "key")
      )`);
    await runner.query(`
      CREATE TABLE "reporting"."solvers" (
        "dim" varchar(20) NOT NULL,
        "grain" char(1) NOT NULL,
        "period" date NOT NULL,
        "key" varchar(64) NOT NULL,
        "agent_id" uuid NOT NULL,
        "solved" integer NOT NULL DEFAULT 0,
        PRIMARY KEY ("dim", "grain", "period", "key", "agent_id")
      )`);
    // Element-wise sum of two histograms (missing elements and nulls count as 0), without trailing
    // zeros: equal histograms are equal arrays, however they were added up.
    await runner.query(`
      CREATE FUNCTION "reporting"."hist_add"(a integer[], b integer[]) RETURNS integer[]
      LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(array_agg(v ORDER BY i) FILTER (WHERE i <= last), '{}')
          FROM (SELECT i, v, max(i) FILTER (WHERE v <> 0) OVER () AS last
                  FROM (SELECT i, coalesce(a[i], 0) + coalesce(b[i], 0) AS v
                          FROM generate_series(1, greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0))) AS i) sums) marked
      $$`);
    await runner.query(`
      CREATE TABLE "reporting"."rebuilds" (
        "id" uuid PRIMARY KEY,
        "status" varchar(10) NOT NULL,
        "requested_by" uuid,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        "events" bigint,
        "tickets" bigint,
        "error" text
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['rebuilds', 'solvers', 'stats', 'ticket_facts', 'event_log']) {
      await runner.query(`DROP TABLE IF EXISTS "reporting"."${table}"`);
    }
    await runner.query(`DROP FUNCTION IF EXISTS "reporting"."hist_add"(integer[], integer[])`);
    await runner.query(`DROP SEQUENCE IF EXISTS "reporting"."fact_changes"`);
  }
}
