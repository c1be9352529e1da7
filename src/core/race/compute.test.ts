import { describe, expect, it } from 'vitest';
import { computeCrossCheck, fromGpuHours, gpuHoursUtilization, sixND } from './compute.js';
import { efficiencyFrontier, efficiencyPoints } from './efficiency.js';
import type { RaceEntry } from './schema.js';

describe('compute estimators', () => {
  it('6ND golden: Llama 3.1 405B, 6 x 405B x 15.6T = 3.79e25 (paper states 3.8e25)', () => {
    const e = sixND(405e9, 15.6e12);
    expect(e.flop).toBeCloseTo(3.7908e25, -21);
    expect(Math.abs(e.flop / 3.8e25 - 1)).toBeLessThan(0.01);
    expect(e.low).toBeLessThan(e.flop);
    expect(e.high).toBeGreaterThan(e.flop);
  });
  it('6ND golden: DeepSeek-V3, 6 x 37B x 14.8T = 3.29e24 (Epoch note)', () => {
    expect(sixND(37e9, 14.8e12).flop / 3.29e24).toBeCloseTo(1, 2);
  });
  it('GPU-hours: Llama 3.1 405B, 30.84M H100 hours at 38% of 989.5 TFLOPS = 4.17e25, within 10% of the published 3.8e25', () => {
    const e = fromGpuHours(30.84e6, 989.5, 'H100');
    expect(e.flop).toBeCloseTo(30.84e6 * 3600 * 989.5e12 * gpuHoursUtilization.central, -20);
    expect(Math.abs(e.flop / 3.8e25 - 1)).toBeLessThan(0.1);
    expect(e.low).toBeLessThan(3.8e25);
    expect(e.high).toBeGreaterThan(3.8e25);
  });
  it('cross-check skips GPU-hours that cover only an RL stage', () => {
    const entry = {
      id: 'x', params: { totalB: 671, activeB: 37 }, trainingTokens: 14.8e12, trainingCompute: null, estimated: [], unverified: [],
      chips: { chip: 'c', described: 'c', gpuHours: 147000, scope: 'RL post-training stage only', source: 's' },
    } as unknown as RaceEntry;
    const r = computeCrossCheck(entry, { name: 'H800', tflops: { bf16: 989.5 } } as never);
    expect(r.gpuHours).toBeNull();
    expect(r.sixND?.flop).toBeCloseTo(6 * 37e9 * 14.8e12, -20);
    expect(r.notes.join(' ')).toMatch(/RL/);
  });
});

describe('efficiencyFrontier', () => {
  it('keeps points no cheaper point beats (hand-computed)', () => {
    const pts = [
      { id: 'a', flop: 1e23, score: 50 },
      { id: 'b', flop: 1e24, score: 45 }, // dominated by a
      { id: 'c', flop: 1e24, score: 70 },
      { id: 'd', flop: 5e24, score: 70 }, // tie with cheaper c: not on the frontier
      { id: 'e', flop: 1e25, score: 80 },
    ];
    expect(efficiencyFrontier(pts)).toEqual(['a', 'c', 'e']);
  });
});

describe('efficiencyPoints', () => {
  const e = (id: string, flop: number, score: number, imputed: boolean) =>
    ({ id, country: 'US', releaseDate: '2024-01-01', benchmarks: { mmlu: { score } }, trainingCompute: { flop, low: flop / 2, high: flop * 2, kind: 'estimated', imputedFromBenchmarks: imputed } }) as unknown as RaceEntry;
  it('keeps benchmark-imputed compute off the frontier but lists it', () => {
    const pts = efficiencyPoints([e('real', 1e24, 70, false), e('imputed', 5e23, 90, true), e('big', 1e25, 80, false)], 'mmlu');
    expect(pts.map((p) => [p.id, p.onFrontier])).toEqual([['imputed', false], ['real', true], ['big', true]]);
    expect(pts[1].scorePer1e24).toBeCloseTo(70, 10);
  });
});
