/**
 * Per-operation roofline of one transformer layer on one accelerator, per micro-batch:
 * GEMMs with a shape-dependent efficiency, flash attention, and memory-bound element-wise
 * work. A GEMM takes max(2MNK / (eff(M,N,K)·peak), bytes / HBM) (calibration.md §1.2 "rule the
 * data support"); eff(M,N,K) = eff∞ · (1 + 3d₀/8192) / (1 + d₀/M + d₀/N + d₀/K), so eff∞ is the
 * measured 8192³ efficiency and small dimensions (TP shards, small expert batches) lose.
 * Backward = 2 × forward for GEMMs (dgrad + wgrad, same FLOPs; Megatron convention).
 */
import type { Plan } from './types.js';
import type { PreparedJob } from './prepare.js';

/** Forward-pass costs of one layer for one micro-batch, seconds. */
export interface LayerCost {
  /** GEMMs, forward. */
  gemm: number;
  /** Attention core, forward (backward = 2.5× forward, FlashAttention-2 §3.1 counting). */
  attn: number;
  /** Element-wise memory-bound work, forward (backward ≈ 2×). */
  ew: number;
  /** FP8 cast/transposes overhead, forward+backward. */
  fp8: number;
  /** Unfused attention only: the score GEMMs (QKᵀ, AV) forward, part of `gemm` (re-run by selective recompute). */
  scores: number;
}

const refDim = 8192;

/** Time of one GEMM (M×K)·(K×N), forward, seconds. */
export function gemmTime(prep: PreparedJob, m: number, n: number, k: number, fp8: boolean): number {
  if (m <= 0 || n <= 0 || k <= 0) return 0;
  const d0 = prep.cal.gemmHalfDim;
  const eff0 = fp8 ? prep.cal.gemmFp8 : prep.cal.gemm;
  const eff = Math.min(0.98, (eff0 * (1 + (3 * d0) / refDim)) / (1 + d0 / m + d0 / n + d0 / k));
  const peak = fp8 ? prep.peakFp8 : prep.peakBf16;
  const inBytes = fp8 ? 1 : 2;
  const flopsT = (2 * m * n * k) / (eff * peak);
  const memT = (inBytes * (m * k + k * n) + 2 * m * n) / prep.memBytesPerS;
  return flopsT > memT ? flopsT : memT;
}

/** FP8 overhead of one GEMM, forward+backward: casting inputs and gradients, transposed copies (Transformer Engine). */
function fp8Overhead(prep: PreparedJob, m: number, n: number, k: number): number {
  return (5 * m * k + 3 * m * n) / prep.memBytesPerS;
}

/** Attention-kernel efficiency at a given per-rank sequence chunk (calibration.md §2: short sequences lose; s/(s+512) fits FA-2 A100 causal). */
function attnEff(prep: PreparedJob, chunk: number): number {
  return prep.cal.attention * prep.flashKernelFactor * (chunk / (chunk + 512));
}

/**
 * Forward costs of a dense layer and of an MoE layer for one micro-batch of `plan.microBatch`
 * sequences on one rank (tokens b·s/cp; weights split by tp; experts by ep).
 */
