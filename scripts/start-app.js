#!/usr/bin/env node
// The container image's entrypoint: runs one app of the suite, chosen by the first argument or by
// HELPDESK_APP, in this very process (so SIGTERM reaches the app itself).
//   node scripts/start-app.js ticket-service
//   HELPDESK_APP=api-gateway node scripts/start-app.js
//   node scripts/start-app.js migrate   # every service's migrations (DATABASE_URL), one after another, then exit
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
/** The apps that own a schema, in the order their migrations run. */
const SERVICES = ['ticket-service', 'sla-service', 'kb-service', 'channel-gateway', 'reporting-service'];
const APPS = [...SERVICES, 'api-gateway', 'standalone'];

const mainOf = (app) => join(ROOT, 'dist', 'apps', app, 'main.js');

function usage(message) {
  process.stderr.write(`${message}\nusage: start-app.js <${APPS.join('|')}|migrate> (or HELPDESK_APP)\n`);
  process.exit(64);
}

/** Runs each service with HELPDESK_MIGRATE_ONLY=true: it migrates its own schema and exits. */
function migrateAll() {
  for (const app of SERVICES) {
    const result = spawnSync(process.execPath, [mainOf(app)], {
      env: { ...process.env, HELPDESK_MIGRATE_ONLY: 'true' },
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      process.stderr.write(`migrate: ${app} failed (${result.signal || `exit ${result.status}`})\n`);
      process.exit(result.status || 1);
    }
  }
}

const app = process.argv[2] || process.env.HELPDESK_APP;
if (!app) usage('start-app: no app given');
if (app === 'migrate') {
  migrateAll();
} else if (APPS.includes(app)) {
  if (!existsSync(mainOf(app))) usage(`start-app: ${mainOf(app)} is missing (npm run build)`);
  require(mainOf(app));
} else {
  usage(`start-app: unknown app "${app}"`);
}
