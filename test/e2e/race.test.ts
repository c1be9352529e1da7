/**
 * Issue #10 item 5, Race view in headless Chromium: the same frontiers and lag as
 * `chipbound race --json`, points linked to their sources, the open-weights filter in the URL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli-run.js';
import { describeBrowser, pageErrors, screenshot, startApp, type AppHarness } from './app.js';

describeBrowser('web: race view', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('matches chipbound race --json and links points to sources', async () => {
    const page = await app.open('#/race?metric=mmlu', { waitFor: '[data-chart="race-frontier"] svg' });
    const cli = runCli(['race', '--metric', 'mmlu', '--json']);
    expect(cli.code).toBe(0);
    const json = JSON.parse(cli.stdout) as { lag: { date: string; lagMonths: number | null }[]; lagByYear: { endClass: string | null }[]; frontierA: unknown[]; frontierB: unknown[] };
    const rows = await page.locator('[data-table="race-lag"] tbody tr').count();
    expect(rows).toBe(json.lag.length);
    // Chinese labs stopped reporting MMLU: the latest sample is "no reports", not a lag (issue #20).
    expect(json.lagByYear[json.lagByYear.length - 1].endClass).toBe('no-reports-b');
    expect(await page.locator('[data-latest-lag]').innerText()).toBe('no reports from CN');
    expect(await page.locator('[data-chart="race-frontier"]').innerHTML()).toMatch(/no reports from CN/);
    const links = await page.locator('[data-chart="race-frontier"] svg a[target="_blank"]').count();
    expect(links).toBeGreaterThan(10);
    await screenshot(page, 'race');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('switches benchmark families; SWE-bench Verified shows both frontiers through 2026', async () => {
    const page = await app.open('#/race?metric=swe-bench-verified', { waitFor: '[data-chart="race-frontier"] svg' });
    expect(await page.locator('select[name="family"]').inputValue()).toBe('swe-bench-verified');
    expect(await page.locator('[data-table="race-families"] tbody tr').count()).toBeGreaterThan(6);
    expect(await page.locator('[data-table="race-families"]').innerText()).toMatch(/no reports from CN/);
    await page.selectOption('select[name="family"]', 'hle');
    await page.waitForSelector('select[name="metric"] option[value="hleTools"]', { state: 'attached' });
    expect(await page.locator('select[name="metric"]').inputValue()).toBe('hle');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('filters to open-weights models', async () => {
    const page = await app.open('#/race?metric=mmlu&open=open', { waitFor: '[data-race-result]' });
    const all = await app.open('#/race?metric=mmlu', { waitFor: '[data-race-result]' });
    const n = (p: typeof page) => p.locator('[data-chart="race-frontier"] svg g[aria-label="dot"] circle, [data-chart="race-frontier"] svg g[aria-label="dot"] a').count();
    expect(await n(page)).toBeLessThan(await n(all));
    await page.close();
    await all.close();
  });
});
