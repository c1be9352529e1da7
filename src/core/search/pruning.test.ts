import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getChip, getModel } from '../catalog/catalog.js';
import type { TrainJob } from '../train/types.js';
import { bruteForce } from './brute-force.js';
import { searchPlans, trainEvaluator } from './search.js';
import type { Candidate, SearchOptions, SearchResult } from './types.js';
import { searchSlice } from './kernel.js';
import { mergeResults } from './merge.js';
import { topInsert } from './objectives.js';
import { resolveOptions, searchPlansWith } from './search-with.js';
import { enumerateSpace } from './space.js';
import { smallJobs } from '../../../test/search-fixtures.js';

/**
 * Exactness of the step-time pruning (kernel.ts, train/step-bound.ts): the search with the
 * bound returns the same best plan and the same top plans, in the same order and with the same
 * results, as the same search without it (the kernel's earlier behaviour: every plan that fits
 * is timed). No timing here; speed is measured in bench/.
 */
const unbounded = { ...trainEvaluator, stepTimeLowerBound: undefined };

function expectSame(a: SearchResult, b: SearchResult): void {
  expect(a.best?.plan ?? null).toEqual(b.best?.plan ?? null);
  expect(a.best?.result ?? null).toEqual(b.best?.result ?? null);
  expect(a.top.map((c) => c.plan)).toEqual(b.top.map((c) => c.plan));
  expect(a.top.map((c) => [c.score, c.memorySlack, c.result])).toEqual(b.top.map((c) => [c.score, c.memorySlack, c.result]));
  expect(a.stats.space).toBe(b.stats.space);
  expect(a.stats.evaluated + a.stats.skipped + a.stats.pruned).toBe(a.stats.space);
}

describe('step-time pruning is exact', () => {
  it('same best and top plans as without pruning, and as brute force, on small spaces', () => {
    fc.assert(
      fc.property(
        smallJobs({ gpus: [1, 2, 4, 8, 16, 32], globalBatch: [4, 8, 12, 32, 64] }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<readonly ('bf16' | 'fp8')[]>(['bf16'], ['bf16', 'fp8']),
        (job, top, precisions) => {
          // A job with tokens is searched for the fewest days to its deadline.
          const opts: SearchOptions = { top, precisions, ...(job.tokens ? { objective: 'deadline' as const, deadlineDays: 30 } : {}) };
          const s = searchPlans(job, {}, opts);
          expectSame(s, searchPlansWith(unbounded, job, {}, opts));
          const b = bruteForce(trainEvaluator, job, {}, opts);
          expect(s.best?.score ?? null).toBe(b.best?.score ?? null);
          expect(s.top.map((c) => c.score)).toEqual(b.top.map((c) => c.score));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('same winner and top 5 on the two reference spaces (DeepSeek-V3 on 2,048 H800, Llama 3.1 405B on 16,384 H100)', () => {
    const jobs: TrainJob[] = [
      { model: getModel('deepseek-v3'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 2048, gpusPerNode: 8, scaleOutGbps: 400, seq: 4096, globalBatch: 15360, framework: 'megatron-lm-2024' },
      { model: getModel('llama-3.1-405b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 16384, gpusPerNode: 8, scaleOutGbps: 400, seq: 8192, globalBatch: 2048, framework: 'megatron-lm-2024' },
    ];
    for (const job of jobs) {
      const opts: SearchOptions = { top: 5, precisions: ['bf16', 'fp8'] };
      const s = searchPlans(job, {}, opts);
      expect(s.stats.pruned).toBeGreaterThan(0);
      expectSame(s, searchPlansWith(unbounded, job, {}, opts));
    }
  }, 300_000);

  it('bursts of layouts with the K-th best of earlier bursts as the threshold (the CLI in-thread runner) merge to the same answer', () => {
    const job: TrainJob = { model: getModel('llama-3.1-405b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 16384, gpusPerNode: 8, scaleOutGbps: 400, seq: 8192, globalBatch: 2048, framework: 'nemo-2024' };
    const o = resolveOptions(job, { top: 3 });
    const space = enumerateSpace(job, {}, {});
    const prep = trainEvaluator.prepareJob(job);
    const parts: SearchResult[] = [];
    const kept: Candidate[] = [];
    let next = 0;
    while (next < space.layouts.length) {
      const end = next + 40;
      const part = searchSlice(trainEvaluator, prep, space, {
        ...o,
        slice: { index: 0, count: 1 },
        claim: () => (next < end ? next++ : space.layouts.length),
        threshold: () => (kept.length >= o.top ? kept[o.top - 1].score : Infinity),
        now: () => 0,
      });
      for (const c of part.top) topInsert(kept, c, o.top);
      parts.push(part);
    }
    expectSame(mergeResults(parts, o.top, 0, space.size), searchPlansWith(unbounded, job, {}, { top: 3 }));
  }, 120_000);
});
