/**
 * Issue #17, every view in headless Chromium: at 390 × 844 no view scrolls sideways and every
 * chart is drawn at its container's width (not scaled down); axe-core (the devDependency,
 * injected into the page) finds nothing serious or critical, on a phone and on a desktop; the
 * SVG and PNG export of every chart stands alone (title, the legend the page shows, source line).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeFindings, describeBrowser, downloadBytes, downloadText, pageErrors, screenshot, startApp, type AppHarness } from './app.js';

/** Each view, at a link that renders quickly, and what shows that it finished drawing. */
const VIEWS: readonly { readonly view: string; readonly hash: string; readonly ready: string }[] = [
  { view: 'chips', hash: '#/chips', ready: '[data-chart="controls-plane"] svg' },
  { view: 'train', hash: '#/train', ready: '[data-chart="train-scaling"] g[aria-label="dot"] circle' },
  { view: 'serve', hash: '#/serve', ready: '[data-table="serve-search"]' },
  { view: 'scenarios', hash: '#/scenarios?ex=qwq-serving', ready: '[data-scenario-result] figure.chart svg' },
  { view: 'accuracy', hash: '#/accuracy', ready: '[data-chart="accuracy"] svg' },
  { view: 'race', hash: '#/race', ready: '[data-chart="race-efficiency"] svg' },
  { view: 'design', hash: '#/design', ready: '[data-chart="design-pareto"] svg' },
  // Compare views with every kind of series: chips, a framework and a plan (Train), an engine (Serve).
  { view: 'train compare', hash: '#/train?chip=nvidia-h100-sxm5-80gb&compare=nvidia-h20,huawei-ascend-910b&compare-fw=nemo-2024&compare-plan=tp2&gb=256&gpus=64&model=llama-3.1-8b&seq=4096&tokens=1e12', ready: '[data-chart="train-compare"] svg g[aria-label="bar"]' },
  { view: 'serve compare', hash: '#/serve?compare=nvidia-h800-sxm5-80gb,nvidia-h20,huawei-ascend-910b&engines=vllm-2025', ready: '[data-chart="serve-pareto"] svg g[aria-label="dot"]' },
];

const PHONE = { width: 390, height: 844 };

/**
 * Waits until every chart of the view has drawn its SVG (a busy machine may still be computing the
 * later charts when the view's first marker appears); no clock in the assertion, only a generous cap.
 */
async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('figure.chart')].every((f) => {
        const svg = f.querySelector('.chart-body svg');
        return svg !== null && svg.getBoundingClientRect().width > 0;
      }),
    undefined,
    { timeout: 240_000 },
  );
}

/** Page width, and each chart's drawing width against its container's. */
function layout(page: Page) {
  return page.evaluate(() => {
    const charts = [...document.querySelectorAll('figure.chart')].map((f) => {
      const body = f.querySelector('.chart-body')!;
      const first = body.firstElementChild;
      const svg = first instanceof SVGSVGElement ? first : [...(first?.children ?? [])].filter((c) => c instanceof SVGSVGElement).pop();
      return { id: f.getAttribute('data-chart'), box: body.clientWidth, drawn: svg ? svg.getBoundingClientRect().width : 0, font: svg ? parseFloat(getComputedStyle(svg).fontSize) * (svg.getBoundingClientRect().width / (Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width)) : 0 };
    });
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, charts };
  });
}

describeBrowser('web: phone layout, accessibility and standalone chart exports', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  for (const v of VIEWS) {
    it(`${v.view}: fits a 390 px phone (no sideways scroll, charts at full width) with no serious axe findings`, async () => {
      const page = await app.open(v.hash, { waitFor: v.ready, viewport: PHONE });
      await chartsDrawn(page);
      const l = await layout(page);
      expect(l.scrollWidth, `${v.view} scrolls sideways`).toBeLessThanOrEqual(l.clientWidth);
      expect(l.charts.length).toBeGreaterThan(0);
      for (const c of l.charts) {
        // Drawn for its box: neither wider (sideways scroll) nor scaled down to unreadable text.
        expect(c.drawn, `chart ${c.id}`).toBeGreaterThanOrEqual(Math.min(c.box, 260) * 0.95);
        expect(c.drawn, `chart ${c.id}`).toBeLessThanOrEqual(c.box + 1);
        expect(c.font, `chart ${c.id} text size`).toBeGreaterThanOrEqual(9);
      }
      expect(await axeFindings(page)).toEqual([]);
      expect(pageErrors(page)).toEqual([]);
      if (v.view === 'serve compare') {
        await page.locator('[data-chart="serve-pareto"]').scrollIntoViewIfNeeded();
        await screenshot(page, 'phone-serve-compare', '[data-chart="serve-pareto"]');
      }
      await page.close();
    });
  }

  for (const v of VIEWS) {
    it(`${v.view}: no serious axe findings on a desktop; every chart exports a standalone SVG and PNG`, { timeout: 300_000 }, async () => {
      const page = await app.open(v.hash, { waitFor: v.ready });
      await chartsDrawn(page);
      expect(await axeFindings(page)).toEqual([]);
      const ids = await page.locator('figure.chart').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-chart')!));
      for (const id of ids) {
        const fig = `figure.chart[data-chart="${id}"]`;
        const title = await page.locator(`${fig} figcaption > span`).first().innerText();
        // The legend entries the page shows with the chart (toggle buttons, or Plot's swatches), if any.
        const legend = await page.locator(`${fig} button[data-series], ${fig} .chart-body [class$="-swatch"]`).evaluateAll((xs) => xs.map((x) => (x.textContent ?? '').trim()).filter(Boolean));
        const { name, text } = await downloadText(page, `${fig} button:text-is("SVG")`);
        expect(name).toBe(`${id}.svg`);
        expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        expect(text, `${id}: title`).toContain(`<title>${esc(title)}</title>`);
        expect(text, `${id}: source line`).toContain('class="source"');
        for (const entry of legend) expect(text, `${id}: legend entry ${entry}`).toContain(`>${esc(entry)}</text>`);
        const parsed = await page.evaluate((t) => {
          const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
          return { ok: !doc.querySelector('parsererror'), width: Number(doc.documentElement.getAttribute('width')), height: Number(doc.documentElement.getAttribute('height')), legend: doc.querySelectorAll('g.legend-entry').length };
        }, text);
        expect(parsed.ok, `${id}: well-formed SVG`).toBe(true);
        expect(parsed.legend).toBe(legend.length > 0 ? Math.max(parsed.legend, 1) : parsed.legend);
        if (legend.length) expect(parsed.legend).toBeGreaterThanOrEqual(legend.length);
        // The PNG is that same standalone drawing (title, legend, chart, source) at 2x.
        const png = await downloadBytes(page, `${fig} button:text-is("PNG")`);
        expect(png.name).toBe(`${id}.png`);
        expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
        expect(png.bytes.readUInt32BE(16)).toBe(parsed.width * 2);
        expect(png.bytes.readUInt32BE(20)).toBe(parsed.height * 2);
      }
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    });
  }
});
