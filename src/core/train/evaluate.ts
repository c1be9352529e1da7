/**
 * The training evaluator: one plan in, step time, memory and utilization out. Pure and
 * allocation-light, since the plan search calls it millions of times (bench/train.bench.ts).
 * Step = m·(F + B + exposed comm) + bubble(schedule) + exposed DP comm + optimizer, with F and
 * B the slowest stage's per-micro-batch times (docs/training-model.md §"Step time").
 */
import type { Plan, TrainJob, TrainResult, StepBreakdown } from './types.js';
import { prepareJob, type PreparedJob } from './prepare.js';
import { averageLayer, layerCosts, headCost, type AverageLayer, type LayerCost } from './compute.js';
import { memoryTerms, sumTerms, type MemoryTerms } from './memory.js';
import { commCosts, type CommCosts } from './communication.js';
import { schedules } from './schedules.js';
import { trainCost } from './cost.js';
import { dpOverlap, overlapSmShare, zero3FlatOverlap, zero3PrefetchOverlap } from './calibration.js';
import { frameworkRejects, maxPipelineSlots, zeroStagesFor } from '../frameworks/capabilities.js';

export { prepareJob, type PreparedJob };
export type { TrainResult, Plan, TrainJob } from './types.js';

const GiB = 2 ** 30;

/** Model FLOPs per step: Megatron-LM convention (formulas.md §3.1) × global batch × sequence. */
export function trainFlopsPerStep(prep: PreparedJob): number {
  return prep.flopsPerToken * prep.seq * prep.globalBatch;
}

/** Divisibility and consistency of a plan; null when valid, else a one-line reason. */
function fmtM(m: number): string {
  return Number.isInteger(m) ? String(m) : m.toFixed(2);
}

