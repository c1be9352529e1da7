/**
 * Training-model invariants across the catalog (issue #9 item 1), beyond the GPT-3/H100 plans
 * of src/core/train/evaluate.test.ts: random catalog models, chips and plan shapes.
 * - more TP, PP, EP or ZeRO (at the same data-parallel degree) never raises per-chip weight,
 *   gradient and optimizer memory;
 * - step time is never below the compute lower bound (model FLOPs / (chips × peak));
 * - 0 < MFU < 1 for BF16 plans (below the FP8/BF16 peak ratio for FP8 plans);
 * - more chips at a fixed plan shape (more data-parallel replicas, each with the same
 *   micro-batches: weak scaling) never lowers cluster throughput, when both have data-parallel
 *   traffic (dense and expert groups of at least 2 ranks) on the same network. The doubling
 *   that first adds gradient/ZeRO traffic to a group of 1, and the one where a group first
 *   spans more than one scale-up domain (NVLink 900 GB/s against the 400 Gb/s scale-out
 *   network, ~18× slower), can make a small, communication-bound job slower: a real effect,
 *   so those steps are excluded. Beyond them the ring
 *   volume per chip, 2(n−1)/n of the data, less than doubles when n doubles, so the step time
 *   less than doubles while the tokens per step double.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../../src/core/catalog/catalog.js';
import { evaluatePlan, prepareJob, trainFlopsPerStep, validatePlan, type PreparedJob } from '../../src/core/train/evaluate.js';
import { memoryTerms } from '../../src/core/train/memory.js';
import type { Plan } from '../../src/core/train/types.js';

const models = ['llama-3.1-8b', 'llama-3.1-70b', 'mixtral-8x7b', 'qwen2.5-72b', 'deepseek-v2', 'gpt3-175b'].map((id) => getModel(id));
const chips = ['nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb', 'nvidia-h20', 'nvidia-h800-sxm5-80gb', 'amd-mi300x'].map((id) => getChip(id));

const shapeArb = fc.record({
  model: fc.constantFrom(...models),
  chip: fc.constantFrom(...chips),
  tp: fc.constantFrom(1, 2, 4, 8),
  pp: fc.constantFrom(1, 2, 4),
  dp: fc.constantFrom(1, 2, 4, 8, 16),
  ep: fc.constantFrom(1, 2, 4, 8),
  microBatch: fc.constantFrom(1, 2),
  /** Micro-batches per replica per step. */
  m: fc.constantFrom(4, 8, 16, 32),
  recompute: fc.constantFrom('none', 'selective', 'full' as const),
  zero: fc.constantFrom(0, 1, 2, 3 as const),
  precision: fc.constantFrom('bf16', 'fp8' as const),
  schedule: fc.constantFrom('1f1b', 'zb' as const),
  seq: fc.constantFrom(2048, 4096),
});
type Shape = typeof shapeArb extends fc.Arbitrary<infer T> ? T : never;

const cache = new Map<string, PreparedJob>();
/** A plan shape with any degrees (the arbitrary draws powers of two; tests double them). */
type AnyShape = Omit<Shape, 'tp' | 'pp' | 'ep'> & { readonly tp: number; readonly pp: number; readonly ep: number };

function job(s: AnyShape, dp: number): { prep: PreparedJob; plan: Plan } | null {
  const gpus = s.tp * s.pp * dp;
  const globalBatch = dp * s.m * s.microBatch;
  const key = `${s.model.id}|${s.chip.id}|${gpus}|${globalBatch}|${s.seq}`;
  if (!cache.has(key)) cache.set(key, prepareJob({ model: s.model, chip: s.chip, gpus, seq: s.seq, globalBatch }));
  const prep = cache.get(key)!;
  const plan: Plan = {
    tp: s.tp, pp: s.pp, dp, cp: 1, ep: s.model.moe ? s.ep : 1, vpp: 1, microBatch: s.microBatch,
    recompute: s.recompute, zero: s.zero as 0 | 1 | 2 | 3, precision: s.precision, schedule: s.schedule, sequenceParallel: s.tp > 1,
  };
  return validatePlan(prep, plan) ? null : { prep, plan };
}

