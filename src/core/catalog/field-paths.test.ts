import { describe, expect, it } from 'vitest';
import { builtinCatalog } from './catalog.js';
import { fieldPaths } from './field-paths.js';
import { chipSchema, modelSchema, servingPointSchema } from './schemas.js';

// Adversarial finding #7: `estimated: [dieAreaMM2]` named no field and flagged nothing.
describe('estimated / unverified / derivedDense name real field paths', () => {
  const chip = builtinCatalog().chips.find((c) => c.id === 'nvidia-h100-sxm5-80gb');
  const model = builtinCatalog().models.find((m) => m.id === 'deepseek-v3');

  it('lists nested paths', () => {
    expect(fieldPaths(chipSchema)).toEqual(expect.arrayContaining(['dieAreaMm2', 'tflops.fp8']));
    expect(fieldPaths(modelSchema)).toEqual(expect.arrayContaining(['moe.expertFfnHidden', 'published.totalB']));
    expect(fieldPaths(servingPointSchema)).toEqual(expect.arrayContaining(['measured.value']));
  });

  it('a misspelled chip path is refused with did-you-mean, in every list', () => {
    for (const list of ['estimated', 'unverified', 'derivedDense']) {
      const r = chipSchema.safeParse({ ...chip, [list]: ['tflops.fp8', 'dieAreaMM2'] });
      expect(r.success, list).toBe(false);
      if (r.success) continue;
      expect(r.error.issues[0].path).toEqual([list, 1]);
      expect(r.error.issues[0].message).toContain("'dieAreaMM2' is not a field path of this record (did you mean 'dieAreaMm2'?)");
    }
    expect(chipSchema.safeParse({ ...chip, estimated: ['dieAreaMm2', 'tflops.bf16'] }).success).toBe(true);
  });

  it('model paths are checked too', () => {
    expect(modelSchema.safeParse({ ...model, estimated: ['moe.expertFfnHidden'] }).success).toBe(true);
    expect(modelSchema.safeParse({ ...model, estimated: ['moe.expertFFNHidden'] }).success).toBe(false);
  });
});
