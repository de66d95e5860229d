-- The bare claim loop of the SLA due work (bench/sla-clocks.js's baseline): take up to :batch due rows with
-- FOR UPDATE SKIP LOCKED and clear their next action, one transaction per batch.
BEGIN;
WITH c AS (SELECT ticket_id FROM sla.ticket_slas WHERE next_action_at <= now() ORDER BY next_action_at LIMIT :batch FOR UPDATE SKIP LOCKED)
UPDATE sla.ticket_slas t SET next_action_at = NULL FROM c WHERE t.ticket_id = c.ticket_id;
COMMIT;
