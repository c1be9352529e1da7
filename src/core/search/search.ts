/**
 * `searchPlans`: the plan search bound to chipbound's training model (train/evaluate.ts).
 * Synchronous, single-thread and pure: the tests, the browser worker, scenarios and each
 * CLI worker thread call it (the CLI splits the space with `opts.slice`).
 */
import { evaluatePlan, evaluateValidPlan, memoryPeakBytes, prepareJob, validatePlan } from '../train/evaluate.js';
import { stepTimeLowerBound } from '../train/step-bound.js';
import type { PreparedJob, TrainResult } from '../train/evaluate.js';
import type { Plan, TrainJob } from '../train/types.js';
import { searchPlansWith } from './search-with.js';
import type { PlanEvaluator, SearchOptions, SearchResult } from './types.js';

/** chipbound's training model as the search drives it. */
export const trainEvaluator: PlanEvaluator<PreparedJob, TrainResult> = { prepareJob, memoryPeakBytes, evaluatePlan, validatePlan, evaluateValidPlan, stepTimeLowerBound };

/** Searches every canonical plan of `job` that agrees with `fixed` (fields given are not searched). */
export function searchPlans(job: TrainJob, fixed: Partial<Plan> = {}, opts: SearchOptions = {}): SearchResult<TrainResult> {
  return searchPlansWith(trainEvaluator, job, fixed, opts);
}
