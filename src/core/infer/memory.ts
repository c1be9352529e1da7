/**
 * Per-accelerator memory of a serving deployment and the largest batch that fits:
 * capacity − weights − (runtime reserve + activation workspace), of which the engine gives a
 * fixed fraction to the KV cache; each sequence reserves its full-length cache (prompt + output),
 * as TensorRT-LLM's default GUARANTEED_NO_EVICT scheduler does.
 */
import type { Model } from '../catalog/schemas.js';
import { kvBytesPerTokenPerChip } from './kv.js';
import type { KvPrecision, ServingMemory, ServingPlan, WeightPrecision } from './types.js';
import { weightBytesPerChip } from './weights.js';
import type { Chip } from '../catalog/schemas.js';

/**
 * Usable accelerator memory, bytes. Marketed HBM sizes are binary: "80 GB" H100 shows 81,559 MiB
 * in nvidia-smi, "141 GB" H200 143,771 MiB, "96 GB" H20 97,871 MiB; so GB × 2^30 is within 1%.
 */
export function capacityBytes(chip: Chip): number {
  return (chip.memoryGB ?? 0) * 2 ** 30;
}

/** CUDA context, cuBLAS/NCCL workspaces and allocator slack, bytes (nvidia-smi of an idle engine: 1.5-3 GiB). */
export const runtimeReserveBytes = 2 * 2 ** 30;
/** Fraction of memory left after weights and workspace that the engine gives to the KV cache (TensorRT-LLM kv_cache_free_gpu_mem_fraction 0.9; vLLM gpu_memory_utilization 0.9). */
export const kvMemoryFraction = 0.9;
/** Tokens per forward pass the activation workspace is sized for (TensorRT-LLM/vLLM max_num_tokens 8192). */
export const maxNumTokens = 8192;

/** Activation workspace of one forward pass of `maxNumTokens` tokens on one accelerator, bytes (16-bit activations, the widest intermediate live). */
export function activationBytes(m: Model, plan: ServingPlan): number {
  const ffn = Math.max(m.ffnHidden, m.moe ? m.moe.expertFfnHidden * m.moe.activeExperts : 0);
  return maxNumTokens * 2 * (4 * m.hidden + (3 * ffn) / plan.tp);
}

/** Memory of one accelerator at `sequencesPerReplica` sequences of `seqLen` tokens. */
export function servingMemory(
  m: Model,
  chip: Chip,
  plan: ServingPlan,
  precision: WeightPrecision,
  kvPrecision: KvPrecision,
  seqLen: number,
  sequencesPerReplica: number,
  kvFraction = kvMemoryFraction,
): ServingMemory {
  const capacity = capacityBytes(chip);
  const weights = weightBytesPerChip(m, plan, precision);
  const workspace = runtimeReserveBytes + activationBytes(m, plan);
  const kvBudget = (capacity - weights - workspace) * kvFraction;
  const perSeq = seqLen * kvBytesPerTokenPerChip(m, plan, kvPrecision);
  return {
    capacityBytes: capacity,
    weightBytes: weights,
    workspaceBytes: workspace,
    kvBudgetBytes: kvBudget,
    kvBytesPerSequence: perSeq,
    kvUsedBytes: perSeq * sequencesPerReplica,
  };
}

/** Largest number of sequences per attention replica whose KV fits (0 when the weights do not fit). */
export function maxSequencesPerReplica(mem: ServingMemory, engineCap?: number): number {
  if (mem.kvBudgetBytes <= 0 || mem.kvBytesPerSequence <= 0) return 0;
  const n = Math.floor(mem.kvBudgetBytes / mem.kvBytesPerSequence);
  return engineCap ? Math.min(n, engineCap) : n;
}
