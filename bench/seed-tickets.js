#!/usr/bin/env node
// Seeds a dedicated PostgreSQL database with ticket-service's schema and BENCH_TICKETS (default
// 1,000,000) tickets with a realistic spread, for bench/list-search.js:
//   - ~30 teams (sizes skewed), 300 agents (10 per team, 30 of them in a second team), 30 supervisors,
//     50,000 requesters (some file many tickets; 60% belong to one of 500 organizations);
//   - tickets over 3 years, seq following created_at; status by age (recent ones mostly unsolved,
//     old ones closed), 95% in a team, unsolved ones 75% assigned to a member of their team;
//   - Spanish (60%) and English (40%) subjects and descriptions from word lists, 0–2 tags, 35% with
//     1–2 comments (a fifth of them internal notes);
//   - 40 routing rules (keywords, tags, priorities) over the teams.
// Set-based SQL (generate_series, INSERT ... SELECT) in chunks over two connections, with triggers and
// foreign keys off (session_replication_role = replica) and the search vectors computed in the same
// INSERT by the migration's own functions; the tickets' indexes are dropped first and rebuilt at the end.
// Migrations run by starting the built ticket-service once (`nest build ticket-service` first).
// Env: BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_DB (helpdesk_bench_1m),
// BENCH_TICKETS, BENCH_NATS_URL.
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const argon2 = require('argon2');
const { Client } = require('pg');

const ROOT = join(__dirname, '..');
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.BENCH_NATS_URL || 'nats://127.0.0.1:4222';
const DB = process.env.BENCH_DB || 'helpdesk_bench_1m';
const TICKETS = Number(process.env.BENCH_TICKETS || 1_000_000);
const CHUNK = 50_000;
const WORKERS = 2;
const PASSWORD = 'bench-password-123';
const ADMIN_EMAIL = 'bench-admin@bench.local';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (text) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

function dbUrl(name) {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function connect(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

async function migrate() {
  const main = join(ROOT, 'dist/apps/ticket-service/main.js');
  if (!existsSync(main)) throw new Error('build ticket-service first (npx nest build ticket-service)');
  const port = 3921;
  const runId = randomBytes(3).toString('hex');
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: dbUrl(DB),
      NATS_URL,
      JWT_SECRET: randomBytes(32).toString('hex'),
      HELPDESK_BUS_NAMESPACE: `seed-${runId}`,
      HELPDESK_EVENT_STREAM: `HELPDESK_SEED_${runId}`,
      HELPDESK_ADMIN_EMAIL: ADMIN_EMAIL,
      HELPDESK_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; i < 300; i += 1) {
      if (child.exitCode !== null) throw new Error('ticket-service exited while migrating');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
      } catch {
        /* not yet */
      }
      await sleep(200);
    }
    throw new Error('ticket-service did not become ready');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    try {
      const { connect } = require('nats');
      const nc = await connect({ servers: NATS_URL });
      await (await nc.jetstreamManager()).streams.delete(`HELPDESK_SEED_${runId}`).catch(() => undefined);
      await nc.close();
    } catch {
      /* nothing to clean */
    }
  }
}

const sqlArray = (words) => `ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]`;

