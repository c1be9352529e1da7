/**
 * When no plan fits: the plan of the space that needs the least memory per accelerator,
 * evaluated, so the user sees its memory breakdown and by how much it exceeds the chip
 * (never a bare "no plan fits"; docs/search.md). Per layout the most memory-saving corner
 * (first recompute, first ZeRO stage, smallest micro-batch, space.ts orders) is the minimum.
 */
import { evaluatePlan, memoryPeakBytes, validatePlan } from '../train/evaluate.js';
import { prepareJob } from '../train/prepare.js';
import type { Plan, TrainJob, TrainResult } from '../train/types.js';
import { enumerateSpace, type SpaceOptions } from './space.js';

/** The least-memory valid plan of the space with its evaluation, and its excess over the limit; null when the space has no valid plan. */
export interface ClosestPlan {
  readonly result: TrainResult;
  /** Peak minus the search's memory limit (capacity × (1 − headroom)), GiB. */
  readonly excessGiB: number;
  /** The search's memory limit, GiB. */
  readonly limitGiB: number;
}

export function closestPlan(job: TrainJob, fixed: Partial<Plan>, headroom: number, opts: SpaceOptions = {}): ClosestPlan | null {
  const prep = prepareJob(job);
  const space = enumerateSpace(job, fixed, opts);
  let best: { plan: Plan; peak: number } | null = null;
  for (const L of space.layouts) {
    for (const recompute of space.recomputes) {
      const { microBatches, zeros, ...rest } = L;
      const plan: Plan = { ...rest, recompute, zero: zeros[0], microBatch: microBatches[0] };
      if (validatePlan(prep, plan)) continue;
      const peak = memoryPeakBytes(prep, plan);
      if (!best || peak < best.peak) best = { plan, peak };
    }
  }
  if (!best) return null;
  const result = evaluatePlan(prep, best.plan);
  const limitGiB = result.memory.capacityGiB * (1 - headroom);
  return { result, excessGiB: result.memory.peakGiB - limitGiB, limitGiB };
}
