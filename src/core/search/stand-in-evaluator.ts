/**
 * A small stand-in training model with the evaluator's signatures, for testing the search
 * kernel in isolation (property tests against brute force). Not a model of anything: its
 * numbers only need the structure the search relies on (memory monotone in micro-batch,
 * recompute and ZeRO stage) and enough trade-offs (bubble vs. GEMM efficiency, comm vs.
 * sharding) that the optimum moves around.
 */
import type { Plan, TrainJob } from '../train/types.js';
import type { EvaluatedLike, PlanEvaluator } from './types.js';

/** Precomputed per-job state of the stand-in. */
export interface StandInPrep {
  readonly job: TrainJob;
  readonly params: number;
  readonly expertParams: number;
  readonly flopsPerStep: number;
  readonly capacity: number;
}

const recomputeActivation = { none: 1, selective: 0.5, full: 0.1 } as const;
const recomputeCompute = { none: 1, selective: 1.05, full: 1.33 } as const;

function prepareJob(job: TrainJob): StandInPrep {
  const m = job.model;
  const dense = 12 * m.hidden * m.hidden * m.layers + 2 * m.vocab * m.hidden;
  const expertParams = m.moe ? m.moe.experts * 3 * m.hidden * m.moe.expertFfnHidden * m.layers : 0;
  const active = dense + (m.moe ? m.moe.activeExperts * 3 * m.hidden * m.moe.expertFfnHidden * m.layers : 0);
  return { job, params: dense, expertParams, flopsPerStep: 6 * active * job.seq * job.globalBatch, capacity: (job.chip.memoryGB ?? 0) * 1e9 };
}

function memoryPeakBytes(p: StandInPrep, plan: Plan): number {
  const { job } = p;
  const m = job.model;
  const dense = p.params / (plan.tp * plan.pp);
  const experts = p.expertParams / (plan.pp * plan.ep);
  const dpn = plan.dp * plan.cp;
  const edp = (plan.dp * plan.cp * plan.tp) / plan.ep;
  const state = (n: number, d: number) => n * (plan.zero >= 3 ? 2 / d : 2) + n * (plan.zero >= 2 ? 4 / d : 4) + n * (plan.zero >= 1 ? 12 / d : 12);
  const weights = state(dense, dpn) + state(experts, edp);
  const inflight = plan.schedule === 'dualpipe' ? plan.pp + 1 : plan.schedule === 'interleaved' ? plan.pp * (1 + 1 / plan.vpp) : plan.pp;
  const layersPerStage = Math.ceil(m.layers / plan.pp);
  const act = plan.microBatch * (job.seq / plan.cp) * m.hidden * 34 * layersPerStage * recomputeActivation[plan.recompute] * inflight / (plan.sequenceParallel ? plan.tp : 1);
  return weights + act + (plan.precision === 'fp8' ? 0.02 * weights : 0);
}

function validatePlan(p: StandInPrep, plan: Plan): string | null {
  const { job } = p;
  if (plan.tp * plan.pp * plan.dp * plan.cp !== job.gpus) return 'tp·pp·dp·cp must equal gpus';
  if (plan.schedule === 'interleaved' && plan.vpp < 2) return 'interleaved needs vpp >= 2';
  if (plan.schedule !== 'interleaved' && plan.vpp !== 1) return 'vpp > 1 needs interleaved';
  const micro = job.globalBatch / (plan.dp * plan.microBatch);
  if (!Number.isInteger(micro)) return 'global batch must divide by dp·microBatch';
  if (plan.schedule === 'interleaved' && micro % plan.pp !== 0) return 'interleaved needs micro-batches divisible by pp';
  if (plan.schedule === 'dualpipe' && plan.pp % 2 !== 0) return 'dualpipe needs an even pp';
  if (plan.pp * plan.vpp > job.model.layers) return 'more stages than layers';
  if (plan.precision === 'fp8' && !job.chip.tflops.fp8) return 'no fp8';
  return null;
}

function evaluatePlan(p: StandInPrep, plan: Plan): EvaluatedLike & { breakdown: Record<string, number> } {
  const { job } = p;
  const peakTflops = (plan.precision === 'fp8' ? job.chip.tflops.fp8 : job.chip.tflops.bf16) ?? 1;
  const micro = job.globalBatch / (plan.dp * plan.microBatch);
  const eff = 0.6 * (plan.microBatch * job.seq / plan.cp) / (plan.microBatch * job.seq / plan.cp + 2048) / (1 + 0.05 * Math.log2(plan.tp));
  const compute = (p.flopsPerStep * recomputeCompute[plan.recompute]) / (job.gpus * peakTflops * 1e12 * eff);
  const stages = plan.schedule === 'interleaved' ? plan.vpp : 1;
  const bubbleFrac = plan.schedule === 'zb' ? 0.3 : plan.schedule === 'dualpipe' ? 0.5 : 1;
  const bubble = (compute * bubbleFrac * (plan.pp - 1)) / (micro * stages);
  const tpComm = plan.tp > 1 ? compute * 0.04 * Math.log2(plan.tp) : 0;
  const cpComm = plan.cp > 1 ? compute * 0.03 * Math.log2(plan.cp) : 0;
  const epComm = plan.ep > 1 ? compute * (plan.schedule === 'dualpipe' ? 0.02 : 0.06) * Math.log2(plan.ep) : 0;
  const dpComm = plan.dp > 1 ? (p.params / (plan.tp * plan.pp)) * 2 * (plan.zero === 3 ? 1.5 : 1) / 50e9 : 0;
  const pipeComm = plan.pp > 1 ? micro * stages * 1e-4 : 0;
  const step = compute + bubble + tpComm + cpComm + epComm + dpComm + pipeComm;
  const peak = memoryPeakBytes(p, plan);
  const tokensPerSecond = (job.globalBatch * job.seq) / step;
  const gpuHours = job.tokens ? (job.tokens / tokensPerSecond / 3600) * job.gpus : undefined;
  return {
    fits: peak <= p.capacity,
    stepTimeSeconds: step,
    tokensPerSecond,
    mfu: p.flopsPerStep / step / (job.gpus * (job.chip.tflops.bf16 ?? 1) * 1e12),
    memory: { peakGiB: peak / 2 ** 30 },
    ...(gpuHours !== undefined ? { cost: { costUsd: gpuHours * (job.chip.rentalUsdPerHour ?? 2) + 0.01 * job.gpus, days: job.tokens! / tokensPerSecond / 86400 } } : {}),
    breakdown: { compute, bubble, tpComm, cpComm, epComm, dpComm, pipeComm },
  };
}

/** The stand-in evaluator. */
export const standInEvaluator: PlanEvaluator<StandInPrep, ReturnType<typeof evaluatePlan>> = {
  prepareJob,
  memoryPeakBytes,
  evaluatePlan,
  validatePlan,
};
