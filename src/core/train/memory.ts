/**
 * Memory per accelerator of the most loaded pipeline stage (formulas.md §3.2-3.3).
 * Weights 2 B/param (BF16; with fp8 the FP8 weight and its FP8 transpose, fp8-param-gather).
 * Gradients: ZeRO-0 keeps FP32 main grads, 4 B/param (Megatron-LM 2021: 18 B/param in all);
 * ZeRO-1 (Megatron-core distributed optimizer) keeps the grad buffer in the parameter dtype,
 * BF16 (`DistributedDataParallelConfig.grad_reduce_in_fp32` off by default); ZeRO-2/3 shard it, 2/d.
 * Optimizer: FP32 master 4 + Adam moments 8 B/param (4 with BF16 moments, DeepSeek-V3 §3.3.3),
 * ÷ d for ZeRO ≥ 1 (Rajbhandari et al. 2020).
 * Dense parameters shard over d = dp·cp; routed experts over ep, their states over dp·cp·tp/ep.
 * Activations per token per layer (bytes, BF16, flash attention so no s² term; Korthikanti
 * et al. 2022 Table 2 generalized to GQA and gated FFNs): 8h h-wide, +2h dropout masks with
 * dropout (÷tp only with SP) + 2(q + 2kv) + 2q + 2·f·up + 2f (÷tp). Selective recompute drops the norm outputs (4h) and the
 * activation-function output (2f) (Megatron `--recompute-modules layernorm mlp_act`); full
 * recompute keeps 2h per layer plus one layer's working set.
 */
import type { Plan } from './types.js';
import type { PreparedJob } from './prepare.js';
import { schedules } from './schedules.js';
import { runtimeReserveBytes } from './calibration.js';

/** Memory terms per accelerator, bytes. */
export interface MemoryTerms {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  buffers: number;
}

/** Layers (and MoE layers) on the most loaded stage. */
export function stageLayers(prep: PreparedJob, plan: Plan): { layers: number; moe: number } {
  const layers = Math.ceil(prep.layers / plan.pp);
  return { layers, moe: Math.min(layers, prep.moeLayers) };
}

/** Activation bytes per token of one layer (dense or MoE) on one rank, for the plan's recompute mode. */
function layerActBytesPerToken(prep: PreparedJob, plan: Plan, moeLayer: boolean): number {
  const h = prep.h;
  const tp = plan.tp;
  const hDiv = plan.sequenceParallel && tp > 1 ? tp : 1;
  if (plan.recompute === 'full') return (2 * h) / hDiv;
  const sel = plan.recompute === 'selective';
  // FP8 caches in FP8 (half the bytes) the saved inputs of FP8 GEMMs — the FFN down-projection
  // input, i.e. the activation-function output (Transformer Engine saves the FP8-cast GEMM input) —
  // and, with fp8Activations 'ffn', the SwiGLU inputs too (DeepSeek-V3 §3.3.2). Everything else
  // (norm inputs, attention, routed-copy inputs) stays BF16.
  // torchtitan per-op SAC (Liang et al. 2024, arXiv 2410.06511; parallelize_llama.py): the block
  // input, the SDPA output and every second matmul output — wq, wv, w1 and, with a gate, w2 (a
  // row-parallel output is t·h on each TP rank before its reduce-scatter).
  if (sel && prep.perOpSac && !moeLayer) {
    const gated = prep.ffnUpFactor === 2;
    return (2 * h) / hDiv + (2 * prep.heads * prep.vDim + 2 * prep.heads * prep.qkDim + 2 * prep.kvHeads * prep.vDim + 2 * prep.ffn) / tp + (gated ? 2 * h : 0);
  }
  const fp8 = plan.precision === 'fp8';
  const gAct = fp8 ? 0.5 : 1;
  const gUp = fp8 && prep.fp8FfnActivations ? 0.5 : 1;
  // h-wide: two norm inputs (4h), norm outputs (4h; recomputed under selective), dropout masks (2h, only with dropout).
  const hWide = (sel ? 4 : 8) * h + (prep.dropout ? 2 * h : 0);
  // Q, K, V and the attention output; MLA under selective recompute keeps only the latents
  // (DeepSeek-V3 §3.2.3 recomputes the up-projections).
  const qkv = sel && prep.mlaLatent > 0 ? 2 * prep.mlaLatent * tp : 2 * (prep.heads * prep.qkDim + prep.kvHeads * (prep.qkDim + prep.vDim));
  let attn = qkv + 2 * prep.heads * prep.vDim;
  // Unfused attention keeps scores, softmax, dropout mask and output: 5·a·s bytes per token (Korthikanti Table 2).
  if (!prep.flash && !sel) attn += 5 * prep.heads * prep.seq;
  let ffnPart: number;
  if (moeLayer) {
    const ef = prep.expertFfn;
    // Routed copies per token on this rank: topK/tp (EP does not divide tokens; formulas.md §3.2).
    // Expert TP gathers the copies of its etp ranks: etp× the h-wide inputs, the same FFN bytes (etp × ef/etp).
    const etp = plan.etp ?? 1;
    const routed = (prep.topK / tp) * (etp * 2 * h * gUp + 2 * ef * prep.ffnUpFactor * gUp + (sel ? 0 : 2 * ef * gAct));
    const sf = prep.sharedFfn;
    ffnPart = routed + (2 * sf * prep.ffnUpFactor * gUp + (sel ? 0 : 2 * sf * gAct)) / tp;
  } else {
    const f = prep.ffn;
    ffnPart = (2 * f * prep.ffnUpFactor * gUp + (sel ? 0 : 2 * f * gAct)) / tp;
  }
  return hWide / hDiv + attn / tp + ffnPart;
}