function withPlan(s: Shape, dp: number, plan: Partial<Plan>): { prep: PreparedJob; plan: Plan } | null {
  const t = { ...s, tp: plan.tp ?? s.tp, pp: plan.pp ?? s.pp, ep: plan.ep ?? s.ep, zero: (plan.zero ?? s.zero) as Shape['zero'] };
  return job(t, dp);
}

describe('training model across catalog models and chips', () => {
  it('more TP, PP, EP or ZeRO never raises per-chip weight + gradient + optimizer memory', () => {
    let checked = 0;
    const state = (j: { prep: PreparedJob; plan: Plan }) => {
      const t = memoryTerms(j.prep, j.plan, { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 });
      return { w: t.weights, all: t.weights + t.gradients + t.optimizer };
    };
    fc.assert(
      fc.property(shapeArb, fc.constantFrom('tp', 'pp', 'ep', 'zero'), (s, dim) => {
        const a = withPlan(s, s.dp, {});
        const more: Partial<Plan> = dim === 'tp' ? { tp: s.tp * 2 } : dim === 'pp' ? { pp: s.pp * 2 } : dim === 'ep' ? { ep: s.ep * 2 } : { zero: Math.min(3, s.zero + 1) as 0 | 1 | 2 | 3 };
        const b = withPlan(s, s.dp, more);
        if (!a || !b) return true;
        checked++;
        const x = state(a);
        const y = state(b);
        if (y.w <= x.w * (1 + 1e-9) + 1 && y.all <= x.all * (1 + 1e-9) + 1) return true;
        const { model, chip, ...shape } = s;
        throw new Error(`${model.id} on ${chip.id} ${JSON.stringify(shape)} more ${dim}: weights ${x.w} -> ${y.w} bytes, with gradients and optimizer ${x.all} -> ${y.all}`);
      }),
      { numRuns: 1500, seed: 4244 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('step time >= compute lower bound; 0 < MFU < 1 (BF16) or < FP8/BF16 peak ratio (FP8)', () => {
    let checked = 0;
    fc.assert(
      fc.property(shapeArb, (s) => {
        const j = job(s, s.dp);
        if (!j) return true;
        const r = evaluatePlan(j.prep, j.plan);
        if (r.infeasible?.code === 'invalid_plan') return true;
        checked++;
        const peak = j.plan.precision === 'fp8' ? j.prep.peakFp8 : j.prep.peakBf16;
        const bound = trainFlopsPerStep(j.prep) / (j.prep.gpus * peak);
        const cap = j.plan.precision === 'fp8' ? j.prep.peakFp8 / j.prep.peakBf16 : 1;
        return r.stepTimeSeconds >= bound * (1 - 1e-12) && r.mfu > 0 && r.mfu < cap;
      }),
      { numRuns: 1500, seed: 4242 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('more chips at a fixed plan shape (2× data parallel, same micro-batches per replica) never lowers cluster throughput', () => {
    let checked = 0;
    fc.assert(
      fc.property(shapeArb, (s) => {
        const a = job(s, s.dp);
        const b = job(s, s.dp * 2);
        if (!a || !b) return true;
        const ra = evaluatePlan(a.prep, a.plan);
        const rb = evaluatePlan(b.prep, b.plan);
        if (ra.infeasible?.code === 'invalid_plan' || rb.infeasible?.code === 'invalid_plan') return true;
        const domain = s.chip.scaleUpDomain ?? 8;
        // A data-parallel group spans tp·dp consecutive ranks (Megatron order tp, cp, dp, pp).
        const sameNetwork = s.tp * b.plan.dp <= domain || s.tp * a.plan.dp > domain;
        // Expert weights are data-parallel over dp·tp/ep ranks: that group must have traffic too.
        const expertGroup = s.model.moe ? (a.plan.dp * s.tp) / a.plan.ep : a.plan.dp;
        if (a.plan.dp < 2 || expertGroup < 2 || !sameNetwork) return true;
        checked++;
        if (rb.tokensPerSecond >= ra.tokensPerSecond * (1 - 1e-9)) return true;
        const { model, chip, ...shape } = s;
        throw new Error(`${model.id} on ${chip.id} ${JSON.stringify(shape)}: ${Math.round(ra.tokensPerSecond)} tok/s on ${a.prep.gpus} chips, ${Math.round(rb.tokensPerSecond)} on ${b.prep.gpus}`);
      }),
      { numRuns: 1500, seed: 4243 },
    );
    expect(checked).toBeGreaterThan(50);
  });
});
