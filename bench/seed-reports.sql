-- 1,000,000 tickets of one year (2025) as the events reporting-service consumes, written straight
-- into reporting.event_log; `POST /api/v1/reports/rebuild` then builds the read models from them
-- with the service's own code. 25 teams of 10 agents, 200 organizations, 7 channels, 4 priorities.
-- Per ticket: created; open + assigned; the first agent reply; for 90%, solved (after a second
-- reply for half of them); SLA first response (70%) and resolution (70% of the solved) met or
-- breached with business minutes; CSAT on a third of the solved (85% good); a reopen on 3%.
SELECT setseed(0.42);
CREATE TEMP TABLE seed_tickets AS
SELECT i,
       md5('ticket' || i)::uuid AS id,
       'HD-' || lpad(i::text, 7, '0') AS number,
       timestamptz '2025-01-01 00:00:00+00' + (i - 1) * interval '31.536 seconds' + (random() * interval '20 seconds') AS created_at,
       md5('team' || (i % 25))::uuid AS team_id,
       md5('agent' || (i % 25) || '-' || ((i / 25) % 10))::uuid AS agent_id,
       md5('org' || (i % 200))::uuid AS org_id,
       (ARRAY['email','web','chat','phone','api','form','sms'])[1 + i % 7] AS channel,
       (ARRAY['low','normal','normal','normal','high','urgent'])[1 + (i / 7) % 6] AS priority,
       1 + floor(-ln(1 - random()) * 45)::int AS frt_minutes,
       30 + floor(-ln(1 - random()) * 1800)::int AS resolution_minutes,
       random() < 0.90 AS solved,
       random() < 0.70 AS has_sla,
       random() AS r_csat,
       random() < 0.03 AS reopened,
       random() < 0.5 AS second_reply
  FROM generate_series(1, 1000000) AS i;

CREATE TEMP TABLE seed_events (type varchar(80), ticket_id uuid, occurred_at timestamptz, data jsonb);

-- the ticket snapshot at a status
CREATE FUNCTION pg_temp.snap(t seed_tickets, status text, at timestamptz) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object('id', t.id, 'number', t.number, 'subject', 'Incidencia ' || t.i, 'status', status,
    'priority', t.priority, 'channel', t.channel, 'requesterId', md5('requester' || (t.i % 50000))::uuid,
    'assigneeId', CASE WHEN status = 'new' THEN NULL ELSE t.agent_id END, 'organizationId', t.org_id,
    'type', 'incident', 'tier', 1, 'teamId', CASE WHEN status = 'new' THEN NULL ELSE t.team_id END,
    'tags', '[]'::jsonb, 'createdAt', t.created_at, 'updatedAt', at)
$$;

INSERT INTO seed_events
SELECT 'ticket.created', t.id, t.created_at, jsonb_build_object('ticket', pg_temp.snap(t, 'new', t.created_at), 'actorId', NULL) FROM seed_tickets t;
INSERT INTO seed_events
SELECT 'ticket.updated', t.id, t.created_at + interval '1 minute',
       jsonb_build_object('ticket', pg_temp.snap(t, 'open', t.created_at + interval '1 minute'), 'actorId', NULL,
         'changes', jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'new', 'to', 'open'), jsonb_build_object('field', 'assigneeId', 'from', NULL, 'to', t.agent_id)))
  FROM seed_tickets t;
INSERT INTO seed_events
SELECT 'ticket.comment.added', t.id, t.created_at + t.frt_minutes * interval '1 minute',
       jsonb_build_object('ticketId', t.id, 'ticketNumber', t.number, 'commentId', md5('c1-' || t.i)::uuid, 'authorId', t.agent_id,
         'authorRole', 'agent', 'public', true, 'firstResponse', true, 'createdAt', t.created_at + t.frt_minutes * interval '1 minute')
  FROM seed_tickets t;
INSERT INTO seed_events
SELECT 'ticket.comment.added', t.id, t.created_at + (t.frt_minutes + t.resolution_minutes / 2) * interval '1 minute',
       jsonb_build_object('ticketId', t.id, 'ticketNumber', t.number, 'commentId', md5('c2-' || t.i)::uuid, 'authorId', t.agent_id,
         'authorRole', 'agent', 'public', true, 'createdAt', t.created_at + (t.frt_minutes + t.resolution_minutes / 2) * interval '1 minute')
  FROM seed_tickets t WHERE t.solved AND t.second_reply;
