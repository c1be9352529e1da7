/**
 * Issue 19 item 4, Design view in headless Chromium: the same best design as `chipbound design
 * --json`, real chips marked on the Pareto chart, and a slider (URL parameter) that moves a line.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli-run.js';
import { describeBrowser, pageErrors, startApp, type AppHarness } from './app.js';

describeBrowser('web: design view', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the best design chipbound design --json finds, with H800, H20 and Ascend 910B marked', async () => {
    const page = await app.open('#/design?rule=us-2023-10&workload=qwq-serve', { waitFor: '[data-chart="design-pareto"] svg' });
    const cli = runCli(['design', '--rules', 'us-2023-10', '--destination', 'CN', '--date', '2024-06-01', '--serve', 'qwq-32b', '--gpus', '8', '--prompt-tokens', '1000', '--output-tokens', '8000', '--tpot-ms', '50', '--json']);
    expect(cli.code).toBe(0);
    const json = JSON.parse(cli.stdout) as { designs: { id: string }[] };
    expect(await page.locator('[data-best]').innerText()).toBe(json.designs[0].id);
    const svg = await page.locator('[data-chart="design-pareto"]').innerHTML();
    for (const label of ['H800', 'H20', 'Ascend 910B']) expect(svg).toContain(label);
    expect(await page.locator('[data-table="design-front"] tbody tr').count()).toBeGreaterThan(0);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('a looser TPP line gives a faster best design', async () => {
    const ratio = async (hash: string) => {
      const page = await app.open(hash, { waitFor: '[data-best]' });
      const text = await page.locator('[data-design-result] p').first().innerText();
      await page.close();
      return Number(/([\d.]+)× the unconstrained/.exec(text)![1]);
    };
    const enacted = await ratio('#/design?rule=us-2023-10&workload=qwq-serve');
    const loose = await ratio('#/design?rule=us-2023-10&workload=qwq-serve&line-tpp=9600');
    expect(loose).toBeLessThan(enacted);
  }, 120_000);
});
