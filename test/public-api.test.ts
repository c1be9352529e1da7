/** The library entry point exposes the core capabilities (and nothing that needs Node). */
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API (src/index.ts)', () => {
  it('classifies, evaluates, searches and serves through the named exports', () => {
    const h20 = api.getChip('nvidia-h20');
    expect(api.classifyChip(h20, { date: '2024-06-01', destination: 'CN' }).tpp).toBe(2368);
    const model = api.getModel('llama-3.1-8b');
    expect(api.paramCounts(model).total / 1e9).toBeCloseTo(8.03, 1);
    const job = { model, chip: api.getChip('nvidia-h100-sxm5-80gb'), gpus: 8, seq: 8192, globalBatch: 64 };
    const prep = api.prepareJob(job);
    const r = api.evaluatePlan(prep, api.defaultPlan(prep, { tp: 1, pp: 1, dp: 8 }));
    expect(r.stepTimeSeconds).toBeGreaterThan(0);
    const s = api.searchPlans(job, { pp: 1 }, { top: 1 });
    expect(s.best?.result.stepTimeSeconds ?? Infinity).toBeLessThanOrEqual(r.stepTimeSeconds * 1.0000001);
    const serve = api.evaluateServing({ model, chip: h20, gpus: 1, plan: { tp: 1, pp: 1, dp: 1, ep: 1 }, promptTokens: 1000, outputTokens: 1000 });
    expect(serve.kvCacheBytesPerToken).toBe(131072);
  });
});

describe('package (what npm installs)', async () => {
  const { readFileSync, readdirSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { repoRoot } = await import('./cli-run.js');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
    files: string[];
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    scripts: Record<string, string>;
    bin: Record<string, string>;
  };

  it('exports compiled JavaScript with types; ships no tests; builds on install', () => {
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' });
    expect(pkg.exports['./schemas/*']).toBe('./schemas/*');
    expect(pkg.files).toContain('dist/');
    expect(pkg.files.some((f) => /^(test|bench|docs|src|\.ci)\b/.test(f))).toBe(false);
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(readFileSync(join(repoRoot, pkg.bin.chipbound), 'utf8')).toContain("'../dist/cli/thread.js'");
  });

  it('every package the CLI and library import at run time is a regular dependency with an exact version', () => {
    const bare = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) {
          if (e !== 'web') walk(p);
        } else if (/\.ts$/.test(e) && !/\.test\.ts$/.test(e)) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+'([^'.][^']*)'|import\('([^'.][^']*)'\)/g)) bare.add(m[1] ?? m[2]);
        }
      }
    };
    walk(join(repoRoot, 'src'));
    const pkgName = (s: string) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);
    // tsx (search workers from the sources) and vite (rebuilding the app in a checkout) run only in a repository checkout.
    const devOnly = new Set(['tsx', 'vite']);
    const needed = [...bare].filter((s) => !s.startsWith('node:')).map(pkgName).filter((n) => !devOnly.has(n));
    expect(needed.length).toBeGreaterThan(0);
    for (const n of needed) expect(pkg.dependencies, n).toHaveProperty(n);
    for (const v of Object.values(pkg.dependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.dependencies).not.toHaveProperty('playwright-core');
  });
});
