/**
 * --json output of `chipbound train` (one plan, a plan search, --top, --pareto, a --gpus sweep)
 * and of `chipbound validate` (training runs re-predicted). src/core/train/types.ts TrainResult.
 */
import { z } from 'zod';
import { count, metric, num, planOutput, strings } from './common.js';

/** Peak memory per accelerator of the most loaded stage, GiB. */
const memory = z.looseObject({
  peakGiB: num,
  capacityGiB: num,
  headroomGiB: num,
  weightsGiB: num,
  gradientsGiB: num,
  optimizerGiB: num,
  activationsGiB: num,
  buffersGiB: num,
});

/** Step-time parts, seconds per step. */
const breakdown = z.looseObject({
  computeS: metric,
  gemmS: metric,
  attentionS: metric,
  elementwiseS: metric,
  recomputeS: metric,
  tpCommS: metric,
  cpCommS: metric,
  epCommS: metric,
  ppCommS: metric,
  bubbleS: metric,
  dpCommS: metric,
  optimizerS: metric,
});

/** One evaluated training plan (TrainResult, with the job's ids). */
export const trainResultOutput = z.looseObject({
  model: z.string(),
  chip: z.string(),
  gpus: count,
  seq: count,
  globalBatch: count,
  plan: planOutput,
  fits: z.boolean(),
  memory,
  stepTimeSeconds: metric,
  tokensPerSecond: metric,
  tokensPerSecondPerGpu: metric,
  mfu: metric,
  hfu: metric,
  breakdown,
});

const searchStats = z.looseObject({ evaluated: count, feasible: count, space: count, interrupted: z.boolean() });
const lists = {
  top: z.array(trainResultOutput).optional(),
  pareto: z.array(trainResultOutput).optional(),
  sweep: z.array(z.looseObject({ gpus: count })).optional(),
};

/**
 * `chipbound train --json`: the evaluated or best plan, with the search's statistics and
 * optional --top / --pareto / --gpus sweep lists; or, when the search finds no plan at all,
 * `plan: null, fits: false` with the statistics.
 */
export const trainOutput = z.union([
  trainResultOutput.extend({ search: searchStats.optional(), ...lists }),
  z.looseObject({ plan: z.null(), fits: z.literal(false), search: searchStats, ...lists }),
]);

const errorStats = z.looseObject({ count, medianAbsError: metric, maxAbsError: metric, meanAbsError: metric });

/** `chipbound validate --json`: every published run re-predicted, and the error statistics. */
export const validateTrainOutput = z.looseObject({
  summary: errorStats,
  heldOut: errorStats,
  byFamily: z.record(z.string(), errorStats),
  byKind: z.record(z.string(), errorStats),
  notes: strings,
  runs: z.array(
    z.looseObject({
      id: z.string(),
      model: z.string(),
      chip: z.string(),
      gpus: count,
      measure: z.string(),
      measured: num,
      predicted: metric,
      error: metric,
      inSummary: z.boolean(),
      heldOut: z.boolean(),
    }),
  ),
});

const pair = z.looseObject({ a: z.string(), b: z.string(), measuredRatio: num, predictedRatio: num, ratioError: metric, differs: z.boolean(), orderRight: z.boolean(), tie: z.string().optional(), confounded: z.string().optional() });

/** `chipbound validate --sweeps --json`: published plan sweeps, predicted vs measured ratios between plans. */
export const validateSweepsOutput = z.looseObject({
  summary: z.looseObject({
    ratio: errorStats,
    pairs: z.number().int().nonnegative(),
    ties: z.number().int().nonnegative(),
    confounded: z.number().int().nonnegative(),
    differingPairs: z.number().int().nonnegative(),
    orderRight: z.number().int().nonnegative(),
    orderRightShare: metric,
    refused: strings,
    rowError: errorStats,
  }),
  notes: strings,
  sweeps: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      varies: z.string(),
      rows: z.array(z.looseObject({ id: z.string(), measuredRate: num, predictedRate: num, error: metric, fits: z.boolean(), planComplete: z.boolean() })),
      pairs: z.array(pair),
    }),
  ),
});
