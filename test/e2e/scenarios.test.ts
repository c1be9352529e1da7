/**
 * Issue #8, Scenarios view in headless Chromium: an example evaluates in the worker to the same
 * days as evaluateScenario in Node, an edited scenario travels in the URL, invalid YAML gets a
 * one-line message, and the efficiency ledger draws its waterfall with ablate's numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ablate } from '../../src/core/scenario/ablate.js';
import { evaluateScenario } from '../../src/core/scenario/evaluate.js';
import { expandScenario } from '../../src/core/scenario/sweep.js';
import { searchPlans } from '../../src/core/search/search.js';
import { parseTrainInputs } from '../../src/web/lib/train-inputs.js';
import { repoRoot } from '../cli-run.js';
import { describeBrowser, pageErrors, downloadText, screenshot, startApp, type AppHarness } from './app.js';

describeBrowser('web: scenarios view', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('evaluates an example like evaluateScenario in Node', async () => {
    const page = await app.open('#/scenarios?ex=qwq-serving', { waitFor: '[data-scenario-result]' });
    const text = readFileSync(join(repoRoot, 'examples', 'qwq-serving.yaml'), 'utf8');
    const [v] = expandScenario(parse(text));
    const node = await evaluateScenario(v.scenario, { searchTrain: (j, f, o) => searchPlans(j, f, o) });
    const rows = await page.locator('[data-table="scenario-0-rows"] tbody tr').count();
    expect(rows).toBe(node.rows.length);
    const shown = JSON.parse((await downloadText(page, '[data-table="scenario-0-rows"] button:text("JSON")')).text) as { pool: string; workload: string; status: string; gpus: number | null; usdPerMillionOutputTokens: number | null }[];
    for (const r of node.rows) {
      const w = shown.find((x) => x.pool === r.pool && x.workload === r.workload);
      expect(w?.status).toBe(r.eligibility.status);
      expect(w?.gpus).toBe(r.outcome.gpus);
      expect(w?.usdPerMillionOutputTokens).toBe(r.outcome.kind === 'serve' ? r.outcome.usdPerMillionOutputTokens : null);
    }
    expect(await page.locator('[data-scenario-result] figure.chart svg').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'scenarios');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('runs an edited scenario from the URL and reports bad YAML', async () => {
    const page = await app.open('#/scenarios?ex=qwq-serving', { waitFor: '[data-scenario-result]' });
    const box = page.getByLabel('Scenario (YAML; see docs/scenarios/README.md)');
    const original = await box.inputValue();
    await box.fill(original.replace('count: 1024', 'count: 512'));
    const runs = Number(await page.locator('[data-scenario-status]').getAttribute('data-runs'));
    await page.getByRole('button', { name: 'Run edited scenario' }).click();
    await page.waitForFunction(() => location.hash.includes('sc='));
    await page.waitForFunction((n) => Number(document.querySelector('[data-scenario-status]')?.getAttribute('data-runs')) > n, runs);
    const answers = await page.locator('[data-answers]').innerText();
    const again = await app.open(page.url().slice(app.url.length), { waitFor: '[data-scenario-result]' });
    expect(await again.locator('[data-answers]').innerText()).toBe(answers);
    await box.fill('pools: [unclosed');
    await page.getByRole('button', { name: 'Run edited scenario' }).click();
    await expect.poll(() => page.locator('[data-scenario-status] .error').innerText().catch(() => '')).toContain('YAML');
    // A file from disk replaces the text and runs.
    const before = Number(await page.locator('[data-scenario-status]').getAttribute('data-runs'));
    await page.getByLabel('Or load a file').setInputFiles({ name: 'mine.yaml', mimeType: 'text/yaml', buffer: Buffer.from(original) });
    await page.waitForFunction((n) => Number(document.querySelector('[data-scenario-status]')?.getAttribute('data-runs')) > n, before);
    expect(await box.inputValue()).toBe(original);
    expect(await page.locator('[data-scenario-status]').getAttribute('data-scenario-status')).toBe('done');
    await page.close();
    await again.close();
  });

  it('draws the efficiency ledger with ablate’s numbers', async () => {
    const p = { lmodel: 'llama-3.1-8b', lchip: 'nvidia-h100-sxm5-80gb', lgpus: '64', lseq: '4096', lgb: '256', ltokens: '1e12', ledger: '1' };
    const page = await app.open(`#/scenarios?ex=qwq-serving&${new URLSearchParams(p)}`, { waitFor: '[data-ledger-result]' });
    const { job } = parseTrainInputs({ model: p.lmodel, chip: p.lchip, gpus: p.lgpus, seq: p.lseq, gb: p.lgb, tokens: p.ltokens });
    const node = await ablate(job!, searchPlans);
    expect(await page.locator('[data-ledger-result] p').first().innerText()).toContain(`${node!.baseline.days!.toFixed(1)} days`);
    expect(await page.locator('[data-chart="ledger-waterfall"] svg g[aria-label="bar"] rect').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'scenarios-ledger');
    await page.close();
  });
});
