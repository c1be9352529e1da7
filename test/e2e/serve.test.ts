/**
 * Issue #8, Serve view in headless Chromium: a shared link shows exactly the numbers of the
 * `chipbound infer ... --json` command the view prints; the trade-off charts cover the batch
 * sweep; invalid layouts get the core's one-line message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli-run.js';
import { describeBrowser, pageErrors, screenshot, startApp, type AppHarness } from './app.js';

const LINK = '#/serve?chip=nvidia-h100-sxm5-80gb&dp=1&ep=1&gpus=8&kv=bf16&model=llama-3.1-70b&output=256&phase=both&pp=1&precision=bf16&prompt=1024&tp=8';

describeBrowser('web: serve view', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the same numbers as the CLI --json for the same inputs', async () => {
    const page = await app.open(LINK, { waitFor: '[data-serve-result]' });
    const cmd = await page.locator('[data-cli]').innerText();
    expect(cmd).toMatch(/^chipbound infer .* --json$/);
    const cli = runCli(cmd.split(' ').slice(1));
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const json = JSON.parse(cli.stdout) as { ttftSeconds: number; tpotSeconds: number; batch: number; costPerMillionOutputTokensUsd: number; outputTokensPerSecondPerGpu: number };
    const val = async (id: string) => Number(await page.locator(`[data-kpi="${id}"]`).getAttribute('data-value'));
    expect(await val('batch')).toBe(json.batch);
    expect(await val('ttft')).toBe(json.ttftSeconds);
    expect(await val('tpot')).toBe(json.tpotSeconds);
    expect(await val('out')).toBe(json.outputTokensPerSecondPerGpu);
    expect(await val('usdout')).toBe(json.costPerMillionOutputTokensUsd);
    const dots = await page.locator('[data-chart="serve-tradeoff"] svg g[aria-label="dot"] circle').count();
    expect(dots).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'serve');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('reports an invalid layout with the core message', async () => {
    const page = await app.open(LINK.replace('tp=8', 'tp=3'), { waitFor: '[data-invalid]' });
    expect(await page.locator('[data-invalid]').innerText()).toContain('not a multiple of tp·dp·pp');
    await page.close();
  });

  it('finds the cheapest deployment for a TPOT target like the CLI, and uses it', async () => {
    const page = await app.open(`${LINK}&tpot=50`, { waitFor: '[data-table="serve-search"]' });
    const cli = runCli(['infer', '--model', 'llama-3.1-70b', '--chip', 'nvidia-h100-sxm5-80gb', '--prompt-tokens', '1024', '--output-tokens', '256', '--phase', 'both', '--precision', 'bf16', '--kv-precision', 'bf16', '--tpot-ms', '50', '--json']);
    expect(cli.code).toBe(0);
    const best = (JSON.parse(cli.stdout) as { candidates: { gpus: number; batch: number; plan: { tp: number }; costPerMillionOutputTokensUsd: number }[] }).candidates[0];
    const first = await page.locator('[data-table="serve-search"] tbody tr').first().innerText();
    expect(first).toContain(`tp${best.plan.tp} `);
    await page.getByRole('button', { name: 'use deployment 1' }).click();
    await page.waitForFunction((b) => document.querySelector('[data-kpi="batch"]')?.getAttribute('data-value') === String(b), best.batch);
    expect(Number(await page.locator('[data-kpi="usdout"]').getAttribute('data-value'))).toBe(best.costPerMillionOutputTokensUsd);
    await page.close();
  });
});
