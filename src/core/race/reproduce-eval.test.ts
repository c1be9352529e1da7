/** The reproduction runs through the training model and the plan search (small job, fast). */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadFile } from '../../io/parse-file.js';
import { chipSchema, modelSchema } from '../catalog/schemas.js';
import { evaluateReproduction, planLabel } from './reproduce-eval.js';
import type { Reproduction } from './reproduce.js';

const root = join(import.meta.dirname, '../../..');
const cat = {
  models: [loadFile(modelSchema, join(root, 'data/models/qwen2.5-72b.yaml'), 'model')],
  chips: ['nvidia-h800-sxm5-80gb', 'nvidia-h20'].map((id) => loadFile(chipSchema, join(root, 'data/chips', `${id}.yaml`), 'chip')),
};
const job = (chip: string) => ({ kind: 'alternative' as const, chip, gpus: 64, seq: 4096, globalBatch: 256, tokens: 1e11, plan: null, precision: 'bf16' as const, command: '' });
const rep: Reproduction = { id: 'qwen2.5-72b', model: 'qwen2.5-72b', run: null, jobs: [job('nvidia-h800-sxm5-80gb'), job('nvidia-h20')], basis: [] };

describe('evaluateReproduction', () => {
  const rows = evaluateReproduction(rep, cat);
  it('finds a fitting best plan on each chip, with days and GPU-hours for the tokens', () => {
    expect(rows.map((r) => r.chip)).toEqual(['nvidia-h800-sxm5-80gb', 'nvidia-h20']);
    for (const r of rows) {
      expect(r.planSource).toBe('best plan');
      expect(r.fits).toBe(true);
      expect(r.plan?.precision).toBe('bf16');
      expect(r.days! * 24 * r.gpus).toBeCloseTo(r.gpuHours!, 0);
      expect(planLabel(r.plan!)).toMatch(/^TP\d+ PP\d+ DP\d+/);
    }
  });
  it('H20 (148 TFLOPS BF16) takes longer than H800 (989.5) for the same job', () => {
    expect(rows[1].days!).toBeGreaterThan(rows[0].days!);
  });
  it('returns nothing for a model that is not in the catalog', () => {
    expect(evaluateReproduction({ ...rep, model: 'nope' }, cat)).toEqual([]);
  });
});
