/**
 * Issue #17 features in headless Chromium: several chips on the same Train and Serve charts from
 * a compare link (numbers equal searchPlans on each chip in Node), the serving chart's Pareto
 * fronts and SLO line, legend toggles, the log/linear switch, flat CSV exports, and the date
 * slider that neither snaps to the 1st nor redraws on every step.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/core/catalog/catalog.js';
import { searchPlans } from '../../src/core/search/search.js';
import { parseTrainInputs } from '../../src/web/lib/train-inputs.js';
import { describeBrowser, downloadText, pageErrors, screenshot, startApp, type AppHarness } from './app.js';

const PRESET = ['nvidia-h100-sxm5-80gb', 'nvidia-h800-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b'];
const TRAIN = { model: 'llama-3.1-8b', chip: PRESET[0]!, gpus: '64', seq: '4096', gb: '256', tokens: '1e12', objective: 'time' };
const hash = (view: string, p: Record<string, string>) => `#/${view}?${new URLSearchParams(Object.entries(p).sort()).toString()}`;

describeBrowser('web: compare chips, legend toggles, scale switch, flat CSV, date slider', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('train: a compare link puts H100, H800, H20 and 910B on one chart with searchPlans’ numbers', { timeout: 120_000 }, async () => {
    const page = await app.open(hash('train', { ...TRAIN, compare: PRESET.slice(1).join(',') }), { waitFor: '[data-table="train-compare"]' });
    await page.waitForFunction(() => !document.querySelector('[data-compare="train"] [data-table="train-compare"]')?.textContent?.includes('searching'), null, { timeout: 60_000 });
    expect(await page.locator('[data-table="train-compare"] tbody tr').count()).toBe(4);
    const csv = (await downloadText(page, '[data-chart="train-compare"] button:text-is("CSV")')).text;
    const { job, fixed } = parseTrainInputs({ ...TRAIN, chip: 'nvidia-h800-sxm5-80gb' });
    const node = searchPlans(job!, fixed, { top: 1 });
    const line = csv.split('\n').find((l) => l.startsWith('nvidia-h800-sxm5-80gb,'));
    expect(line).toContain(`,${node.best!.result.stepTimeSeconds},`);
    // One bar per chip on the same chart.
    const ticks = await page.locator('[data-chart="train-compare"] svg g[aria-label="y-axis tick label"] text').allInnerTexts();
    expect(ticks).toHaveLength(4);
    // The link reproduces the set.
    const link = await page.locator('[data-compare-link]').getAttribute('href');
    expect(link).toContain(`compare=${encodeURIComponent(PRESET.join(','))}`);
    // Legend toggles hide and show a series.
    const part = page.locator('[data-chart="train-compare"] button[data-series]').first();
    const visible = () => page.evaluate(() => [...document.querySelectorAll('[data-chart="train-compare"] svg g[aria-label="bar"] rect')].filter((r) => getComputedStyle(r).display !== 'none').length);
    const before = await visible();
    await part.click();
    await expect.poll(() => part.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(visible).toBeLessThan(before);
    await part.click();
    await expect.poll(visible).toBe(before);
    await page.locator('[data-compare="train"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'train-compare', '[data-compare="train"]');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('serve: throughput per accelerator vs tokens/s per user per chip, Pareto fronts, SLO line, log switch', async () => {
    const page = await app.open(hash('serve', { compare: PRESET.slice(1).join(','), tpot: '50' }), { waitFor: '[data-chart="serve-pareto"] svg g[aria-label="dot"] circle' });
    const names = await page.locator('[data-chart="serve-pareto"] button[data-series]').allInnerTexts();
    expect(names.map((n) => n.trim())).toEqual(PRESET.map((id) => builtinCatalog().chips.find((c) => c.id === id)!.name).map((n) => n.replace(/\s*\(.*?\)\s*/g, ' ').replace(/^(NVIDIA|Huawei)\s+(HGX\s+)?/, '').trim()));
    const colours = await page.locator('[data-chart="serve-pareto"] svg g[aria-label="line"] path').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
    expect(new Set(colours).size).toBe(colours.length);
    expect(colours.length).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-chart="serve-pareto"] svg g[aria-label="rule"] line').count()).toBeGreaterThanOrEqual(1);
    const xTicks = () => page.locator('[data-chart="serve-pareto"] svg g[aria-label="x-axis tick label"]').evaluate((g) => g.textContent ?? '');
    const linear = await xTicks();
    await page.locator('[data-chart="serve-pareto"]').getByLabel('log scale').check();
    await expect.poll(xTicks).not.toBe(linear);
    await page.locator('[data-chart="serve-pareto"]').getByLabel('log scale').uncheck();
    await page.locator('[data-chart="serve-pareto"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-compare', '[data-chart="serve-pareto"]');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('exports flat CSV columns (no JSON cells, no duplicate columns)', async () => {
    const page = await app.open(hash('train', TRAIN), { waitFor: '[data-train-result]' });
    for (const sel of ['[data-table="train-top"] button:text-is("CSV")', '[data-chart="train-step"] button:text-is("CSV")']) {
      const { text } = await downloadText(page, sel);
      const header = text.split('\n')[0]!.split(',');
      expect(new Set(header).size).toBe(header.length);
      expect(text).not.toMatch(/[{}]/);
      expect(header.some((h) => h.startsWith('candidate.'))).toBe(false);
    }
    await page.close();
  });

  it('chips: the date slider returns to today instead of snapping to the 1st', async () => {
    const page = await app.open('#/chips', { waitFor: '[data-chart="controls-plane"] svg' });
    await page.waitForFunction(() => /date=\d{4}-\d\d-\d\d/.test(location.hash));
    const today = /date=(\d{4}-\d\d-\d\d)/.exec(page.url())![1]!;
    const slider = page.getByLabel('Move through time');
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((d) => !location.hash.includes(`date=${d}`), today);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((d) => location.hash.includes(`date=${d}`), today);
    expect(await page.locator('[data-slider-date]').innerText()).toBe(today);
    await page.close();
  });
});
