/**
 * Per-job constants of the training model, computed once so that evaluatePlan (called
 * millions of times by the search) only does arithmetic: model shape, parameters per layer,
 * chip rates, link bandwidths, FLOPs per step.
 */
import type { Chip, Model } from '../catalog/schemas.js';
import { ChipboundError } from '../errors.js';
import { attentionParams, ffnParams, headDims, moeLayerCount, moeLayerParams, paramCounts, trainFlopsPerToken } from '../model/architecture.js';
import type { Topology } from '../cluster/topology.js';
import { calibrationFor, type ChipCalibration } from './calibration.js';
import type { TrainJob } from './types.js';
import { frameworkProfiles, type FrameworkProfile } from '../frameworks/profiles.js';

/** Everything evaluatePlan needs about a job, precomputed. */
export interface PreparedJob {
  readonly job: TrainJob;
  readonly model: Model;
  readonly chip: Chip;
  readonly cal: ChipCalibration;
  readonly gpus: number;
  readonly gpusPerNode: number;
  /** Sequence length, tokens. */
  readonly seq: number;
  /** Global batch, sequences. */
  readonly globalBatch: number;
  readonly topo: Topology;
  /** Hidden size. */
  readonly h: number;
  readonly layers: number;
  readonly heads: number;
  /** KV heads whose K/V are exchanged (MLA: all heads after up-projection). */
  readonly kvHeads: number;
  /** Per-head q/k and v dimensions. */
  readonly qkDim: number;
  readonly vDim: number;
  /** Dense FFN width. */
  readonly ffn: number;
  /** 2 for gated FFNs (up + gate), else 1. */
  readonly ffnUpFactor: number;
  readonly vocab: number;
  /** Parameters of one layer's attention (all projections). */
  readonly attnParams: number;
  /** Output projection parameters (part of attnParams). */
  readonly attnOutParams: number;
  /** Parameters of one dense FFN. */
  readonly denseFfnParams: number;
  readonly denseLayers: number;
  readonly moeLayers: number;
  readonly experts: number;
  readonly topK: number;
  readonly expertFfn: number;
  /** Parameters of one routed expert. */
  readonly expertParams: number;
  /** Total width of the shared experts of one MoE layer. */
  readonly sharedFfn: number;
  /** Shared-expert + router parameters of one MoE layer. */
  readonly sharedRouterParams: number;
  /** Most nodes a token is dispatched to (node-limited routing), or Infinity. */
  readonly maxNodesPerToken: number; // Infinity with moeDispatch 'per-copy'
  /** The EP all-to-all is NCCL's (moeDispatch 'per-copy'), not DeepEP-style node-forwarding kernels. */
  readonly ncclAllToAll: boolean;
  readonly embeddingParams: number;
  /** LM-head parameters (a copy of the embedding on the last stage when tied and pp > 1). */
  readonly lmHeadParams: number;
  readonly tied: boolean;
  /** Multi-token-prediction parameters, on the last stage. */
  readonly mtpParams: number;
  /** Dense BF16 peak, FLOP/s. */
  readonly peakBf16: number;
  /** Dense FP8 peak, FLOP/s (BF16 peak when the chip has none). */
  readonly peakFp8: number;
  /** Achievable HBM bandwidth, bytes/s. */
  readonly memBytesPerS: number;
  /** Memory capacity, bytes. */
  readonly capacityBytes: number;
  /** Model FLOPs per token (forward + backward, no recompute). */
  readonly flopsPerToken: number;
  /** Forward FLOPs per token of one layer's attention core (causal). */
  readonly attnCoreFlopsPerToken: number;
  /** Fused flash attention (else unfused s×s scores). */
  readonly flash: boolean;
  /** Attention-kernel throughput relative to FlashAttention-2 (FlashAttention-1: 0.44-0.56 by head dim; else 1). */
  readonly flashKernelFactor: number;
  /** MLA latent widths cached instead of full K/V under selective recompute (0 without MLA). */
  readonly mlaLatent: number;
  /** Multi-token-prediction modules on the last stage. */
  readonly mtpDepth: number;
  /** Bytes per Adam moment (4 FP32, 2 BF16). */
  readonly momentBytes: number;
  /** Dropout layers (masks kept for backward). */
  readonly dropout: boolean;
  /** ZeRO-3 collectives over the flat group at the rank's NIC rate, partly overlapped (TrainJob.zero3Collectives). */
  readonly zero3Flat: boolean;
  /** FP8 plans cache the SwiGLU inputs in FP8 too (TrainJob.fp8Activations 'ffn'). */
  readonly fp8FfnActivations: boolean;
  /** Pipeline sends split over TP ranks (TrainJob.ppScatterGather). */
  readonly ppScatterGather: boolean;
  /** Selective recompute is torchtitan's per-op SAC (profile.selectiveRecompute 'per-op'), dense layers. */
  readonly perOpSac: boolean;
  /** Share of a dense layer's GEMM FLOPs per-op SAC recomputes (the unsaved matmuls: wk, wo and w3, or w2 without a gate). */
  readonly sacGemmShare: number;
  /** TP collectives overlapped with the layer GEMMs (profile.tpCommOverlap; needs sequence parallelism). */
  readonly tpCommOverlap: boolean;
  /** ZeRO-3 hybrid sharding group (job.zero3ShardGroup), or null: shard over all dp·cp ranks. */
  readonly zero3ShardGroup: number | null;
  /** The framework profile of the job, or null (generic behaviours, no capability limits). */
  readonly profile: FrameworkProfile | null;
}