export function validatePlan(prep: PreparedJob, plan: Plan): string | null {
  const { tp, pp, dp, cp, ep, vpp, microBatch } = plan;
  for (const [k, v] of [['tp', tp], ['pp', pp], ['dp', dp], ['cp', cp], ['ep', ep], ['vpp', vpp], ['microBatch', microBatch]] as const) {
    if (!Number.isInteger(v) || v < 1) return `${k} must be a whole number >= 1, got ${v}`;
  }
  if (tp * pp * dp * cp !== prep.gpus) return `tp·pp·dp·cp = ${tp * pp * dp * cp} must equal gpus (${prep.gpus})`;
  if (prep.heads % tp !== 0) return `tp (${tp}) must divide the attention heads (${prep.heads})`;
  if (tp > 1 && prep.chip.scaleUpGBps === 0) return `tp (${tp}) needs a scale-up link; ${prep.chip.name} has scaleUpGBps 0 (no link), so tp must be 1`;
  if (prep.moeLayers === 0 && ep !== 1) return `ep must be 1 for a dense model, got ${ep}`;
  if (ep > 1 && (dp * cp * tp) % ep !== 0) return `ep (${ep}) must divide the dp·cp·tp = ${dp * cp * tp} ranks of one pipeline stage (experts are carved from them; Megatron-Core: ep·etp·edp·pp = gpus)`;
  if (ep > 1 && prep.experts % ep !== 0) return `ep (${ep}) must divide the experts (${prep.experts})`;
  const etp = plan.etp ?? 1;
  if (!Number.isInteger(etp) || etp < 1) return `etp must be a whole number >= 1, got ${etp}`;
  if (etp > 1 && prep.moeLayers === 0) return `etp must be 1 for a dense model, got ${etp}`;
  if (etp > 1 && (dp * cp * tp) % (ep * etp) !== 0) return `ep·etp (${ep * etp}) must divide the dp·cp·tp = ${dp * cp * tp} ranks of one pipeline stage`;
  if (etp > 1 && prep.expertFfn % etp !== 0) return `etp (${etp}) must divide the expert FFN width (${prep.expertFfn})`;
  if (etp > prep.gpusPerNode) return `etp (${etp}) must fit in one scale-up domain (${prep.gpusPerNode})`;
  const g = prep.zero3ShardGroup;
  if (plan.zero === 3 && g !== null && (dp * cp) % g !== 0) return `the ZeRO-3 shard group (${g}) must divide the dp·cp = ${dp * cp} data-parallel ranks`;
  const slots = maxPipelineSlots(prep.profile, prep.layers);
  if (pp * vpp > slots) return `pp·vpp (${pp * vpp}) exceeds the layers (${prep.layers}${slots > prep.layers ? ' + embedding + loss' : ''})`;
  if (vpp > 1 && plan.schedule !== 'interleaved') return `vpp > 1 needs --schedule interleaved`;
  if (plan.schedule === 'dualpipe' && pp > 1 && pp % 2 !== 0) return `dualpipe needs an even pp, got ${pp}`;
  if (plan.precision === 'fp8' && !prep.chip.tflops.fp8) return `precision fp8 needs FP8 tensor cores; ${prep.chip.name} has none (tflops.fp8 is not set)`;
  // The schedules' bubble formulas (schedules.ts) hold only when the pipeline can be filled.
  if (pp > 1 && plan.schedule !== '1f1b') {
    const m = prep.globalBatch / (dp * microBatch);
    // Megatron-LM's interleaved schedule needs the micro-batch count to be a multiple of pp
    // (formulas.md §3.4; Narayanan et al. 2021 §2.2.2).
    if (plan.schedule === 'interleaved' && vpp > 1 && !(Number.isInteger(m) && m % pp === 0)) return `interleaved needs the micro-batches per step (${fmtM(m)}) to be a multiple of pp (${pp})`;
    // DualPipe asserts num_chunks >= 2 · num_ranks (deepseek-ai/DualPipe dualpipe.py).
    if (plan.schedule === 'dualpipe' && m < 2 * pp) return `dualpipe needs at least 2·pp (${2 * pp}) micro-batches per step, got ${fmtM(m)}`;
    // ZB-H1 reaches its bubble only in steady state: at least pp micro-batches (Qi et al. 2024 §3).
    if (plan.schedule === 'zb' && m < pp) return `zb needs at least pp (${pp}) micro-batches per step, got ${fmtM(m)}`;
  }
  if (prep.seq % cp !== 0) return `cp (${cp}) must divide the sequence (${prep.seq})`;
  if (prep.globalBatch < dp * microBatch) return `global batch (${prep.globalBatch}) must be at least dp·microBatch (${dp * microBatch})`;
  if (![0, 1, 2, 3].includes(plan.zero)) return `zero must be 0, 1, 2 or 3`;
  if (prep.profile) return frameworkRejects(prep.profile, plan, { layers: prep.layers, moe: prep.moeLayers > 0 });
  return null;
}

/**
 * A complete plan from a partial one. Defaults: tp = pp = cp = ep = vpp = 1, dp = gpus/(tp·pp·cp),
 * micro-batch 1, selective recompute (full where the job's framework has no selective), ZeRO-1
 * (distributed optimizer; a framework without it: its first stage), BF16, schedule
 * interleaved when vpp > 1 else 1F1B, sequence parallel when tp > 1.
 */
