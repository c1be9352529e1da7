import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getChip, getModel } from '../catalog/catalog.js';
import { defaultPlan, evaluatePlan, memoryPeakBytes, prepareJob, trainFlopsPerStep, validatePlan } from './evaluate.js';
import { memoryTerms } from './memory.js';
import type { Plan } from './types.js';
import { ChipboundError } from '../errors.js';
import { zero3FlatOverlap } from './calibration.js';
import { nicSizeEfficiency } from '../cluster/collective-curves.js';
import { commCosts } from './communication.js';
import { flashAttention1Factor } from './prepare.js';

const h100 = getChip('nvidia-h100-sxm5-80gb');
const gpt3 = prepareJob({ model: getModel('gpt3-175b'), chip: h100, gpus: 1024, seq: 2048, globalBatch: 2048 });
const dsv3 = prepareJob({ model: getModel('deepseek-v3'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 2048, seq: 4096, globalBatch: 15360 });

const base: Plan = { tp: 4, pp: 8, dp: 32, cp: 1, ep: 1, vpp: 6, microBatch: 1, recompute: 'none', zero: 1, precision: 'bf16', schedule: 'interleaved', sequenceParallel: true };

/** Random valid GPT-3 plans on 1024 GPUs. */
const planArb = fc
  .record({
    tp: fc.constantFrom(1, 2, 4, 8),
    pp: fc.constantFrom(1, 2, 4, 8, 16),
    cp: fc.constantFrom(1, 2),
    mb: fc.constantFrom(1, 2, 4),
    recompute: fc.constantFrom('none', 'selective', 'full' as const),
    zero: fc.constantFrom(0, 1, 2, 3 as const),
    precision: fc.constantFrom('bf16', 'fp8' as const),
    schedule: fc.constantFrom('1f1b', 'zb', 'dualpipe' as const),
  })
  .map(
    (r): Plan => ({
      tp: r.tp, pp: r.pp, cp: r.cp, dp: 1024 / (r.tp * r.pp * r.cp), ep: 1, vpp: 1, microBatch: r.mb,
      recompute: r.recompute, zero: r.zero as 0 | 1 | 2 | 3, precision: r.precision, schedule: r.schedule, sequenceParallel: r.tp > 1,
    }),
  );

describe('evaluatePlan', () => {
  it('evaluates a published plan with sane parts', () => {
    const r = evaluatePlan(gpt3, base);
    expect(r.fits).toBe(true);
    expect(r.stepTimeSeconds).toBeGreaterThan(5);
    expect(r.stepTimeSeconds).toBeLessThan(12);
    expect(r.breakdown.computeS).toBeLessThan(r.stepTimeSeconds);
    expect(r.tokensPerSecond).toBeCloseTo((2048 * 2048) / r.stepTimeSeconds, 6);
  });

  it('step time is never below the compute lower bound; 0 < mfu <= hfu < 1 (BF16)', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const r = evaluatePlan(gpt3, plan);
        if (r.infeasible?.code === 'invalid_plan') return true;
        const peak = plan.precision === 'fp8' ? gpt3.peakFp8 : gpt3.peakBf16;
        const bound = trainFlopsPerStep(gpt3) / (gpt3.gpus * peak);
        // MFU is against the BF16 peak: below 1 for BF16 plans, below fp8/bf16 peak ratio for FP8.
        const cap = plan.precision === 'fp8' ? gpt3.peakFp8 / gpt3.peakBf16 : 1;
        return r.stepTimeSeconds >= bound && r.mfu > 0 && r.mfu < cap && r.hfu >= r.mfu && r.hfu < cap;
      }),
      { numRuns: 300 },
    );
  });

  it('memoryPeakBytes equals the reported peak', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const r = evaluatePlan(gpt3, plan);
        if (r.infeasible?.code === 'invalid_plan') return true;
        return Math.abs(memoryPeakBytes(gpt3, plan) / 2 ** 30 - r.memory.peakGiB) < 1e-9;
      }),
      { numRuns: 200 },
    );
  });

  it('more TP, PP, ZeRO or EP never raises per-chip weight memory', () => {
    const w = (prep: typeof gpt3, p: Plan) => memoryTerms(prep, p, { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 });
    // More sharding at the same data-parallel degree (so more accelerators): prepared per GPU count.
    const preps = new Map<number, typeof gpt3>();
    const prepFor = (gpus: number) => {
      if (!preps.has(gpus)) preps.set(gpus, prepareJob({ model: getModel('gpt3-175b'), chip: h100, gpus, seq: 2048, globalBatch: 2048 }));
      return preps.get(gpus)!;
    };
    fc.assert(
      fc.property(planArb, fc.constantFrom('tp', 'pp', 'zero'), (plan, dim) => {
        let more: Plan;
        if (dim === 'tp') more = { ...plan, tp: plan.tp * 2, sequenceParallel: true };
        else if (dim === 'pp') more = { ...plan, pp: plan.pp * 2 };
        else more = { ...plan, zero: Math.min(3, plan.zero + 1) as 0 | 1 | 2 | 3 };
        const pa = prepFor(plan.tp * plan.pp * plan.dp * plan.cp);
        const pb = prepFor(more.tp * more.pp * more.dp * more.cp);
        if (validatePlan(pa, plan) || validatePlan(pb, more)) return true;
        const a = w(pa, plan);
        const b = w(pb, more);
        return b.weights <= a.weights + 1 && b.weights + b.gradients + b.optimizer <= a.weights + a.gradients + a.optimizer + 1;
      }),
      { numRuns: 300 },
    );
    const ds: Plan = { tp: 1, pp: 16, dp: 128, cp: 1, ep: 8, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'fp8', schedule: 'dualpipe', sequenceParallel: false };
    let prev = Infinity;
    for (const ep of [8, 16, 32, 64, 128]) {
      const t = w(dsv3, { ...ds, ep });
      expect(t.weights).toBeLessThanOrEqual(prev);
      prev = t.weights;
    }
  });

  it('same input gives identical output', () => {
    fc.assert(
      fc.property(planArb, (plan) => JSON.stringify(evaluatePlan(gpt3, plan)) === JSON.stringify(evaluatePlan(gpt3, { ...plan }))),
      { numRuns: 50 },
    );
  });

  it('reports invalid plans as values', () => {
    const r = evaluatePlan(gpt3, { ...base, tp: 3 });
    expect(r.fits).toBe(false);
    expect(r.infeasible?.code).toBe('invalid_plan');
    expect(validatePlan(gpt3, { ...base, dp: 31 })).toMatch(/gpus/);
    expect(validatePlan(gpt3, { ...base, ep: 2 })).toMatch(/dense/);
  });

  it('reports plans that do not fit as exceeds_memory with the largest term', () => {
    const r = evaluatePlan(gpt3, { ...base, tp: 1, pp: 1, dp: 1024, vpp: 1, schedule: '1f1b', zero: 0 });
    expect(r.fits).toBe(false);
    expect(r.infeasible).toMatchObject({ code: 'exceeds_memory' });
    if (r.infeasible?.code === 'exceeds_memory') expect(r.infeasible.needGiB).toBeGreaterThan(r.infeasible.haveGiB);
  });

  it('fills documented defaults', () => {
    const p = defaultPlan(gpt3, { tp: 8 });
    expect(p).toMatchObject({ tp: 8, pp: 1, cp: 1, dp: 128, ep: 1, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'bf16', schedule: '1f1b', sequenceParallel: true });
  });

  it('FP8 speeds up GEMMs only, by less than 2x', () => {
    const bf = evaluatePlan(gpt3, base);
    const f8 = evaluatePlan(gpt3, { ...base, precision: 'fp8' });
    expect(f8.stepTimeSeconds).toBeLessThan(bf.stepTimeSeconds);
    expect(bf.stepTimeSeconds / f8.stepTimeSeconds).toBeLessThan(2);
    expect(f8.breakdown.attentionS).toBeCloseTo(bf.breakdown.attentionS, 9);
  });

  it('mfuPrecisionPeak is against the GEMM precision peak: at most 1, equal to mfu for BF16', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const r = evaluatePlan(gpt3, plan);
        if (r.infeasible?.code === 'invalid_plan') return true;
        const ratio = plan.precision === 'fp8' ? gpt3.peakBf16 / gpt3.peakFp8 : 1;
        return r.mfuPrecisionPeak > 0 && r.mfuPrecisionPeak < 1 && Math.abs(r.mfuPrecisionPeak - r.mfu * ratio) < 1e-12;
      }),
      { numRuns: 200 },
    );
  });

  it('FP8 never holds fewer weight bytes than BF16; only GEMM-input activations shrink', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const z = { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 };
        const bf = memoryTerms(gpt3, { ...plan, precision: 'bf16' }, { ...z });
        const f8 = memoryTerms(gpt3, { ...plan, precision: 'fp8' }, { ...z });
        return f8.weights >= bf.weights && f8.gradients === bf.gradients && f8.optimizer === bf.optimizer && f8.activations <= bf.activations;
      }),
      { numRuns: 200 },
    );
    // Transformer Engine caches only FP8 GEMM inputs; DeepSeek-V3 §3.3.2 (the default) also the SwiGLU inputs.
    const te = prepareJob({ model: getModel('deepseek-v3'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 2048, seq: 4096, globalBatch: 15360, fp8Activations: 'gemm-inputs' });
    const ds = prepareJob({ model: getModel('deepseek-v3'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 2048, seq: 4096, globalBatch: 15360, fp8Activations: 'ffn' });
    const p: Plan = { tp: 1, pp: 16, dp: 128, cp: 1, ep: 64, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'fp8', schedule: 'dualpipe', sequenceParallel: false };
    expect(evaluatePlan(ds, p).memory.activationsGiB).toBeLessThan(evaluatePlan(te, p).memory.activationsGiB);
  });

  it('flat ZeRO-3 collectives (DeepSpeed 2021) are slower than hierarchical prefetched ones, and exposed', () => {
    const job = { model: getModel('gpt3-175b'), chip: getChip('nvidia-a100-sxm4-80gb'), gpus: 1536, gpusPerNode: 8, scaleOutGbps: 200, seq: 2048, globalBatch: 1536 };
    const plan: Plan = { tp: 1, pp: 1, dp: 1536, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'full', zero: 3, precision: 'bf16', schedule: '1f1b', sequenceParallel: false };
    const fsdp = evaluatePlan(prepareJob(job), plan);
    const flat = evaluatePlan(prepareJob({ ...job, zero3Collectives: 'flat' }), plan);
    expect(fsdp.breakdown.zero3CommS).toBe(0);
    // 3 × 2Ψ bytes per rank over one 200 Gb/s NIC: about a minute, half hidden at most.
    expect(flat.breakdown.zero3CommS).toBeGreaterThan(40);
    expect(flat.breakdown.zero3CommS).toBeLessThan(80);
    expect(flat.stepTimeSeconds).toBeGreaterThan(3 * fsdp.stepTimeSeconds);
  });

  it('flat ZeRO-3: the share 1 − f runs in series with compute, the share f hides while compute lasts', () => {
    const job = { model: getModel('gpt3-175b'), chip: getChip('nvidia-a100-sxm4-80gb'), gpus: 384, gpusPerNode: 8, scaleOutGbps: 200, seq: 2048, globalBatch: 384 * 4, zero3Collectives: 'flat' as const };
    const plan: Plan = { tp: 1, pp: 1, dp: 384, cp: 1, ep: 1, vpp: 1, microBatch: 4, recompute: 'full', zero: 3, precision: 'bf16', schedule: '1f1b', sequenceParallel: false };
    const r = evaluatePlan(prepareJob(job), plan);
    const c = r.breakdown.zero3CommTotalS;
    const compute = r.breakdown.computeS;
    const f = zero3FlatOverlap;
    expect(r.breakdown.zero3CommS).toBeCloseTo((1 - f) * c + Math.max(0, f * c - compute), 6);
    // Less compute per micro-batch (micro-batch 1) exposes more of the same collectives.
    const small = evaluatePlan(prepareJob({ ...job, globalBatch: 384 }), { ...plan, microBatch: 1 });
    expect(small.breakdown.zero3CommS / small.breakdown.zero3CommTotalS).toBeGreaterThan(r.breakdown.zero3CommS / c);
    expect(small.breakdown.zero3CommS).toBeGreaterThanOrEqual((1 - f) * small.breakdown.zero3CommTotalS - 1e-9);
  });

  it('per-copy MoE dispatch sends more across nodes than node-deduplicated dispatch', () => {
    const job = { model: getModel('deepseek-v3'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 1024, seq: 4096, globalBatch: 8192 };
    const p: Plan = { tp: 2, pp: 16, dp: 32, cp: 1, ep: 64, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'bf16', schedule: '1f1b', sequenceParallel: true };
    const dedup = evaluatePlan(prepareJob(job), p);
    const perCopy = evaluatePlan(prepareJob({ ...job, moeDispatch: 'per-copy' }), p);
    expect(perCopy.breakdown.epCommS).toBeGreaterThan(1.5 * dedup.breakdown.epCommS);
  });

  it("NCCL's all-to-all (per-copy dispatch) loses NIC bandwidth at one layer's message size (SimAI's table); more tokens per dispatch lose less", () => {
    const job = { model: getModel('deepseek-v3'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 1024, seq: 4096, globalBatch: 8192, moeDispatch: 'per-copy' as const };
    const p: Plan = { tp: 2, pp: 16, dp: 32, cp: 1, ep: 64, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'bf16', schedule: '1f1b', sequenceParallel: true };
    const prep = prepareJob(job);
    const r = evaluatePlan(prep, p);
    // Inter-node bytes per layer forward: 2,048 tokens × 8 copies × 7/8 remote × 7,168 × (2 + 2) bytes,
    // at the NIC rate divided by the table's factor for one collective's 235 MB buffer over 8 nodes.
    const bytes = 2048 * 8 * (7 / 8) * 7168 * 4;
    const eff = nicSizeEfficiency(2048 * 8 * 7168 * 2, 8);
    expect(eff).toBeGreaterThan(0.6);
    expect(eff).toBeLessThan(0.8);
    const c = commCosts(prep, p, { tpLayerFwd: 0, cpLayerFwd: 0, epLayerFwd: 0, ppSend: 0, dpGrad: 0, dpParams: 0, zero3PerMb: 0, dpCrossNode: false, epCrossNode: false });
    expect(c.epLayerFwd).toBeCloseTo(prep.topo.out.latencyS + bytes / eff / prep.topo.out.bytesPerS, 9);
    // Micro-batch 4 sends 4× the bytes per dispatch for 4× the work: a smaller share is lost.
    const big = evaluatePlan(prepareJob({ ...job }), { ...p, microBatch: 4 });
    expect(big.breakdown.epCommTotalS).toBeLessThan(r.breakdown.epCommTotalS);
  });

  it('adds days, GPU-hours, cost and energy with tokens', () => {
    const prep = prepareJob({ model: getModel('gpt3-175b'), chip: h100, gpus: 1024, seq: 2048, globalBatch: 2048, tokens: 300e9 });
    const r = evaluatePlan(prep, base);
    expect(r.cost?.gpuHours).toBeCloseTo((r.cost!.days * 24 * 1024), 3);
    expect(r.cost?.energyMWh).toBeGreaterThan(0);
  });

  it('names a missing chip value needed for performance', () => {
    const chip = { ...h100, memoryTBps: null };
    expect(() => prepareJob({ model: getModel('gpt3-175b'), chip, gpus: 8, seq: 2048, globalBatch: 8 })).toThrow(ChipboundError);
    expect(() => prepareJob({ model: getModel('gpt3-175b'), chip, gpus: 8, seq: 2048, globalBatch: 8 })).toThrow(/memoryTBps/);
    const chip2 = { ...h100, scaleOutGbps: null };
    expect(() => prepareJob({ model: getModel('gpt3-175b'), chip: chip2, gpus: 64, seq: 2048, globalBatch: 64 })).toThrow(/scaleOutGbps/);
  });
});