/** All memory terms of the most loaded stage, bytes. */
export function memoryTerms(prep: PreparedJob, plan: Plan, out: MemoryTerms): MemoryTerms {
  const sched = schedules[plan.schedule];
  const { layers, moe } = stageLayers(prep, plan);
  const denseLayers = layers - moe;
  const tp = plan.tp;
  const etp = plan.etp ?? 1;
  // ZeRO-3 hybrid sharding (MiCS / HSDP): every state is sharded over the group, not over all dp·cp.
  const hybrid = zero3Group(prep, plan) / (plan.dp * plan.cp);
  const dShard = plan.dp * plan.cp * hybrid;
  const epShard = Math.max(1, ((plan.dp * plan.cp * tp) / (plan.ep * etp)) * hybrid);
  // Non-expert parameters per rank: layers ÷ tp, plus the first stage's embedding or the last
  // stage's LM head and MTP modules (one extra transformer layer each, DeepSeek-V3 §2.2),
  // whichever is heavier; both when pp = 1 or with DualPipe (a device holds the first and last stage).
  const perLayer = prep.attnParams + 2 * prep.h;
  const body = layers * perLayer + denseLayers * prep.denseFfnParams + moe * prep.sharedRouterParams;
  const mtp = prep.mtpDepth;
  const mtpDense = mtp * (perLayer + (prep.moeLayers > 0 ? prep.sharedRouterParams : prep.denseFfnParams) + 2 * prep.h * prep.h);
  const mtpExperts = prep.moeLayers > 0 ? mtp * prep.experts * prep.expertParams : 0;
  const first = prep.embeddingParams;
  const last = (prep.tied && plan.pp === 1 ? 0 : prep.lmHeadParams) + mtpDense;
  const both = plan.pp === 1 || plan.schedule === 'dualpipe';
  const lastHeavier = last + mtpExperts / plan.ep > first;
  const extras = both ? first + last : lastHeavier ? last : first;
  const extraExperts = both || lastHeavier ? mtpExperts : 0;
  const denseP = (sched.paramsMultiplier * body + extras) / tp;
  const expertP = (sched.paramsMultiplier * moe * prep.experts * prep.expertParams + extraExperts) / (plan.ep * etp);
  const params = denseP + expertP;
  // FP8 holds 2 B per parameter too, never less than BF16: the FP8 weight (1 B) plus its FP8
  // transpose for the backward GEMMs (1 B) with Megatron-core --fp8-param-gather (the NeMo
  // performance recipes), the FP32 master living in the optimizer term; DeepSeek-V3 §3.3 likewise
  // keeps master weights in higher precision and feeds FP8 copies to the GEMMs.
  out.weights = plan.zero === 3 ? (2 * denseP) / dShard + (2 * expertP) / epShard : 2 * params;
  out.gradients = plan.zero >= 2 ? (2 * denseP) / dShard + (2 * expertP) / epShard : (plan.zero === 1 ? 2 : 4) * params;
  const opt = 4 + 2 * prep.momentBytes;
  out.optimizer = plan.zero >= 1 ? (opt * denseP) / dShard + (opt * expertP) / epShard : opt * params;

  // Activations: micro-batches in flight on the first stage × the stage's layers.
  const tokens = (plan.microBatch * prep.seq) / plan.cp;
  const v = plan.schedule === 'interleaved' ? plan.vpp : 1;
  const m = prep.globalBatch / (plan.dp * plan.microBatch);
  const inFlight = plan.pp === 1 ? 1 : sched.inFlight(plan.pp, v, m);
  const perMb = tokens * (denseLayers * layerActBytesPerToken(prep, plan, false) + moe * layerActBytesPerToken(prep, plan, true));
  // Full recompute re-materializes one layer at a time: add one layer's full working set.
  const working = plan.recompute === 'full' ? tokens * layerActBytesPerToken(prep, { ...plan, recompute: 'none' }, moe > 0) : 0;
  // Last stage: FP32 logits + BF16 copy for the loss, one micro-batch (Megatron 4·s·b·V/t + bf16).
  const logits = (tokens * prep.vocab * 6) / tp;
  const firstStage = inFlight * perMb + working + (plan.pp === 1 ? logits : 0);
  const lastStage = perMb + working + logits;
  out.activations = Math.max(firstStage, lastStage);

  // Buffers: TP all-gather/reduce-scatter staging (2 × t·h BF16), MoE dispatch/combine
  // buffers, pipeline send/recv, plus the fixed runtime reserve.
  const tpBuf = tp > 1 ? 2 * tokens * prep.h * 2 : 0;
  const epBuf = moe > 0 ? 2 * (tokens / tp) * prep.topK * prep.h * 2 : 0;
  const ppBuf = plan.pp > 1 ? 2 * tokens * prep.h * 2 : 0;
  // ZeRO-3 materializes whole units: the layer being computed and the one prefetched (FSDP's rate
  // limiter allows two all-gathers in flight) in BF16, plus the unit's full gradient before its
  // reduce-scatter (Zhao et al. 2023, arXiv 2304.11277 §3.3, §3.4): 3 copies of the largest layer.
  // DeepSpeed's flat ZeRO-3 fetches per submodule (one nn.Linear), not per block, and keeps at most
  // stage3_max_live_parameters resident (default 1e9; a larger module is fetched alone) plus that
  // module's gradient before its reduce-scatter (DeepSpeed config docs, "ZeRO Optimizations":
  // https://www.deepspeed.ai/docs/config-json/#zero-optimizations-for-fp16-training).
  let z3Buf = 0;
  if (plan.zero === 3 && prep.zero3Flat) {
    const largest = Math.max(prep.h * prep.ffn * prep.ffnUpFactor, prep.attnParams - prep.attnOutParams, moe > 0 ? prep.h * prep.expertFfn * prep.ffnUpFactor : 0) / tp;
    z3Buf = Math.min(2 * Math.max(largest, deepSpeedMaxLiveParams) + 2 * largest, 2 * params - out.weights);
  } else if (plan.zero === 3) {
    const denseLayer = (perLayer + (moe > 0 ? prep.sharedRouterParams : prep.denseFfnParams)) / tp;
    const expertLayer = moe > 0 ? (prep.experts * prep.expertParams) / (plan.ep * etp) : 0;
    // A stage too small for that to pay is kept gathered (FSDP reshard_after_forward=False, i.e.
    // ZeRO-2): ZeRO-3 never holds more than the unsharded BF16 weights.
    z3Buf = Math.min(3 * 2 * (denseLayer + expertLayer), 2 * params - out.weights);
  }
  out.buffers = tpBuf + epBuf + ppBuf + z3Buf + runtimeReserveBytes;
  return out;
}

/** DeepSpeed ZeRO-3 default stage3_max_live_parameters (DeepSpeed config docs). */
export const deepSpeedMaxLiveParams = 1e9;

/** Sum of the memory terms, bytes. */
export function sumTerms(t: MemoryTerms): number {
  return t.weights + t.gradients + t.optimizer + t.activations + t.buffers;
}

/**
 * The ranks one ZeRO-3 shard spans: the job's hybrid-sharding group (MiCS, FSDP HYBRID_SHARD) when
 * it is smaller than dp·cp, else all dp·cp ranks (plain ZeRO-3; also every plan without ZeRO-3).
 */
export function zero3Group(prep: PreparedJob, plan: Plan): number {
  const d = plan.dp * plan.cp;
  return plan.zero === 3 && prep.zero3ShardGroup !== null && prep.zero3ShardGroup < d ? prep.zero3ShardGroup : d;
}
