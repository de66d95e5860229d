/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they need the DOM types.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SummaryView } from '@helpdesk/contracts';
import type { Browser, Page } from 'puppeteer-core';
import { bearer, userWithRole } from '../support/api';
import { launchChromium, samplePng, watchPageErrors } from '../support/browser';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';
import { ADMIN, topology } from '../support/target';

const CHARTS = ['backlog', 'createdSolved', 'sla', 'times', 'channels', 'csat'] as const;
const ARTIFACTS = resolve(__dirname, '../../tmp/artifacts');

interface DashboardState {
  status: string;
  lang: string;
  error: string | null;
  charts: Record<(typeof CHARTS)[number], number>;
}

/**
 * The managers' dashboard in a real headless Chromium against the running suite: the page is
 * served by the gateway under a strict CSP, asks the reports API with the token it was given and
 * draws every chart from the tickets made here.
 */
describe('Managers dashboard', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);
  const tag = `dash-${run}`;
  let browser: Browser;
  let customer: { id: string; email: string; token: string };
  let summary: SummaryView;

  const post = (path: string, body: object, token = suite.admin) => suite.api().post(path).set(bearer(token)).send(body);

  const open = async (fragment: string): Promise<{ page: Page; errors: string[] }> => {
    const page = await browser.newPage();
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    const errors = watchPageErrors(page);
    await page.goto(`${suite.target.url}/dashboard#${fragment}`, { waitUntil: 'load' });
    return { page, errors };
  };
  const settled = async (page: Page, status: string): Promise<DashboardState> => {
    await page.waitForFunction(
      (wanted: string) => (window as unknown as { dashboardState?: DashboardState }).dashboardState?.status === wanted,
      { timeout: 20_000 },
      status,
    );
    return page.evaluate(() => (window as unknown as { dashboardState: DashboardState }).dashboardState);
  };

  beforeAll(async () => {
    browser = await launchChromium();
    customer = await userWithRole(suite.target, suite.admin, 'customer');
    await post('/api/v1/sla/policies', {
      name: `Dashboard ${run}`,
      position: 1,
      conditions: { tagsAny: [tag] },
      targets: { normal: { firstResponse: { minutes: 60, businessHours: false }, resolution: { minutes: 480, businessHours: false } } },
    }).expect(201);

    // Four tickets on three channels: three answered by an agent and solved (two of them rated), one left open.
    const channels = ['email', 'phone', 'web', 'email'];
    const tickets: { id: string }[] = [];
    for (const [i, channel] of channels.entries()) {
      const ticket = (
        await post('/api/v1/tickets', {
          subject: `Dashboard ${i}`,
          description: 'No funciona la VPN',
          channel,
          tags: [tag],
          requester: { email: customer.email },
        }).expect(201)
      ).body as { id: string };
      tickets.push(ticket);
    }
    // Once sla-service has started each clock, the reply and the solve fulfil them (met, not just stopped).
    await waitFor(
      'SLA clocks on every ticket',
      async () => {
        for (const ticket of tickets) {
          const sla = (await suite.api().get(`/api/v1/tickets/${ticket.id}/sla`).set(bearer(suite.admin))).body as { targets?: unknown[] };
          if ((sla.targets ?? []).length < 2) return undefined;
        }
        return true;
      },
      20_000,
      100,
    );
    for (const ticket of tickets.slice(0, 3)) {
      await post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Lo estamos revisando', public: true }).expect(201);
    }
    for (const ticket of tickets.slice(0, 3)) {
      await suite.api().patch(`/api/v1/tickets/${ticket.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
    }
    for (const [ticket, rating] of [
      [tickets[0], 'good'],
      [tickets[1], 'bad'],
    ] as const) {
      const survey = await waitFor(
        'a CSAT survey',
        async () => {
          const res = await suite.api().get(`/api/v1/tickets/${ticket.id}/csat`).set(bearer(customer.token));
          return res.body?.state === 'pending' ? (res.body.token as string) : undefined;
        },
        10_000,
        100,
      );
      await suite.api().post(`/api/v1/csat/${survey}`).send({ rating }).expect(200);
    }

    // Reporting builds from events, a moment later.
    summary = await waitFor(
      'reporting to show the tickets',
      async () => {
        const view = (await suite.api().get('/api/v1/reports/summary').query({ groupBy: 'day' }).set(bearer(suite.admin)).expect(200))
          .body as SummaryView;
        const total = view.total;
        const ready =
          total.ticketsCreated >= 4 &&
          total.ticketsSolved >= 3 &&
          total.firstResponseTime.calendar.count >= 3 &&
          total.csat.good + total.csat.bad >= 2 &&
          total.sla.filter((s) => s.met > 0).length >= 2;
        return ready ? view : undefined;
      },
      30_000,
      250,
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('serves the page without a token under a strict Content-Security-Policy, and keeps it out of the API docs', async () => {
    const page = await suite.api().get('/dashboard').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe("default-src 'self'; img-src 'self' data:; style-src 'self'");
    expect(page.text).toContain('/dashboard/dashboard.js');
    const chartJs = await suite.api().get('/dashboard/vendor/chart.umd.js').expect(200);
    expect(chartJs.headers['content-type']).toMatch(/^text\/javascript/);
    expect(chartJs.text).toMatch(/Chart\.js v4/);
    const docs = (await suite.api().get('/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths).filter((path) => path.startsWith('/dashboard'))).toEqual([]);
  });

  it('draws every chart and the totals from the reports for an admin, without a console error, and saves a screenshot', async () => {
    const { page, errors } = await open(`token=${suite.admin}&lang=en`);
    await settled(page, 'ready');
    const state = await page.evaluate(() => (window as unknown as { dashboardState: DashboardState }).dashboardState);
    const drawn = await page.$$eval('canvas[id^="chart-"]', (canvases) =>
      Object.fromEntries(canvases.map((c) => [c.id.replace('chart-', ''), Number(c.getAttribute('data-points'))])),
    );
    for (const chart of CHARTS) expect({ chart, drawn: drawn[chart] > 0 }).toEqual({ chart, drawn: true });
    expect(state.charts).toEqual(drawn);
    // Three channels, two SLA targets (first response, resolution), a backlog point for each of the 30 days.
    expect(drawn.channels).toBe(3);
    expect(drawn.sla).toBe(2);
    expect(drawn.backlog).toBe(summary.groups.length);

    const kpi = (name: string) => page.$eval(`[data-kpi="${name}"]`, (e) => e.textContent?.trim());
    expect(await kpi('created')).toBe(String(summary.total.ticketsCreated));
    expect(await kpi('solved')).toBe(String(summary.total.ticketsSolved));
    expect(await kpi('csat')).toBe('50 %');
    // Measured (seconds here, as the reply and the solve follow at once), so a duration, not the "none" dash.
    expect(await kpi('firstResponse')).toMatch(/^\d+ min$/);
    expect(await kpi('resolution')).toMatch(/^\d+ min$/);
    expect(await kpi('sla')).toBe('100 %');
    // The token leaves the address bar as soon as the page has it.
    expect(new URL(page.url()).hash).toBe('');

    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `dashboard-${topology()}.png`);
    // The viewport grows to the whole page first, and the capture waits until every chart is painted
    // again: a full-page capture of the 1000 px viewport drops the scrollbar, which resizes the charts,
    // and Chart.js repaints a resized canvas on a later frame (on a busy machine, after the capture).
    await page.setViewport({ width: 1280, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    // Three frames: the resize is observed, Chart.js's throttled resize runs (clearing the canvases), then the polling starts.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))),
    );
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas[id^="chart-"]')).every((canvas) => {
          const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
          for (let alpha = 3; alpha < data.length; alpha += 4) if (data[alpha]) return true;
          return false;
        }),
      { timeout: 20_000 },
    );
    const png = await page.screenshot({ fullPage: true, type: 'png' });
    writeFileSync(file, png);
    expect(statSync(file).size).toBeGreaterThan(30_000);
    const pixels = await samplePng(browser, png);
    expect(pixels.width).toBe(1280);
    expect(pixels.colours).toBeGreaterThan(20);
    expect(pixels.inkShare).toBeGreaterThan(0.03);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Spanish when asked, and switches language with the toggle', async () => {
    const { page, errors } = await open(`token=${suite.admin}&lang=es`);
    await settled(page, 'ready');
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('Panel de la mesa de ayuda');
    expect(await page.$eval('html', (e) => e.lang)).toBe('es');
    expect(await page.$eval('[data-i18n="chartBacklog"]', (e) => e.textContent)).toBe('Evolución de pendientes');
    expect(await page.$eval('[data-i18n="kpiCreated"]', (e) => e.textContent)).toBe('Creados');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Helpdesk dashboard');
    expect(await page.$eval('html', (e) => e.lang)).toBe('en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tells a customer that reports are for supervisors and admins', async () => {
    const { page } = await open(`token=${customer.token}&lang=en`);
    const state = await settled(page, 'forbidden');
    expect(state.error).toBe('forbidden');
    const error = await page.$eval('#error', (e) => ({ hidden: (e as HTMLElement).hidden, text: e.textContent }));
    expect(error).toEqual({ hidden: false, text: expect.stringContaining('Reports are for supervisors and admins') });
    expect(await page.$eval('#dashboard', (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.close();
  });

  it('sends a bad token back to the sign-in form, and signing in there shows the dashboard', async () => {
    const { page } = await open('token=not-a-token&lang=en');
    await settled(page, 'signin');
    expect(await page.$eval('#error', (e) => e.getAttribute('data-error'))).toBe('unauthorized');
    expect(await page.$eval('#signin', (e) => (e as HTMLElement).hidden)).toBe(false);

    await page.type('#email', ADMIN.email);
    await page.type('#password', 'wrong-password');
    await page.click('#signin-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#error')?.getAttribute('data-error') === 'badLogin');

    await page.$eval('#password', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#password', ADMIN.password);
    await page.click('#signin-form button[type="submit"]');
    const state = await settled(page, 'ready');
    expect(state.charts.createdSolved).toBeGreaterThan(0);
    expect(await page.$eval('#signin', (e) => (e as HTMLElement).hidden)).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('helpdesk.dashboard.token'))).toEqual(expect.any(String));
    await page.close();
  });
});
