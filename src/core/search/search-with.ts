/**
 * One synchronous, single-thread search of a job's whole plan space (or one slice of it)
 * with an injected evaluator. search.ts binds it to chipbound's training model; tests bind
 * it to stand-ins; parallel runners call it once per slice and merge (merge.ts).
 */
import { ChipboundError } from '../errors.js';
import type { Plan, TrainJob } from '../train/types.js';
import { capacityBytes, searchSlice } from './kernel.js';
import { checkObjective } from './objectives.js';
import { enumerateSpace } from './space.js';
import type { EvaluatedLike, PlanEvaluator, SearchOptions, SearchResult } from './types.js';

/** Default memory kept free, fraction (issue #5). */
export const defaultMemoryHeadroom = 0.1;
/** Default number of distinct plans kept. */
export const defaultTop = 5;

/** Validated search options with defaults filled in. */
export function resolveOptions(job: TrainJob, opts: SearchOptions) {
  const objective = opts.objective ?? 'time';
  checkObjective(objective, job, opts.deadlineDays);
  const headroom = opts.memoryHeadroom ?? defaultMemoryHeadroom;
  if (!(headroom >= 0 && headroom < 1)) throw new ChipboundError('usage', `memory headroom: expected a fraction in [0, 1), got ${headroom}`);
  const top = opts.top ?? defaultTop;
  if (!(Number.isInteger(top) && top >= 1)) throw new ChipboundError('usage', `top: expected a whole number >= 1, got ${top}`);
  const cap = capacityBytes(job);
  if (!(cap > 0)) throw new ChipboundError('missing_value', `chip ${job.chip.id}: memoryGB is not public; the search needs it for the memory check`);
  return { objective, headroom, top, memoryLimitBytes: cap * (1 - headroom), pareto: opts.pareto ?? false };
}

/** Searches the plans of `job` that agree with `fixed` (see space.ts for the space). */
export function searchPlansWith<P, R extends EvaluatedLike>(
  ev: PlanEvaluator<P, R>,
  job: TrainJob,
  fixed: Partial<Plan>,
  opts: SearchOptions = {},
): SearchResult<R> {
  const now = opts.now ?? Date.now;
  const t0 = now();
  const o = resolveOptions(job, opts);
  const space = enumerateSpace(job, fixed, { precisions: opts.precisions });
  const prep = ev.prepareJob(job);
  const slice = opts.slice ?? { index: 0, count: 1 };
  const r = searchSlice(ev, prep, space, { ...o, slice, claim: opts.claim, shouldStop: opts.shouldStop, onProgress: opts.onProgress, now });
  return { ...r, stats: { ...r.stats, seconds: (now() - t0) / 1000 } };
}
