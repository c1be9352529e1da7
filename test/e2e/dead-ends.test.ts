/**
 * Issue #17, dead ends in Train, Serve and Scenarios (headless Chromium): contradictory fixed
 * plans say why (the core's validatePlan reason, as the CLI says it); Cancel then restart works;
 * invalid input clears stale results; Back undoes an input edit; infeasible deployments are shown
 * as infeasible with the reason; Serve opens on the batch meeting its TPOT target and ranks the
 * deployment table by the cost it shows; scenarios are cancellable, cached and not re-run.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateServing } from '../../src/core/infer/evaluate.js';
import { parseServeInputs } from '../../src/web/lib/serve-inputs.js';
import { describeBrowser, pageErrors, startApp, type AppHarness } from './app.js';

const TRAIN = { model: 'llama-3.1-8b', chip: 'nvidia-h100-sxm5-80gb', gpus: '64', seq: '4096', gb: '256', tokens: '1e12', objective: 'time' };
const hash = (view: string, p: Record<string, string>) => `#/${view}?${new URLSearchParams(Object.entries(p).sort()).toString()}`;
const SERVE = { chip: 'nvidia-h100-sxm5-80gb', dp: '1', ep: '1', gpus: '8', kv: 'bf16', model: 'llama-3.1-70b', output: '256', phase: 'both', pp: '1', precision: 'bf16', prompt: '1024', tp: '8' };

describeBrowser('web: no dead ends', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('train: contradictory fixed plans get the core’s reason', async () => {
    const page = await app.open(hash('train', { ...TRAIN, tp: '3' }), { waitFor: '[data-no-plan]' });
    const text = await page.locator('[data-no-plan]').innerText();
    expect(text).toContain('No candidate plan');
    expect(text).toContain('tp·pp·dp·cp = 63 must equal gpus (64)');
    expect(text).not.toContain('add accelerators');
    await page.close();
    const p2 = await app.open(hash('train', { ...TRAIN, gpus: '2048', gb: '2048', tp: '4', pp: '2', dp: '128', cp: '1' }), { waitFor: '[data-no-plan]' });
    expect(await p2.locator('[data-no-plan]').innerText()).toContain('tp·pp·dp·cp = 1024 must equal gpus (2048)');
    await p2.close();
  });

  it('train: invalid input clears stale results; Back undoes the edit; table sort order is in the URL', async () => {
    const page = await app.open(hash('train', TRAIN), { waitFor: '[data-train-result]' });
    await page.getByLabel('Accelerators').fill('-3');
    await page.getByLabel('Accelerators').blur();
    await expect.poll(() => page.locator('[data-invalid]').innerText()).toContain('Accelerators');
    expect(await page.locator('[data-train-result]').count()).toBe(0);
    await page.goBack();
    await page.waitForFunction(() => location.hash.includes('gpus=64'));
    await expect.poll(() => page.getByLabel('Accelerators').inputValue()).toBe('64');
    await page.waitForSelector('[data-train-result]');
    expect(await page.locator('[data-invalid]').count()).toBe(0);
    await page.locator('[data-table="train-top"] th', { hasText: 'MFU' }).click();
    await page.waitForFunction(() => location.hash.includes('sort-train-top=mfu'));
    await expect.poll(() => page.locator('[data-table="train-top"] th[aria-sort="ascending"]').innerText()).toContain('MFU');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('train: Cancel leaves a way to search again, and Search all restarts', async () => {
    // The worker's requests are held, so each search is still running when Cancel is pressed,
    // however fast the search or slow the machine.
    const page = await app.open(hash('train', { ...TRAIN, model: 'deepseek-v3', gpus: '2048', gb: '4096' }), { waitFor: '[data-search-status="running"] button', holdWorkers: true });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('[data-search-status="cancelled"] [data-cancelled]');
    expect(await page.locator('[data-train-result]').count()).toBe(0);
    await page.getByRole('button', { name: 'Search again' }).click();
    await page.waitForSelector('[data-search-status="running"]');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('[data-search-status="cancelled"]');
    await page.getByRole('button', { name: 'Search all' }).click();
    await page.waitForSelector('[data-search-status="running"]');
    // Released, the held search answers: the restart is a real search, not only a status.
    await page.evaluate(() => (window as unknown as { __releaseWorkers: () => void }).__releaseWorkers());
    await page.waitForSelector('[data-train-result]', { timeout: 60_000 });
    await page.close();
  });

  it('serve: an oversized batch and an oversized prompt are infeasible, with the reason', async () => {
    const page = await app.open(hash('serve', { ...SERVE, batch: '100000' }), { waitFor: '[data-infeasible]' });
    const { input } = parseServeInputs({ ...SERVE, batch: '100000' });
    const max = evaluateServing(input!).maxBatch;
    const text = await page.locator('[data-infeasible]').innerText();
    expect(text).toContain('Infeasible');
    expect(text).toContain(`at most ${max.toLocaleString('en-US')} sequences fit`);
    expect(await page.locator('[data-kpi]').count()).toBe(0);
    await page.close();
    const p2 = await app.open(hash('serve', { ...SERVE, prompt: '100000000' }), { waitFor: '[data-infeasible]' });
    const t2 = await p2.locator('[data-infeasible]').innerText();
    expect(t2).toContain('not even one sequence fits');
    expect(t2).not.toMatch(/weights need/);
    await p2.close();
  });

  it('serve: opens on the largest batch meeting the TPOT target; the deployment table is ranked by the cost it shows', async () => {
    const page = await app.open(hash('serve', { ...SERVE, tpot: '50' }), { waitFor: '[data-table="serve-search"] tbody tr' });
    const batch = Number(await page.locator('[data-kpi="batch"]').getAttribute('data-value'));
    const tpot = Number(await page.locator('[data-kpi="tpot"]').getAttribute('data-value'));
    expect(tpot * 1000).toBeLessThanOrEqual(50);
    const { input } = parseServeInputs(SERVE);
    expect(evaluateServing({ ...input!, batch: batch + 1 }).tpotSeconds * 1000).toBeGreaterThan(50);
    expect(await page.locator('[data-batch-choice]').innerText()).toContain('TPOT target of 50 ms');
    const costs = await page.locator('[data-table="serve-search"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number((tr.children[7]?.textContent ?? '').replace(/[$,]|acc-s/g, ''))));
    expect(costs.length).toBeGreaterThan(1);
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
    await page.close();
  });

  it('scenarios: progress bar with Cancel and Run again; a finished scenario is not re-run when the tab opens again', async () => {
    // Held worker requests keep the scenario running until Cancel, however fast the machine.
    const page = await app.open('#/scenarios?ex=deepseek-v3-controls', { waitFor: '[data-scenario-progress] progress', holdWorkers: true });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('[data-scenario-status="cancelled"]');
    await page.getByRole('button', { name: 'Run again' }).click();
    await page.waitForSelector('[data-scenario-progress] progress');
    // Another example replaces the running one; once done it stays cached.
    await page.evaluate(() => (window as unknown as { __releaseWorkers: () => void }).__releaseWorkers());
    await page.getByLabel('Example').selectOption('qwq-serving');
    await page.waitForSelector('[data-scenario-status="done"]', { state: 'attached', timeout: 60_000 });
    await page.evaluate(() => {
      const w = window as unknown as { sawRunning: boolean };
      w.sawRunning = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-scenario-status="running"]')) w.sawRunning = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.locator('nav a', { hasText: 'Train' }).click();
    await page.waitForSelector('main[data-view="train"]');
    await page.goBack();
    await page.waitForSelector('[data-scenario-status="done"]', { state: 'attached' });
    await page.waitForSelector('[data-scenario-result]');
    expect(await page.evaluate(() => (window as unknown as { sawRunning: boolean }).sawRunning)).toBe(false);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
