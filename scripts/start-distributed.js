#!/usr/bin/env node
// Development: every app as its own process against local NATS (JetStream) and PostgreSQL,
// exactly as in production. `npm run start:distributed` builds first, then runs this.
//   DATABASE_URL  default postgres://postgres@127.0.0.1:5432/helpdesk (created if missing)
//   NATS_URL      default nats://127.0.0.1:4222
//   JWT_SECRET    default: generated once into ./data/jwt-secret-distributed
// The gateway listens on PORT (default 3000); services on 3001-3005.
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require('pg');

const ROOT = join(__dirname, '..');
const APPS = [
  ['ticket-service', 3001],
  ['sla-service', 3002],
  ['kb-service', 3003],
  ['channel-gateway', 3004],
  ['reporting-service', 3005],
  ['api-gateway', Number(process.env.PORT || 3000)],
];

function jwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(ROOT, 'data', 'jwt-secret-distributed');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function ensureDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  await client.end();
}

async function main() {
  const env = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/helpdesk',
    NATS_URL: process.env.NATS_URL || 'nats://127.0.0.1:4222',
    JWT_SECRET: jwtSecret(),
  };
  await ensureDatabase(env.DATABASE_URL);
  const children = APPS.map(([app, port]) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps', app, 'main.js')], {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(`${app} exited (${signal || code}); stopping the rest\n`);
        stop();
      }
    });
    return child;
  });
  let stopping = false;
  function stop() {
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  }
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`Helpdesk (distributed) starting: API docs at http://localhost:${APPS[APPS.length - 1][1]}/docs\n`);
}

main().catch((error) => {
  process.stderr.write(`start:distributed: ${error.message}\n`);
  process.exit(1);
});
