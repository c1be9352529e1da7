/**
 * Time of one forward pass of one pipeline stage on one accelerator: a per-operation roofline
 * (each op takes max(compute, memory) + 0.3·min, efficiency.ts) over dense GEMMs, routed experts,
 * attention, plus TP all-reduce, EP all-to-all, PP hop and per-layer launch gaps.
 *
 * Routed experts: with T tokens entering a layer and top-k routing over E experts, the expected
 * number of distinct experts touched is E·(1 − (1 − k/E)^T) (uniform routing; each expert is
 * missed by one token with probability 1 − k/E). Only those experts' weights are read.
 */
import type { Chip, Model } from '../catalog/schemas.js';
import { ChipboundError } from '../errors.js';
import { headDims } from '../model/architecture.js';
import { allReduceSeconds, allToAllSeconds, p2pSeconds, scaleUpLinkIssue, type Links } from './comm.js';
import {
  expertGemmFactor,
  extraKernelsMla,
  extraKernelsMoe,
  kernelOverheadS,
  kernelsPerDenseLayer,
  overlapBlend,
  rooflineBlend,
  rowsFactor,
  sequenceLayerS,
  servingEfficiency,
  type ServingEfficiency,
} from './efficiency.js';
import { kvBytesPerTokenPerChip } from './kv.js';
import type { KvPrecision, ServingPlan, StepBreakdown, WeightPrecision } from './types.js';
import { expertGroup, paramGroups, weightBytesPerParam, type ParamGroups } from './weights.js';

/** Everything about a deployment that does not depend on the batch. */
export interface Deployment {
  readonly model: Model;
  readonly chip: Chip;
  readonly plan: ServingPlan;
  readonly precision: WeightPrecision;
  readonly kvPrecision: KvPrecision;
  readonly links: Links;
  readonly eff: ServingEfficiency;
  readonly groups: ParamGroups;
  /** Effective GEMM throughput at the weight precision, FLOP/s. */
  readonly gemmFlops: number;
  /** GEMM rows at half compute efficiency at the weight precision. */
  readonly gemmHalfM: number;
  /** Effective prefill (flash) attention throughput, FLOP/s: at the KV precision for MHA/GQA, BF16 for MLA. */
  readonly attentionFlops: number;
  /** Effective decode-attention throughput, FLOP/s. */
  readonly decodeAttentionFlops: number;
  /** Effective HBM bandwidth, bytes/s. */
  readonly memBytesPerS: number;
  /** Effective HBM bandwidth of grouped expert GEMMs, bytes/s. */
  readonly expertBytesPerS: number;
  /** Overlap EP communication with compute (two micro-batches). */
  readonly overlap: boolean;
  /** Effective grouped expert GEMM throughput at large row counts, FLOP/s (before the rows factor). */
  readonly expertGemmFlops: number;
}

/** Dense BF16 peak of a chip, FLOP/s, or a missing_value error. */
function bf16Peak(chip: Chip): number {
  const t = chip.tflops.bf16 ?? chip.tflops.fp16;
  if (!t) throw new ChipboundError('missing_value', `chip ${chip.id}: tflops.bf16 is not public; give it in a chip file`);
  return t * 1e12;
}

/** Effective GEMM FLOP/s at a weight precision: native low-precision tensor cores when the chip has them, else dequantize to BF16 (weight-only). */
export function gemmFlopsOf(chip: Chip, p: WeightPrecision, eff: ServingEfficiency): number {
  const bf16 = bf16Peak(chip) * eff.gemm;
  const fp8 = chip.tflops.fp8 ?? (p === 'int8' ? chip.tflops.int8 : null);
  if (p === 'fp4' && chip.tflops.fp4) return chip.tflops.fp4 * 1e12 * eff.gemmFp4;
  if ((p === 'fp8' || p === 'int8' || p === 'fp4') && fp8) return Math.max(bf16, fp8 * 1e12 * eff.gemmFp8);
  return bf16;
}

/** What gemmFlopsOf assumes when the chip has no tensor cores of the weight precision; null when it has them (INT4 is weight-only by definition). */
export function precisionFallback(chip: Chip, p: WeightPrecision): string | null {
  if (p === 'bf16' || p === 'fp16' || p === 'int4') return null;
  if (p === 'fp4' && chip.tflops.fp4) return null;
  if (p === 'fp8' && chip.tflops.fp8) return null;
  if (p === 'int8' && (chip.tflops.int8 || chip.tflops.fp8)) return null;
  const name = p.toUpperCase();
  if (p === 'fp4' && chip.tflops.fp8) return `${chip.name} has no ${name} tensor cores: ${name} weights are modelled on its FP8 tensor cores (memory and bandwidth at ${name}, compute at FP8)`;
  return `${chip.name} has no ${name} tensor cores: ${name} is modelled as weight-only quantization (memory and bandwidth at ${name}, compute dequantized to BF16)`;
}

