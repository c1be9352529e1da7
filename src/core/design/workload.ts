/**
 * Workloads a design is scored on, and their evaluation with the existing models: training by
 * the plan search kernel (search/search.ts) and the training evaluator, serving by the
 * deployment search (infer/search.ts). Training is bounded per candidate: a coarse pass scores a
 * fixed plan set (the best distinct layouts of the envelope's anchor designs, found by full
 * searches), and the refinement runs the search kernel for the best designs with precision,
 * schedule and expert parallelism fixed to their coarse plan (that space contains the coarse plan, so refining never
 * makes a design worse). Pure and deterministic.
 */
import type { FrameworkId } from '../frameworks/profiles.js';
import type { Chip, Model } from '../catalog/schemas.js';
import type { KvPrecision, WeightPrecision } from '../infer/types.js';
import { searchPlans, trainEvaluator } from '../search/search.js';
import { defaultMemoryHeadroom } from '../search/search-with.js';
import type { Plan, TrainJob, TrainResult } from '../train/types.js';
import { searchServing } from '../infer/search.js';
import type { ServingPlan } from '../infer/types.js';

/** What to optimise. */
export type DesignObjective = 'fastest' | 'cheapest' | 'pareto';

/** A training workload. */
export interface TrainWorkload {
  readonly kind: 'train';
  readonly model: Model;
  /** Accelerators. */
  readonly gpus: number;
  /** Sequence length, tokens. */
  readonly seq: number;
  /** Global batch, sequences. */
  readonly globalBatch: number;
  /** Tokens to train. */
  readonly tokens: number;
  /** Framework profile id, passed through to the training model when it supports one. */
  readonly framework?: FrameworkId;
}

/** A serving workload. */
export interface ServeWorkload {
  readonly kind: 'serve';
  readonly model: Model;
  /** Accelerators in the deployment. */
  readonly gpus: number;
  /** Prompt tokens per request. */
  readonly promptTokens: number;
  /** Output tokens per request. */
  readonly outputTokens: number;
  /** Time-to-first-token target, seconds. */
  readonly ttftSeconds?: number;
  /** Time-per-output-token target, seconds. */
  readonly tpotSeconds?: number;
  /** Weight precision (default bf16). */
  readonly precision?: WeightPrecision;
  /** KV-cache precision (default bf16). */
  readonly kvPrecision?: KvPrecision;
}

/** A workload. */
export type DesignWorkload = TrainWorkload | ServeWorkload;

/** One line naming a workload. */
export function workloadLabel(w: DesignWorkload): string {
  if (w.kind === 'train') return `train ${w.model.id} on ${w.gpus}, ${w.tokens.toExponential(3)} tokens, seq ${w.seq}, batch ${w.globalBatch}`;
  const slo = [w.ttftSeconds !== undefined ? `TTFT ≤ ${w.ttftSeconds * 1000} ms` : '', w.tpotSeconds !== undefined ? `TPOT ≤ ${w.tpotSeconds * 1000} ms` : ''].filter(Boolean).join(', ');
  return `serve ${w.model.id} on ${w.gpus}, ${w.promptTokens} in / ${w.outputTokens} out${slo ? `, ${slo}` : ''}`;
}

/** A workload's result on one chip. */
export interface WorkloadResult {
  readonly kind: 'train' | 'serve';
  /** workloadLabel(). */
  readonly workload: string;
  /** Whether a plan/deployment exists (fits, meets the targets). */
  readonly feasible: boolean;
  /** Time score, lower is better: training days, or accelerator-seconds per million output tokens. */
  readonly timeScore: number;
  /** Cost score, lower is better: training USD, or USD per million output tokens. */
  readonly costScore: number;
  /** Training: wall-clock days. */
  readonly days?: number;
  /** Training: accelerator-hours. */
  readonly gpuHours?: number;
  /** Training: rental cost, USD. */
  readonly costUsd?: number | null;
  /** Training: MFU, fraction. */
  readonly mfu?: number;
  /** Training: the plan. */
  readonly plan?: Plan;
  /** Serving: output tokens per second per accelerator at the targets. */
  readonly outputTokensPerSecondPerGpu?: number;
  /** Serving: USD per million output tokens (all accelerator time). */
  readonly costPerMillionOutputTokensUsd?: number | null;
  /** Serving: time to first token, s. */
  readonly ttftSeconds?: number;
  /** Serving: time per output token, s. */
  readonly tpotSeconds?: number;
  /** Serving: the layout and batch. */
  readonly deployment?: { readonly plan: ServingPlan; readonly batch: number; readonly precision: string };
  /** Training plans or serving deployments evaluated for this result. */
  readonly evaluated: number;
  /** Training: whether the plan came from the refinement search (true) or the coarse plan set. */
  readonly refined?: boolean;
}

const INFEASIBLE = (kind: 'train' | 'serve', label: string, evaluated: number): WorkloadResult => ({
  kind,
  workload: label,
  feasible: false,
  timeScore: Number.POSITIVE_INFINITY,
  costScore: Number.POSITIVE_INFINITY,
  evaluated,
});

/** The training job of a workload on a chip, under the workload's software profile (generic behaviour when none). */
export function trainJob(w: TrainWorkload, chip: Chip): TrainJob {
  return { model: w.model, chip, gpus: w.gpus, seq: w.seq, globalBatch: w.globalBatch, tokens: w.tokens, ...(w.framework !== undefined ? { framework: w.framework } : {}) };
}

