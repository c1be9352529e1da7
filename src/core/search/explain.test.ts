import { describe, expect, it } from 'vitest';
import type { Plan } from '../train/types.js';
import { explainLoss, termLabel } from './explain.js';
import type { Candidate } from './types.js';

const plan = {} as Plan;
const cand = (score: number, breakdown: Record<string, number>): Candidate => ({
  plan,
  score,
  memorySlack: 0.1,
  result: { fits: true, stepTimeSeconds: score, tokensPerSecond: 1, mfu: 0.5, memory: { peakGiB: 1 }, breakdown },
});

describe('explainLoss', () => {
  it('names the step-time part that grew the most, preferring parts over their total', () => {
    const best = cand(10, { computeS: 8, gemmS: 6, recomputeS: 0, bubbleS: 1, tpCommS: 1, dpCommTotalS: 3 });
    const r = explainLoss(best, cand(11.2, { computeS: 8.2, gemmS: 6.2, recomputeS: 0, bubbleS: 2, tpCommS: 1, dpCommTotalS: 9 }));
    expect(r.text).toBe('+12% step time: more pipeline bubble');
    expect(r.term).toBe('bubbleS');
    expect(r.termDeltaSeconds).toBeCloseTo(1, 12);
  });
  it('labels the training model terms', () => {
    expect(termLabel('tpCommS')).toMatch(/tensor-parallel/);
    expect(termLabel('epCommS')).toMatch(/expert all-to-all/);
    expect(termLabel('cpCommS')).toMatch(/context-parallel/);
    expect(termLabel('dpCommS')).toMatch(/data-parallel/);
    expect(termLabel('zero3CommS')).toMatch(/ZeRO-3/);
    expect(termLabel('ppCommS')).toMatch(/pipeline send/);
    expect(termLabel('recomputeS')).toMatch(/recomputation/);
    expect(termLabel('elementwiseS')).toMatch(/memory-bound|element/);
  });
});
