/**
 * Issue #2 item 2: the core is importable from a browser bundle. Bundles a probe that imports the
 * core with Vite for the browser (IIFE, no Node built-ins), then runs a catalog query in headless
 * Chromium (Debian's, installed by .ci/run); without Chromium it runs the bundle in a bare V8
 * context that has no `process`, `require` or Node modules.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from './e2e/chromium.js';
import { repoRoot } from './cli-run.js';

type Probe = { chips: number; h800Bf16: number | null; v3TotalB: number };

describe('core in a browser bundle', () => {
  it('bundles without Node built-ins and answers a catalog query', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'chipbound-core-'));
    await build({
      configFile: false,
      logLevel: 'silent',
      root: repoRoot,
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        lib: { entry: join(repoRoot, 'test/fixtures/core-entry.ts'), name: 'ChipboundProbe', formats: ['iife'], fileName: () => 'core.js' },
      },
    });
    const code = readFileSync(join(outDir, 'core.js'), 'utf8');
    expect(code).not.toMatch(/require\(["']node:|from ["']node:/);
    let result: Probe;
    if (chromiumPath()) {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.setContent('<!doctype html><title>probe</title>');
        await page.addScriptTag({ content: code });
        result = (await page.evaluate('ChipboundProbe.query()')) as Probe;
      } finally {
        await browser.close();
      }
    } else {
      const ctx = vm.createContext({ console });
      vm.runInContext(`${code}\nglobalThis.__r = ChipboundProbe.query();`, ctx);
      result = (ctx as { __r: Probe }).__r;
    }
    expect(result.chips).toBeGreaterThanOrEqual(35);
    expect(result.h800Bf16).toBeGreaterThan(980);
    expect(result.h800Bf16).toBeLessThan(1000);
    expect(result.v3TotalB).toBeGreaterThan(650);
    expect(existsSync(outDir)).toBe(true);
  });
});