function trainResult(w: TrainWorkload, r: TrainResult, evaluated: number, refined: boolean): WorkloadResult {
  const days = r.cost?.days ?? Number.POSITIVE_INFINITY;
  const cost = r.cost?.costUsd ?? null;
  return {
    kind: 'train',
    workload: workloadLabel(w),
    feasible: true,
    timeScore: days,
    costScore: cost ?? Number.POSITIVE_INFINITY,
    days,
    gpuHours: r.cost?.gpuHours,
    costUsd: cost,
    mfu: r.mfu,
    plan: r.plan,
    evaluated,
    refined,
  };
}

/** Distinct layouts kept from each anchor search. */
export const ANCHOR_TOP = 48;

/** The plan set of the coarse pass: the best distinct layouts of a full search on an anchor chip. */
export function anchorPlans(w: TrainWorkload, anchor: Chip, fixed: Partial<Plan> = {}, top = ANCHOR_TOP): { plans: Plan[]; evaluated: number } {
  const r = searchPlans(trainJob(w, anchor), fixed, { precisions: ['bf16', 'fp8'], top, now: () => 0 });
  return { plans: r.top.map((c) => c.plan), evaluated: r.stats.evaluated };
}

/** Coarse training score: the best of a fixed plan set on this chip (memory limit as the search's). */
export function trainCoarse(w: TrainWorkload, chip: Chip, plans: readonly Plan[], objective: DesignObjective): WorkloadResult {
  const prep = trainEvaluator.prepareJob(trainJob(w, chip));
  const limit = (chip.memoryGB ?? 0) * 1e9 * (1 - defaultMemoryHeadroom);
  let best: TrainResult | null = null;
  let n = 0;
  for (const plan of plans) {
    n++;
    if (trainEvaluator.validatePlan(prep, plan) !== null) continue;
    if (!(trainEvaluator.memoryPeakBytes(prep, plan) <= limit)) continue;
    const r = trainEvaluator.evaluatePlan(prep, plan);
    if (!r.fits) continue;
    if (best === null || key(r, objective) < key(best, objective)) best = r;
  }
  return best ? trainResult(w, best, n, false) : INFEASIBLE('train', workloadLabel(w), n);
}

function key(r: TrainResult, objective: DesignObjective): number {
  return objective === 'cheapest' ? (r.cost?.costUsd ?? Number.POSITIVE_INFINITY) : r.stepTimeSeconds;
}

/** Refined training score: the search kernel with precision and schedule fixed to the coarse plan. */
export function trainRefine(w: TrainWorkload, chip: Chip, coarse: WorkloadResult, objective: DesignObjective): WorkloadResult {
  const fixed: Partial<Plan> = coarse.plan ? { precision: coarse.plan.precision, schedule: coarse.plan.schedule, ep: coarse.plan.ep } : {};
  const r = searchPlans(trainJob(w, chip), fixed, { objective: objective === 'cheapest' ? 'cost' : 'time', top: 1, precisions: ['bf16', 'fp8'], now: () => 0 });
  if (!r.best) return { ...coarse, evaluated: coarse.evaluated + r.stats.evaluated };
  const out = trainResult(w, r.best.result, coarse.evaluated + r.stats.evaluated, true);
  // The refined space contains the coarse plan; keep the coarse one on a tie or a model quirk.
  const better = objective === 'cheapest' ? out.costScore <= coarse.costScore : out.timeScore <= coarse.timeScore;
  return better || !coarse.feasible ? out : { ...coarse, evaluated: out.evaluated };
}

/** Serving score: the deployment search at the workload's accelerator count and targets. */
export function serveEvaluate(w: ServeWorkload, chip: Chip): WorkloadResult {
  const r = searchServing({
    model: w.model,
    chip,
    gpus: w.gpus,
    promptTokens: w.promptTokens,
    outputTokens: w.outputTokens,
    ttftSeconds: w.ttftSeconds,
    tpotSeconds: w.tpotSeconds,
    precision: w.precision,
    kvPrecision: w.kvPrecision,
    top: 1,
  });
  const c = r.candidates[0];
  if (!c) return INFEASIBLE('serve', workloadLabel(w), r.evaluated);
  const x = c.result;
  const gpuSecondsPerM = (x.gpus / x.outputTokensPerSecond) * 1e6;
  const usd = x.usdPerGpuHour !== null ? (gpuSecondsPerM / 3600) * x.usdPerGpuHour : null;
  return {
    kind: 'serve',
    workload: workloadLabel(w),
    feasible: true,
    timeScore: gpuSecondsPerM,
    costScore: usd ?? Number.POSITIVE_INFINITY,
    outputTokensPerSecondPerGpu: x.outputTokensPerSecondPerGpu,
    costPerMillionOutputTokensUsd: usd,
    ttftSeconds: x.ttftSeconds,
    tpotSeconds: x.tpotSeconds,
    deployment: { plan: x.plan, batch: x.batch, precision: x.precision },
    evaluated: r.evaluated,
  };
}

/** Coarse evaluation of every workload on one chip (training on the plan sets, one per workload). */
export function evaluateWorkloads(chip: Chip, ws: readonly DesignWorkload[], plans: readonly Plan[][], objective: DesignObjective): WorkloadResult[] {
  return ws.map((w, i) => (w.kind === 'train' ? trainCoarse(w, chip, plans[i], objective) : serveEvaluate(w, chip)));
}

/** Refinement of every training workload (serving results are already exact). */
export function refineWorkloads(chip: Chip, ws: readonly DesignWorkload[], rs: readonly WorkloadResult[], objective: DesignObjective): WorkloadResult[] {
  return ws.map((w, i) => (w.kind === 'train' ? trainRefine(w, chip, rs[i], objective) : rs[i]));
}
