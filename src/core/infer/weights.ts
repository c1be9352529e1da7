/**
 * Where the weights live: parameter groups of a model and the bytes one accelerator holds and
 * reads under a serving plan. Quantized checkpoints keep the embedding and LM head in 16 bits
 * (NVIDIA ModelOpt FP8/FP4 and DeepSeek's native FP8 checkpoints do), and carry block scales
 * (NVFP4: one FP8 scale per 16 values; INT4 AWQ/GPTQ: one FP16 scale per 128).
 */
import type { Model } from '../catalog/schemas.js';
import { attentionParams, moeLayerCount, moeLayerParams, paramCounts } from '../model/architecture.js';
import type { ServingPlan, WeightPrecision } from './types.js';

/** Bytes per parameter of the quantized linear layers. */
export function weightBytesPerParam(p: WeightPrecision): number {
  switch (p) {
    case 'bf16':
    case 'fp16':
      return 2;
    case 'fp8':
    case 'int8':
      return 1;
    case 'fp4':
      return 0.5 + 1 / 16; // NVFP4: 4-bit values + one FP8 scale per 16 (NVIDIA Blackwell NVFP4 format)
    case 'int4':
      return 0.5 + 2 / 128; // group-128 INT4 with an FP16 scale (AWQ/GPTQ default)
  }
}

/** Parameter groups of a model (whole model, counts). */
export interface ParamGroups {
  /** Attention projections, all layers. */
  readonly attention: number;
  /** Dense FFNs + shared experts + routers, all layers (run by every token). */
  readonly denseFfn: number;
  /** Routed experts, all MoE layers. */
  readonly routed: number;
  /** One routed expert in one layer. */
  readonly expert: number;
  /** MoE layers. */
  readonly moeLayers: number;
  /** Routed experts per MoE layer. */
  readonly experts: number;
  /** Experts each token activates. */
  readonly topK: number;
  /** LM head matmul (the embedding matrix when tied). */
  readonly lmHead: number;
  /** Input embedding table (lookup only; not stored twice when tied). */
  readonly embedding: number;
}

/** Splits a model into the groups the serving model treats differently. */
export function paramGroups(m: Model): ParamGroups {
  const pc = paramCounts(m);
  const mp = moeLayerParams(m);
  return {
    attention: attentionParams(m) * m.layers,
    denseFfn: pc.denseFfn + pc.sharedAndRouter + pc.norms,
    routed: pc.routedExperts,
    expert: mp.routedExpert,
    moeLayers: moeLayerCount(m),
    experts: m.moe?.experts ?? 0,
    topK: m.moe?.activeExperts ?? 0,
    lmHead: m.vocab * m.hidden,
    embedding: m.tiedEmbeddings ? 0 : pc.embedding,
  };
}

/** Accelerators that share one copy of the routed experts: the tp·dp chips of a stage under EP, else the TP group. */
export function expertGroup(plan: ServingPlan): number {
  return plan.ep > 1 ? plan.tp * plan.dp : plan.tp;
}

/** Weight bytes resident on one accelerator. */
export function weightBytesPerChip(m: Model, plan: ServingPlan, p: WeightPrecision): number {
  const g = paramGroups(m);
  const q = weightBytesPerParam(p);
  const replica = ((g.attention + g.denseFfn) * q) / (plan.tp * plan.pp);
  const experts = (g.routed * q) / (expertGroup(plan) * plan.pp);
  // Embedding and LM head: 16-bit, vocabulary-parallel over TP, on the first / last stage.
  const vocab = ((g.embedding + g.lmHead) * 2) / plan.tp / Math.min(plan.pp, 2);
  return replica + experts + vocab;
}