// Word lists: what people write to a help desk, in both languages.
const ES = {
  problems: [
    'No funciona',
    'Error al abrir',
    'Problema con',
    'Fallo en',
    'Solicitud de',
    'No puedo acceder a',
    'Lentitud en',
    'Configurar',
    'Cambio de',
    'Consulta sobre',
    'Incidencia con',
    'Reinstalar',
    'Bloqueo de',
    'Actualización de',
    'Alta de',
  ],
  objects: [
    'la impresora',
    'el portátil',
    'el correo',
    'la VPN',
    'la contraseña',
    'el monitor',
    'el teclado',
    'el ratón',
    'el servidor de archivos',
    'la red wifi',
    'la factura',
    'el pedido',
    'la cuenta de usuario',
    'la aplicación de nóminas',
    'el teléfono',
    'el escáner',
    'la licencia de Office',
    'el acceso remoto',
    'la base de datos',
    'la copia de seguridad',
    'el proyector',
    'la impresión a color',
    'el certificado digital',
    'la sesión de Windows',
    'el calendario compartido',
  ],
  contexts: [
    'desde esta mañana',
    'en la oficina de Madrid',
    'tras la actualización',
    'urgente',
    'del piso 3',
    'en la sucursal de Bogotá',
    'otra vez',
    'al iniciar sesión',
    'en la sala de reuniones',
    'para el nuevo empleado',
    'en Ciudad de México',
    'desde casa',
  ],
  sentences: [
    'Desde ayer no puedo trabajar con normalidad.',
    'El equipo muestra un mensaje de error al arrancar.',
    'La impresora marca papel atascado en la bandeja 2.',
    'He reiniciado el ordenador pero sigue igual.',
    'Necesito que alguien lo revise lo antes posible.',
    'La conexión se corta cada pocos minutos.',
    'No recuerdo la contraseña y la cuenta está bloqueada.',
    'El cliente no recibe nuestras facturas por correo.',
    'La aplicación tarda más de un minuto en responder.',
    'Adjunto captura de pantalla del error.',
    'Afecta a todo el departamento de contabilidad.',
    'Solicito acceso a la carpeta compartida de proyectos.',
    'El portátil se calienta mucho y se apaga solo.',
    'La configuración de la VPN no acepta mi certificado.',
    'Tras la última actualización la impresión sale en blanco.',
    'Por favor, instalen la licencia en mi equipo.',
    'El escáner no envía los documentos al correo.',
    'La sesión caduca aunque esté trabajando.',
  ],
  comments: [
    'Hemos revisado el equipo y reemplazado el tóner.',
    'Por favor, pruebe de nuevo y nos confirma.',
    'Reiniciamos el servidor y el servicio ya responde.',
    'Le hemos enviado una contraseña temporal por SMS.',
    'Pendiente de la respuesta del proveedor.',
    'Escalado al segundo nivel por falta de permisos.',
  ],
  internal: [
    'Cliente insiste mucho, revisar historial.',
    'Posible fallo de hardware, pedir repuesto.',
    'Nota interna: el proveedor cobra la visita aparte.',
    'Revisar licencias caducadas del departamento.',
  ],
};
const EN = {
  problems: [
    'Cannot open',
    'Problem with',
    'Error in',
    'Request for',
    'Unable to access',
    'Slow',
    'Configure',
    'Change of',
    'Question about',
    'Issue with',
    'Reinstall',
    'Locked',
    'Update of',
    'New account for',
    'Broken',
  ],
  objects: [
    'the printer',
    'my laptop',
    'email',
    'the VPN',
    'my password',
    'the monitor',
    'the keyboard',
    'the mouse',
    'the file server',
    'the wifi network',
    'the invoice',
    'the order',
    'the user account',
    'the payroll app',
    'the phone',
    'the scanner',
    'the Office license',
    'remote access',
    'the database',
    'the backup',
    'the projector',
    'colour printing',
    'the digital certificate',
    'the Windows session',
    'the shared calendar',
  ],
  contexts: [
    'since this morning',
    'in the London office',
    'after the update',
    'urgent',
    'on floor 3',
    'in the Austin branch',
    'again',
    'when logging in',
    'in the meeting room',
    'for the new hire',
    'from home',
    'for the whole team',
  ],
  sentences: [
    'Since yesterday I cannot work normally.',
    'The computer shows an error message at startup.',
    'The printer reports a paper jam in tray 2.',
    'I restarted the computer but nothing changed.',
    'Please have someone look at it as soon as possible.',
    'The connection drops every few minutes.',
    'I forgot my password and the account is locked.',
    'The customer does not receive our invoices by email.',
    'The application takes more than a minute to respond.',
    'Screenshot of the error attached.',
    'It affects the whole accounting department.',
    'I need access to the shared projects folder.',
    'The laptop gets very hot and shuts down.',
    'The VPN settings reject my certificate.',
    'After the last update printing comes out blank.',
    'Please install the license on my machine.',
    'The scanner does not send documents to email.',
    'The session expires while I am working.',
  ],
  comments: [
    'We checked the device and replaced the toner.',
    'Please try again and let us know.',
    'We restarted the server and the service responds again.',
    'We sent you a temporary password by SMS.',
    'Waiting for the vendor to answer.',
    'Escalated to tier 2 for missing permissions.',
  ],
  internal: [
    'Customer keeps pushing, check the history.',
    'Probably hardware, order a spare part.',
    'Internal: the vendor charges the visit separately.',
    'Check expired licenses of the department.',
  ],
};
const TAGS = [
  'printer',
  'vpn',
  'email',
  'password',
  'hardware',
  'software',
  'network',
  'billing',
  'access',
  'laptop',
  'office365',
  'backup',
  'database',
  'phone',
  'onboarding',
  'offboarding',
  'vip',
  'madrid',
  'bogota',
  'london',
  'austin',
  'windows',
  'macos',
  'license',
  'security',
  'wifi',
  'scanner',
  'payroll',
  'erp',
  'crm',
];