export function layerCosts(prep: PreparedJob, plan: Plan, dense: LayerCost, moe: LayerCost): void {
  const h = prep.h;
  const tpDiv = plan.tp;
  const fp8 = plan.precision === 'fp8';
  const t = (plan.microBatch * prep.seq) / plan.cp;
  const hDiv = plan.sequenceParallel && plan.tp > 1 ? plan.tp : 1;
  const mem = prep.memBytesPerS;

  let core = 0;
  let scores = 0;
  let scoresEw = 0;
  if (prep.flash) core = (prep.attnCoreFlopsPerToken * t) / tpDiv / (attnEff(prep, prep.seq / plan.cp) * prep.peakBf16);
  else {
    // Unfused attention (Megatron-LM 2021): QK^T and AV as batched GEMMs over the full s×s
    // scores (causal mask applied after), then scale+mask+softmax (read 2, write 2 B) and dropout
    // (read 2, write 2, mask 1): 9 bytes per score element (the GEMMs' own reads are in gemmTime).
    const hd = prep.heads / tpDiv;
    scores = hd * (gemmTime(prep, t, prep.seq, prep.qkDim, false) + gemmTime(prep, t, prep.vDim, prep.seq, false));
    scoresEw = (hd * t * prep.seq * 9) / mem;
  }
  // Attention projections: QKV-side as one GEMM of equivalent width, output projection.
  const qkvN = (prep.attnParams - prep.attnOutParams) / h / tpDiv;
  const oK = (prep.heads * prep.vDim) / tpDiv;
  const attnGemm = gemmTime(prep, t, qkvN, h, fp8) + gemmTime(prep, t, h, oK, fp8) + scores;
  const attnFp8 = fp8 ? fp8Overhead(prep, t, qkvN, h) + fp8Overhead(prep, t, h, oK) : 0;
  // Element-wise, bytes per token (BF16): two norms, residual adds, dropout (16 h-vectors, ÷tp with SP);
  // RoPE on q and k (read + write).
  const qkWidth = ((prep.heads + prep.kvHeads) * prep.qkDim) / tpDiv;
  const attnEw = (t * 2 * (16 * h) / hDiv + t * 2 * 2 * qkWidth) / mem + scoresEw;

  // Dense FFN: up (+gate), down; activation reads up(+gate) and writes ffn.
  const f = prep.ffn / tpDiv;
  dense.gemm = attnGemm + gemmTime(prep, t, f * prep.ffnUpFactor, h, fp8) + gemmTime(prep, t, h, f, fp8);
  dense.fp8 = fp8 ? attnFp8 + fp8Overhead(prep, t, f * prep.ffnUpFactor, h) + fp8Overhead(prep, t, h, f) : 0;
  dense.attn = core;
  dense.scores = scores;
  dense.ew = attnEw + (t * 2 * (prep.ffnUpFactor + 1) * f) / mem;

  if (prep.moeLayers === 0) {
    moe.gemm = dense.gemm;
    moe.fp8 = dense.fp8;
    moe.attn = dense.attn;
    moe.ew = dense.ew;
    moe.scores = dense.scores;
    return;
  }
  // Routed experts: tokens are split over tp (sequence parallel, expert TP = 1); each rank
  // receives (t/tp)·topK token copies spread over its experts/ep local experts.
  // With expert TP the etp ranks of a group compute all the group's copies (gathered) on 1/etp of
  // each expert's FFN: the same FLOPs per rank in GEMMs etp× taller and etp× narrower.
  const etp = plan.etp ?? 1;
  const localExperts = prep.experts / plan.ep;
  const copies = (t / plan.tp) * prep.topK;
  const mPerExpert = (copies * etp) / localExperts;
  const ef = prep.expertFfn / etp;
  const routed = localExperts * (gemmTime(prep, mPerExpert, ef * prep.ffnUpFactor, h, fp8) + gemmTime(prep, mPerExpert, h, ef, fp8));
  const routedFp8 = fp8 ? localExperts * (fp8Overhead(prep, mPerExpert, ef * prep.ffnUpFactor, h) + fp8Overhead(prep, mPerExpert, h, ef)) : 0;
  const sf = prep.sharedFfn / tpDiv;
  const shared = sf > 0 ? gemmTime(prep, t, sf * prep.ffnUpFactor, h, fp8) + gemmTime(prep, t, h, sf, fp8) : 0;
  const router = gemmTime(prep, t / plan.tp, prep.experts, h, false);
  moe.gemm = attnGemm + routed + shared + router;
  moe.fp8 = fp8 ? attnFp8 + routedFp8 + (sf > 0 ? fp8Overhead(prep, t, sf * prep.ffnUpFactor, h) + fp8Overhead(prep, t, h, sf) : 0) : 0;
  moe.attn = core;
  moe.scores = scores;
  // Permute/unpermute copies (read + write, both ways) and the experts' activation functions.
  moe.ew = attnEw + (copies * 2 * 4 * h + copies * etp * 2 * (prep.ffnUpFactor + 1) * ef + t * 2 * (prep.ffnUpFactor + 1) * sf) / mem;
}

/** Forward time of the LM head and loss for one micro-batch on the last stage, seconds (backward = 2×). */
export function headCost(prep: PreparedJob, plan: Plan): { gemm: number; ew: number } {
  const t = (plan.microBatch * prep.seq) / plan.cp;
  const v = prep.vocab / plan.tp;
  // Logits GEMM (kept in BF16 by Transformer Engine recipes); cross-entropy reads/writes FP32 logits.
  return { gemm: gemmTime(prep, t, v, prep.h, false), ew: (t * v * 10) / prep.memBytesPerS };
}

/** The average layer of a job for one micro-batch, seconds: dense and MoE layers weighted by their counts. */
export interface AverageLayer {
  /** Shares of dense and MoE layers. */
  wD: number;
  wM: number;
  /** Forward GEMMs, attention core, element-wise work, FP8 casts. */
  gemmF: number;
  attnF: number;
  ewF: number;
  fp8: number;
  /** Forward and backward compute (backward: 2× GEMMs and element-wise, 2.5× attention, the casts' remaining two thirds). */
  compF: number;
  compB: number;
}

/**
 * The average layer from the dense and MoE layer costs of layerCosts, written into `out`: the one
 * formula evaluatePlan (evaluate.ts) and its lower bound (step-bound.ts) share.
 */
export function averageLayer(prep: PreparedJob, dense: LayerCost, moe: LayerCost, out: AverageLayer): AverageLayer {
  const L = prep.layers;
  const wD = prep.denseLayers / L;
  const wM = prep.moeLayers / L;
  out.wD = wD;
  out.wM = wM;
  out.gemmF = wD * dense.gemm + wM * moe.gemm;
  out.attnF = wD * dense.attn + wM * moe.attn;
  out.ewF = wD * dense.ew + wM * moe.ew;
  out.fp8 = wD * dense.fp8 + wM * moe.fp8;
  out.compF = out.gemmF + out.attnF + out.ewF + out.fp8 / 3;
  out.compB = 2 * out.gemmF + 2.5 * out.attnF + 2 * out.ewF + (2 * out.fp8) / 3;
  return out;
}

