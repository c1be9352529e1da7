/**
 * Brute force over every valid plan of a (small) job: the reference the search kernel is
 * tested against. No pruning and no early exits: every combination of every field (vpp up to
 * the layer count) is built, validated, memory-checked and timed. Valid = the space's
 * constraints (divisibility, TP inside the scale-up domain, no pipeline schedule without a
 * pipeline, interleaving with ≥ 2 equal chunks per device) and the evaluator's validatePlan.
 */
import type { Recompute, Schedule } from '../catalog/schemas.js';
import type { Plan, TrainJob } from '../train/types.js';
import { better, paretoInsert, score, topInsert } from './objectives.js';
import { divisors, layoutKey, scaleUpDomain, searchPrecisions } from './space.js';
import { resolveOptions } from './search-with.js';
import type { Candidate, EvaluatedLike, PlanEvaluator, SearchOptions } from './types.js';

const schedules: readonly Schedule[] = ['1f1b', 'interleaved', 'zb', 'dualpipe'];
const recomputes: readonly Recompute[] = ['none', 'selective', 'full'];
const zeros = [0, 1, 2, 3] as const;

/** Every valid plan (hard constraints + validatePlan), each evaluated; plus best, top and front. */
export function bruteForce<P, R extends EvaluatedLike>(
  ev: PlanEvaluator<P, R>,
  job: TrainJob,
  fixed: Partial<Plan>,
  opts: SearchOptions = {},
): { best: Candidate<R> | null; top: Candidate<R>[]; pareto: Candidate<R>[]; feasible: number } {
  const o = resolveOptions(job, opts);
  const prep = ev.prepareJob(job);
  const m = job.model;
  const domain = scaleUpDomain(job);
  const precisions = searchPrecisions(job, fixed, opts.precisions);
  const perLayout = new Map<string, Candidate<R>>();
  const front: Candidate<R>[] = [];
  let best: Candidate<R> | null = null;
  let feasible = 0;
  const ok = <K extends keyof Plan>(k: K, v: Plan[K]) => fixed[k] === undefined || fixed[k] === v;
  for (const tp of divisors(job.gpus)) {
    if (fixed.tp === undefined && !(tp <= domain && domain % tp === 0 && m.heads % tp === 0 && m.kvHeads % tp === 0)) continue;
    for (const pp of divisors(job.gpus / tp)) {
      for (const cp of divisors(job.gpus / tp / pp)) {
        if (job.seq % cp) continue;
        const dp = job.gpus / tp / pp / cp;
        if (job.globalBatch % dp) continue;
        for (const ep of m.moe ? divisors(m.moe.experts).filter((e) => (dp * cp * tp) % e === 0) : [1]) {
          // Expert TP: 1 or tp (space.ts), fixed when given.
          for (const etp of fixed.etp !== undefined ? [fixed.etp] : m.moe && tp > 1 ? [1, tp].filter((e) => (dp * cp * tp) % (ep * e) === 0 && m.moe!.expertFfnHidden % e === 0) : [1]) {
          for (let vpp = 1; vpp <= m.layers; vpp++) {
            for (const schedule of schedules) {
              // Constraints of the space (space.ts): without a pipeline there is no pipeline schedule,
              // and interleaving needs at least two chunks per device.
              if (fixed.schedule === undefined && pp === 1 && schedule !== '1f1b') continue;
              if (fixed.vpp === undefined && schedule === 'interleaved' && (vpp < 2 || Math.ceil(m.layers / pp) % vpp !== 0)) continue;
              for (const microBatch of divisors(job.globalBatch / dp)) {
                for (const recompute of recomputes) {
                  for (const zero of zeros) {
                    for (const precision of precisions) {
                      const plan: Plan = { tp, pp, dp, cp, ep, ...(etp > 1 ? { etp } : {}), vpp, microBatch, recompute, zero, precision, schedule, sequenceParallel: fixed.sequenceParallel ?? tp > 1 };
                      if (!(Object.keys(fixed) as (keyof Plan)[]).every((k) => ok(k, plan[k]))) continue;
                      if (ev.validatePlan(prep, plan) !== null) continue;
                      const peak = ev.memoryPeakBytes(prep, plan);
                      if (!(peak <= o.memoryLimitBytes)) continue;
                      const r = ev.evaluatePlan(prep, plan);
                      const s = score(o.objective, r);
                      if (!r.fits || !Number.isFinite(s)) continue;
                      feasible++;
                      const c: Candidate<R> = { plan, result: r, score: s, memorySlack: 1 - peak / o.memoryLimitBytes };
                      if (!best || better(c, best)) best = c;
                      const key = layoutKey(plan);
                      const prev = perLayout.get(key);
                      if (!prev || better(c, prev)) perLayout.set(key, c);
                      paretoInsert(front as Candidate[], c);
                    }
                  }
                }
              }
            }
          }
          }
        }
      }
    }
  }
  const top: Candidate<R>[] = [];
  for (const c of perLayout.values()) topInsert(top as Candidate[], c, o.top);
  return { best, top, pareto: front, feasible };
}
