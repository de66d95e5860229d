import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartJsUmdPath, dashboardPublicDir, loadDashboardFiles } from './dashboard-files';

describe('dashboard files', () => {
  it('finds the page beside the source and loads it with Chart.js from node_modules', () => {
    const files = loadDashboardFiles();
    expect([...files.keys()].sort()).toEqual(['', 'dashboard.css', 'dashboard.js', 'vendor/chart.umd.js']);
    expect(files.get('')!.body.toString()).toContain('<script type="module" src="/dashboard/dashboard.js">');
    expect(files.get('vendor/chart.umd.js')!.body.toString()).toMatch(/Chart\.js v4/);
    expect(chartJsUmdPath()).toMatch(/node_modules[/\\]chart\.js[/\\]dist[/\\]chart\.umd\.min\.js$/);
  });

  it('finds the page where the build copies it (dashboard/public beside the bundle)', () => {
    const dist = mkdtempSync(join(tmpdir(), 'dashboard-dist-'));
    try {
      mkdirSync(join(dist, 'dashboard', 'public'), { recursive: true });
      writeFileSync(join(dist, 'dashboard', 'public', 'index.html'), '<!doctype html>');
      expect(dashboardPublicDir(dist)).toBe(join(dist, 'dashboard', 'public'));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('says what is missing when the build did not copy the page', () => {
    const empty = mkdtempSync(join(tmpdir(), 'dashboard-empty-'));
    try {
      expect(() => dashboardPublicDir(empty)).toThrow(/dashboard's files are missing/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('has no inline script or style in the page, so the strict policy holds', () => {
    const page = loadDashboardFiles().get('')!.body.toString();
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});
