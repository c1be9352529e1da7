import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip, getModel } from '../catalog/catalog.js';
import { defaultPlan, evaluatePlan, prepareJob, validatePlan } from '../train/evaluate.js';
import type { Plan } from '../train/types.js';
import { enumerateSpace } from '../search/space.js';
import { frameworkIdForRun } from './for-run.js';
import { frameworkRejects } from './capabilities.js';
import { defaultFrameworkId, frameworkIds, frameworkProfiles } from './profiles.js';

describe('framework profiles', () => {
  it('has exactly the nine ids, each with sourced switches', () => {
    expect([...frameworkIds].sort()).toEqual(
      ['deepspeed-zero3-2021', 'hai-llm-2024', 'megatron-deepspeed-2021', 'megatron-deepspeed-2022', 'megatron-lm-2022', 'megatron-lm-2023', 'megatron-lm-2024', 'nemo-2024', 'torchtitan-2024'].sort(),
    );
    expect(frameworkIds).toContain(defaultFrameworkId);
    for (const id of frameworkIds) {
      const p = frameworkProfiles[id];
      expect(p.id).toBe(id);
      expect(p.switches.length).toBeGreaterThan(10);
      for (const s of p.switches) expect(s.source.length, `${id}: ${s.behaviour}`).toBeGreaterThan(10);
      expect(p.switches.map((s) => s.source).join(' ')).not.toMatch(/\/work\//);
    }
  });

  it('DualPipe only in hai-llm-2024; ZeRO-2/3 never with PP on Megatron or DeepSpeed pipeline engines', () => {
    for (const id of frameworkIds) {
      expect(frameworkProfiles[id].schedules.includes('dualpipe'), id).toBe(id === 'hai-llm-2024');
      if (id !== 'torchtitan-2024') expect(frameworkProfiles[id].zeroWithPp.some((z) => z >= 2), id).toBe(false);
    }
  });

  it('maps every run of the catalog onto a profile that runs its published plan', () => {
    const cat = builtinCatalog();
    const mapped = new Set<string>();
    for (const run of cat.runs) {
      const id = frameworkIdForRun(run.framework, run.sources);
      if (!id) continue;
      mapped.add(id);
      const prep = prepareJob({ model: getModel(run.model, cat), chip: getChip(run.chip, cat), gpus: run.gpus, seq: run.seq, globalBatch: run.globalBatch, framework: id });
      const p = run.plan;
      // Only the published fields: the others are chosen by validate among what the profile offers.
      const plan = defaultPlan(prep, { ...p, tp: p.tp ?? 1, pp: p.pp ?? 1, dp: p.dp, cp: p.cp ?? 1 });
      if (p.tp && p.pp && (p.dp || p.cp)) expect(frameworkRejects(prep.profile!, plan, { layers: prep.layers, moe: prep.moeLayers > 0 }), `${run.id} (${id})`).toBeNull();
    }
    for (const id of ['megatron-deepspeed-2021', 'megatron-deepspeed-2022', 'deepspeed-zero3-2021', 'megatron-lm-2022', 'megatron-lm-2023', 'megatron-lm-2024', 'nemo-2024', 'hai-llm-2024']) expect(mapped, id).toContain(id);
  });

  it('the search space holds only plans the profile can run', () => {
    const job = { model: getModel('gpt3-175b'), chip: getChip('nvidia-a100-sxm4-80gb'), gpus: 256, seq: 2048, globalBatch: 512, framework: 'megatron-lm-2023' as const };
    const prep = prepareJob(job);
    const space = enumerateSpace(job, {});
    expect(space.layouts.length).toBeGreaterThan(0);
    for (const L of space.layouts) {
      expect(L.schedule === 'dualpipe' || L.schedule === 'zb').toBe(false);
      expect(L.cp).toBe(1);
      for (const z of L.zeros) expect(z).toBeLessThanOrEqual(1);
      const plan: Plan = { ...L, recompute: 'selective', zero: L.zeros[0], microBatch: L.microBatches[0] };
      const bad = validatePlan(prep, plan);
      expect(bad === null || !/not available/.test(bad), bad ?? '').toBe(true);
    }
  });
});

describe('published plans that ran are not refused', () => {
  it('Llama-2-70B, FSDP on 64 A100 80GB, seq 4096, micro-batch 1, torchtitan per-op SAC fits', () => {
    const prep = prepareJob({ model: getModel('llama-2-70b'), chip: getChip('nvidia-a100-sxm4-80gb'), gpus: 64, seq: 4096, globalBatch: 64, framework: 'torchtitan-2024' });
    const r = evaluatePlan(prep, defaultPlan(prep, { tp: 1, pp: 1, dp: 64, zero: 3, microBatch: 1, recompute: 'selective' }));
    expect(r.infeasible).toBeUndefined();
    expect(r.fits).toBe(true);
    // Per-op SAC re-runs the unsaved matmuls: more recompute time than Megatron's selective.
    const meg = evaluatePlan(prepareJob({ ...prep.job, framework: undefined }), defaultPlan(prep, { tp: 1, pp: 1, dp: 64, zero: 3, microBatch: 1, recompute: 'selective' }));
    expect(r.breakdown.recomputeS).toBeGreaterThan(meg.breakdown.recomputeS);
    expect(r.memory.activationsGiB).toBeLessThan(meg.memory.activationsGiB);
  });

  it('Llama 3.1 405B PP16 × VP8 on GB200: 126 layers + embedding + loss fill 128 pipeline slots', () => {
    const job = { model: getModel('llama-3.1-405b'), chip: getChip('nvidia-gb200-per-gpu'), gpus: 256, seq: 8192, globalBatch: 64 };
    const plan = { tp: 4, pp: 16, dp: 4, vpp: 8, schedule: 'interleaved' as const, microBatch: 1 };
    const nemo = prepareJob({ ...job, framework: 'nemo-2024' });
    expect(validatePlan(nemo, defaultPlan(nemo, plan))).toBeNull();
    expect(evaluatePlan(nemo, defaultPlan(nemo, plan)).fits).toBe(true);
    // torchtitan (2024) does not count the embedding and loss as layers: 128 > 126.
    const titan = prepareJob({ ...job, framework: 'torchtitan-2024' });
    expect(validatePlan(titan, defaultPlan(titan, plan))).toMatch(/exceeds the layers/);
  });

  it('DeepSeek-V3 PP8/VP2 on 256 GB200 runs with EP32 (EP64 needs 64 ranks per stage: dp·cp·tp is 32)', () => {
    const prep = prepareJob({ model: getModel('deepseek-v3'), chip: getChip('nvidia-gb200-per-gpu'), gpus: 256, seq: 4096, globalBatch: 2048, framework: 'nemo-2024' });
    const plan = { tp: 1, pp: 8, dp: 32, ep: 32, vpp: 2, schedule: 'interleaved' as const, microBatch: 1 };
    expect(evaluatePlan(prep, defaultPlan(prep, plan)).fits).toBe(true);
    expect(validatePlan(prep, defaultPlan(prep, { ...plan, ep: 64 }))).toMatch(/ep \(64\) must divide the dp·cp·tp = 32 ranks/);
  });
});

describe('expert tensor parallelism', () => {
  const job = { model: getModel('mixtral-8x22b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 64, seq: 4096, globalBatch: 256, framework: 'nemo-2024' as const };
  const prep = prepareJob(job);
  const base = { tp: 4, pp: 2, dp: 8, ep: 8, microBatch: 1 };

  it('splits the experts over etp ranks: less weight memory, all-gathers inside the expert GEMMs', () => {
    const one = evaluatePlan(prep, defaultPlan(prep, base));
    const four = evaluatePlan(prep, defaultPlan(prep, { ...base, etp: 4 }));
    expect(four.plan.etp).toBe(4);
    expect(four.memory.weightsGiB).toBeLessThan(one.memory.weightsGiB / 2);
    expect(four.breakdown.epCommS).toBeGreaterThan(one.breakdown.epCommS);
  });

  it('is validated and searched', () => {
    expect(validatePlan(prep, defaultPlan(prep, { ...base, etp: 16 }))).toMatch(/etp|ep·etp/);
    const dense = prepareJob({ ...job, model: getModel('llama-2-70b') });
    expect(validatePlan(dense, defaultPlan(dense, { tp: 4, pp: 2, dp: 8, etp: 4 }))).toMatch(/dense/);
    const space = enumerateSpace(job, { tp: 4, pp: 2, cp: 1 });
    expect(space.layouts.some((L) => L.etp === 4)).toBe(true);
    expect(space.layouts.some((L) => L.etp === undefined)).toBe(true);
  });
});
