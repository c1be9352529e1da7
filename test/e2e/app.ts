/**
 * Browser-test harness: builds the app with the repository's Vite config into a temp folder,
 * serves it on 127.0.0.1 (a random port) with the same static server `chipbound web` uses, and
 * opens pages in Debian's Chromium. Without Chromium the suites skip with a message, unless CI
 * is set (then they fail: see chromium.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Download, Page } from 'playwright-core';
import { describe } from 'vitest';
import { buildWeb, serveStatic } from '../../src/cli/commands/web.js';
import { repoRoot } from '../cli-run.js';
import { browserRequired, chromiumPath, launchChromium } from './chromium.js';

/** `describe` when Chromium is there (or required), `describe.skip` with a message otherwise. */
export function describeBrowser(name: string, fn: () => void): void {
  if (chromiumPath() || browserRequired) {
    describe(name, fn);
    return;
  }
  console.warn(`[e2e] skipping "${name}": Chromium not found (apt-get install chromium, or set CHROMIUM_PATH); CI requires it`);
  describe.skip(name, fn);
}

/** A built, served app and a browser. */
export interface AppHarness {
  readonly url: string;
  readonly dir: string;
  readonly browser: Browser;
  /** A fresh page at `hash` (e.g. '#/chips?date=2025-01-01'), waiting for the view to render. */
  open(hash: string, opts?: { waitFor?: string }): Promise<Page>;
  close(): Promise<void>;
}

const errorsOf = new WeakMap<Page, string[]>();

/** Uncaught exceptions and console errors the page reported so far (a view should have none). */
export function pageErrors(page: Page): readonly string[] {
  return errorsOf.get(page) ?? [];
}

export async function startApp(): Promise<AppHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'chipbound-web-'));
  await buildWeb(dir);
  const { server, url } = await serveStatic(dir, 0);
  const browser = await launchChromium();
  return {
    url,
    dir,
    browser,
    async open(hash, opts = {}) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const errors: string[] = [];
      errorsOf.set(page, errors);
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${url}${hash}`);
      await page.waitForSelector(opts.waitFor ?? 'main[data-view] section', { timeout: 20_000 }).catch((e: unknown) => {
        throw new Error(`view did not render (${errors.join('; ') || String(e)})`);
      });
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((ok) => (server as Server).close(() => ok()));
    },
  };
}

/**
 * Saves a screenshot of the view: under test-results/screenshots/<name>.png on every run (the CI
 * artifact), and under docs/screenshots/ (the committed, reviewable copies) when
 * UPDATE_SCREENSHOTS=1, so ordinary test runs leave the work tree clean.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs', 'screenshots') : join(repoRoot, 'test-results', 'screenshots');
  const file = join(dir, `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  // The top of the page (at most 1,600 px): the view's inputs and first charts, at a size worth committing.
  const height = Math.min(1600, await page.evaluate(() => document.documentElement.scrollHeight));
  writeFileSync(file, await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1280, height } }));
  return file;
}

/** Clicks `selector` and returns the downloaded file's name and bytes. */
export async function downloadBytes(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = (await Promise.all([page.waitForEvent('download'), page.click(selector)])) as [Download, unknown];
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** Clicks `selector` and returns the downloaded file's name and text. */
export async function downloadText(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const { name, bytes } = await downloadBytes(page, selector);
  return { name, text: bytes.toString('utf8') };
}
