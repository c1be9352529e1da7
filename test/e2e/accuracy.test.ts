/**
 * Issue #8, Accuracy view in headless Chromium: every published run and serving point appears
 * with validateCatalog/validateServing's numbers, the filters live in the URL, and the chart
 * draws the y = x line with the points.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/core/catalog/catalog.js';
import { errorStats, validateCatalog } from '../../src/core/train/validate.js';
import { describeBrowser, pageErrors, downloadText, screenshot, startApp, type AppHarness } from './app.js';

describeBrowser('web: accuracy view', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows every record and the same error statistics as validateCatalog', async () => {
    const page = await app.open('#/accuracy', { waitFor: '[data-chart="accuracy"] svg' });
    const cat = builtinCatalog();
    expect(Number(await page.locator('[data-kpi="count"]').getAttribute('data-value'))).toBe(cat.runs.length + cat.serving.length);
    await screenshot(page, 'accuracy');
    expect(pageErrors(page)).toEqual([]);
    await page.getByLabel('Set', { exact: true }).selectOption('training');
    const node = validateCatalog(cat);
    // The hash changes at once; wait for the re-render before reading the numbers.
    await page.waitForFunction((n) => document.querySelector('[data-kpi="count"]')?.getAttribute('data-value') === String(n), node.runs.length);
    expect(Number(await page.locator('[data-kpi="median"]').getAttribute('data-value'))).toBe(node.summary.medianAbsError);
    const json = await downloadText(page, '[data-chart="accuracy"] button:text("JSON")');
    const rows = JSON.parse(json.text) as { id: string; predicted: number }[];
    expect(rows.length).toBe(node.runs.length);
    for (const r of node.runs) expect(rows.find((x) => x.id === r.id)?.predicted).toBe(r.predicted);
    await page.close();
  });

  it('filters from the URL', async () => {
    const chip = 'nvidia-h100-sxm5-80gb';
    const page = await app.open(`#/accuracy?chip=${chip}&set=training&summary=1`, { waitFor: '[data-chart="accuracy"] svg' });
    const node = validateCatalog(builtinCatalog()).runs.filter((r) => r.chip === chip && r.inSummary);
    expect(Number(await page.locator('[data-kpi="count"]').getAttribute('data-value'))).toBe(node.length);
    expect(Number(await page.locator('[data-kpi="median"]').getAttribute('data-value'))).toBe(errorStats(node.map((r) => r.error)).medianAbsError);
    expect(await page.locator('[data-chart="accuracy"] svg g[aria-label="dot"] circle').count()).toBe(node.length);
    await page.close();
  });
});
