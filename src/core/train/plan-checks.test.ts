/** The plan checks shared by the train flags and scenario files (adversarial findings #1, #8, #15). */
import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import { defaultPlan, prepareJob } from './evaluate.js';
import { planContradiction, planFieldContradiction, planLayoutContradiction, givenFields } from './plan-checks.js';

const prep = (model: string, gpus: number, framework?: 'megatron-deepspeed-2021') =>
  prepareJob({ model: getModel(model), chip: getChip('nvidia-h100-sxm5-80gb'), gpus, seq: 4096, globalBatch: 64, ...(framework ? { framework } : {}) });

describe('plan checks', () => {
  it('field checks do not depend on the accelerator count; layout checks do', () => {
    const fixed = { tp: 2, pp: 2, dp: 4, cp: 1 };
    expect(planFieldContradiction(prep('llama-3.1-8b', 8), fixed)).toBeNull();
    expect(planLayoutContradiction(prep('llama-3.1-8b', 8), fixed)).toBe('--tp·--pp·--dp·--cp = 16 must equal --gpus 8');
    expect(planLayoutContradiction(prep('llama-3.1-8b', 16), fixed)).toBeNull();
  });

  it('partial plans: etp, sequence parallelism and heads are checked', () => {
    expect(planFieldContradiction(prep('mixtral-8x7b', 16), { ep: 8, etp: 3 })).toMatch(/--etp 3 must divide the expert FFN width/);
    expect(planFieldContradiction(prep('llama-3.1-8b', 8, 'megatron-deepspeed-2021'), { tp: 2, sequenceParallel: true })).toMatch(/--sequence-parallel on: sequence parallelism is not available/);
    expect(planFieldContradiction(prep('llama-3.1-8b', 8, 'megatron-deepspeed-2021'), { tp: 1, sequenceParallel: true })).toBeNull();
    expect(planFieldContradiction(prep('llama-3.1-8b', 12), { tp: 3 })).toMatch(/--tp 3 must divide the 32 attention heads/);
  });

  it('an invalid complete plan is printed in the plan notation (rc:, vpp, sp), so it can be pasted back', () => {
    const p = prep('llama-3.1-8b', 8);
    const full = { ...defaultPlan(p, { tp: 2, dp: 4 }), microBatch: 32 };
    expect(planContradiction(p, { tp: 2, dp: 4 }, full)).toBe('micro-batch 32 × --dp 4 = 128 exceeds --global-batch 64');
    const v = planContradiction(p, {}, { ...defaultPlan(p, {}), vpp: 2, schedule: '1f1b' });
    expect(v).toMatch(/^plan tp1 pp1 dp8 cp1 ep1 vpp2 mb1 zero1 rc:selective bf16 1f1b: /);
  });

  it('names the given fields', () => {
    expect(givenFields({ tp: 2, sequenceParallel: true })).toBe('--tp 2, --sequence-parallel on');
  });
});
