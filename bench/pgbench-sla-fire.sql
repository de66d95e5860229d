-- What the SLA engine writes per batch, in SQL alone (bench/sla-clocks.js's second baseline): claim up to :batch due
-- clocks, mark each breached with its escalation level fired, append a breach and an escalate metric event and three
-- outbox events (breached, escalated, ticket state) of the engine's sizes. Its rate estimates the ceiling of an
-- engine that writes this much, whatever its own code costs.
BEGIN;
WITH c AS (
  SELECT ticket_id, clocks, state_seq, facts FROM sla.ticket_slas
   WHERE next_action_at <= now() ORDER BY next_action_at LIMIT :batch FOR UPDATE SKIP LOCKED
), u AS (
  UPDATE sla.ticket_slas t
     SET clocks = jsonb_set(c.clocks, '{resolution}', (c.clocks -> 'resolution') || jsonb_build_object('breachedAt', c.clocks #> '{resolution,dueAt}', 'outcome', 'breached', 'firedLevels', '[1]'::jsonb)),
         next_action_at = NULL, state_seq = c.state_seq + 1, published_state = '{"nextDueAt": null, "breached": true}'
    FROM c WHERE t.ticket_id = c.ticket_id
  RETURNING t.ticket_id, c.clocks #>> '{resolution,dueAt}' AS due, c.facts, t.state_seq
), m AS (
  INSERT INTO sla.metric_events (ticket_id, clock, cycle, type, at, fired, detail)
  SELECT u.ticket_id, 'resolution', 1, k.type, u.due::timestamptz, true,
         CASE WHEN k.type = 'breach' THEN jsonb_build_object('firedAt', now(), 'dueAt', u.due)
              ELSE jsonb_build_object('firedAt', now(), 'level', 1, 'actions', '[{"type":"notify","to":"assignee"}]'::jsonb) END
    FROM u, (VALUES ('breach'), ('escalate')) k(type)
), e AS (
  SELECT gen_random_uuid() AS id, v.type, u.* FROM u, (VALUES ('sla.breached'), ('sla.escalated'), ('sla.ticket-state.changed')) v(type)
)
INSERT INTO sla.outbox (id, type, aggregate_id, payload)
SELECT e.id, e.type, e.ticket_id::text,
       jsonb_build_object('id', e.id, 'type', e.type, 'version', 1, 'occurredAt', now(), 'source', 'sla-service', 'aggregateId', e.ticket_id,
         'data', CASE e.type
           WHEN 'sla.ticket-state.changed' THEN jsonb_build_object('ticketId', e.ticket_id, 'seq', e.state_seq, 'nextDueAt', NULL, 'breached', true)
           ELSE jsonb_build_object('ticketId', e.ticket_id, 'clock', 'resolution', 'cycle', 1, 'policyId', '5e1a0000-0000-4000-8000-000000000001',
                  'policyVersion', 1, 'assigneeId', e.facts -> 'assigneeId', 'teamId', e.facts -> 'teamId', 'dueAt', e.due, 'breachedAt', e.due,
                  'level', 1, 'escalatedAt', now(), 'actions', '[{"type":"notify","to":"assignee"}]'::jsonb) END)
  FROM e;
COMMIT;
