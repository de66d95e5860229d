import 'reflect-metadata';
import { exitOnConfigError } from '@helpdesk/platform';
import { startStandalone } from './standalone';

async function main(): Promise<void> {
  const suite = await startStandalone().catch(exitOnConfigError);
  const base = suite.url.replace('127.0.0.1', 'localhost');
  process.stdout.write(
    `\nHelpdesk is running.\n  API docs: ${base}/docs\n  API:      ${base}/api/v1\n  Health:   ${base}/health/ready\n\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received, stopping...\n`);
    void suite.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
