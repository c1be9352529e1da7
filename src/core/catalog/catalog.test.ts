import { readFileSync } from 'node:fs';
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
