// What the bench scripts share for running the suite's apps from dist/: start one with its log in the
// run's folder, wait until /health/ready answers, stop it, and drop the run's JetStream stream.
'use strict';
const { spawn } = require('node:child_process');
const { createWriteStream } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startApp(app, port, env, logDir) {
  const out = createWriteStream(join(logDir, `${app}.log`));
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', app, 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return child;
}

async function waitReady(port, child, name, attempts = 600) {
  for (let i = 0; i < attempts; i += 1) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up (see its log)`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`${name} did not become ready`);
}

async function stopChild(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function deleteStream(natsUrl, name) {
  try {
    const { connect } = require('nats');
    const nc = await connect({ servers: natsUrl });
    await (await nc.jetstreamManager()).streams.delete(name).catch(() => undefined);
    await nc.close();
  } catch {
    /* nothing to clean */
  }
}

module.exports = { startApp, waitReady, stopChild, deleteStream, sleep };
