import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import { searchPlans } from '../search/search.js';
import type { Plan, TrainJob } from '../train/types.js';
import { ablate } from './ablate.js';

// A narrowed search keeps the test fast; every re-plan uses the same narrowing, so each is still a
// subset of the baseline's space.
const search = (job: TrainJob, fixed: Partial<Plan>, opts: Parameters<typeof searchPlans>[2]) => searchPlans(job, { cp: 1, zero: 1, microBatch: 1, ...fixed }, opts);

describe('efficiency ledger', () => {
  it('DeepSeek-V2 on 256 H800: each technique off costs days, never saves them', async () => {
    const job = { model: getModel('deepseek-v2'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 256, seq: 4096, globalBatch: 2048, tokens: 8.1e12 };
    const l = await ablate(job, search);
    expect(l).not.toBeNull();
    const techniques = l!.rows.map((r) => r.technique);
    expect(techniques).toContain('FP8 -> BF16');
    expect(techniques).toContain('all off');
    for (const r of l!.rows) {
      // Re-planned without a technique searches a subset of the baseline's space: never faster.
      expect(r.replanned).not.toBeNull();
      expect(r.daysSaved!).toBeGreaterThanOrEqual(-1e-9);
      expect(r.usdSaved!).toBeGreaterThanOrEqual(-1e-6);
      // The re-plan is at least as good as the baseline plan with only that change (when it fits).
      if (r.samePlan.fits) expect(r.replanned!.days!).toBeLessThanOrEqual(r.samePlan.days! + 1e-9);
    }
    const fp8 = l!.rows.find((r) => r.technique === 'FP8 -> BF16')!;
    expect(fp8.replanned!.plan.precision).toBe('bf16');
    expect(fp8.daysSaved!).toBeGreaterThan(0);
    const all = l!.rows.find((r) => r.technique === 'all off')!;
    // 'all off' searches a subset of each row that only narrows towards BF16, 1F1B or full recompute.
    const implied = l!.rows.filter((r) => r.technique === 'FP8 -> BF16' || r.technique.endsWith('-> 1F1B') || r.technique.endsWith('-> full'));
    expect(implied.length).toBeGreaterThan(1);
    for (const r of implied) expect(all.daysSaved!).toBeGreaterThanOrEqual(r.daysSaved! - 1e-9);
  });

  it('the routing limit row appears for a node-limited MoE (DeepSeek-V3) and turning it off never helps', async () => {
    const job = { model: getModel('deepseek-v3'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 512, seq: 4096, globalBatch: 1024, tokens: 1e12 };
    const narrow = (j: TrainJob, fixed: Partial<Plan>, opts: Parameters<typeof searchPlans>[2]) => searchPlans(j, { cp: 1, zero: 1, microBatch: 1, tp: 1, pp: 8, ...fixed }, opts);
    const l = await ablate(job, narrow);
    const row = l!.rows.find((r) => r.technique === 'routing limit off');
    expect(row).toBeDefined();
    expect(row!.daysSaved!).toBeGreaterThanOrEqual(-1e-9);
  });

  it('a chip without FP8 has no FP8 row', async () => {
    const job = { model: getModel('llama-3.1-8b'), chip: getChip('nvidia-a100-sxm4-80gb'), gpus: 64, seq: 8192, globalBatch: 512, tokens: 1e12 };
    const l = await ablate(job, search);
    expect(l!.baseline.plan.precision).toBe('bf16');
    expect(l!.rows.some((r) => r.technique.startsWith('FP8'))).toBe(false);
  });
});
