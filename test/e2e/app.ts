/**
 * Browser-test harness: builds the app with the repository's Vite config into a temp folder
 * (once for all test files: the folder is named after the sources' state and shared between the
 * test processes, see sharedBuild), serves it on 127.0.0.1 (a random port) with the same static server `chipbound web` uses, and
 * opens pages in Debian's Chromium. Without Chromium the suites skip with a message, unless CI
 * is set (then they fail: see chromium.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  /**
   * A fresh page at `hash` (e.g. '#/chips?date=2025-01-01'), waiting for the view to render.
   * `holdWorkers`: requests to Web Workers are held until the page calls `__releaseWorkers()`, so a
   * search stays running for as long as a test needs (Cancel tests on a busy machine).
   */
  open(hash: string, opts?: { waitFor?: string; viewport?: { width: number; height: number }; holdWorkers?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

const errorsOf = new WeakMap<Page, string[]>();

/** Uncaught exceptions and console errors the page reported so far (a view should have none). */
export function pageErrors(page: Page): readonly string[] {
  return errorsOf.get(page) ?? [];
}

/** A key of the app's sources (paths, sizes, modification times): equal sources, equal build. */
function sourceKey(): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
    else h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
  };
  for (const p of ['src/web', 'src/core', 'examples', 'vite.config.ts', 'package-lock.json']) walk(join(repoRoot, p));
  return h.digest('hex').slice(0, 16);
}

/**
 * One build of the app for every browser-test file (they run in separate processes): the first
 * process to take the lock builds into a private folder and renames it into place; the others
 * wait for it. A lock older than two minutes (a crashed build) is taken over.
 */
async function sharedBuild(): Promise<string> {
  const dir = join(tmpdir(), `chipbound-web-${sourceKey()}`);
  const lock = `${dir}.lock`;
  const ready = () => existsSync(join(dir, 'index.html'));
  for (let waited = 0; !ready(); waited += 250) {
    try {
      mkdirSync(lock);
    } catch {
      if (waited < 120_000 && existsSync(lock)) {
        await new Promise((ok) => setTimeout(ok, 250));
        continue;
      }
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    try {
      if (!ready()) {
        const tmp = mkdtempSync(join(tmpdir(), 'chipbound-web-build-'));
        await buildWeb(tmp);
        renameSync(tmp, dir);
        // Builds of older sources left by earlier runs (an hour old: not in use by a parallel run).
        for (const e of readdirSync(tmpdir())) {
          const old = join(tmpdir(), e);
          if (/^chipbound-web-[0-9a-f]{16}$/.test(e) && old !== dir && Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { recursive: true, force: true });
        }
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

export async function startApp(): Promise<AppHarness> {
  const dir = await sharedBuild();
  const { server, url } = await serveStatic(dir, 0);
  const browser = await launchChromium();
  return {
    url,
    dir,
    browser,
    async open(hash, opts = {}) {
      const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 900 }, acceptDownloads: true });
      const errors: string[] = [];
      errorsOf.set(page, errors);
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      if (opts.holdWorkers)
        await page.addInitScript(() => {
          const w = window as unknown as { Worker: typeof Worker; __releaseWorkers: () => void };
          const Real = w.Worker;
          const held: (() => void)[] = [];
          let holding = true;
          w.__releaseWorkers = () => {
            holding = false;
            for (const f of held.splice(0)) f();
          };
          w.Worker = class extends Real {
            override postMessage(message: unknown, options?: Transferable[] | StructuredSerializeOptions): void {
              if (holding) held.push(() => super.postMessage(message, options as StructuredSerializeOptions));
              else super.postMessage(message, options as StructuredSerializeOptions);
            }
          } as typeof Worker;
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
 * UPDATE_SCREENSHOTS=1, so ordinary test runs leave the work tree clean. With `selector`, only
 * that element.
 */
export async function screenshot(page: Page, name: string, selector?: string): Promise<string> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs', 'screenshots') : join(repoRoot, 'test-results', 'screenshots');
  const file = join(dir, `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  if (selector) {
    // One part of the view (a chart, a section), as it is on screen.
    writeFileSync(file, await page.locator(selector).first().screenshot());
    return file;
  }
  // The top of the page (at most 1,600 px): the view's inputs and first charts, at a size worth committing.
  const width = page.viewportSize()?.width ?? 1280;
  const height = Math.min(1600, await page.evaluate(() => document.documentElement.scrollHeight));
  writeFileSync(file, await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height } }));
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

/** axe-core's source (the devDependency), injected into pages by `axeFindings`. */
let axeSource: string | null = null;

/** The serious and critical axe-core findings on the page, one line each (rule, count, first target). */
export async function axeFindings(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id} ×${v.nodes.length}: ${String(v.nodes[0]?.target.join(' '))} (${(v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)})`);
  });
}