describe('ZeRO-3 hybrid sharding (MiCS, FSDP HYBRID_SHARD)', () => {
  const a100 = getChip('nvidia-a100-sxm4-40gb');
  const job = { model: getModel('bloomberggpt-50b'), chip: a100, gpus: 512, seq: 2048, globalBatch: 2048, scaleOutGbps: 50 };
  const plain = prepareJob(job);
  const hybrid = prepareJob({ ...job, zero3ShardGroup: 128 });
  const plan: Plan = { tp: 1, pp: 1, dp: 512, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'full', zero: 3, precision: 'bf16', schedule: '1f1b', sequenceParallel: false };

  it('shards the states over the group (4× plain ZeRO-3 over 512), adds one replica all-reduce per step, and gathers over 128 ranks', () => {
    const p = evaluatePlan(plain, plan);
    const h = evaluatePlan(hybrid, plan);
    expect(h.memory.optimizerGiB / p.memory.optimizerGiB).toBeCloseTo(4, 6);
    expect(h.breakdown.dpCommTotalS).toBeGreaterThan(0);
    expect(p.breakdown.dpCommTotalS).toBe(0);
    // Fewer ring steps per gather: less ZeRO-3 time per micro-batch.
    expect(h.breakdown.zero3CommTotalS).toBeLessThan(p.breakdown.zero3CommTotalS);
  });

  it('is invalid unless the group divides dp·cp, and changes nothing without ZeRO-3', () => {
    expect(validatePlan(prepareJob({ ...job, zero3ShardGroup: 100 }), plan)).toMatch(/shard group \(100\) must divide the dp·cp = 512/);
    const z1: Plan = { ...plan, zero: 1 };
    expect(evaluatePlan(hybrid, z1).stepTimeSeconds).toBe(evaluatePlan(plain, z1).stepTimeSeconds);
  });
});


