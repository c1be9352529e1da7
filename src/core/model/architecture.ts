/**
 * Architecture math: parameter counts, FLOPs per token and KV-cache bytes, computed from a
 * model's shape, never stored.
 *
 * FLOPs follow Megatron-LM's `num_floating_point_operations` (formulas.md §3.1): 2 FLOPs per
 * multiply-accumulate, training = 3 × forward (backward = 2 × forward), causal attention halves
 * the score matmuls, active MoE experts only, logits included, MTP modules excluded. This is also
 * the convention of DeepSeek's arXiv 2505.09343 Table 2 (seq 4096): it gives 250.5 GFLOPs/token
 * for DeepSeek-V3 (table: 250) and 155.3 for DeepSeek-V2 (table: 155).
 *
 * Parameter counting (checked against published totals in architecture.test.ts):
 * - weight matrices of attention (MHA/GQA/MQA: Q, K, V, O; MLA: DeepSeek-V2 §2.1), FFN (two
 *   matrices, or three when gated), routed and shared experts, routers (h × experts);
 * - norms: two per layer plus the final one, weight only (RMSNorm), doubled when `bias` (LayerNorm
 *   with bias). With `bias` every linear also has its bias vector: this reproduces Megatron's
 *   12lh²(1 + 13/(12h) + (V+s)/(12lh)) exactly (Narayanan et al. 2021, arXiv 2104.04473 §5.1);
 * - input embedding (+ learned positions) and, when untied, the output head;
 * - cross-layer attention (Brandon et al. 2024, arXiv 2405.12981): only one layer in
 *   `kvShareLayers` has K/V projections (Hunyuan-Large arXiv 2411.02265 §2);
 * - not counted (each < 0.3% of the models in the catalog, or not expressible in the schema):
 *   QK-norm weights, Q/K/V-only biases (Qwen2, InternLM), router score biases (DeepSeek-V3),
 *   embedding LayerNorm (BLOOM), relative-position projections (Gopher: see its catalog notes),
 *   vision encoders (Llama 4);
 * - MTP modules (DeepSeek-V3 §2.2) are reported separately in `mtp`, not in `total`, as the paper's
 *   671B excludes them.
 */
import type { Model } from '../catalog/schemas.js';

/** Per-head query/key and value dimensions of a model's attention. */
export function headDims(m: Model): { qk: number; v: number } {
  if (m.mla) return { qk: m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim, v: m.mla.vHeadDim };
  const hd = m.headDim ?? m.hidden / m.heads;
  return { qk: hd, v: hd };
}

/** Attention parameters of one layer (projections, biases, q/kv norms of MLA). */
export function attentionParams(m: Model): number {
  const h = m.hidden;
  if (m.mla) {
    const { qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim } = m.mla;
    const qHead = qkNopeHeadDim + qkRopeHeadDim;
    // DeepSeek-V2 §2.1 (arXiv 2405.04434): W_DQ, W_UQ (or W_Q), W_DKV + W_KR, W_UK + W_UV, W_O.
    const q = qLoraRank > 0 ? h * qLoraRank + qLoraRank + qLoraRank * m.heads * qHead : h * m.heads * qHead;
    const kv = h * (kvLoraRank + qkRopeHeadDim) + kvLoraRank + kvLoraRank * m.heads * (qkNopeHeadDim + vHeadDim);
    const o = m.heads * vHeadDim * h;
    return q + kv + o;
  }
  const { qk, v } = headDims(m);
  const q = h * m.heads * qk;
  const o = m.heads * v * h;
  const bias = m.bias ? m.heads * qk + h : 0;
  return q + o + bias + kvProjectionParams(m);
}

/**
 * K and V projection parameters (with biases) of one layer that computes its own KV; 0 for MLA
 * (its KV down/up projections are part of `attentionParams`). Under cross-layer attention only
 * one layer in `kvShareLayers` has them (Brandon et al. 2024, arXiv 2405.12981 §2; Hunyuan-Large
 * arXiv 2411.02265 §2: the other layers reuse the KV of the layer below).
 */
export function kvProjectionParams(m: Model): number {
  if (m.mla) return 0;
  const { qk, v } = headDims(m);
  const kv = m.hidden * m.kvHeads * (qk + v);
  return kv + (m.bias ? m.kvHeads * (qk + v) : 0);
}

/** Layers that compute (and cache) their own K and V: ceil(layers / kvShareLayers). */
export function kvLayerCount(m: Model): number {
  return Math.ceil(m.layers / (m.kvShareLayers ?? 1));
}

/** Parameters of one FFN of width `ffn` (gated: three matrices; else two). */
export function ffnParams(m: Model, ffn: number): number {
  const mats = m.gatedFfn ? 3 : 2;
  const bias = m.bias ? ffn * (mats - 1) + m.hidden : 0;
  return mats * m.hidden * ffn + bias;
}

/** Number of MoE layers (0 for a dense model). */
export function moeLayerCount(m: Model): number {
  if (!m.moe) return 0;
  const candidates = m.layers - m.moe.denseLayers;
  const every = m.moe.layerFrequency ?? 1;
  return Math.floor(candidates / every);
}

/** Per-layer parameter split of an MoE layer. */
export function moeLayerParams(m: Model): { routedExpert: number; shared: number; router: number } {
  if (!m.moe) return { routedExpert: 0, shared: 0, router: 0 };
  const sharedFfn = m.moe.sharedExpertFfnHidden ?? m.moe.expertFfnHidden;
  return {
    routedExpert: ffnParams(m, m.moe.expertFfnHidden),
    shared: m.moe.sharedExperts * ffnParams(m, sharedFfn),
    router: m.hidden * m.moe.experts,
  };
}

