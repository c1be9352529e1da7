import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalogDir, renderCatalogModule } from '../../io/catalog-files.js';
import { builtinCatalog, getChip } from './catalog.js';
import { nearestIds } from './nearest.js';
import { ChipboundError } from '../errors.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('catalog', () => {
  it('the compiled catalog is up to date with data/ (run `npm run catalog`)', () => {
    const data = readCatalogDir(join(root, 'data'));
    const generated = readFileSync(join(root, 'src/core/catalog/catalog.generated.ts'), 'utf8');
    expect(generated === renderCatalogModule(data)).toBe(true);
  });

  it('has at least 35 chips and 18 models, each with sources', () => {
    const cat = builtinCatalog();
    expect(cat.chips.length).toBeGreaterThanOrEqual(35);
    expect(cat.models.length).toBeGreaterThanOrEqual(18);
    for (const e of [...cat.chips, ...cat.models, ...cat.runs]) expect(e.sources.length, e.id).toBeGreaterThan(0);
  });

  it('unknown ids throw unknown_id with the nearest ids', () => {
    // 'nvidia-h800' itself now resolves (a unique name: catalog/names.ts); a typo does not.
    expect(getChip('nvidia-h800').id).toBe('nvidia-h800-sxm5-80gb');
    try {
      getChip('nvidia-h800-sxm5-80gbx');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ChipboundError);
      expect((e as ChipboundError).code).toBe('unknown_id');
      expect((e as Error).message).toMatch(/nvidia-h800-sxm5-80gb/);
    }
  });

  it('nearestIds ranks close ids first', () => {
    expect(nearestIds('h100', ['nvidia-h100-sxm5-80gb', 'amd-mi300x', 'nvidia-h20'])[0]).toBe('nvidia-h100-sxm5-80gb');
    expect(nearestIds('zzzzzzzzzzzzzzzz', ['a', 'b'])).toEqual([]);
  });
});

/** A copy of data/ with one serving point's YAML edited (the catalog loader's checks on bad files). */
function copyWithServing(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-cat-'));
  cpSync(join(root, 'data'), dir, { recursive: true });
  const f = join(dir, 'serving', 'ant-h20-dsr1-decode-ep-size-and-mtp-bs-1-larger-draft-setting.yaml');
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return dir;
}

describe('serving points: the same plan checks as infer (adversarial run 5)', () => {
  it.each([
    ['gpus against tp·dp·pp', (y: string) => y.replace(/^gpus: 16$/m, 'gpus: 8'), /gpus: 8 is not a multiple of tp·dp·pp/],
    ['tp that cannot split the accelerators', (y: string) => y.replace(/^  tp: 1$/m, '  tp: 3'), /tp·dp·pp = 3·16·1/],
    ['accepted length beyond the draft', (y: string) => y.replace(/acceptLength: 1\.85/, 'acceptLength: 1850'), /speculative\.acceptLength: expected 1 to draftTokens \+ 1/],
    ['draft tokens ×1000', (y: string) => y.replace(/draftTokens: 2$/m, 'draftTokens: 2000'), /speculative\.draftTokens: 2,000 draft tokens per step is not plausible/],
    ['band as a percentage', (y: string) => y.replace(/^band: 0\.5$/m, 'band: 50'), /band: .*expected a fraction/],
  ])('refuses %s', (_name, edit, message) => {
    expect(() => readCatalogDir(copyWithServing(edit))).toThrow(message);
  });
});

describe('serving points: phase, node size and bands (adversarial run 6)', () => {
  it.each([
    ['a speculative block on a prefill point', (y: string) => y.replace(/^phase: decode$/m, 'phase: prefill'), /speculative: speculative decoding applies to decode/],
    ['more accelerators per node than the point has', (y: string) => y.replace(/^gpusPerNode: 8$/m, 'gpusPerNode: 8000'), /gpusPerNode: 8,000 accelerators per node is more than the point's 16/],
  ])('refuses %s', (_name, edit, message) => {
    expect(() => readCatalogDir(copyWithServing(edit))).toThrow(message);
  });
  it('warns on output lengths and accelerator counts beyond any published benchmark', async () => {
    const { servingFindings } = await import('./plausibility.js');
    expect(servingFindings({ gpus: 16_000, promptTokens: 4096, outputTokens: 1_536_000 }).warnings.map((w) => w.path)).toEqual(['outputTokens', 'gpus']);
  });
});
