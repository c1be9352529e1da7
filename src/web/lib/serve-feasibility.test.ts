/** The batch the Serve view opens on, and the reasons it gives for infeasible deployments. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateServing } from '../../core/infer/evaluate.js';
import { batchForTarget, infeasibleReason } from './serve-feasibility.js';
import { parseServeInputs, SERVE_DEFAULTS } from './serve-inputs.js';

const input = parseServeInputs(SERVE_DEFAULTS).input!;
const maxBatch = evaluateServing(input).maxBatch;

describe('batchForTarget', () => {
  it('is the largest batch whose TPOT meets the target', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 400 }), (tpotMs) => {
        const { batch, met } = batchForTarget(input, maxBatch, tpotMs);
        const tpot = (b: number) => evaluateServing({ ...input, batch: b }).tpotSeconds * 1000;
        if (!met) return batch === 1 && tpot(1) > tpotMs;
        return tpot(batch) <= tpotMs && (batch === maxBatch || tpot(batch + 1) > tpotMs);
      }),
      { numRuns: 15 },
    );
  });
  it('without a target opens on the largest batch that fits', () => {
    expect(batchForTarget(input, maxBatch, null)).toEqual({ batch: maxBatch, met: true });
  });
});

describe('infeasibleReason', () => {
  it('names the largest batch that fits for an oversized batch', () => {
    const r = evaluateServing({ ...input, batch: 100_000 });
    expect(r.fits).toBe(false);
    expect(infeasibleReason(r)).toContain(`at most ${maxBatch.toLocaleString('en-US')} sequences fit`);
  });
  it('blames the KV cache of one sequence, not the weights, for a huge prompt', () => {
    const r = evaluateServing({ ...input, promptTokens: 1e8 });
    expect(r.fits).toBe(false);
    expect(infeasibleReason(r)).toContain('not even one sequence fits');
  });
  it('blames the weights when they do not fit', () => {
    const r = evaluateServing({ ...input, gpus: 1, plan: { tp: 1, pp: 1, dp: 1, ep: 1 } });
    expect(r.fits).toBe(false);
    expect(infeasibleReason(r)).toContain('the weights');
  });
});
