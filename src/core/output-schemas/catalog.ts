/** --json output of the catalog commands: chips, chip, models, model, runs (src/core/catalog/views.ts). */
import { z } from 'zod';
import { count, metric, num, strings } from './common.js';

const nullableNum = z.number().nullable();
/** `announced`: a roadmap part, not shipped; `shipping` otherwise. */
const chipStatus = z.enum(['shipping', 'announced']);

/** One row of `chipbound chips --json`. */
export const chipRowOutput = z.looseObject({
  id: z.string(),
  name: z.string(),
  vendor: z.string(),
  launchYear: nullableNum,
  datacenter: z.boolean(),
  bf16: nullableNum,
  fp8: nullableNum,
  int8: nullableNum,
  memoryGB: nullableNum,
  memoryTBps: nullableNum,
  scaleUpGBps: nullableNum,
  scaleUpDomain: nullableNum,
  scaleOutGbps: nullableNum,
  tdpW: nullableNum,
  priceUsd: nullableNum,
  rentalUsdPerHour: nullableNum,
  estimated: strings,
  status: chipStatus,
});
/** `chipbound chips --json`. */
export const chipsOutput = z.array(chipRowOutput);

/** `chipbound chip <id> --json`: every field with its unit and whether it is an estimate. */
export const chipOutput = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: chipStatus,
  fields: z.array(z.looseObject({ field: z.string(), value: z.union([z.string(), z.number(), z.boolean(), z.null()]), unit: z.string(), estimated: z.boolean() })),
  notes: z.string().nullable(),
  sources: strings,
});

/** One row of `chipbound models --json`. */
export const modelRowOutput = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['dense', 'moe']),
  attention: z.string(),
  layers: count,
  hidden: count,
  totalB: num,
  activeB: num,
  publishedTotalB: nullableNum,
  kvCacheBytesPerToken: num,
});
/** `chipbound models --json`. */
export const modelsOutput = z.array(modelRowOutput);

/** `chipbound model <id> --json`. */
export const modelOutput = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['dense', 'moe']),
  attention: z.string(),
  shape: z.looseObject({ id: z.string(), layers: count, hidden: count }),
  params: z.looseObject({ totalB: num, activeB: num, breakdownB: z.record(z.string(), metric) }),
  published: z.looseObject({ totalB: nullableNum, activeB: nullableNum, totalDiff: nullableNum, activeDiff: nullableNum }),
  kvCacheBytesPerToken: num,
  flops: z.looseObject({ seq: count, trainGflopsPerToken: num }),
  sources: strings,
});

/** `chipbound runs --json`. */
export const runsOutput = z.array(
  z.looseObject({
    id: z.string(),
    model: z.string(),
    chip: z.string(),
    gpus: count,
    seq: count,
    globalBatch: count,
    plan: z.string(),
    measured: z.string(),
    value: num,
    trust: z.string(),
  }),
);
