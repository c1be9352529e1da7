import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Recompute, Schedule } from '../catalog/schemas.js';
import { memoryPeakBytes, prepareJob } from '../train/evaluate.js';
import type { Plan } from '../train/types.js';
import { bruteForce } from './brute-force.js';
import { searchPlans, trainEvaluator } from './search.js';
import { expectSameAsBruteForce, publishedJob as published, smallJobs } from '../../../test/search-fixtures.js';

/** Small jobs so that brute force over every plan stays fast. */
const smallJob = smallJobs({ gpus: [1, 2, 4, 8, 16], globalBatch: [4, 8, 12, 32] });

describe('searchPlans (chipbound training model)', () => {
  it('equals brute force over every valid plan on small spaces (best and top-K)', () => {
    fc.assert(
      fc.property(smallJob, fc.constantFrom<(readonly ('bf16' | 'fp8')[])>(['bf16'], ['bf16', 'fp8']), (job, precisions) => {
        const opts = { top: 3, pareto: true, precisions, objective: job.tokens ? ('cost' as const) : ('time' as const) };
        const s = searchPlans(job, {}, opts);
        const b = bruteForce(trainEvaluator, job, {}, opts);
        expectSameAsBruteForce(s, b);
      }),
      { numRuns: 40 },
    );
  });

  it('memory never falls with a larger micro-batch or a lower ZeRO stage (the premise of the exits)', () => {
    const recomputes: Recompute[] = ['none', 'selective', 'full'];
    const schedules: Schedule[] = ['1f1b', 'interleaved', 'zb', 'dualpipe'];
    fc.assert(
      fc.property(smallJob, fc.nat(), (job, seed) => {
        const prep = prepareJob(job);
        const pick = <T>(xs: readonly T[], k: number) => xs[k % xs.length];
        const tp = pick([1, 2, 4, 8].filter((t) => job.gpus % t === 0 && job.model.heads % t === 0), seed);
        const pp = pick([1, 2].filter((p) => (job.gpus / tp) % p === 0), seed >> 2);
        const dp = job.gpus / tp / pp;
        const schedule = pp === 1 ? '1f1b' : pick(schedules, seed >> 3);
        const base: Plan = { tp, pp, dp, cp: 1, ep: 1, vpp: schedule === 'interleaved' ? 2 : 1, microBatch: 1, recompute: pick(recomputes, seed >> 5), zero: 0, precision: 'bf16', schedule, sequenceParallel: tp > 1 };
        for (let mb = 1; mb < 8; mb *= 2) {
          for (const z of [0, 1, 2] as const) {
            const a = memoryPeakBytes(prep, { ...base, microBatch: mb, zero: z });
            expect(memoryPeakBytes(prep, { ...base, microBatch: mb * 2, zero: z })).toBeGreaterThanOrEqual(a);
            expect(memoryPeakBytes(prep, { ...base, microBatch: mb, zero: (z + 1) as 1 | 2 | 3 })).toBeLessThanOrEqual(a);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('respects fixed plan fields', () => {
    const pub = published('llama3-405b-16384gpu-cp1');
    const r = searchPlans(pub.job, { tp: 8, pp: 16, precision: 'bf16' }, { top: 3 });
    for (const c of r.top) {
      expect(c.plan.tp).toBe(8);
      expect(c.plan.pp).toBe(16);
    }
  });
});