const pick = (array) => `(${array})[1 + floor(random() * array_length(${array}, 1))::int]`;

async function seedDirectory(client, hash) {
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SELECT setseed(0.42)`);
  await client.query(`
    INSERT INTO ticket.organizations (id, name, shared_tickets)
    SELECT public.bench_id('o' || i), 'Organización ' || i, i % 5 = 0 FROM generate_series(0, 499) i`);
  await client.query(
    `
    INSERT INTO ticket.users (id, email, name, role, password_hash, locale, tier, skills, capacity, created_at)
    SELECT public.bench_id('s' || i), 'supervisor' || i || '@bench.local', 'Supervisor ' || i, 'supervisor', $1, 'es', 2, '{}', NULL, now() - interval '3 years'
      FROM generate_series(0, 29) i
    UNION ALL
    SELECT public.bench_id('a' || i), 'agent' || i || '@bench.local', 'Agente ' || i, 'agent', $1, CASE WHEN i % 3 = 0 THEN 'en' ELSE 'es' END,
           1 + (i % 3), (${sqlArray(['printers', 'network', 'windows'])})[1:1 + i % 3], 200, now() - interval '3 years'
      FROM generate_series(0, 299) i`,
    [hash],
  );
  await client.query(`
    INSERT INTO ticket.users (id, email, name, role, locale, organization_id, created_at)
    SELECT public.bench_id('c' || i), 'customer' || i || '@example.com', 'Cliente ' || i, 'customer', CASE WHEN i % 5 < 2 THEN 'en' ELSE 'es' END,
           CASE WHEN i % 10 < 6 THEN public.bench_id('o' || (i % 500)) END, now() - interval '3 years'
      FROM generate_series(0, 49999) i`);
  await client.query(`
    INSERT INTO ticket.teams (id, name, tier, supervisor_id, routing_strategy)
    SELECT public.bench_id('t' || i), 'Equipo ' || i, 1 + (i % 3), public.bench_id('s' || i),
           (ARRAY['round_robin', 'least_loaded', 'skills'])[1 + i % 3]
      FROM generate_series(0, 29) i`);
  // Agent i belongs to team i % 30; agents 0..29 also to the next team.
  await client.query(`
    INSERT INTO ticket.team_members (team_id, user_id, added_at)
    SELECT public.bench_id('t' || (i % 30)), public.bench_id('a' || i), now() - interval '2 years' + i * interval '1 minute' FROM generate_series(0, 299) i
    UNION ALL
    SELECT public.bench_id('t' || ((i + 1) % 30)), public.bench_id('a' || i), now() - interval '1 year' FROM generate_series(0, 29) i`);
  await client.query(`
    INSERT INTO ticket.routing_rules (id, name, position, active, conditions, team_id, required_skills)
    SELECT public.bench_id('r' || i), 'Regla ' || i, 10 * (i + 1), true,
           CASE i % 4
             WHEN 0 THEN jsonb_build_object('keywords', jsonb_build_array(${pick(sqlArray(['impresora', 'printer', 'vpn', 'contraseña', 'password', 'factura', 'invoice', 'escáner']))}))
             WHEN 1 THEN jsonb_build_object('tagsAny', jsonb_build_array(${pick(sqlArray(TAGS))}, ${pick(sqlArray(TAGS))}))
             WHEN 2 THEN jsonb_build_object('priorities', jsonb_build_array('urgent'), 'channels', jsonb_build_array('phone', 'chat'))
             ELSE jsonb_build_object('types', jsonb_build_array('problem'), 'keywords', jsonb_build_array('servidor', 'server'))
           END,
           public.bench_id('t' || (i % 30)), '{}'
      FROM generate_series(0, 39) i`);
}

/** One chunk of tickets [from, to] (seq = g), with their comments. */
async function seedChunk(client, from, to) {
  const es = Object.fromEntries(Object.entries(ES).map(([k, v]) => [k, sqlArray(v)]));
  const en = Object.fromEntries(Object.entries(EN).map(([k, v]) => [k, sqlArray(v)]));
  const text = (key) => `CASE WHEN spanish THEN ${pick(es[key])} ELSE ${pick(en[key])} END`;
  await client.query(`DROP TABLE IF EXISTS seed_chunk`);
  await client.query(`
    CREATE TEMP TABLE seed_chunk AS
    SELECT g, public.bench_id('k' || g) AS id, spanish, age_days, unsolved, team, customer,
           ${text('problems')} || ' ' || ${text('objects')} || CASE WHEN random() < 0.6 THEN ' ' || ${text('contexts')} ELSE '' END AS subject,
           ${text('sentences')} || ' ' || ${text('sentences')} || CASE WHEN random() < 0.5 THEN ' ' || ${text('sentences')} ELSE '' END
             || ' Ref ' || (g::bigint * 7919 % 100000) AS description,
           CASE WHEN random() < 0.35 THEN ${text('comments')} END AS reply,
           CASE WHEN random() < 0.12 THEN ${text('internal')} END AS note,
           random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
      FROM (SELECT g, random() < 0.6 AS spanish, (${TICKETS} - g) * 1095.0 / ${TICKETS} AS age_days,
                   CASE WHEN random() < 0.95 THEN floor(30 * power(random(), 1.5))::int END AS team,
                   floor(50000 * power(random(), 2))::int AS customer,
                   random() AS u
              FROM generate_series(${from}, ${to}) g) base
      CROSS JOIN LATERAL (SELECT u < CASE WHEN age_days < 14 THEN 0.7 WHEN age_days < 90 THEN 0.25 ELSE 0.015 END AS unsolved) s`);
  await client.query(`
    INSERT INTO ticket.tickets (id, seq, subject, description, status, priority, channel, requester_id, assignee_id, organization_id,
                                type, tier, team_id, tags, follower_ids, created_at, updated_at, solved_at, closed_at, version,
                                search_vector, internal_search_vector)
    SELECT id, g, subject, description, status,
           CASE WHEN r2 < 0.2 THEN 'low' WHEN r2 < 0.75 THEN 'normal' WHEN r2 < 0.93 THEN 'high' ELSE 'urgent' END,
           CASE WHEN r3 < 0.45 THEN 'email' WHEN r3 < 0.70 THEN 'web' WHEN r3 < 0.80 THEN 'chat' WHEN r3 < 0.90 THEN 'phone' WHEN r3 < 0.95 THEN 'api' ELSE 'form' END,
           public.bench_id('c' || customer),
           CASE WHEN (unsolved AND r4 < 0.75) OR (NOT unsolved AND r4 < 0.98)
                THEN public.bench_id('a' || (coalesce(team, floor(r5 * 30)::int) + 30 * floor(r5 * 10)::int)) END,
           CASE WHEN customer % 10 < 6 THEN public.bench_id('o' || (customer % 500)) END,
           CASE WHEN r5 < 0.45 THEN 'incident' WHEN r5 < 0.75 THEN 'service_request' WHEN r5 < 0.95 THEN 'question' WHEN r5 < 0.97 THEN 'problem' END,
           CASE WHEN r1 < 0.8 THEN 1 WHEN r1 < 0.95 THEN 2 ELSE 3 END,
           public.bench_id('t' || team),
           CASE WHEN r2 < 0.3 THEN '{}'::text[] WHEN r2 < 0.8 THEN ARRAY[${pick(sqlArray(TAGS))}] ELSE ARRAY[${pick(sqlArray(TAGS))}, ${pick(sqlArray(TAGS))}] END,
           '{}', created_at, created_at + interval '2 hours',
           CASE WHEN status IN ('solved', 'closed') THEN created_at + interval '1 day' END,
           CASE WHEN status = 'closed' THEN created_at + interval '5 days' END,
           1 + floor(r4 * 5)::int,
           ticket.search_document(subject, description, reply),
           CASE WHEN note IS NOT NULL THEN ticket.search_document(NULL, NULL, note) END
      FROM (SELECT *, now() - age_days * interval '1 day' AS created_at,
                   CASE WHEN unsolved THEN (ARRAY['new', 'open', 'open', 'pending', 'pending', 'on_hold', 'open', 'new', 'open', 'pending'])[1 + floor(r1 * 10)::int]
                        WHEN age_days < 5 THEN 'solved' ELSE 'closed' END AS status
              FROM seed_chunk) c`);
  await client.query(`
    INSERT INTO ticket.ticket_comments (id, ticket_id, author_id, body, public, created_at)
    SELECT public.bench_id('m' || g || kind), id, public.bench_id('a' || (coalesce(team, 0) + 30 * floor(r5 * 10)::int)), body, kind = 'reply',
           now() - age_days * interval '1 day' + interval '1 hour'
      FROM seed_chunk CROSS JOIN LATERAL (VALUES ('reply', reply), ('note', note)) v(kind, body)
     WHERE body IS NOT NULL`);
}

async function main() {
  const started = Date.now();
  const admin = await connect(PG_URL);
  await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB}"`);
  await admin.end();
  log(`database ${DB} created; migrating through ticket-service ...`);
  await migrate();

  const client = await connect(dbUrl(DB));
  await client.query(`SET maintenance_work_mem = '512MB'`);
  // Stable ids from a key ('a0' is agent 0), shaped as version-4 uuids so they pass validation.
  await client.query(`
    CREATE FUNCTION public.bench_id(key text) RETURNS uuid LANGUAGE sql IMMUTABLE
    AS $$ SELECT overlay(overlay(md5(key) placing '4' from 13) placing '8' from 17)::uuid $$`);
  log('directory: 500 organizations, 30 teams, 30 supervisors, 300 agents, 50,000 requesters, 40 routing rules ...');
  await seedDirectory(client, await argon2.hash(PASSWORD));

  const { rows: indexes } = await client.query(`
    SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'ticket' AND t.relname IN ('tickets', 'ticket_comments') AND NOT x.indisprimary`);
  for (const index of indexes) await client.query(`DROP INDEX ticket."${index.name}"`);
  log(`dropped ${indexes.length} indexes of tickets and comments while loading`);

  const workers = [];
  for (let w = 0; w < WORKERS; w += 1) {
    const worker = await connect(dbUrl(DB));
    await worker.query(`SET session_replication_role = replica`);
    await worker.query(`SELECT setseed(${(w + 1) / 10})`);
    workers.push(worker);
  }
  let next = 1;
  await Promise.all(
    workers.map(async (worker) => {
      while (next <= TICKETS) {
        const from = next;
        const to = Math.min(TICKETS, from + CHUNK - 1);
        next = to + 1;
        await seedChunk(worker, from, to);
        log(`tickets ${from}–${to}`);
      }
    }),
  );
  for (const worker of workers) await worker.end();
  await client.query(`SELECT setval('ticket.ticket_number_seq', $1)`, [TICKETS]);

  log('rebuilding indexes ...');
  const builders = [];
  for (let w = 0; w < WORKERS; w += 1) {
    const builder = await connect(dbUrl(DB));
    await builder.query(`SET maintenance_work_mem = '512MB'`);
    builders.push(builder);
  }
  const queue = [...indexes];
  await Promise.all(
    builders.map(async (builder) => {
      for (let index = queue.shift(); index; index = queue.shift()) {
        const t0 = Date.now();
        await builder.query(index.definition);
        log(`  ${index.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
    }),
  );
  for (const builder of builders) await builder.end();
  log('VACUUM ANALYZE ...');
  await client.query(`VACUUM ANALYZE`);
  const { rows } = await client.query(`
    SELECT count(*) AS tickets, count(*) FILTER (WHERE status IN ('new', 'open', 'pending', 'on_hold')) AS unsolved,
           count(*) FILTER (WHERE status IN ('new', 'open', 'pending', 'on_hold') AND assignee_id IS NULL) AS unassigned_unsolved,
           (SELECT count(*) FROM ticket.ticket_comments) AS comments,
           pg_size_pretty(pg_total_relation_size('ticket.tickets')) AS size
      FROM ticket.tickets`);
  await client.end();
  log(`done in ${((Date.now() - started) / 60000).toFixed(1)} min: ${JSON.stringify(rows[0])}`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
