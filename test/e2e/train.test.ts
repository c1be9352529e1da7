/**
 * Issue #8, Train view in headless Chromium: the search runs in the Web Worker and finds the
 * same best plan as searchPlans in Node; a fully fixed plan shows exactly evaluatePlan's step
 * time, equal to the printed `chipbound train ... --json`; the form round-trips through the URL; the scaling curve fills in.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { searchPlans } from '../../src/core/search/search.js';
import { defaultPlan, evaluatePlan, prepareJob } from '../../src/core/train/evaluate.js';
import { parseTrainInputs } from '../../src/web/lib/train-inputs.js';
import { parseCustomModel } from '../../src/web/lib/custom-model.js';
import { runCli } from '../cli-run.js';
import { describeBrowser, pageErrors, screenshot, startApp, type AppHarness } from './app.js';

const BASE = { model: 'llama-3.1-8b', chip: 'nvidia-h100-sxm5-80gb', gpus: '64', seq: '4096', gb: '256', tokens: '1e12', objective: 'time' };
const hash = (p: Record<string, string>) => `#/train?${new URLSearchParams(Object.entries(p).sort()).toString()}`;
const kpi = async (page: import('playwright-core').Page, id: string) => Number(await page.locator(`[data-kpi="${id}"]`).getAttribute('data-value'));

describeBrowser('web: train view', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('searches in the worker and finds the same best plan as Node', async () => {
    const page = await app.open(hash(BASE), { waitFor: '[data-train-result]' });
    const { job, fixed } = parseTrainInputs(BASE);
    const node = searchPlans(job!, fixed, { top: 5 });
    expect(await kpi(page, 'step')).toBe(node.best!.result.stepTimeSeconds);
    expect(await kpi(page, 'days')).toBe(node.best!.result.cost!.days);
    expect(await page.locator('[data-table="train-top"] tbody tr').count()).toBe(node.top.length);
    await page.waitForSelector('[data-chart="train-scaling"] svg g[aria-label="dot"] circle', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-chart="train-scaling"] g[aria-label="dot"] circle').length >= 5, null, { timeout: 30_000 });
    await screenshot(page, 'train');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('shows evaluatePlan’s step time for a fixed plan, and updates one field quickly', async () => {
    const plan = { tp: '2', pp: '1', dp: '32', cp: '1', ep: '1', vpp: '1', mb: '1', recompute: 'selective', zero: '1', precision: 'bf16', schedule: '1f1b' };
    const page = await app.open(hash({ ...BASE, ...plan }), { waitFor: '[data-train-result]' });
    const { job, fixed } = parseTrainInputs({ ...BASE, ...plan });
    const prep = prepareJob(job!);
    const node = evaluatePlan(prep, defaultPlan(prep, fixed));
    expect(await kpi(page, 'step')).toBe(node.stepTimeSeconds);
    expect(await kpi(page, 'mem')).toBe(node.memory.peakGiB);
    // The shared link and the command the view prints give the same numbers.
    const cmd = await page.locator('[data-cli]').innerText();
    const cli = runCli(cmd.split(' ').slice(1));
    expect(cli.stderr).toBe('');
    const json = JSON.parse(cli.stdout) as { stepTimeSeconds: number; mfu: number; cost: { days: number }; uncertainty: { stepTimeSeconds: [number, number] } };
    expect(await kpi(page, 'step')).toBe(json.stepTimeSeconds);
    expect(await kpi(page, 'mfu')).toBe(json.mfu);
    expect(await kpi(page, 'days')).toBe(json.cost.days);
    // The uncertainty band is the CLI's: the family's leave-one-source-out residuals.
    const band = page.locator('[data-band]');
    expect(Number(await band.getAttribute('data-step-lo'))).toBe(json.uncertainty.stepTimeSeconds[0]);
    expect(Number(await band.getAttribute('data-step-hi'))).toBe(json.uncertainty.stepTimeSeconds[1]);
    expect(await band.innerText()).toMatch(/leave-one-source-out/);
    // One field changes: time from the change to the new numbers on screen.
    const t0 = Date.now();
    await page.getByLabel('micro-batch').fill('2');
    await page.getByLabel('micro-batch').press('Enter');
    await page.getByLabel('micro-batch').blur();
    const node2 = evaluatePlan(prep, defaultPlan(prep, { ...fixed, microBatch: 2 }));
    await page.waitForFunction((v) => document.querySelector('[data-kpi="step"]')?.getAttribute('data-value') === String(v), node2.stepTimeSeconds);
    const ms = Date.now() - t0;
    const inPage = Number(await page.locator('[data-update-ms]').getAttribute('data-update-ms'));
    console.log(`[e2e] single-plan update: ${inPage.toFixed(1)} ms in the page (input to rendered numbers), ${ms} ms as the test driver saw it`);
    // The 100 ms target is measured and reported here and in bench/, never asserted (no clock in tests).
    expect(Number.isFinite(inPage)).toBe(true);
    await page.close();
  });

  it('round-trips the inputs through the URL and reports invalid input', async () => {
    const page = await app.open(hash(BASE), { waitFor: '[data-train-result]' });
    await page.getByLabel('Chip', { exact: true }).selectOption('nvidia-h800-sxm5-80gb');
    await page.getByLabel('Accelerators').fill('128');
    await page.getByLabel('Accelerators').blur();
    await page.waitForFunction(() => location.hash.includes('gpus=128') && location.hash.includes('h800'));
    // The numbers on screen belong to the new inputs once the printed command names them.
    await page.waitForFunction(() => /--chip nvidia-h800-sxm5-80gb --gpus 128 /.test(document.querySelector('[data-cli]')?.textContent ?? ''));
    const step = await kpi(page, 'step');
    const plan = await page.locator('[data-best-plan]').innerText();
    const again = await app.open(page.url().slice(app.url.length), { waitFor: '[data-train-result]' });
    expect(await kpi(again, 'step')).toBe(step);
    expect(await again.locator('[data-best-plan]').innerText()).toBe(plan);
    await again.getByLabel('Accelerators').fill('-3');
    await again.getByLabel('Accelerators').blur();
    await expect.poll(() => again.locator('[data-invalid]').innerText()).toContain('Accelerators: expected a whole number');
    await page.close();
    await again.close();
  });

  it('trains a user-defined model from JSON and names a bad field', async () => {
    const page = await app.open(hash({ ...BASE, tp: '1', pp: '1', dp: '64', cp: '1', ep: '1', vpp: '1', mb: '1', recompute: 'selective', zero: '1', precision: 'bf16', schedule: '1f1b' }), { waitFor: '[data-train-result]' });
    await page.locator('[data-editor="model"] summary').click();
    const box = page.getByLabel('Model JSON (fields as in data/models/*.yaml)');
    const model = { ...JSON.parse(await box.inputValue()), layers: 16 };
    await box.fill(JSON.stringify(model));
    await page.getByRole('button', { name: 'Use this model' }).click();
    await page.waitForFunction(() => location.hash.includes('cm='));
    const { job, fixed } = parseTrainInputs({ ...BASE }, parseCustomModel(JSON.stringify(model)).model);
    const prep = prepareJob(job!);
    const node = evaluatePlan(prep, defaultPlan(prep, { ...fixed, tp: 1, pp: 1, dp: 64, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'bf16', schedule: '1f1b' }));
    await page.waitForFunction((v) => document.querySelector('[data-kpi="step"]')?.getAttribute('data-value') === String(v), node.stepTimeSeconds);
    await box.fill(JSON.stringify({ ...model, heads: 0 }));
    await page.getByRole('button', { name: 'Use this model' }).click();
    await expect.poll(() => page.locator('[data-editor="model"] .error').innerText().catch(() => '')).toContain('model JSON: heads:');
    await page.close();
  });

  it('says so when no plan fits', async () => {
    const page = await app.open(hash({ ...BASE, model: 'llama-3.1-405b', gpus: '1', gb: '8' }), { waitFor: '[data-no-plan]' });
    expect(await page.locator('[data-no-plan]').innerText()).toContain('No plan fits');
    await page.close();
  });

  it('trains on a user-defined chip; the printed command with the saved file gives the same numbers', async () => {
    const plan = { tp: '1', pp: '1', dp: '64', cp: '1', ep: '1', vpp: '1', mb: '1', recompute: 'selective', zero: '1', precision: 'bf16', schedule: '1f1b' };
    const page = await app.open(hash({ ...BASE, ...plan }), { waitFor: '[data-train-result]' });
    await page.locator('[data-editor="chip"] summary').click();
    const box = page.getByLabel('Chip JSON (fields as in data/chips/*.yaml)');
    const chip = { ...JSON.parse(await box.inputValue()), id: 'half-chip', tflops: { bf16: 495 } };
    await box.fill(JSON.stringify(chip));
    await page.getByRole('button', { name: 'Use this chip' }).click();
    await page.waitForFunction(() => /--chip half-chip\.json /.test(document.querySelector('[data-cli]')?.textContent ?? ''));
    const dir = mkdtempSync(join(tmpdir(), 'chipbound-chip-'));
    writeFileSync(join(dir, 'half-chip.json'), JSON.stringify(chip));
    const cmd = await page.locator('[data-cli]').innerText();
    const cli = runCli(cmd.split(' ').slice(1), { cwd: dir });
    expect(cli.stderr).toBe('');
    expect(await kpi(page, 'step')).toBe((JSON.parse(cli.stdout) as { stepTimeSeconds: number }).stepTimeSeconds);
    await page.close();
  });
});