/** Parameter counts of a model (excluding multi-token-prediction modules, as papers report). */
export interface ParamCounts {
  /** All parameters. */
  readonly total: number;
  /** Parameters a token touches (active experts only). */
  readonly active: number;
  /** Input embedding (+ learned positions). */
  readonly embedding: number;
  /** Output head (0 when tied). */
  readonly lmHead: number;
  /** Attention parameters, all layers. */
  readonly attention: number;
  /** Dense FFN parameters, all dense layers. */
  readonly denseFfn: number;
  /** Routed-expert parameters, all MoE layers. */
  readonly routedExperts: number;
  /** Shared experts + routers, all MoE layers. */
  readonly sharedAndRouter: number;
  /** Norm weights. */
  readonly norms: number;
  /** Multi-token-prediction modules (not in total). */
  readonly mtp: number;
}

/** Counts parameters of a model from its shape. */
export function paramCounts(m: Model): ParamCounts {
  const h = m.hidden;
  const moeLayers = moeLayerCount(m);
  const denseLayers = m.layers - moeLayers;
  const attnLayer = attentionParams(m);
  // Cross-layer attention: layers that reuse a lower layer's KV carry no K/V projections.
  const attention = attnLayer * m.layers - kvProjectionParams(m) * (m.layers - kvLayerCount(m));
  const denseFfn = denseLayers * ffnParams(m, m.ffnHidden);
  const mp = moeLayerParams(m);
  const routedExperts = m.moe ? moeLayers * m.moe.experts * mp.routedExpert : 0;
  const activeRouted = m.moe ? moeLayers * m.moe.activeExperts * mp.routedExpert : 0;
  const sharedAndRouter = moeLayers * (mp.shared + mp.router);
  // Two norms per layer (weights only; LayerNorm with bias doubles it) and the final norm.
  const normWidth = m.bias ? 2 * h : h;
  const norms = (2 * m.layers + 1) * normWidth;
  const embedding = m.vocab * h + (m.learnedPositions ?? 0) * h;
  const lmHead = m.tiedEmbeddings ? 0 : m.vocab * h;
  const body = attention + denseFfn + sharedAndRouter + norms;
  const total = body + routedExperts + embedding + lmHead;
  const active = body + activeRouted + embedding + lmHead;
  // DeepSeek-V3 §2.2: each MTP module = two RMSNorms, projection (2h -> h) and one transformer
  // block; embedding and output head are shared with the main model (so 11.6B for V3, whose
  // HF checkpoint stores 14B for it because it repeats the embedding and head).
  const mtpLayer = attnLayer + (m.moe ? m.moe.experts * mp.routedExpert + mp.shared + mp.router : ffnParams(m, m.ffnHidden));
  const mtp = (m.mtpDepth ?? 0) * (2 * h * h + 3 * h + mtpLayer);
  return { total, active, embedding, lmHead, attention, denseFfn, routedExperts, sharedAndRouter, norms, mtp };
}

/**
 * Model FLOPs per token for one training step (forward + backward, no recompute), at
 * sequence length `seq`. Megatron-LM `num_floating_point_operations` convention: matmul
 * FLOPs of active parameters (embedding lookup excluded, LM head included), causal
 * attention scores counted as half of s×s.
 */
export function trainFlopsPerToken(m: Model, seq: number): number {
  return 3 * forwardFlopsPerToken(m, seq);
}

/** Forward FLOPs per token at context `seq` (causal: average attended length seq/2). */
export function forwardFlopsPerToken(m: Model, seq: number): number {
  const pc = paramCounts(m);
  const matmulParams = pc.active - pc.embedding - pc.norms + (m.tiedEmbeddings ? m.vocab * m.hidden : 0);
  const { qk, v } = headDims(m);
  // QK^T and AV: 2 FLOPs/MAC × heads × (dqk + dv) × attended keys; causal average seq/2.
  const attn = 2 * m.heads * (qk + v) * (seq / 2) * m.layers;
  return 2 * matmulParams + attn;
}

/** Forward FLOPs of one decode step for one token that attends to `context` keys. */
export function decodeFlopsPerToken(m: Model, context: number): number {
  const pc = paramCounts(m);
  const matmulParams = pc.active - pc.embedding - pc.norms + (m.tiedEmbeddings ? m.vocab * m.hidden : 0);
  const { qk, v } = headDims(m);
  return 2 * matmulParams + 2 * m.heads * (qk + v) * context * m.layers;
}

/**
 * KV-cache bytes per token. MHA/GQA: 2 (K and V) × kvHeads × headDim × layers × bytes.
 * MLA (DeepSeek-V2 §2.1.2): the compressed latent plus the shared RoPE key,
 * (kvLoraRank + qkRopeHeadDim) × layers × bytes. Cross-layer sharing divides the layer count.
 */
export function kvCacheBytesPerToken(m: Model, bytesPerElement = 2): number {
  const cacheLayers = kvLayerCount(m);
  if (m.mla) return (m.mla.kvLoraRank + m.mla.qkRopeHeadDim) * cacheLayers * bytesPerElement;
  const { qk, v } = headDims(m);
  return m.kvHeads * (qk + v) * cacheLayers * bytesPerElement;
}

/** `dense` or `moe`. */
export function modelKind(m: Model): 'dense' | 'moe' {
  return m.moe ? 'moe' : 'dense';
}

/** Attention kind, for display. */
export function attentionKind(m: Model): 'MLA' | 'MHA' | 'GQA' | 'MQA' {
  if (m.mla) return 'MLA';
  if (m.kvHeads === m.heads) return 'MHA';
  if (m.kvHeads === 1) return 'MQA';
  return 'GQA';
}