describe('FlashAttention generation', () => {
  it('FlashAttention-1 runs at 0.44× (head dim 128) to 0.56× (head dim 64) of FlashAttention-2 (Dao 2023 Fig. 4-7)', () => {
    expect(flashAttention1Factor(128)).toBeCloseTo(0.44, 6);
    expect(flashAttention1Factor(64)).toBeCloseTo(0.56, 6);
    expect(flashAttention1Factor(256)).toBeCloseTo(0.44, 6);
    expect(flashAttention1Factor(96)).toBeCloseTo(0.5, 6);
    const job = { model: getModel('starcoderbase-15b'), chip: getChip('nvidia-a100-sxm4-80gb'), gpus: 512, seq: 8192, globalBatch: 512 };
    const plan: Plan = { tp: 4, pp: 4, dp: 32, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'none', zero: 1, precision: 'bf16', schedule: '1f1b', sequenceParallel: true };
    const fa2 = evaluatePlan(prepareJob(job), plan);
    const fa1 = evaluatePlan(prepareJob({ ...job, flashAttentionVersion: 1 }), plan);
    expect(fa1.breakdown.attentionS / fa2.breakdown.attentionS).toBeCloseTo(1 / 0.44, 3);
    expect(fa1.breakdown.gemmS).toBeCloseTo(fa2.breakdown.gemmS, 9);
    expect(fa1.stepTimeSeconds).toBeGreaterThan(fa2.stepTimeSeconds);
  });
});
