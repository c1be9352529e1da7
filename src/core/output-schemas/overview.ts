/** --json output of `chipbound` / `chipbound overview` (src/cli/commands/overview.ts): per chip, the rules' verdict, training and serving. */
import { z } from 'zod';
import { count, isoDate, metric, num } from './common.js';
import { classifyOutput } from './controls.js';
import { servingResultOutput } from './infer.js';
import { trainResultOutput } from './train.js';

/** `chipbound overview --json`. */
export const overviewOutput = z.looseObject({
  date: isoDate,
  destination: z.string(),
  model: z.string(),
  gpus: count,
  tokens: num,
  seq: count,
  globalBatch: count,
  /** Software profile the training rows use (chipbound frameworks). */
  framework: z.string(),
  serving: z.looseObject({ gpus: count, promptTokens: count, outputTokens: count, tpotSeconds: metric }),
  rows: z.array(
    z.looseObject({
      chip: z.string(),
      name: z.string(),
      classification: classifyOutput,
      verdict: z.string(),
      // The training result carries the plan and metrics; the job's ids are at the top level.
      train: z.looseObject({ planSource: z.string(), result: trainResultOutput.omit({ model: true, chip: true, gpus: true, seq: true, globalBatch: true }).nullable() }).nullable(),
      serve: servingResultOutput.nullable(),
    }),
  ),
});