export function defaultPlan(prep: PreparedJob, partial: Partial<Plan>): Plan {
  const tp = partial.tp ?? 1;
  const pp = partial.pp ?? 1;
  // With a framework profile: its ZeRO stage nearest to the distributed optimizer, sequence
  // parallelism only where it has it.
  const zeros: readonly (0 | 1 | 2 | 3)[] = prep.profile ? zeroStagesFor(prep.profile, pp) : [1];
  const zero = zeros.includes(1) ? 1 : (zeros[0] ?? 1);
  const sp = prep.profile ? prep.profile.sequenceParallel : true;
  const recompute = !prep.profile || prep.profile.recomputes.includes('selective') ? 'selective' : 'full';
  const cp = partial.cp ?? 1;
  const vpp = partial.vpp ?? 1;
  return {
    tp,
    pp,
    cp,
    dp: partial.dp ?? Math.max(1, Math.floor(prep.gpus / (tp * pp * cp))),
    ep: partial.ep ?? 1,
    ...(partial.etp !== undefined && partial.etp !== 1 ? { etp: partial.etp } : {}),
    vpp,
    microBatch: partial.microBatch ?? 1,
    recompute: partial.recompute ?? recompute,
    zero: partial.zero ?? zero,
    precision: partial.precision ?? 'bf16',
    schedule: partial.schedule ?? (vpp > 1 ? 'interleaved' : '1f1b'),
    sequenceParallel: partial.sequenceParallel ?? (tp > 1 && sp),
  };
}

const scratchMem: MemoryTerms = { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 };

/** Peak memory per accelerator, bytes: exactly the peak evaluatePlan reports (cheap; for the search's pre-filter). */
export function memoryPeakBytes(prep: PreparedJob, plan: Plan): number {
  return sumTerms(memoryTerms(prep, plan, scratchMem));
}

const zeroBreakdown: StepBreakdown = {
  computeS: 0, gemmS: 0, attentionS: 0, elementwiseS: 0, recomputeS: 0, tpCommS: 0, cpCommS: 0, epCommS: 0,
  epCommTotalS: 0, ppCommS: 0, bubbleS: 0, dpCommS: 0, dpCommTotalS: 0, zero3CommS: 0, zero3CommTotalS: 0, optimizerS: 0,
};

function invalid(prep: PreparedJob, plan: Plan, message: string): TrainResult {
  const cap = prep.capacityBytes / GiB;
  return {
    plan, fits: false, infeasible: { code: 'invalid_plan', message },
    memory: { peakGiB: 0, capacityGiB: cap, headroomGiB: cap, weightsGiB: 0, gradientsGiB: 0, optimizerGiB: 0, activationsGiB: 0, buffersGiB: 0 },
    stepTimeSeconds: Infinity, tokensPerSecond: 0, tokensPerSecondPerGpu: 0, mfu: 0, hfu: 0, mfuPrecisionPeak: 0, microbatches: 0,
    flopsPerStep: trainFlopsPerStep(prep), breakdown: zeroBreakdown,
  };
}

/** Evaluates one plan: memory, step time with its parts, throughput, MFU/HFU, and cost with job.tokens. */
export function evaluatePlan(prep: PreparedJob, plan: Plan): TrainResult {
  const bad = validatePlan(prep, plan);
  if (bad) return invalid(prep, plan, bad);
  return evaluateValidPlan(prep, plan);
}

