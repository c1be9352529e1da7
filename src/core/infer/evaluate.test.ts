import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import { ChipboundError } from '../errors.js';
import { evaluateServing } from './evaluate.js';
import type { ServingInput } from './types.js';

const h100 = getChip('nvidia-h100-sxm5-80gb');
const h20 = getChip('nvidia-h20');
const l70 = getModel('llama-3.1-70b');
const l8 = getModel('llama-3.1-8b');
const dsv3 = getModel('deepseek-v3');

const base: ServingInput = { model: l70, chip: h100, gpus: 8, plan: { tp: 8, pp: 1, ep: 1, dp: 1 }, promptTokens: 1000, outputTokens: 1000, precision: 'fp8' };

describe('evaluateServing', () => {
  it('reports the JSON fields of the contract', () => {
    const r = evaluateServing({ ...base, batch: 64 });
    expect(r.kvCacheBytesPerToken).toBe(327_680);
    expect(r.maxBatch).toBeGreaterThan(64);
    for (const v of [r.prefill.seconds, r.prefill.tokensPerSecond, r.prefill.tokensPerSecondPerGpu, r.decode.tokensPerSecond, r.decode.tokensPerSecondPerGpu, r.decode.tpotSeconds, r.ttftSeconds, r.costPerMillionOutputTokensUsd!]) {
      expect(v).toBeGreaterThan(0);
      expect(Number.isFinite(v)).toBe(true);
    }
    expect(r.decode.tokensPerSecondPerGpu).toBeCloseTo(r.decode.tokensPerSecond / 8, 6);
  });

  it('decode at batch 1 is bounded below by reading the weights once per token', () => {
    const r = evaluateServing({ ...base, batch: 1 });
    const weightRead = r.memory.weightBytes / (h100.memoryTBps! * 1e12);
    expect(r.decode.stepSeconds).toBeGreaterThan(weightRead);
  });

  it('property: TPOT grows with batch and with context', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 64, max: 8000 }), fc.integer({ min: 64, max: 8000 }), (b1, b2, c1, c2) => {
        const [bl, bh] = b1 <= b2 ? [b1, b2] : [b2, b1];
        const [cl, ch] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const t = (batch: number, ctx: number) => evaluateServing({ ...base, batch, promptTokens: ctx, outputTokens: 256, phase: 'decode' }).decode.tpotSeconds;
        expect(t(bh, cl)).toBeGreaterThanOrEqual(t(bl, cl));
        expect(t(bl, ch)).toBeGreaterThanOrEqual(t(bl, cl));
      }),
      { numRuns: 60 },
    );
  });

  it('property: maxBatch is the largest batch whose KV cache fits the budget', () => {
    fc.assert(
      fc.property(fc.constantFrom(l8, l70, dsv3), fc.constantFrom(1, 2, 4, 8), fc.integer({ min: 100, max: 30_000 }), fc.constantFrom<'bf16' | 'fp8'>('bf16', 'fp8'), (m, tp, len, kv) => {
        const plan = m.moe ? { tp: 1, pp: 1, ep: 8, dp: 8 } : { tp, pp: 1, ep: 1, dp: 1 };
        const r = evaluateServing({ model: m, chip: h100, gpus: 8, plan, promptTokens: len, outputTokens: 500, precision: 'fp8', kvPrecision: kv });
        const perReplica = r.maxBatch / (8 / plan.tp);
        if (r.maxBatch === 0) {
          expect(r.fits).toBe(false);
          return;
        }
        expect(perReplica * r.memory.kvBytesPerSequence).toBeLessThanOrEqual(r.memory.kvBudgetBytes);
        expect((perReplica + 1) * r.memory.kvBytesPerSequence).toBeGreaterThan(r.memory.kvBudgetBytes);
        expect(r.memory.weightBytes + r.memory.workspaceBytes + r.memory.kvUsedBytes).toBeLessThanOrEqual(r.memory.capacityBytes);
        const over = evaluateServing({ model: m, chip: h100, gpus: 8, plan, promptTokens: len, outputTokens: 500, precision: 'fp8', kvPrecision: kv, batch: r.maxBatch + 8 / plan.tp });
        expect(over.fits).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('a model that does not fit is a value, not an exception', () => {
    const r = evaluateServing({ ...base, model: getModel('llama-3.1-405b'), gpus: 1, plan: { tp: 1, pp: 1, ep: 1, dp: 1 } });
    expect(r.fits).toBe(false);
    expect(r.issue?.code).toBe('exceeds_memory');
    expect(r.maxBatch).toBe(0);
  });

  it('reasoning workload: 32,000 output tokens works and reports cost per query', () => {
    const r = evaluateServing({ model: dsv3, chip: h20, gpus: 16, plan: { tp: 1, pp: 1, ep: 16, dp: 16 }, promptTokens: 2000, outputTokens: 32_000, precision: 'fp8', kvPrecision: 'fp8' });
    expect(r.fits).toBe(true);
    expect(r.decode.meanContext).toBe(18_000);
    expect(r.e2eSeconds).toBeGreaterThan(32_000 * r.decode.tpotSeconds * 0.99);
    expect(r.costPerQueryUsd).toBeGreaterThan(0);
    // A query's cost is its share of the deployment: price × gpus / requests per second.
    expect(r.costPerQueryUsd!).toBeCloseTo((r.usdPerGpuHour! * 16) / 3600 / r.requestsPerSecond, 9);
  });

  it('MoE expert loading: a batch-1 decode step reads only the touched experts', () => {
    const one = evaluateServing({ model: dsv3, chip: h20, gpus: 16, plan: { tp: 1, pp: 1, ep: 16, dp: 16 }, promptTokens: 1000, outputTokens: 100, precision: 'fp8', batch: 1, phase: 'decode' });
    const many = evaluateServing({ model: dsv3, chip: h20, gpus: 16, plan: { tp: 1, pp: 1, ep: 16, dp: 16 }, promptTokens: 1000, outputTokens: 100, precision: 'fp8', batch: 1024, phase: 'decode' });
    expect(many.decode.breakdown.experts).toBeGreaterThan(5 * one.decode.breakdown.experts);
  });

  it('speculative decoding divides TPOT by the accept length (step cost grows with drafts)', () => {
    const plain = evaluateServing({ ...base, batch: 8, phase: 'decode' });
    const spec = evaluateServing({ ...base, batch: 8, phase: 'decode', speculative: { draftTokens: 2, acceptLength: 2 } });
    expect(spec.decode.tpotSeconds).toBeLessThan(plain.decode.tpotSeconds);
    expect(spec.decode.stepSeconds).toBeGreaterThan(plain.decode.stepSeconds);
  });

  it('bad layouts are usage errors naming the field', () => {
    expect(() => evaluateServing({ ...base, gpus: 6 })).toThrow(/gpus: 6 is not a multiple/);
    expect(() => evaluateServing({ ...base, plan: { tp: 8, pp: 1, ep: 2, dp: 1 } })).toThrow(/ep: .*dense model/);
    expect(() => evaluateServing({ ...base, batch: 0 })).toThrow(ChipboundError);
  });
});

describe('scheduling and communication', () => {
  const qwen = getModel('qwen3-235b-a22b');
  const h200 = getChip('nvidia-h200-sxm-141gb');
  const dpInput: ServingInput = { model: qwen, chip: h200, gpus: 8, plan: { tp: 1, pp: 1, ep: 8, dp: 8 }, promptTokens: 2048, outputTokens: 128, precision: 'fp8', kvPrecision: 'fp8', overlap: false, batch: 512 };

  it('independent attention-DP prefill is slower than aligned and faster than fully serialised', () => {
    const aligned = evaluateServing(dpInput);
    const indep = evaluateServing({ ...dpInput, dpPrefill: 'independent' });
    expect(indep.outputTokensPerSecond).toBeLessThan(aligned.outputTokensPerSecond);
    // Fully serialised: every replica's prompts one replica at a time (dp × the aligned prefill time at most).
    expect(indep.prefill.seconds).toBeLessThanOrEqual(8 * aligned.prefill.seconds);
  });

  it('overlap never makes a step slower than running compute and communication back to back', () => {
    const a = evaluateServing({ ...dpInput, overlap: false, phase: 'decode' });
    const b = evaluateServing({ ...dpInput, overlap: true, phase: 'decode' });
    expect(b.decode.stepSeconds).toBeLessThanOrEqual(a.decode.stepSeconds);
    expect(b.decode.stepSeconds).toBeGreaterThanOrEqual(Math.max(a.decode.breakdown.epComm, a.decode.stepSeconds - a.decode.breakdown.epComm));
  });

  it('PCIe-only cards pay more for tensor-parallel all-reduce than NVLink at the same bandwidth class', () => {
    const l40s = getChip('nvidia-l40s');
    const r = evaluateServing({ model: l70, chip: l40s, gpus: 8, plan: { tp: 8, pp: 1, ep: 1, dp: 1 }, promptTokens: 500, outputTokens: 500, precision: 'fp8', batch: 8, phase: 'decode' });
    const h = evaluateServing({ model: l70, chip: h100, gpus: 8, plan: { tp: 8, pp: 1, ep: 1, dp: 1 }, promptTokens: 500, outputTokens: 500, precision: 'fp8', batch: 8, phase: 'decode' });
    expect(r.decode.breakdown.tpComm).toBeGreaterThan(3 * h.decode.breakdown.tpComm);
  });

  it('property: TTFT grows with the batch in flight (queueing behind other prompts)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const t = (batch: number) => evaluateServing({ ...base, gpus: 2, plan: { tp: 2, pp: 1, ep: 1, dp: 1 }, promptTokens: 5000, outputTokens: 500, batch }).ttftSeconds;
        expect(t(hi)).toBeGreaterThanOrEqual(t(lo));
      }),
      { numRuns: 40 },
    );
  });
});
