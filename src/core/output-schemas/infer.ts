/** --json output of `chipbound infer` (one deployment or a search) and `chipbound validate --inference` (src/core/infer/types.ts). */
import { z } from 'zod';
import { count, metric, num, strings } from './common.js';

const stepBreakdown = z.looseObject({ denseGemm: metric, experts: metric, attention: metric, tpComm: metric, epComm: metric, ppComm: metric, overhead: metric, total: metric });

/** One serving deployment predicted. */
export const servingResultOutput = z.looseObject({
  model: z.string(),
  chip: z.string(),
  gpus: count,
  plan: z.looseObject({ tp: count, pp: count, dp: count, ep: count }),
  phase: z.enum(['both', 'prefill', 'decode']),
  precision: z.string(),
  kvPrecision: z.string(),
  promptTokens: count,
  outputTokens: count,
  batch: count,
  fits: z.boolean(),
  kvCacheBytesPerToken: num,
  maxBatch: count,
  memory: z.looseObject({}),
  prefill: z.looseObject({ seconds: metric, tokensPerSecond: metric, tokensPerSecondPerGpu: metric, breakdown: stepBreakdown }),
  decode: z.looseObject({ tokensPerSecond: metric, tokensPerSecondPerGpu: metric, tpotSeconds: metric, breakdown: stepBreakdown }),
  ttftSeconds: metric,
  tpotSeconds: metric,
  costPerMillionOutputTokensUsd: metric,
  notes: strings,
});

const lengthDist = z.looseObject({ mean: num, p99: num, max: num });
const loadPoint = z.looseObject({ requestsPerSecond: metric, outputTokensPerSecondPerGpu: metric, ttftP99Seconds: metric, tpotP99Seconds: metric, meetsTargets: z.boolean() });

/** `chipbound infer --scenario offline|server --json` (src/core/infer/scenario.ts). */
export const scenarioResultOutput = z.looseObject({
  scenario: z.enum(['offline', 'server']),
  engine: z.string().nullable(),
  scheduling: z.enum(['static', 'inflight', 'disaggregated']),
  model: z.string(),
  chip: z.string(),
  gpus: count,
  plan: z.looseObject({ tp: count, pp: count, dp: count, ep: count }),
  promptTokens: lengthDist,
  outputTokens: lengthDist,
  feasible: z.boolean(),
  outputTokensPerSecond: metric,
  outputTokensPerSecondPerGpu: metric,
  requestsPerSecond: metric,
  breakdown: stepBreakdown,
  prefillBreakdown: stepBreakdown,
  pools: z.looseObject({ prefillGpus: count, decodeGpus: count, kvTransferSeconds: metric }).nullable(),
  sweep: z.array(loadPoint),
  notes: strings,
});

/** `chipbound engines --json` (src/core/infer/engines.ts). */
export const enginesOutput = z.looseObject({
  engines: z.array(z.looseObject({ id: z.string(), name: z.string(), scheduling: z.string(), chunkTokens: count, hostOverheadS: num, sources: strings })),
});

/** `chipbound infer --json` with plan flags (one deployment), without (a search: the best candidates), or with --scenario. */
export const inferOutput = z.union([
  scenarioResultOutput,
  servingResultOutput,
  z.looseObject({
    search: z.looseObject({ evaluated: count, fitting: count, feasible: count }),
    candidates: z.array(servingResultOutput.extend({ score: metric })),
  }),
]);

/** `chipbound validate --inference --json`. */
export const validateInferenceOutput = z.looseObject({
  rows: z.array(
    z.looseObject({
      id: z.string(),
      model: z.string(),
      chip: z.string(),
      gpus: count,
      kind: z.string(),
      measured: num,
      predicted: metric,
      error: metric,
      band: num,
      withinBand: z.boolean(),
      excluded: z.boolean(),
      measuredUnchecked: z.boolean(),
    }),
  ),
  summary: z.looseObject({ points: count, included: count, medianAbsError: metric, maxAbsError: metric, meanAbsError: metric, withinBand: count }),
});
