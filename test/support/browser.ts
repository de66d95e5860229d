/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they need the DOM types.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Browser, launch, Page } from 'puppeteer-core';

/** Where Chromium is: CHROMIUM_PATH, else `chromium` or `chromium-browser` on the PATH (Debian's `chromium` package; .ci/run installs it). */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this one
    }
  }
  throw new Error('No Chromium found: install the Debian package `chromium` (apt-get install chromium) or set CHROMIUM_PATH');
}

/** A real headless Chromium (tests run as root in CI, hence no sandbox). */
export function launchChromium(): Promise<Browser> {
  return launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--lang=en-US'],
    defaultViewport: { width: 1280, height: 1000 },
  });
}

/** Everything a page reports as wrong: console errors, uncaught exceptions, requests that failed or answered 4xx/5xx. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}

export interface PixelStats {
  width: number;
  height: number;
  /** Distinct colours among the sampled pixels */
  colours: number;
  /** Share of sampled pixels that are not the page background (near-white or the light grey canvas) */
  inkShare: number;
}

/** Decodes a PNG in the browser itself (a blank page, no policy) and samples a grid of its pixels. */
export async function samplePng(browser: Browser, png: Uint8Array): Promise<PixelStats> {
  const page = await browser.newPage();
  try {
    const dataUrl = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    return await page.evaluate(async (src: string) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<number>();
      let samples = 0;
      let ink = 0;
      for (let y = 0; y < canvas.height; y += 4) {
        for (let x = 0; x < canvas.width; x += 4) {
          const i = (y * canvas.width + x) * 4;
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
          colours.add((r << 16) | (g << 8) | b);
          samples += 1;
          if (Math.min(r, g, b) < 225) ink += 1;
        }
      }
      return { width: canvas.width, height: canvas.height, colours: colours.size, inkShare: ink / samples };
    }, dataUrl);
  } finally {
    await page.close();
  }
}
