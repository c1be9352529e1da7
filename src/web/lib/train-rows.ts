/**
 * Rows for the Train charts, taken field by field from TrainResult (no arithmetic beyond
 * unit labels): the step-time parts on the critical path and the memory terms.
 */
import type { TrainResult } from '../../core/train/types.js';

/** The critical-path parts of StepBreakdown, in drawing order (computeS is their compute subtotal). */
export const STEP_PARTS = [
  ['gemmS', 'GEMMs'],
  ['attentionS', 'attention'],
  ['elementwiseS', 'element-wise'],
  ['recomputeS', 'recompute'],
  ['tpCommS', 'TP comm'],
  ['cpCommS', 'CP comm'],
  ['epCommS', 'EP all-to-all'],
  ['ppCommS', 'PP sends'],
  ['bubbleS', 'pipeline bubble'],
  ['dpCommS', 'DP comm'],
  ['zero3CommS', 'ZeRO-3 gathers'],
  ['optimizerS', 'optimizer'],
] as const;

/** One bar segment. */
export interface StepRow {
  readonly plan: string;
  readonly part: string;
  readonly key: string;
  /** Seconds per step. */
  readonly seconds: number;
}

export function stepRows(plans: readonly { label: string; result: TrainResult }[]): StepRow[] {
  const out: StepRow[] = [];
  for (const { label, result } of plans) for (const [key, part] of STEP_PARTS) if (result.breakdown[key] > 0) out.push({ plan: label, part, key, seconds: result.breakdown[key] });
  return out;
}

export const MEMORY_PARTS = [
  ['weightsGiB', 'weights'],
  ['gradientsGiB', 'gradients'],
  ['optimizerGiB', 'optimizer states'],
  ['activationsGiB', 'activations'],
  ['buffersGiB', 'buffers & reserve'],
] as const;

/** One memory segment, GiB per accelerator. */
export interface MemoryRow {
  readonly plan: string;
  readonly part: string;
  readonly gib: number;
}

export function memoryRows(plans: readonly { label: string; result: TrainResult }[]): MemoryRow[] {
  const out: MemoryRow[] = [];
  for (const { label, result } of plans) for (const [key, part] of MEMORY_PARTS) out.push({ plan: label, part, gib: result.memory[key] });
  return out;
}
