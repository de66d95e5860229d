-- The baseline: what one ticket creation costs PostgreSQL at its simplest,
-- one ticket row and one outbox row in one transaction.
\set n random(1, 1000000000)
BEGIN;
INSERT INTO bench.tickets (id, subject, description, status, priority, channel, requester_id)
  VALUES (gen_random_uuid(), 'Printer on floor 3 is jammed', 'Paper jam in tray 2 since this morning', 'new', 'normal', 'api', '00000000-0000-4000-8000-000000000001');
INSERT INTO bench.outbox (id, type, aggregate_id, payload)
  VALUES (gen_random_uuid(), 'ticket.created', :n, '{"type":"ticket.created","data":{"ticket":{"subject":"Printer on floor 3 is jammed"}}}');
END;
