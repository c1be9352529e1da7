/**
 * KV-cache sizes. Whole-model bytes per token come from architecture.ts (MHA/GQA: 2 × kvHeads ×
 * headDim × layers; MLA: (kvLoraRank + ropeDim) × layers, DeepSeek-V2 §2.1.2). Per accelerator,
 * a GQA cache is split across tensor-parallel ranks by KV head (a rank holds at least one head:
 * TP beyond kvHeads replicates heads), an MLA latent is replicated on every TP rank (it has no
 * head axis, hence DP attention for DeepSeek), and pipeline stages hold their own layers.
 */
import type { Model } from '../catalog/schemas.js';
import { kvCacheBytesPerToken } from '../model/architecture.js';
import type { KvPrecision, ServingPlan } from './types.js';

/** Bytes per KV element. */
export function kvElementBytes(p: KvPrecision): number {
  return p === 'fp8' ? 1 : 2;
}

/** KV-cache bytes per token of the whole model (all layers). */
export function kvBytesPerToken(m: Model, p: KvPrecision): number {
  return kvCacheBytesPerToken(m, kvElementBytes(p));
}

/** Fraction of a token's KV cache that one accelerator of an attention replica holds. */
export function kvShardFraction(m: Model, plan: ServingPlan): number {
  const layerShare = 1 / plan.pp;
  if (m.mla) return layerShare;
  const headsPerRank = Math.max(1, Math.ceil(m.kvHeads / plan.tp));
  return layerShare * (headsPerRank / m.kvHeads);
}

/** KV-cache bytes per token on one accelerator. */
export function kvBytesPerTokenPerChip(m: Model, plan: ServingPlan, p: KvPrecision): number {
  return kvBytesPerToken(m, p) * kvShardFraction(m, plan);
}
