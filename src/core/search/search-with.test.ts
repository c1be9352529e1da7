import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Chip, Model } from '../catalog/schemas.js';
import type { Plan, TrainJob } from '../train/types.js';
import { bruteForce } from './brute-force.js';
import { mergeResults } from './merge.js';
import { searchPlansWith } from './search-with.js';
import { enumerateSpace } from './space.js';
import { standInEvaluator as ev } from './stand-in-evaluator.js';
import type { SearchOptions } from './types.js';
import { expectSameAsBruteForce, tinyModel, triples } from '../../../test/search-fixtures.js';

const chip = (memoryGB: number): Chip =>
  ({ id: 'test-chip', name: 'Test', vendor: 'T', datacenter: true, tflops: { bf16: 400, fp8: 800 }, memoryGB, scaleUpDomain: 8, rentalUsdPerHour: 2, estimated: [], sources: [] }) as Chip;

const model = (layers: number, hidden: number, heads: number, kvHeads: number, experts: number): Model =>
  tinyModel({ layers, hidden, heads, kvHeads, experts }, { ffnMultiple: 4, sharedExperts: 0, denseLayers: 0 });

const jobArb = fc.record({
  layers: fc.integer({ min: 2, max: 12 }),
  hidden: fc.constantFrom(1024, 2048, 4096),
  heads: fc.constantFrom(8, 16),
  kvDiv: fc.constantFrom(1, 2, 8),
  experts: fc.constantFrom(1, 1, 4, 8),
  gpus: fc.constantFrom(1, 2, 4, 8, 16),
  seq: fc.constantFrom(1024, 4096),
  globalBatch: fc.constantFrom(8, 12, 16, 32),
  memoryGB: fc.constantFrom(2, 8, 24, 80),
  tokens: fc.constantFrom(undefined, 1e11),
});

type JobArgs = typeof jobArb extends fc.Arbitrary<infer T> ? T : never;

function toJob(a: JobArgs): TrainJob {
  return { model: model(a.layers, a.hidden, a.heads, a.heads / a.kvDiv, a.experts), chip: chip(a.memoryGB), gpus: a.gpus, seq: a.seq, globalBatch: a.globalBatch, tokens: a.tokens };
}

describe('searchPlansWith (stand-in evaluator)', () => {
  it('equals brute force over every valid plan: best, top-K and Pareto front', () => {
    fc.assert(
      fc.property(jobArb, fc.constantFrom<SearchOptions>({}, { precisions: ['bf16', 'fp8'] }, { memoryHeadroom: 0.3 }), (a, extra) => {
        const job = toJob(a);
        const opts: SearchOptions = { top: 4, pareto: true, ...extra, objective: job.tokens ? 'cost' : 'time' };
        const s = searchPlansWith(ev, job, {}, opts);
        const b = bruteForce(ev, job, {}, opts);
        expectSameAsBruteForce(s, b);
        expect(s.interrupted).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps fixed fields fixed and still matches brute force', () => {
    fc.assert(
      fc.property(jobArb, fc.constantFrom<Partial<Plan>>({ tp: 2 }, { pp: 2 }, { recompute: 'full' }, { zero: 1, microBatch: 1 }, { schedule: 'zb' }), (a, fixed) => {
        const job = toJob(a);
        const s = searchPlansWith(ev, job, fixed, { top: 3 });
        const b = bruteForce(ev, job, fixed, { top: 3 });
        expect(s.best?.score ?? null).toBe(b.best?.score ?? null);
        for (const c of s.top) for (const [k, v] of Object.entries(fixed)) expect(c.plan[k as keyof Plan]).toBe(v);
      }),
      { numRuns: 40 },
    );
  });

  it('slices searched separately and merged equal the whole search', () => {
    fc.assert(
      fc.property(jobArb, fc.integer({ min: 2, max: 5 }), (a, n) => {
        const job = toJob(a);
        const whole = searchPlansWith(ev, job, {}, { top: 5, pareto: true });
        const parts = Array.from({ length: n }, (_, index) => searchPlansWith(ev, job, {}, { top: 5, pareto: true, slice: { index, count: n } }));
        const merged = mergeResults(parts, 5, 0, whole.stats.space);
        expect(merged.best?.plan).toEqual(whole.best?.plan);
        expect(merged.top.map((c) => c.plan)).toEqual(whole.top.map((c) => c.plan));
        expect(triples(merged.pareto)).toEqual(triples(whole.pareto));
        expect(merged.stats.evaluated + merged.stats.skipped + merged.stats.pruned).toBe(whole.stats.space);
      }),
      { numRuns: 30 },
    );
  });

  it('stops when asked and returns the best plan found so far', () => {
    const job = toJob({ layers: 12, hidden: 2048, heads: 16, kvDiv: 2, experts: 8, gpus: 16, seq: 1024, globalBatch: 32, memoryGB: 80, tokens: undefined });
    let polls = 0;
    const s = searchPlansWith(ev, job, {}, { shouldStop: () => ++polls > 3 });
    expect(s.interrupted).toBe(true);
    expect(s.stats.evaluated).toBeLessThan(s.stats.space);
    expect(s.best).not.toBeNull();
    const full = searchPlansWith(ev, job, {});
    expect(full.best!.score).toBeLessThanOrEqual(s.best!.score);
  });

  it('canonical space has no duplicate plans and respects divisibility', () => {
    const job = toJob({ layers: 12, hidden: 2048, heads: 16, kvDiv: 2, experts: 8, gpus: 16, seq: 1024, globalBatch: 32, memoryGB: 80, tokens: undefined });
    const sp = enumerateSpace(job, {});
    const keys = new Set<string>();
    for (const L of sp.layouts) {
      expect(L.tp * L.pp * L.dp * L.cp).toBe(16);
      expect(8 % L.ep).toBe(0);
      expect((L.dp * L.cp * L.tp) % L.ep).toBe(0);
      expect(L.vpp > 1).toBe(L.schedule === 'interleaved');
      const k = JSON.stringify(L);
      expect(keys.has(k)).toBe(false);
      keys.add(k);
    }
  });

  it('objective cost without tokens is a usage error', () => {
    const job = toJob({ layers: 4, hidden: 1024, heads: 8, kvDiv: 1, experts: 1, gpus: 2, seq: 1024, globalBatch: 8, memoryGB: 80, tokens: undefined });
    expect(() => searchPlansWith(ev, job, {}, { objective: 'cost' })).toThrow(/--tokens/);
  });
});
