import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The strict policy the dashboard is served with: no inline script or style, data only from this origin. */
export const DASHBOARD_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'";

export interface DashboardFile {
  contentType: string;
  body: Buffer;
}

/** What the page is made of, by the path under /dashboard/ that serves it ('' is the page itself). */
export type DashboardFiles = ReadonlyMap<string, DashboardFile>;

const PAGE_FILES: Record<string, { file: string; contentType: string }> = {
  '': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  'dashboard.css': { file: 'dashboard.css', contentType: 'text/css; charset=utf-8' },
  'dashboard.js': { file: 'dashboard.js', contentType: 'text/javascript; charset=utf-8' },
};

/**
 * Where the page's files are: beside the bundle once built (nest-cli.json copies them to
 * dist/apps/<app>/dashboard/public), beside this file when run from source (tests, ts-node).
 */
export function dashboardPublicDir(baseDir: string = __dirname): string {
  const candidates = [join(baseDir, 'dashboard', 'public'), join(baseDir, 'public')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`The dashboard's files are missing (looked in ${candidates.join(', ')}): run \`nest build\``);
  return found;
}

/** Chart.js's UMD build, resolved from node_modules like any dependency (never copied into the repo). */
export function chartJsUmdPath(): string {
  const resolveFrom = createRequire(__filename);
  return join(dirname(resolveFrom.resolve('chart.js')), 'chart.umd.min.js');
}

/** Reads the page and Chart.js once, at startup: a few hundred kilobytes, served from memory. */
export function loadDashboardFiles(publicDir: string = dashboardPublicDir(), chartJs: string = chartJsUmdPath()): DashboardFiles {
  const files = new Map<string, DashboardFile>();
  for (const [path, { file, contentType }] of Object.entries(PAGE_FILES)) {
    files.set(path, { contentType, body: readFileSync(join(publicDir, file)) });
  }
  files.set('vendor/chart.umd.js', { contentType: 'text/javascript; charset=utf-8', body: readFileSync(chartJs) });
  return files;
}
