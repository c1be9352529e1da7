/**
 * Issue #8, Chips & controls view in headless Chromium: the plane and the table show
 * classifyChip's numbers (same as `chipbound classify --json`), the date control changes the
 * shaded rule, a custom chip is classified and survives a reload from the URL, exports carry the
 * data (chart snapshots: chart-snapshots.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getChip } from '../../src/core/catalog/catalog.js';
import { classifyChip } from '../../src/core/controls/classify.js';
import { runCli } from '../cli-run.js';
import { describeBrowser, pageErrors, downloadBytes, downloadText, screenshot, startApp, type AppHarness } from './app.js';

const H100 = 'nvidia-h100-sxm5-80gb';

describeBrowser('web: chips & controls view', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('renders the plane and the table with classifyChip numbers', async () => {
    const page = await app.open('#/chips?date=2025-06-01&dest=CN', { waitFor: '[data-chart="controls-plane"] svg' });
    const rows = await page.locator('[data-table="chips"] tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(35);
    const node = classifyChip(getChip(H100), { date: '2025-06-01', destination: 'CN' });
    const row = page.locator('[data-table="chips"] tbody tr', { hasText: getChip(H100).name }).first();
    const text = await row.innerText();
    expect(text).toContain(Math.round(node.tpp as number).toLocaleString('en-US'));
    expect(text).toContain('3A090.a.1');
    // Region rects come from the rule itself: us-2023-10 has 4 TPP edges and 4 PD edges -> 16 cells.
    const rects = await page.locator('[data-chart="controls-plane"] svg g[aria-label="rect"] rect').count();
    expect(rects).toBe(16);
    await screenshot(page, 'chips');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('moves through the rules with the date control', async () => {
    const page = await app.open('#/chips?date=2023-01-01', { waitFor: '[data-chart="controls-plane"] svg' });
    expect(await page.locator('[data-chart="controls-plane"] .note').innerText()).toContain('us-2022-10');
    await page.getByRole('button', { name: 'us-2023-10' }).click();
    await page.waitForFunction(() => location.hash.includes('date=2023-11-17'));
    await expect.poll(() => page.locator('[data-chart="controls-plane"] .note').innerText()).toContain('us-2023-10');
    // The slider moves by month from the keyboard.
    await page.getByLabel('Move through time').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash.includes('date=2023-12-01'));
    await page.close();
    const bad = await app.open('#/chips?date=2023-13-45', { waitFor: '[data-chart="controls-plane"] svg' });
    expect(await bad.getByRole('alert').first().innerText()).toContain("Date: expected YYYY-MM-DD, got '2023-13-45'");
    await bad.close();
  });

  it('classifies a custom chip, reports invalid input, and reproduces it from the URL', async () => {
    const page = await app.open('#/chips?date=2025-06-01', { waitFor: '[data-custom-result]' });
    const bf16 = page.getByLabel('Dense BF16 TFLOPS');
    await bf16.fill('abc');
    await bf16.press('Enter');
    await bf16.blur();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('expected a positive number');
    await bf16.fill('400');
    await bf16.blur();
    await page.getByLabel('Dense FP8 TFLOPS').fill('');
    await page.getByLabel('Dense FP8 TFLOPS').blur();
    await expect.poll(() => page.locator('[data-custom-result]').innerText()).toContain('TPP 6,400');
    const result = await page.locator('[data-custom-result]').innerText();
    expect(result).toContain('3A090.a.1');
    const url = page.url();
    expect(url).toContain('custom=');
    const again = await app.open(url.slice(app.url.length), { waitFor: '[data-custom-result]' });
    expect(await again.locator('[data-custom-result]').innerText()).toBe(result);
    await page.close();
    await again.close();
  });

  it('exports the chart data as CSV and JSON', async () => {
    const page = await app.open('#/chips?date=2025-06-01', { waitFor: '[data-chart="controls-plane"] svg' });
    const csv = await downloadText(page, '[data-chart="controls-plane"] button:text("CSV")');
    expect(csv.name).toBe('controls-plane.csv');
    expect(csv.text.split('\n')[0]).toBe('id,name,tpp,pd,label,custom');
    expect(csv.text).toContain(H100);
    const json = await downloadText(page, '[data-table="chips"] button:text("JSON")');
    const rows = JSON.parse(json.text) as { id: string; tpp: number; pd: number; verdict: string }[];
    // The same numbers as `chipbound classify --json` for the same date and destination.
    const cli = JSON.parse(runCli(['classify', H100, '--date', '2025-06-01', '--destination', 'CN', '--json']).stdout) as { tpp: number; pd: number; classifications: { rule: string; eccn: string | null }[] };
    const row = rows.find((r) => r.id === H100);
    expect(row?.tpp).toBe(cli.tpp);
    expect(row?.pd).toBe(cli.pd);
    expect(row?.verdict).toBe(cli.classifications.find((c) => c.rule === 'us-2023-10')?.eccn);
    const svg = await downloadText(page, '[data-chart="controls-plane"] button:text("SVG")');
    expect(svg.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = await downloadBytes(page, '[data-chart="controls-plane"] button:text("PNG")');
    expect(png.name).toBe('controls-plane.png');
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.bytes.length).toBeGreaterThan(10_000);
    await page.close();
  });
});
