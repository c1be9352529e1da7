/**
 * File side of `chipbound scenario`: reading the scenario (YAML/JSON, the loader's error
 * messages), resolving chip and model files relative to it, atomic writes (temp file, then
 * rename, so a reader never sees half a report), and SVG -> PNG through Debian's Chromium
 * (playwright-core; skipped with a note when Chromium is not installed).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { chipSchema, modelSchema, type Chip, type Model } from '../core/catalog/schemas.js';
import { getChip, getModel } from '../core/catalog/catalog.js';
import { isFileRef } from '../core/scenario/schema.js';
import { loadFile, parseText, readText } from '../io/parse-file.js';

/** Reads and parses a scenario file (not yet validated). */
export function readScenarioFile(file: string): unknown {
  return parseText(readText(file), file);
}

/** Chip and model resolvers: catalog ids, or files relative to the scenario file. */
export function resolvers(scenarioFile: string): { chip: (ref: string) => Chip; model: (ref: string) => Model } {
  const base = dirname(scenarioFile);
  const path = (ref: string) => (isAbsolute(ref) ? ref : resolve(base, ref));
  const chips = new Map<string, Chip>();
  const models = new Map<string, Model>();
  return {
    chip: (ref) => {
      if (!isFileRef(ref)) return getChip(ref);
      if (!chips.has(ref)) chips.set(ref, loadFile(chipSchema, path(ref), 'chip'));
      return chips.get(ref)!;
    },
    model: (ref) => {
      if (!isFileRef(ref)) return getModel(ref);
      if (!models.has(ref)) models.set(ref, loadFile(modelSchema, path(ref), 'model'));
      return models.get(ref)!;
    },
  };
}

/** The Chromium binary, or null (same search as test/e2e/chromium.ts). */
export function chromiumPath(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  return null;
}

/** Renders SVG strings to PNG (2× scale) in one headless Chromium; null when Chromium is absent. */
export async function svgToPng(svgs: readonly string[]): Promise<Uint8Array[] | null> {
  const executablePath = chromiumPath();
  if (!executablePath) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2 });
    const out: Uint8Array[] = [];
    for (const svg of svgs) {
      const w = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 760);
      const h = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 400);
      await page.setViewportSize({ width: w, height: h });
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      out.push(await page.screenshot({ clip: { x: 0, y: 0, width: w, height: h } }));
    }
    return out;
  } finally {
    await browser.close();
  }
}
