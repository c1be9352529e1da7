/**
 * The search kernel: one pure, synchronous function that walks a slice of the space with an
 * injected evaluator. Per plan: validatePlan, then the closed-form memoryPeakBytes against the
 * headroom limit, and only plans that fit are timed (evaluatePlan). It keeps the top-K
 * distinct layouts and, when asked, the Pareto front.
 *
 * Pruning is memory-only and exact: per-accelerator memory never falls when the micro-batch
 * grows or when the ZeRO stage is lowered (3 → 0) (see docs/search.md; checked against the
 * evaluator by property tests). So, walking micro-batches upward, the first size that does not
 * fit ends the walk, and it bounds the walk at every lower ZeRO stage. Recompute is not used
 * for pruning: full recompute keeps one layer's whole working set, so on a one-layer stage it
 * can need more memory than selective. No plan is skipped on a guess about step time: the
 * only other exit is the evaluator's proven step-time lower bound (searchSlice below).
 */
import type { Recompute } from '../catalog/schemas.js';
import type { Plan, TrainJob } from '../train/types.js';
import { paretoInsert, score, topInsert, better } from './objectives.js';
import type { Layout, Space } from './space.js';
import type { Candidate, EvaluatedLike, Objective, PlanEvaluator, SearchResult } from './types.js';

/** Kernel inputs beyond the space. */
export interface KernelOptions {
  /** What to optimize. */
  readonly objective: Objective;
  /** Per-accelerator memory limit, bytes (capacity × (1 − headroom)). */
  readonly memoryLimitBytes: number;
  /** Distinct layouts to keep. */
  readonly top: number;
  /** Keep the Pareto front. */
  readonly pareto: boolean;
  /** Layout slice: i % count === index. */
  readonly slice: { readonly index: number; readonly count: number };
  /** Dynamic slicing (overrides `slice`): returns the next unclaimed layout index (shared counter across runners). */
  readonly claim?: () => number;
  /** Polled every 256 plans. */
  readonly shouldStop?: () => boolean;
  /** Called every 4096 plans with (plans covered in this slice, slice size estimate). */
  readonly onProgress?: (done: number, total: number) => void;
  /** A step time to beat from other slices (the K-th best score of a full top-K there), for pruning; Infinity when none. */
  readonly threshold?: () => number;
  /** Clock, ms. */
  readonly now: () => number;
}

/** Accelerator memory, bytes (decimal GB as the chip entry states it). */
export function capacityBytes(job: TrainJob): number {
  const gb = job.chip.memoryGB;
  return gb ? gb * 1e9 : 0;
}

/**
 * Searches the layouts of one slice. Returns best/top/pareto and counters for this slice only.
 *
 * Inside a layout the walk goes micro-batch by micro-batch (ascending); at each size it tries
 * every (recompute, ZeRO) pair still alive under the memory exits above. When the score is the
 * step time (objective 'time' or 'deadline'), without a Pareto front, and the evaluator has
 * `stepTimeLowerBound`, a micro-batch size whose bound exceeds the step time to beat is skipped
 * whole ("pruned"): the layout's best plan so far, or the K-th best kept plan once K are kept
 * (or `o.threshold()`, a K-th best of other slices). A pruned plan is strictly slower than K
 * kept plans of other layouts or than a plan of its own layout, so it can change neither the
 * best plan, the top-K nor their order.
 */
