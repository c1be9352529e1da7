/**
 * Building blocks of the --json output schemas. Non-finite numbers print as null (table.ts
 * toJson), so computed metrics that can be infinite (a plan that does not fit) are nullable.
 */
import { z } from 'zod';

/** A finite number. */
export const num = z.number();
/** A computed metric: a number, or null when not finite or not applicable. */
export const metric = z.number().nullable();
/** A count (whole number ≥ 0). */
export const count = z.number().int().nonnegative();
/** A date YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Strings, in order. */
export const strings = z.array(z.string());

/** A parallel plan as the train model prints it. */
export const planOutput = z.looseObject({
  tp: count,
  pp: count,
  dp: count,
  cp: count,
  ep: count,
  vpp: count,
  microBatch: count,
  recompute: z.enum(['none', 'selective', 'full']),
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  precision: z.enum(['bf16', 'fp8']),
  schedule: z.enum(['1f1b', 'interleaved', 'zb', 'dualpipe']),
  sequenceParallel: z.boolean(),
});
