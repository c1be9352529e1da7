/** --json output of `chipbound design` (src/core/design): best designs first, each a chip file with its classifications and binding constraints. */
import { z } from 'zod';
import { chipSchema } from '../catalog/schemas.js';
import { ruleClassificationOutput } from './controls.js';
import { count, isoDate, metric, strings } from './common.js';

/** A workload's result on a design or chip. */
const workloadResult = z.looseObject({
  kind: z.enum(['train', 'serve']),
  workload: z.string(),
  feasible: z.boolean(),
  /** Training days, or accelerator-seconds per million output tokens (null when infeasible). */
  timeScore: metric,
  /** Training USD, or USD per million output tokens. */
  costScore: metric,
  evaluated: count,
});

const binding = z.looseObject({ spec: z.string(), kind: z.enum(['rule', 'envelope']), constraint: z.string() });

/** One design: `chip` is a chip file (usable as --chip); `classifications` as classify --json gives them. */
export const designOutput = z.looseObject({
  rank: count,
  id: z.string(),
  chip: chipSchema,
  tpp: metric,
  pd: metric,
  classifications: z.array(ruleClassificationOutput),
  binding: z.array(binding),
  workloads: z.array(workloadResult),
  /** Time score ÷ the unconstrained envelope design's (geometric mean over workloads). */
  timeRatio: metric,
  costRatio: metric,
});

/** `chipbound design ... --json`. */
export const designSearchOutput = z.looseObject({
  rules: strings,
  date: isoDate,
  destination: z.string(),
  envelope: z.string(),
  objective: z.enum(['fastest', 'cheapest', 'pareto']),
  /** Best first. */
  designs: z.array(designOutput),
  /** Why `designs` is empty, or null. */
  emptyReason: z.string().nullable(),
  unconstrained: z.looseObject({ id: z.string(), chip: chipSchema, workloads: z.array(workloadResult) }),
  references: z.array(
    z.looseObject({ id: z.string(), name: z.string(), compliant: z.boolean(), workloads: z.array(workloadResult), timeRatio: metric, costRatio: metric, distancePct: metric, specDistancePct: metric }),
  ),
  counts: z.looseObject({ grid: count, compliant: count, candidates: count, refined: count, plansEvaluated: count, deploymentsEvaluated: count }),
});

/** `chipbound design ... --sweep rules.<rule>.<metric>=A..B --json`. */
export const designSweepOutput = z.looseObject({
  sweep: z.looseObject({ rule: z.string(), metric: z.string(), enacted: z.number() }),
  rules: strings,
  date: isoDate,
  destination: z.string(),
  envelope: z.string(),
  unconstrained: z.array(workloadResult),
  points: z.array(z.looseObject({ value: z.number(), timeRatio: metric, costRatio: metric, candidates: count, best: designOutput.nullable() })),
  knees: z.array(z.looseObject({ from: z.number(), to: z.number(), changePct: z.number(), elasticity: z.number(), sentence: z.string() })),
  counts: z.looseObject({ points: count, plansEvaluated: count, deploymentsEvaluated: count }),
});