function need(chip: Chip, v: number | null | undefined, field: string, why: string): number {
  if (v === null || v === undefined) {
    throw new ChipboundError('missing_value', `chip ${chip.id}: ${field} is not public or not in the entry; ${why} needs it (give a chip file with ${field})`);
  }
  return v;
}

/**
 * Precomputes the per-job constants; throws ChipboundError('missing_value') for a chip value
 * performance needs. `calibration` overrides the chip family's (used by the fit, fit.ts).
 */
export function prepareJob(job: TrainJob, calibration?: ChipCalibration): PreparedJob {
  const { model: m, chip } = job;
  const cal = calibration ?? calibrationFor(chip);
  const profile: FrameworkProfile | null = job.framework ? frameworkProfiles[job.framework] : null;
  // Megatron-core's all-to-all dispatcher sends every routed copy (NCCL), DeepEP-style kernels one per node.
  const perCopy = (job.moeDispatch ?? profile?.moeDispatch) === 'per-copy';
  const peak16 = need(chip, chip.tflops.bf16 ?? chip.tflops.fp16, 'tflops.bf16', 'the step time') * 1e12;
  const peak8 = (chip.tflops.fp8 ?? chip.tflops.bf16 ?? chip.tflops.fp16 ?? 0) * 1e12;
  const memTBps = need(chip, chip.memoryTBps, 'memoryTBps', 'the memory-bound work');
  const memGB = need(chip, chip.memoryGB, 'memoryGB', 'the memory check');
  // scaleUpGBps 0 = no scale-up link: every accelerator is its own domain and talks only over the network.
  const gpusPerNode = chip.scaleUpGBps === 0 ? 1 : Math.max(1, Math.min(job.gpusPerNode ?? chip.scaleUpDomain ?? 8, job.gpus));
  const upGBps = job.gpus > 1 ? need(chip, chip.scaleUpGBps, 'scaleUpGBps', 'the tensor/expert-parallel collectives') : (chip.scaleUpGBps ?? 1);
  const outGbps =
    job.gpus > gpusPerNode ? need(chip, job.scaleOutGbps ?? chip.scaleOutGbps, 'scaleOutGbps', 'communication across nodes') : (job.scaleOutGbps ?? chip.scaleOutGbps ?? 1);
  const topo: Topology = {
    gpusPerNode,
    // Spec scaleUpGBps is bidirectional: per direction = half (NVLink 4: 900 -> 450 GB/s).
    up: { bytesPerS: Math.max(1e6, (upGBps / 2) * 1e9 * cal.scaleUp), latencyS: cal.scaleUpLatencyS },
    out: { bytesPerS: Math.max(1e6, (outGbps / 8) * 1e9 * cal.scaleOut), latencyS: cal.scaleOutLatencyS },
  };
  const { qk, v } = headDims(m);
  const pc = paramCounts(m);
  const moe = m.moe;
  const mp = moeLayerParams(m);
  const moeLayers = moeLayerCount(m);
  const sharedWidth = moe ? moe.sharedExperts * (moe.sharedExpertFfnHidden ?? moe.expertFfnHidden) : 0;
  return {
    job,
    model: m,
    chip,
    cal,
    gpus: job.gpus,
    gpusPerNode,
    seq: job.seq,
    globalBatch: job.globalBatch,
    topo,
    h: m.hidden,
    layers: m.layers,
    heads: m.heads,
    kvHeads: m.mla ? m.heads : m.kvHeads,
    qkDim: qk,
    vDim: v,
    ffn: m.ffnHidden,
    ffnUpFactor: m.gatedFfn ? 2 : 1,
    vocab: m.vocab,
    attnParams: attentionParams(m),
    attnOutParams: m.heads * v * m.hidden,
    denseFfnParams: ffnParams(m, m.ffnHidden),
    denseLayers: m.layers - moeLayers,
    moeLayers,
    experts: moe?.experts ?? 0,
    topK: moe?.activeExperts ?? 0,
    expertFfn: moe?.expertFfnHidden ?? 0,
    expertParams: mp.routedExpert,
    sharedFfn: sharedWidth,
    sharedRouterParams: mp.shared + mp.router,
    maxNodesPerToken: perCopy ? Infinity : (moe?.maxNodesPerToken ?? Infinity),
    ncclAllToAll: perCopy,
    embeddingParams: pc.embedding,
    lmHeadParams: m.vocab * m.hidden,
    tied: m.tiedEmbeddings,
    mtpParams: pc.mtp,
    peakBf16: peak16,
    peakFp8: peak8 || peak16,
    memBytesPerS: memTBps * 1e12 * cal.memory,
    capacityBytes: memGB * 1e9,
    flopsPerToken: trainFlopsPerToken(m, job.seq),
    // formulas.md §3.1: QK^T and AV, 2 FLOPs/MAC, causal average of seq/2 keys.
    attnCoreFlopsPerToken: 2 * m.heads * (qk + v) * (job.seq / 2),
    flash: job.flashAttention ?? (profile ? profile.attention === 'flash' : true),
    flashKernelFactor: job.flashAttentionVersion === 1 ? flashAttention1Factor(qk) : 1,
    mlaLatent: m.mla ? m.mla.qLoraRank + m.mla.kvLoraRank + m.mla.qkRopeHeadDim : 0,
    mtpDepth: m.mtpDepth ?? 0,
    momentBytes: job.optimizerMoments === 'bf16' ? 2 : 4,
    dropout: job.dropout ?? profile?.dropout ?? false,
    zero3Flat: (job.zero3Collectives ?? profile?.zero3Collectives) === 'flat',
    zero3ShardGroup: job.zero3ShardGroup ?? null,
    fp8FfnActivations: (job.fp8Activations ?? profile?.fp8Activations ?? 'ffn') === 'ffn',
    ppScatterGather: job.ppScatterGather ?? profile?.ppScatterGather ?? true,
    perOpSac: profile?.selectiveRecompute === 'per-op',
    tpCommOverlap: profile?.tpCommOverlap ?? false,
    // torchtitan saves every second matmul output of a block, counting wq, wk, wv, wo, w1, (w3,) w2
    // (torchtitan models/llama/parallelize_llama.py, _save_list and the mm counter).
    sacGemmShare: (m.hidden * m.kvHeads * qk + m.heads * v * m.hidden + m.hidden * m.ffnHidden) / (attentionParams(m) + ffnParams(m, m.ffnHidden)),
    profile,
  };
}

/**
 * FlashAttention-1 forward+backward throughput as a share of FlashAttention-2's, causal, seq
 * 2k-16k: 0.55-0.57 at head dim 64 and 0.44-0.45 at head dim 128 on A100 (0.54-0.59 and 0.41-0.44
 * on H100); linear in the head dim between, flat outside (Dao 2023, arXiv 2307.08691 Fig. 4-7,
 * the bar labels in data/calibration/calibration.json, rows fa2-fig-*-FlashAttention and -2).
 */
export function flashAttention1Factor(headDim: number): number {
  const d = Math.min(128, Math.max(64, headDim));
  return 0.56 + ((d - 64) / 64) * (0.44 - 0.56);
}
