import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getChip, getModel } from '../catalog/catalog.js';
import { frameworkIds } from '../frameworks/profiles.js';
import { enumerateSpace } from '../search/space.js';
import { evaluatePlan, prepareJob, validatePlan } from './evaluate.js';
import { stepTimeLowerBound } from './step-bound.js';
import type { Plan, TrainJob } from './types.js';
import { tinyModel } from '../../../test/search-fixtures.js';

/**
 * The search prunes with stepTimeLowerBound (search/kernel.ts), so the bound must never exceed
 * the step time evaluatePlan reports, for any recompute policy and ZeRO stage of the layout and
 * micro-batch. A change to the step-time formula in evaluate.ts that breaks this fails here.
 */
function checkJob(job: TrainJob, sample: number, seed: number): void {
  const prep = prepareJob(job);
  const space = enumerateSpace(job, {}, { precisions: job.chip.tflops.fp8 ? ['bf16', 'fp8'] : ['bf16'] });
  const n = space.layouts.length;
  for (let s = 0; s < Math.min(sample, n); s++) {
    const L = space.layouts[(seed + s * 7919) % n];
    for (const microBatch of L.microBatches.slice(0, 4)) {
      const base = { tp: L.tp, pp: L.pp, dp: L.dp, cp: L.cp, ep: L.ep, ...(L.etp && L.etp > 1 ? { etp: L.etp } : {}), vpp: L.vpp, microBatch, precision: L.precision, schedule: L.schedule, sequenceParallel: L.sequenceParallel };
      const bound = stepTimeLowerBound(prep, { ...base, recompute: space.recomputes[0], zero: L.zeros[0] });
      // With a step time to beat of 0 it stops at the compute-only bound: that one must hold too.
      const early = stepTimeLowerBound(prep, { ...base, recompute: space.recomputes[0], zero: L.zeros[0] }, 0);
      if (!(early <= bound)) expect.fail(`compute-only bound ${early} > full bound ${bound}`);
      for (const recompute of space.recomputes)
        for (const zero of L.zeros) {
          const plan: Plan = { ...base, recompute, zero };
          if (validatePlan(prep, plan) !== null) continue;
          const step = evaluatePlan(prep, plan).stepTimeSeconds;
          if (!(bound <= step)) expect.fail(`bound ${bound} > step ${step} for ${JSON.stringify(plan)} (${job.model.id} on ${job.gpus} × ${job.chip.id}, ${job.framework ?? 'generic'})`);
        }
    }
  }
}

describe('stepTimeLowerBound', () => {
  it('never exceeds the step time of any recompute policy and ZeRO stage (small models, every profile)', () => {
    fc.assert(
      fc.property(
        fc.record({
          layers: fc.integer({ min: 2, max: 12 }),
          hidden: fc.constantFrom(1024, 4096, 8192),
          heads: fc.constantFrom(8, 16, 32),
          kvDiv: fc.constantFrom(1, 4),
          experts: fc.constantFrom(1, 8, 16),
          chip: fc.constantFrom('nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-40gb', 'nvidia-h800-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b'),
          gpus: fc.constantFrom(8, 16, 64, 256),
          seq: fc.constantFrom(1024, 4096, 16384),
          globalBatch: fc.constantFrom(16, 64, 256),
          framework: fc.constantFrom(undefined, ...frameworkIds),
          seed: fc.nat(),
        }),
        (a) => {
          const job: TrainJob = {
            model: tinyModel({ layers: a.layers, hidden: a.hidden, heads: a.heads, kvHeads: a.heads / a.kvDiv, experts: a.experts }, { ffnMultiple: 3, sharedExperts: 1, denseLayers: 1 }),
            chip: getChip(a.chip),
            gpus: a.gpus,
            gpusPerNode: 8,
            seq: a.seq,
            globalBatch: a.globalBatch,
            ...(a.framework ? { framework: a.framework } : {}),
          };
          checkJob(job, 30, a.seed);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never exceeds the step time on the reference jobs (DeepSeek-V3 on 2,048 H800, Llama 3.1 405B on 16,384 H100)', () => {
    for (const framework of [undefined, 'megatron-lm-2024', 'hai-llm-2024', 'nemo-2024', 'torchtitan-2024'] as const) {
      checkJob({ model: getModel('deepseek-v3'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 2048, gpusPerNode: 8, scaleOutGbps: 400, seq: 4096, globalBatch: 15360, ...(framework ? { framework } : {}) }, 150, 11);
      checkJob({ model: getModel('llama-3.1-405b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 16384, gpusPerNode: 8, scaleOutGbps: 400, seq: 8192, globalBatch: 2048, ...(framework ? { framework } : {}) }, 150, 5);
    }
  }, 120_000);
});