export function searchSlice<P, R extends EvaluatedLike>(
  ev: PlanEvaluator<P, R>,
  prep: P,
  space: Space,
  o: KernelOptions,
): SearchResult<R> {
  const t0 = o.now();
  const top: Candidate<R>[] = [];
  const front: Candidate<R>[] = [];
  let best: Candidate<R> | null = null;
  let evaluated = 0;
  let timed = 0;
  let feasible = 0;
  let invalid = 0;
  let skipped = 0;
  let pruned = 0;
  let interrupted = false;
  let invalidExample: { plan: Plan; reason: string } | undefined;
  // Walk-order rank of invalidExample (layout index, then recompute, ZeRO, micro-batch), so the
  // example is the first one the recompute-major walk would meet.
  let invalidLi = Infinity;
  let invalidRank = Infinity;
  let nextPoll = 256;
  let nextProgress = 4096;
  const limit = o.memoryLimitBytes;
  const recomputes = space.recomputes;
  const nr = recomputes.length;
  const claim = o.claim;
  const sliceSize = claim ? space.size : sliceSizeOf(space, o.slice.index, o.slice.count);
  const lowerBound = o.objective !== 'cost' && !o.pareto && ev.stepTimeLowerBound ? ev.stepTimeLowerBound.bind(ev) : null;
  const external = o.threshold;
  // deadFrom[ri·nz + zi]: first micro-batch index at which (recompute ri, ZeRO zi) is known not to fit.
  let deadFrom = new Int32Array(16);

  let li = claim ? claim() : o.slice.index;
  let layoutBest: Candidate<R> | null = null;
  outer: for (; li < space.layouts.length; li = claim ? claim() : li + o.slice.count) {
    const L: Layout = space.layouts[li];
    const mbs = L.microBatches;
    const nm = mbs.length;
    const zeros = L.zeros;
    const nz = zeros.length;
    const pairs = nr * nz;
    if (deadFrom.length < pairs) deadFrom = new Int32Array(pairs);
    deadFrom.fill(nm, 0, pairs);
    layoutBest = null;
    for (let k = 0; k < nm; k++) {
      let alive = 0;
      for (let i = 0; i < pairs; i++) if (deadFrom[i] > k) alive++;
      if (alive === 0) break;
      // Polled by plans evaluated or pruned, so a stretch of pruned sizes still answers a stop.
      if (evaluated + pruned >= nextPoll) {
        nextPoll = evaluated + pruned + 256;
        if (o.shouldStop?.()) {
          interrupted = true;
          // Rows already passed that the memory exits skipped.
          for (let i = 0; i < pairs; i++) if (deadFrom[i] < k) skipped += k - deadFrom[i];
          break outer;
        }
      }
      if (lowerBound !== null) {
        let beat = layoutBest !== null ? layoutBest.score : Infinity;
        if (top.length >= o.top && top[top.length - 1].score < beat) beat = top[top.length - 1].score;
        if (external) {
          const x = external();
          if (x < beat) beat = x;
        }
        if (beat < Infinity && lowerBound(prep, makePlan(L, mbs[k], recomputes[0], zeros[0]), beat) > beat) {
          pruned += alive;
          continue;
        }
      }
      for (let ri = 0; ri < nr; ri++) {
        const recompute = recomputes[ri];
        for (let zi = 0; zi < nz; zi++) {
          const slot = ri * nz + zi;
          if (deadFrom[slot] <= k) continue;
          const zero = zeros[zi];
          const plan = makePlan(L, mbs[k], recompute, zero);
          evaluated++;
          const bad = ev.validatePlan(prep, plan);
          if (bad !== null) {
            invalid++;
            const rank = slot * nm + k;
            if (li < invalidLi || (li === invalidLi && rank < invalidRank)) {
              invalidExample = { plan, reason: bad };
              invalidLi = li;
              invalidRank = rank;
            }
            continue;
          }
          const peak = ev.memoryPeakBytes(prep, plan);
          if (!(peak <= limit)) {
            // Larger micro-batches at this (recompute, ZeRO), and this one and larger at every
            // lower ZeRO stage, need at least as much memory.
            deadFrom[slot] = k + 1;
            for (let zj = zi + 1; zj < nz; zj++) if (deadFrom[ri * nz + zj] > k) deadFrom[ri * nz + zj] = k;
            continue;
          }
          const r = ev.evaluateValidPlan ? ev.evaluateValidPlan(prep, plan) : ev.evaluatePlan(prep, plan);
          timed++;
          if (!r.fits) continue;
          const s = score(o.objective, r);
          if (!Number.isFinite(s)) continue;
          feasible++;
          const c: Candidate<R> = { plan, result: r, score: s, memorySlack: 1 - peak / limit };
          if (layoutBest === null || better(c, layoutBest)) layoutBest = c;
          if (o.pareto) paretoInsert(front as Candidate[], c);
        }
      }
      if (evaluated + skipped + pruned >= nextProgress) {
        nextProgress = evaluated + skipped + pruned + 4096;
        o.onProgress?.(evaluated + skipped + pruned, sliceSize);
      }
    }
    // Plans at or past deadFrom were skipped by the memory exits.
    for (let i = 0; i < pairs; i++) skipped += nm - deadFrom[i];
    if (layoutBest !== null) {
      topInsert(top as Candidate[], layoutBest, o.top);
      if (best === null || better(layoutBest, best)) best = layoutBest;
      layoutBest = null;
    }
  }
  // A stop mid-layout leaves that layout partly walked: keep what it found (counts stay honest).
  if (layoutBest !== null) {
    topInsert(top as Candidate[], layoutBest, o.top);
    if (best === null || better(layoutBest, best)) best = layoutBest;
  }
  front.sort((a, b) => a.result.stepTimeSeconds - b.result.stepTimeSeconds || (better(a, b) ? -1 : 1));
  return {
    best,
    top,
    pareto: front,
    stats: { space: sliceSize, evaluated, timed, feasible, invalid, skipped, pruned, seconds: (o.now() - t0) / 1000 },
    interrupted,
    ...(invalidExample ? { invalidExample } : {}),
  };
}

/**
 * One plan of a layout. Two object literals (with and without `etp`) rather than a spread:
 * the same fields in the same order as before, at a fraction of a spread's cost.
 */
function makePlan(L: Layout, microBatch: number, recompute: Recompute, zero: 0 | 1 | 2 | 3): Plan {
  if (L.etp !== undefined && L.etp > 1) {
    return { tp: L.tp, pp: L.pp, dp: L.dp, cp: L.cp, ep: L.ep, etp: L.etp, vpp: L.vpp, microBatch, recompute, zero, precision: L.precision, schedule: L.schedule, sequenceParallel: L.sequenceParallel };
  }
  return { tp: L.tp, pp: L.pp, dp: L.dp, cp: L.cp, ep: L.ep, vpp: L.vpp, microBatch, recompute, zero, precision: L.precision, schedule: L.schedule, sequenceParallel: L.sequenceParallel };
}

/** Number of plans in one slice of the space. */
export function sliceSizeOf(space: Space, index: number, count: number): number {
  let n = 0;
  for (let li = index; li < space.layouts.length; li += count) {
    const L = space.layouts[li];
    n += L.microBatches.length * L.zeros.length;
  }
  return n * space.recomputes.length;
}
