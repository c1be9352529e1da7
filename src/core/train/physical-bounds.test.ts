/**
 * Terms the plan search used to exploit (docs/training-model.md §3.2, "What the search may not
 * exploit"): each test pins one physical cost that an optimistic model left out.
 */
import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import { evaluatePlan, prepareJob } from './evaluate.js';
import { commCosts, type CommCosts } from './communication.js';
import { memoryTerms } from './memory.js';
import { overlapSmShare } from './calibration.js';
import type { Plan } from './types.js';

const h100 = getChip('nvidia-h100-sxm5-80gb');
const qwen = prepareJob({ model: getModel('qwen2.5-72b'), chip: h100, gpus: 2048, seq: 4096, globalBatch: 2048 });
const gpt3 = prepareJob({ model: getModel('gpt3-175b'), chip: h100, gpus: 1024, seq: 2048, globalBatch: 2048 });
const dsv3 = prepareJob({
  model: getModel('deepseek-v3'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 2048, seq: 4096, globalBatch: 15360, optimizerMoments: 'bf16',
});

const fsdp: Plan = { tp: 1, pp: 1, dp: 2048, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'none', zero: 3, precision: 'fp8', schedule: '1f1b', sequenceParallel: false };
const published: Plan = { tp: 1, pp: 16, dp: 128, cp: 1, ep: 64, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'fp8', schedule: 'dualpipe', sequenceParallel: false };

describe('physical bounds the search cannot exploit', () => {
  it('ZeRO-3 pays the ring latency once per layer: pure FSDP over 2,048 ranks is exposed', () => {
    const c = commCosts(qwen, fsdp, {} as CommCosts);
    // 80 layers × 3 collectives × 2047 ring steps × 5 µs ≈ 2.5 s of latency alone.
    expect(c.zero3PerMb).toBeGreaterThan(3 * 80 * 2047 * qwen.topo.out.latencyS);
    expect(evaluatePlan(qwen, fsdp).breakdown.zero3CommS).toBeGreaterThan(0);
  });

  it('ZeRO-3 holds the gathered layer, the prefetched one and the full layer gradient', () => {
    const z2 = memoryTerms(qwen, { ...fsdp, zero: 2 }, { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 });
    const z3 = memoryTerms(qwen, fsdp, { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 });
    const layerParams = qwen.attnParams + 2 * qwen.h + qwen.denseFfnParams;
    expect(z3.buffers - z2.buffers).toBeCloseTo(3 * 2 * layerParams, -3);
    // …but never more than the unsharded weights (a stage that small stays gathered).
    const tiny = memoryTerms(gpt3, { ...fsdp, dp: 2, pp: 64, tp: 8, zero: 3, schedule: '1f1b' }, { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 });
    const tiny2 = memoryTerms(gpt3, { ...fsdp, dp: 2, pp: 64, tp: 8, zero: 2, schedule: '1f1b' }, { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 });
    expect(tiny.weights + tiny.buffers).toBeLessThanOrEqual(tiny2.weights + tiny2.buffers + 1);
  });

  it('DualPipe reduces the gradients of the two stages it holds', () => {
    const plan: Plan = { tp: 4, pp: 8, dp: 32, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'none', zero: 1, precision: 'bf16', schedule: '1f1b', sequenceParallel: true };
    const one = commCosts(gpt3, plan, {} as CommCosts);
    const two = commCosts(gpt3, { ...plan, schedule: 'dualpipe' }, {} as CommCosts);
    expect(two.dpGrad / one.dpGrad).toBeGreaterThan(1.8);
    expect(two.dpGrad / one.dpGrad).toBeLessThan(2);
  });

  it('ZeRO-2 reduce-scatters every micro-batch, ZeRO-1 once per step', () => {
    const plan: Plan = { tp: 4, pp: 8, dp: 32, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'none', zero: 1, precision: 'bf16', schedule: '1f1b', sequenceParallel: true };
    const z1 = evaluatePlan(gpt3, plan);
    const z2 = evaluatePlan(gpt3, { ...plan, zero: 2 });
    const m = z1.microbatches;
    const grad = commCosts(gpt3, plan, {} as CommCosts).dpGrad;
    expect(z2.breakdown.dpCommTotalS - z1.breakdown.dpCommTotalS).toBeCloseTo((m - 1) * grad, 6);
    expect(z2.stepTimeSeconds).toBeGreaterThanOrEqual(z1.stepTimeSeconds);
  });

  it('hidden all-to-all still costs the SMs its kernels take (DeepSeek-V3: 20 of 132)', () => {
    const r = evaluatePlan(dsv3, published);
    expect(r.breakdown.epCommS).toBeGreaterThan(0.9 * overlapSmShare * r.breakdown.epCommTotalS);
    expect(r.breakdown.epCommS).toBeLessThan(r.breakdown.epCommTotalS);
  });

  it('ZeRO-3 gathers and a hidden cross-node all-to-all share the NICs', () => {
    const plan: Plan = { tp: 1, pp: 4, dp: 512, cp: 1, ep: 128, vpp: 1, microBatch: 1, recompute: 'selective', zero: 3, precision: 'fp8', schedule: 'dualpipe', sequenceParallel: false };
    const c = commCosts(dsv3, plan, {} as CommCosts);
    expect(c.dpCrossNode && c.epCrossNode).toBe(true);
    const r = evaluatePlan(dsv3, plan);
    // NIC time per step (hidden all-to-all + ZeRO-3 gathers) cannot exceed the step.
    const nicBusy = r.breakdown.epCommTotalS + r.microbatches * c.zero3PerMb;
    expect(r.stepTimeSeconds).toBeGreaterThanOrEqual(0.95 * nicBusy);
  });
});