/** evaluatePlan for a plan validatePlan has accepted (the search validates each plan first). */
export function evaluateValidPlan(prep: PreparedJob, plan: Plan): TrainResult {
  const mem = memoryTerms(prep, plan, { weights: 0, gradients: 0, optimizer: 0, activations: 0, buffers: 0 });
  const peak = sumTerms(mem);
  const dense: LayerCost = { gemm: 0, attn: 0, ew: 0, fp8: 0, scores: 0 };
  const moe: LayerCost = { gemm: 0, attn: 0, ew: 0, fp8: 0, scores: 0 };
  layerCosts(prep, plan, dense, moe);
  const comm = commCosts(prep, plan, {} as CommCosts);
  const sched = schedules[plan.schedule];
  const L = prep.layers;
  // Average layer, forward and backward parts (seconds per micro-batch).
  const { wD, wM, gemmF, attnF, ewF, fp8, compF, compB } = averageLayer(prep, dense, moe, {} as AverageLayer);
  // Selective recompute re-runs the forward element-wise work and, with unfused attention, the
  // attention core (Korthikanti et al. 2022 §5); full recompute re-runs the whole forward.
  const scoresF = wD * dense.scores + wM * moe.scores;
  // torchtitan's per-op SAC also re-runs the unsaved matmuls of dense layers (prepare.ts sacGemmShare).
  const sacGemm = prep.perOpSac ? wD * prep.sacGemmShare * dense.gemm : 0;
  const recomp = plan.recompute === 'full' ? compF : plan.recompute === 'selective' ? ewF + scoresF + sacGemm : 0;
  // TP overlap (Transformer Engine userbuffers, NeMo "Communication Overlap"): the sequence-parallel
  // all-gathers/reduce-scatters are split and pipelined with the adjacent GEMMs, hidden up to the
  // GEMM time, at the SM cost of the overlapped kernels (overlapSmShare).
  const tpOv = prep.tpCommOverlap && plan.sequenceParallel && plan.tp > 1;
  const tpT = comm.tpLayerFwd;
  const tpF = tpOv ? Math.max(0, tpT - gemmF) + overlapSmShare * Math.min(tpT, gemmF) : tpT;
  const tpB = (tpOv ? Math.max(0, tpT - 2 * gemmF) + overlapSmShare * Math.min(tpT, 2 * gemmF) : tpT) + (plan.recompute === 'full' ? tpF : 0);
  // CP ring overlaps with the attention kernels of the same layer (Megatron CP / ring attention).
  const cpF = Math.max(0, comm.cpLayerFwd - attnF);
  const cpB = Math.max(0, 2 * comm.cpLayerFwd - 2.5 * attnF);
  // EP all-to-all: exposed unless the schedule overlaps it with another micro-batch (DualPipe).
  const epTot = 2 * wM * comm.epLayerFwd;
  // Hidden all-to-all still takes the SMs its kernels run on (overlapSmShare, DeepSeek-V3 §3.2.2).
  const epL = wM * comm.epLayerFwd;
  const epF = sched.overlapsEpComm ? Math.max(0, epL - compF) + overlapSmShare * Math.min(epL, compF) : epL;
  const epB = sched.overlapsEpComm ? Math.max(0, epL - compB) + overlapSmShare * Math.min(epL, compB) : epL;
  const layerF = compF + tpF + cpF + epF;
  const layerB = compB + recomp + tpB + cpB + epB;

  // Slowest stage. The last stage also runs the LM head, loss and MTP modules; frameworks
  // balance that by giving it fewer layers (Megatron --decoder-last-pipeline-num-layers,
  // Llama 3 §3.3.2, DeepSeek-V3 §3.2): the last stage takes k layers, the others share L − k.
  const head = headCost(prep, plan);
  const mtp = prep.mtpDepth;
  const extraF = (1 + mtp) * (head.gemm + head.ew) + mtp * layerF;
  const extraB = (1 + mtp) * 2 * (head.gemm + head.ew) + mtp * layerB;
  const layerFB = layerF + layerB;
  const extraFB = extraF + extraB;
  let nL = L;
  let useHead = true;
  if (plan.pp > 1) {
    let best = Infinity;
    const kMax = Math.ceil(L / plan.pp);
    for (let k = 0; k <= kMax; k++) {
      const others = Math.ceil((L - k) / (plan.pp - 1));
      const lastT = k * layerFB + extraFB;
      const otherT = others * layerFB;
      const worst = lastT > otherT ? lastT : otherT;
      if (worst < best) {
        best = worst;
        useHead = lastT >= otherT;
        nL = useHead ? k : others;
      }
    }
  }
  const F = nL * layerF + (useHead ? extraF : 0);
  const B = nL * layerB + (useHead ? extraB : 0);
  const W = nL * gemmF; // weight-gradient GEMMs ≈ half the backward GEMMs

  // Micro-batches per pipeline per step. A global batch that dp·b does not divide is taken as
  // its average (fractional m): published batches are often rounded, and the search enumerates
  // divisible ones anyway.
  const m = prep.globalBatch / (plan.dp * plan.microBatch);
  const v = plan.schedule === 'interleaved' ? plan.vpp : 1;
  const ppPerMb = plan.pp > 1 && !sched.overlapsPpComm ? 2 * v * comm.ppSend : 0;
  // ZeRO-3 gathers/scatters: prefetched and hidden behind the micro-batch's compute, up to the
  // style's overlap fraction (below).
  // A cross-node EP all-to-all that DualPipe hides behind compute occupies the same NICs in the
  // same window: the gathers hide only behind what is left of it (a link carries one byte stream
  // at a time; per-GPU NIC time per step cannot exceed the step).
  const epHidden = comm.dpCrossNode && comm.epCrossNode && sched.overlapsEpComm ? nL * (Math.min(epL, compF) + Math.min(epL, compB)) : 0;
  const window = Math.max(0, F + B - epHidden);
  // ZeRO-2 keeps only its gradient shard, so with gradient accumulation every micro-batch's
  // gradients are reduce-scattered after its backward (PyTorch FSDP SHARD_GRAD_OP without no_sync;
  // ZeRO paper §5.2 reduce-scatters each bucket as the backward produces it): m − 1 more
  // reduce-scatters than ZeRO-1, hidden like ZeRO-3's behind the micro-batch's compute.
  const z2Extra = plan.zero === 2 && m > 1 ? m - 1 : 0;
  const z2Exposed = z2Extra * Math.max(0, comm.dpGrad - window);
  // Each style has its own fitted overlappable share f (issue 13, mechanism 4): FSDP's hierarchical
  // prefetch zero3PrefetchOverlap, DeepSpeed's flat collectives zero3FlatOverlap (calibration.ts).
  // The share f of the collectives is prefetched and hides behind the micro-batch's compute while
  // the compute lasts; the rest, 1 − f, runs in series with it (docs/training-model.md §3.2).
  const z3f = prep.zero3Flat ? (prep.cal.zero3FlatOverlap ?? zero3FlatOverlap) : zero3PrefetchOverlap;
  const z3 = (1 - z3f) * comm.zero3PerMb + Math.max(0, z3f * comm.zero3PerMb - window);
  const bubble = plan.pp > 1 ? sched.bubble(plan.pp, v, m, F, B, W) : 0;
  // DP: gradient reduction overlaps the last micro-batch's backward, parameter gathers the first
  // forward, with overlap efficiency dpOverlap (calibration.ts).
  const dpExposed = comm.dpGrad - dpOverlap * Math.min(comm.dpGrad, B) + comm.dpParams - dpOverlap * Math.min(comm.dpParams, F) + z2Exposed;
  // Adam: read grad, master, m, v; write master, m, v, BF16 weight (30 B/param) over the local shard.
  const localParams = mem.optimizer / (4 + 2 * prep.momentBytes);
  // Per-step fixed work around it (issue 13, mechanism 3), physical, not fitted: the gradient-norm
  // clip reads the local gradient shard once more (4 B/param FP32 main grads with ZeRO-0, else 2)
  // and all-reduces one scalar over every rank — a latency-bound tree, 2·log2(n) steps of the
  // tier's α (128 H100: 70 µs; NCCL issue 1469 measures a 62-75 µs floor at 16 nodes).
  const nodes = Math.ceil(prep.gpus / prep.gpusPerNode);
  const scalarAllReduce = prep.gpus > 1 ? 2 * Math.log2(Math.min(prep.gpus, prep.gpusPerNode)) * prep.topo.up.latencyS + (nodes > 1 ? 2 * Math.log2(nodes) * prep.topo.out.latencyS : 0) : 0;
  const gradNorm = (localParams * (plan.zero === 0 ? 4 : 2)) / prep.memBytesPerS + scalarAllReduce;
  const optimizer = (localParams * 30) / prep.memBytesPerS + gradNorm;
  const step = m * (F + B + ppPerMb + z3) + bubble + dpExposed + optimizer;

  const headF = useHead ? (1 + mtp) * 3 * (head.gemm + head.ew) : 0;
  const breakdown: StepBreakdown = {
    computeS: m * (nL * (compF + compB + recomp) + headF + (useHead ? mtp * (compF + compB + recomp) : 0)),
    gemmS: m * (nL * 3 * gemmF + (useHead ? (1 + mtp) * 3 * head.gemm : 0)),
    attentionS: m * nL * 3.5 * attnF,
    elementwiseS: m * (nL * (3 * ewF + fp8) + (useHead ? (1 + mtp) * 3 * head.ew : 0)),
    recomputeS: m * nL * recomp,
    tpCommS: m * nL * (tpF + tpB),
    cpCommS: m * nL * (cpF + cpB),
    epCommS: m * nL * (epF + epB),
    epCommTotalS: m * nL * epTot,
    ppCommS: m * ppPerMb,
    bubbleS: bubble,
    dpCommS: dpExposed,
    dpCommTotalS: (1 + z2Extra) * comm.dpGrad + comm.dpParams,
    zero3CommS: m * z3,
    zero3CommTotalS: m * comm.zero3PerMb,
    optimizerS: optimizer,
  };
  const flops = trainFlopsPerStep(prep);
  const tokensPerStep = prep.seq * prep.globalBatch;
  const tps = tokensPerStep / step;
  const denom = step * prep.gpus * prep.peakBf16;
  const hwFlops = flops * (plan.recompute === 'full' ? 4 / 3 : 1);
  const capGiB = prep.capacityBytes / GiB;
  const fits = peak <= prep.capacityBytes;
  const terms = { weights: mem.weights, gradients: mem.gradients, optimizer: mem.optimizer, activations: mem.activations, buffers: mem.buffers };
  let term = 'weights';
  for (const k of Object.keys(terms) as (keyof typeof terms)[]) if (terms[k] > terms[term as keyof typeof terms]) term = k;
  const result: TrainResult = {
    plan,
    fits,
    ...(fits
      ? {}
      : {
          infeasible: {
            code: 'exceeds_memory' as const,
            term,
            needGiB: peak / GiB,
            haveGiB: capGiB,
            message: `needs ${(peak / GiB).toFixed(1)} GiB per accelerator, has ${capGiB.toFixed(1)} GiB: ${(peak / GiB - capGiB).toFixed(1)} GiB over (largest term: ${term}, ${(terms[term as keyof typeof terms] / GiB).toFixed(1)} GiB)`,
          },
        }),
    memory: {
      peakGiB: peak / GiB,
      capacityGiB: capGiB,
      headroomGiB: capGiB - peak / GiB,
      weightsGiB: mem.weights / GiB,
      gradientsGiB: mem.gradients / GiB,
      optimizerGiB: mem.optimizer / GiB,
      activationsGiB: mem.activations / GiB,
      buffersGiB: mem.buffers / GiB,
    },
    stepTimeSeconds: step,
    tokensPerSecond: tps,
    tokensPerSecondPerGpu: tps / prep.gpus,
    mfu: flops / denom,
    hfu: hwFlops / denom,
    mfuPrecisionPeak: flops / (step * prep.gpus * (plan.precision === 'fp8' ? prep.peakFp8 : prep.peakBf16)),
    microbatches: m,
    flopsPerStep: flops,
    breakdown,
    ...(prep.job.tokens ? { cost: trainCost(prep.chip, prep.gpus, prep.job.tokens, tps) } : {}),
  };
  return result;
}

/** Convenience: prepare and evaluate in one call (not for hot loops). */
export function evaluateJob(job: TrainJob, plan: Plan): TrainResult {
  return evaluatePlan(prepareJob(job), plan);
}
