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
    const json = JSON.parse(cli.stdout) as { lag: { date: string; lagMonths: number | null }[]; frontierA: unknown[]; frontierB: unknown[] };
    const rows = await page.locator('[data-table="race-lag"] tbody tr').count();
    expect(rows).toBe(json.lag.length);
    const last = json.lag[json.lag.length - 1];
    expect(await page.locator('[data-latest-lag]').innerText()).toBe(last.lagMonths === null ? 'never' : `${last.lagMonths.toFixed(1)} months`);
    const links = await page.locator('[data-chart="race-frontier"] svg a[target="_blank"]').count();
    expect(links).toBeGreaterThan(10);
    await screenshot(page, 'race');
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