INSERT INTO seed_events
SELECT 'ticket.updated', t.id, t.created_at + t.resolution_minutes * interval '1 minute',
       jsonb_build_object('ticket', pg_temp.snap(t, 'solved', t.created_at + t.resolution_minutes * interval '1 minute'), 'actorId', t.agent_id,
         'changes', jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'open', 'to', 'solved')))
  FROM seed_tickets t WHERE t.solved;
-- a reopen a day after the solve, solved again two hours later
INSERT INTO seed_events
SELECT 'ticket.updated', t.id, t.created_at + t.resolution_minutes * interval '1 minute' + interval '1 day',
       jsonb_build_object('ticket', pg_temp.snap(t, 'open', t.created_at + t.resolution_minutes * interval '1 minute' + interval '1 day'), 'actorId', NULL,
         'changes', jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'solved', 'to', 'open')))
  FROM seed_tickets t WHERE t.solved AND t.reopened;
INSERT INTO seed_events
SELECT 'ticket.updated', t.id, t.created_at + t.resolution_minutes * interval '1 minute' + interval '26 hours',
       jsonb_build_object('ticket', pg_temp.snap(t, 'solved', t.created_at + t.resolution_minutes * interval '1 minute' + interval '26 hours'), 'actorId', t.agent_id,
         'changes', jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'open', 'to', 'solved')))
  FROM seed_tickets t WHERE t.solved AND t.reopened;
INSERT INTO seed_events
SELECT 'sla.fulfilled', t.id, t.created_at + t.frt_minutes * interval '1 minute',
       jsonb_build_object('ticketId', t.id, 'clock', 'first_response', 'cycle', 1, 'policyId', md5('policy')::uuid, 'policyVersion', 1,
         'assigneeId', t.agent_id, 'teamId', t.team_id, 'outcome', CASE WHEN t.frt_minutes <= 60 THEN 'met' ELSE 'breached' END,
         'dueAt', CASE WHEN t.frt_minutes <= 60 THEN NULL ELSE t.created_at + interval '60 minutes' END,
         'fulfilledAt', t.created_at + t.frt_minutes * interval '1 minute', 'elapsedMinutes', t.frt_minutes, 'businessHours', true,
         'businessMinutes', round(t.frt_minutes * 0.6), 'calendarMinutes', t.frt_minutes)
  FROM seed_tickets t WHERE t.has_sla;
INSERT INTO seed_events
SELECT 'sla.fulfilled', t.id, t.created_at + t.resolution_minutes * interval '1 minute',
       jsonb_build_object('ticketId', t.id, 'clock', 'resolution', 'cycle', 1, 'policyId', md5('policy')::uuid, 'policyVersion', 1,
         'assigneeId', t.agent_id, 'teamId', t.team_id, 'outcome', CASE WHEN t.resolution_minutes <= 2880 THEN 'met' ELSE 'breached' END,
         'dueAt', CASE WHEN t.resolution_minutes <= 2880 THEN NULL ELSE t.created_at + interval '2880 minutes' END,
         'fulfilledAt', t.created_at + t.resolution_minutes * interval '1 minute', 'elapsedMinutes', t.resolution_minutes, 'businessHours', true,
         'businessMinutes', round(t.resolution_minutes * 0.3), 'calendarMinutes', t.resolution_minutes)
  FROM seed_tickets t WHERE t.has_sla AND t.solved;
INSERT INTO seed_events
SELECT 'csat.received', t.id, t.created_at + t.resolution_minutes * interval '1 minute' + interval '3 hours',
       jsonb_build_object('ticketId', t.id, 'requesterId', md5('requester' || (t.i % 50000))::uuid,
         'rating', CASE WHEN t.r_csat < 0.85 * 0.34 THEN 'good' ELSE 'bad' END, 'comment', NULL,
         'ratedAt', t.created_at + t.resolution_minutes * interval '1 minute' + interval '3 hours')
  FROM seed_tickets t WHERE t.solved AND t.r_csat < 0.34;

INSERT INTO reporting.event_log (event_id, type, ticket_id, occurred_at, payload)
SELECT md5(e.ticket_id::text || e.type || e.occurred_at::text)::uuid::text, e.type, e.ticket_id, e.occurred_at,
       jsonb_build_object('id', md5(e.ticket_id::text || e.type || e.occurred_at::text)::uuid, 'type', e.type, 'version', 1,
         'occurredAt', e.occurred_at, 'source', 'bench-seed', 'aggregateId', e.ticket_id, 'data', e.data)
  FROM seed_events e
 ORDER BY e.occurred_at
ON CONFLICT (event_id) DO NOTHING;