/**
 * Grouped expert GEMM FLOP/s at large row counts. Where the family has a measured FP8 grouped-GEMM
 * asymptote (Hopper: DeepGEMM, data/calibration/serving-deepgemm.yaml) it is used; otherwise a
 * dense GEMM times expertGemmFactor.
 */
export function expertGemmFlopsOf(chip: Chip, p: WeightPrecision, eff: ServingEfficiency): number {
  const lowBits = p === 'fp8' || p === 'int8' || p === 'fp4';
  if (lowBits && chip.tflops.fp8 && eff.groupedGemmFp8 !== undefined && !(p === 'fp4' && chip.tflops.fp4)) {
    return Math.max(chip.tflops.fp8 * 1e12 * eff.groupedGemmFp8, gemmFlopsOf(chip, p, eff) * expertGemmFactor);
  }
  return gemmFlopsOf(chip, p, eff) * expertGemmFactor;
}

/** Prepares a deployment. */
export function deployment(
  model: Model,
  chip: Chip,
  plan: ServingPlan,
  precision: WeightPrecision,
  kvPrecision: KvPrecision,
  links: Links,
  overlap: boolean,
): Deployment {
  const eff = servingEfficiency(chip);
  const noLink = scaleUpLinkIssue(chip, plan);
  if (noLink) throw new ChipboundError('usage', noLink);
  if (!chip.memoryTBps) throw new ChipboundError('missing_value', `chip ${chip.id}: memoryTBps is not public; give it in a chip file`);
  // FP8 KV caches run attention on the FP8 tensor cores where the chip has them (FlashMLA-FP8,
  // FlashAttention-3 FP8, TensorRT-LLM FP8 FMHA); otherwise attention runs in BF16.
  const peak = kvPrecision === 'fp8' && chip.tflops.fp8 ? chip.tflops.fp8 * 1e12 : bf16Peak(chip);
  return {
    model,
    chip,
    plan,
    precision,
    kvPrecision,
    links,
    eff,
    groups: paramGroups(model),
    gemmFlops: gemmFlopsOf(chip, precision, eff),
    gemmHalfM: precision === 'bf16' || precision === 'fp16' || !chip.tflops.fp8 ? eff.gemmHalfM : eff.gemmHalfMFp8,
    // MLA prefill runs un-absorbed as MHA over 192/128-dim heads in BF16 kernels (FlashAttention-3 /
    // FlashInfer in SGLang and vLLM; FlashMLA is a decode kernel), whatever the KV-cache precision.
    attentionFlops: (model.mla ? bf16Peak(chip) : peak) * eff.attention,
    decodeAttentionFlops: peak * eff.decodeAttention,
    memBytesPerS: chip.memoryTBps * 1e12 * eff.memory,
    expertBytesPerS: chip.memoryTBps * 1e12 * eff.expertMemory,
    overlap,
    expertGemmFlops: expertGemmFlopsOf(chip, precision, eff),
  };
}

function roofline(compute: number, memory: number): number {
  return Math.max(compute, memory) + rooflineBlend * Math.min(compute, memory);
}

/** Attention work of one forward pass of one attention replica (whole model, all layers). */
export interface AttentionWork {
  /** Attention FLOPs (QKᵀ and AV). */
  readonly flops: number;
  /** Tokens of KV cache read (sum over sequences of the attended context). */
  readonly kvTokensRead: number;
  /** Decode (absorbed MLA, KV streaming) or prefill (flash attention). */
  readonly kind: 'decode' | 'prefill';
  /** Sequences attended. */
  readonly sequences: number;
}

/** Attention work of decoding `sequences` sequences, `queries` new tokens each, over `context` keys. */
export function decodeAttention(m: Model, sequences: number, queries: number, context: number): AttentionWork {
  // MLA decode runs absorbed (DeepSeek-V2 §2.1.3; FlashMLA): scores over the 512+64 latent, values over the 512 latent.
  const d = m.mla ? { qk: m.mla.kvLoraRank + m.mla.qkRopeHeadDim, v: m.mla.kvLoraRank } : headDims(m);
  const flops = 2 * m.heads * (d.qk + d.v) * context * sequences * queries * m.layers;
  return { flops, kvTokensRead: sequences * context, kind: 'decode', sequences };
}

/** Attention work of prefilling `requests` prompts of `prompt` tokens each after `past` cached tokens (causal). */
export function prefillAttention(m: Model, requests: number, prompt: number, past = 0): AttentionWork {
  const d = headDims(m); // MLA prefill runs un-absorbed, as MHA over 192/128-dim heads
  const flops = 2 * m.heads * (d.qk + d.v) * requests * prompt * (past + prompt / 2) * m.layers;
  return { flops, kvTokensRead: requests * past, kind: 'prefill', sequences: requests };
}

/**
 * One forward pass of one stage on one accelerator. `tokens` = new tokens per attention replica;
 * `lmHeadTokens` = tokens whose logits are computed; `expertTokens` = tokens entering the expert
 * group (default: every replica of the group as busy as this one).
 */
