/** --json output of `chipbound scenario` (src/core/scenario/types.ts) and `chipbound ablate` (src/core/scenario/ablate.ts). */
import { z } from 'zod';
import { count, metric, num, planOutput, strings } from './common.js';

/** `chipbound scenario <file> --json`: one result per sweep variant, one row per pool × workload. */
export const scenarioOutput = z.looseObject({
  file: z.string(),
  variants: z.array(
    z.looseObject({
      name: z.string(),
      question: z.string().nullable(),
      variant: z.string(),
      buyer: z.looseObject({ destination: z.string(), date: z.string(), endUser: z.string(), headquarters: z.string().nullable(), rules: strings }),
      rows: z.array(
        z.looseObject({
          pool: z.string(),
          chip: z.string(),
          chipName: z.string(),
          acquired: z.string(),
          workload: z.string(),
          eligibility: z.looseObject({}),
          cap: z.looseObject({}),
          rate: z.looseObject({ usdPerGpuHour: metric, basis: z.string() }),
          availableFrom: z.string(),
          outcome: z.looseObject({}),
          comparison: z.looseObject({ reference: z.string().nullable(), ratio: metric, extraDays: metric, extraCostUsd: metric, explanation: strings }),
        }),
      ),
      assumptions: strings,
    }),
  ),
});

const ledgerPoint = z.looseObject({ plan: planOutput, fits: z.boolean(), stepTimeSeconds: metric, days: metric, costUsd: metric, peakGiB: num });

/** `chipbound ablate --json`: what each technique buys (null when no plan fits at all). */
export const ablateOutput = z.union([
  z.looseObject({
    model: z.string(),
    chip: z.string(),
    gpus: count,
    tokens: num,
    baseline: ledgerPoint,
    rows: z.array(z.looseObject({ technique: z.string(), change: z.string(), samePlan: ledgerPoint, replanned: ledgerPoint.nullable(), daysSaved: metric, usdSaved: metric })),
    notes: strings,
  }),
  z.null(),
]);
