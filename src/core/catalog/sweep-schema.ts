/**
 * Plan sweeps (data/sweeps/): published measurements of several plans on the same model and
 * cluster, from one source each (torchtitan benchmark tables, NeMo long-sequence tables,
 * Korthikanti et al. 2022). They check the *ranking* of plans, not only one plan: `chipbound
 * validate --sweeps` compares predicted and measured ratios between the rows of a sweep.
 */
import { z } from 'zod';
import { runSchema } from './schemas.js';

/** Kernel-level differences between rows that run the same parallel plan (the planner ties them). */
export const sweepKernelSchema = z.strictObject({
  /** torch.compile on (fused element-wise kernels) or off (eager). */
  torchCompile: z.boolean().optional(),
  /** torchtitan async TP (TP collectives decomposed and overlapped with the matmuls). */
  asyncTp: z.boolean().optional(),
  /** torchao Float8 scaling recipe. */
  fp8Recipe: z.enum(['tensorwise', 'rowwise']).optional(),
});

/** One measured row: a run record (same fields as data/runs) plus what only sweeps need. */
export const sweepRowSchema = runSchema
  .omit({ group: true, heldOut: true, excludeFromSummary: true })
  .extend({
    /** What the recompute policy really was when `plan.recompute` cannot say it (e.g. every 2nd block). */
    recomputeDetail: z.string().optional(),
    /** Kernel variant of the row (rows with the same plan and different kernels are ties for the planner). */
    kernel: sweepKernelSchema.optional(),
    /** False when the source did not publish the plan's degrees: the row is "the best plan under the stated constraints". */
    planComplete: z.boolean().default(true),
    /** The source's own words. */
    quote: z.string().optional(),
  });

/** A row that is already a project run record (data/runs/<ref>.yaml). */
export const sweepRefSchema = z.strictObject({ ref: z.string().min(1), note: z.string().optional() });

export const sweepSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  name: z.string().min(1),
  /** What differs between the rows. */
  varies: z.string().min(1),
  rows: z.array(z.union([sweepRefSchema, sweepRowSchema])).min(2),
});

export type SweepKernel = z.infer<typeof sweepKernelSchema>;
export type SweepRow = z.infer<typeof sweepRowSchema>;
export type SweepRef = z.infer<typeof sweepRefSchema>;
export type Sweep = z.infer<typeof sweepSchema>;

/** Whether a sweep row refers to a project run record. */
export function isSweepRef(row: SweepRow | SweepRef): row is SweepRef {
  return typeof (row as { ref?: unknown }).ref === 'string';
}