export function stageForward(d: Deployment, tokens: number, attn: AttentionWork, lmHeadTokens: number, expertTokens?: number, extraAttn?: AttentionWork): StepBreakdown {
  const { model: m, plan, groups: g } = d;
  const q = weightBytesPerParam(d.precision);
  const stageShare = 1 / plan.pp;
  // Dense GEMMs of the replica (attention projections, dense FFN, shared experts), TP-sharded.
  const denseParams = ((g.attention + g.denseFfn) * stageShare) / plan.tp;
  const headParams = (g.lmHead * stageShare) / plan.tp;
  const denseGemm =
    roofline((2 * denseParams * tokens) / (d.gemmFlops * rowsFactor(tokens, d.gemmHalfM)), (denseParams * q) / d.memBytesPerS) +
    roofline((2 * headParams * lmHeadTokens) / (d.gemmFlops * rowsFactor(lmHeadTokens, d.gemmHalfM)), (headParams * 2) / d.memBytesPerS);
  // Routed experts over the expert group.
  let experts = 0;
  if (g.routed > 0) {
    const group = expertGroup(plan);
    const groupTokens = expertTokens ?? (plan.ep > 1 ? tokens * plan.dp : tokens);
    const touched = g.experts * (1 - Math.pow(1 - g.topK / g.experts, groupTokens));
    const layers = g.moeLayers * stageShare;
    const bytes = (layers * touched * g.expert * q) / group;
    const flops = (2 * layers * groupTokens * g.topK * g.expert) / group;
    const rowsPerExpert = (groupTokens * g.topK) / Math.max(touched, 1e-9); // rows of each touched expert
    experts = roofline(flops / (d.expertGemmFlops * rowsFactor(rowsPerExpert, d.gemmHalfM)), bytes / d.expertBytesPerS);
  }
  // Attention core, heads split over TP.
  const kvBytes = attn.kvTokensRead * kvBytesPerTokenPerChip(m, plan, d.kvPrecision);
  const attnFlops = (attn.flops * stageShare) / plan.tp;
  const perSequence = attn.kind === 'decode' ? attn.sequences * m.layers * stageShare * sequenceLayerS : 0;
  let attention = roofline(attnFlops / (attn.kind === 'decode' ? d.decodeAttentionFlops : d.attentionFlops), kvBytes / d.memBytesPerS) + perSequence;
  // A prefill chunk riding in a decode step (in-flight batching) adds its own flash-attention work.
  if (extraAttn) {
    const xBytes = extraAttn.kvTokensRead * kvBytesPerTokenPerChip(m, plan, d.kvPrecision);
    attention += roofline((extraAttn.flops * stageShare) / plan.tp / d.attentionFlops, xBytes / d.memBytesPerS);
  }
  // Tensor-parallel all-reduce: after attention and after the FFN/MoE of every layer (Megatron f/g).
  const layers = m.layers * stageShare;
  const actBytes = tokens * m.hidden * 2;
  const tpComm = plan.tp > 1 ? 2 * layers * allReduceSeconds(actBytes, plan.tp, d.links) : 0;
  // Expert-parallel dispatch (FP8 when the weights are ≤ 8-bit, DeepSeek-V3 §3.3) + combine (BF16), per MoE layer.
  let epComm = 0;
  if (g.routed > 0 && plan.ep > 1 && plan.dp > 1) {
    const perChipTokens = tokens / plan.tp;
    const dispatchBytes = perChipTokens * g.topK * m.hidden * (q <= 1 ? 1 : 2);
    const combineBytes = perChipTokens * g.topK * m.hidden * 2;
    // Prefill-sized batches use DeepEP's normal kernels (one copy per node over the NIC, forwarded over NVLink);
    // decode-sized ones the low-latency kernels (direct RDMA per expert copy).
    const nodeDedup = attn.kind === 'prefill' ? { topK: g.topK, maxNodes: m.moe?.maxNodesPerToken } : undefined;
    epComm =
      g.moeLayers *
      stageShare *
      (allToAllSeconds(dispatchBytes, plan.ep, d.links, nodeDedup) + allToAllSeconds(combineBytes, plan.ep, d.links, nodeDedup));
  }
  const ppComm = plan.pp > 1 ? p2pSeconds(actBytes, plan.tp * plan.dp * plan.pp > d.links.gpusPerNode, d.links) : 0;
  const moeLayers = g.moeLayers * stageShare;
  const kernels = layers * (kernelsPerDenseLayer + (m.mla ? extraKernelsMla : 0)) + moeLayers * extraKernelsMoe;
  const overhead = kernels * kernelOverheadS;
  const compute = denseGemm + experts + attention + overhead;
  // Two micro-batches: the all-to-all of one runs under the compute of the other; what is left shows.
  const epExposed = d.overlap ? Math.max(0, epComm - compute) + overlapBlend * Math.min(compute, epComm) : epComm;
  const total = compute + epExposed + tpComm + ppComm;
  return { denseGemm, experts, attention, tpComm, epComm, epExposed, ppComm, overhead, host: 0, total };
}
