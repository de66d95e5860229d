\set n random(1, 1000)
INSERT INTO ticket.ticket_comments (id, ticket_id, author_id, body, public, created_at)
  VALUES (gen_random_uuid(), ('10000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001',
          'Hola, sigo sin poder entrar a la aplicación desde el móvil, me da error de contraseña otra vez', true, clock_timestamp());
