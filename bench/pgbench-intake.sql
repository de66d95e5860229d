-- The baseline: what one chat webhook costs PostgreSQL at its simplest, one inbound-log row
-- (unique per channel and provider message id, indexed by conversation) and one outbox row in one transaction.
\set c random(1, 1000)
BEGIN;
INSERT INTO bench.inbound_messages (id, channel_id, provider_message_id, conversation_id, raw_body, received_at, state)
  VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000001', gen_random_uuid()::text, 'conv-' || :c,
    '{"conversationId":"conv-1","messageId":"msg-1","from":{"id":"visitor-1","name":"Visitante 1","email":"visitor-1@bench.example"},"text":"Mensaje 1: no puedo entrar en mi cuenta desde ayer, me dice que la contraseña es incorrecta.","sentAt":"2026-12-06T11:00:00.000Z"}',
    now(), 'handed_over')
  ON CONFLICT (channel_id, provider_message_id) DO NOTHING;
INSERT INTO bench.outbox (id, type, aggregate_id, payload)
  VALUES (gen_random_uuid(), 'channel.message.received', '00000000-0000-4000-8000-000000000001:conv-' || :c,
    '{"type":"channel.message.received","data":{"channelType":"chat","conversationId":"conv-1","from":{"id":"visitor-1","name":"Visitante 1","email":"visitor-1@bench.example"},"text":"Mensaje 1: no puedo entrar en mi cuenta desde ayer, me dice que la contraseña es incorrecta.","attachments":[]}}');
END;
