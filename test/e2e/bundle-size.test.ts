/**
 * Issue #8 item 4: the first load (the entry chunk, the default Chips view and everything they
 * import statically) stays under 300 KB of gzip-compressed JavaScript. Reads the chunk graph
 * from Vite's manifest of a fresh build; other views load on demand and are reported, not
 * budgeted.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../src/cli/commands/web.js';

interface Chunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly isEntry?: boolean;
  readonly isDynamicEntry?: boolean;
}

const BUDGET_BYTES = 300 * 1024;

describe('web bundle size', () => {
  let dir = '';
  let manifest: Record<string, Chunk> = {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chipbound-size-'));
    await buildWeb(dir);
    manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  });

  const gz = (file: string) => gzipSync(readFileSync(join(dir, file))).length;
  function closure(keys: readonly string[]): Set<string> {
    const seen = new Set<string>();
    const walk = (k: string) => {
      if (seen.has(k)) return;
      seen.add(k);
      for (const i of manifest[k]?.imports ?? []) walk(i);
    };
    keys.forEach(walk);
    return seen;
  }

  it('keeps the first load under 300 KB gzip', () => {
    const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
    const chips = Object.keys(manifest).find((k) => k.endsWith('views/chips.tsx'));
    expect(entry).toBeDefined();
    expect(chips).toBeDefined();
    const initial = closure([entry!, chips!]);
    const bytes = [...initial].reduce((n, k) => n + gz(manifest[k].file), 0);
    const lazy = Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry && !initial.has(k));
    const report = lazy.map((k) => `${k.replace(/^.*\//, '')} +${(([...closure([k])].filter((c) => !initial.has(c)).reduce((n, c) => n + gz(manifest[c].file), 0)) / 1024).toFixed(0)} KB`);
    console.log(`[bundle] first load ${(bytes / 1024).toFixed(1)} KB gzip (${initial.size} chunks); on demand: ${report.join(', ')}`);
    expect(bytes).toBeLessThan(BUDGET_BYTES);
  });
});
