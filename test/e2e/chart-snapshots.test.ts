/**
 * Chart SVG snapshots (issue #8 item 5): every chart function of src/web/charts, drawn from
 * fixed data in Chromium, normalized (numbers to one decimal, generated class names and ids
 * replaced) and compared with test/e2e/__snapshots__/<chart>.svg. A change to a chart's code
 * shows up as a reviewable SVG diff; UPDATE_SNAPSHOTS=1 rewrites them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { repoRoot } from '../cli-run.js';
import { describeBrowser } from './app.js';
import { launchChromium } from './chromium.js';
import { svgSnapshot } from './svg-snapshot.js';

describeBrowser('web: chart SVG snapshots', () => {
  let browser: Browser;
  let charts: Record<string, string> = {};
  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'chipbound-charts-'));
    await build({
      configFile: false,
      logLevel: 'silent',
      root: repoRoot,
      oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      build: { outDir, emptyOutDir: true, minify: false, lib: { entry: join(repoRoot, 'test/e2e/fixtures/chart-gallery.ts'), name: 'ChipboundCharts', formats: ['iife'], fileName: () => 'charts.js' } },
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><title>charts</title><body></body>');
    await page.addScriptTag({ content: readFileSync(join(outDir, 'charts.js'), 'utf8') });
    charts = (await page.evaluate('ChipboundCharts.render()')) as Record<string, string>;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart', () => {
    expect(Object.keys(charts).sort()).toEqual(['accuracy', 'controls-plane', 'ledger-waterfall', 'race-efficiency', 'race-frontier', 'serve-cost', 'serve-latency', 'serve-tradeoff', 'train-memory', 'train-scaling', 'train-step']);
    for (const svg of Object.values(charts)) expect(svg).toMatch(/^<svg/);
  });

  for (const name of ['accuracy', 'controls-plane', 'ledger-waterfall', 'race-efficiency', 'race-frontier', 'serve-cost', 'serve-latency', 'serve-tradeoff', 'train-memory', 'train-scaling', 'train-step']) {
    it(`${name} matches its snapshot`, () => {
      const { expected, actual, file } = svgSnapshot(name, charts[name]);
      expect(actual, `chart ${name} changed; review and rerun with UPDATE_SNAPSHOTS=1 to accept (${file})`).toBe(expected);
    });
  }
});
