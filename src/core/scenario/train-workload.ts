/**
 * A training workload on one pool: the job, the techniques the options allow, the plan search
 * (injected: the CLI runs it on worker threads, tests and the browser call the pure search),
 * and the outcome in days, GPU-hours, dollars and energy at the pool's rate.
 */
import type { Chip, Model } from '../catalog/schemas.js';
import type { SearchOptions, SearchResult } from '../search/types.js';
import type { TrainResult } from '../train/evaluate.js';
import type { Plan, StepBreakdown, TrainJob } from '../train/types.js';
import type { ScenarioOptions, TrainWorkload } from './schema.js';
import type { TimeSplit, TrainOutcome } from './types.js';

/** The plan search as scenarios call it (searchPlans, or the CLI's parallel runner). */
export type TrainSearch = (job: TrainJob, fixed: Partial<Plan>, opts: SearchOptions) => SearchResult<TrainResult> | Promise<SearchResult<TrainResult>>;

/**
 * The same search, answered once per identical (job, fixed fields, options) within one run:
 * variants of a sweep often repeat a pool's search unchanged. The key is the inputs' JSON (the
 * job carries the pool's priced chip), so only truly identical searches share a result.
 */
export function memoizeSearch(search: TrainSearch): TrainSearch {
  const done = new Map<string, ReturnType<TrainSearch>>();
  return (job, fixed, opts) => {
    const key = JSON.stringify([job, fixed, opts]);
    let r = done.get(key);
    if (r === undefined) {
      r = search(job, fixed, opts);
      done.set(key, r);
      // A failed search is not kept (a retry, e.g. after Ctrl-C, searches again).
      if (r instanceof Promise) r.catch(() => done.delete(key));
    }
    return r;
  };
}

/** Tokens per step the default global batch aims at (DeepSeek-V3 reached 15,360 × 4,096 ≈ 63M; Llama 3 405B 16M: arXiv 2407.21783 §3.4.1). */
export const defaultTokensPerStep = 16 * 2 ** 20;

/** Default sequence length: the model's training context, else 4096. */
export function workloadSeq(w: Pick<TrainWorkload, 'seq'>, model: Model): number {
  return w.seq ?? model.contextLength ?? 4096;
}

/** Default global batch: a power of two near 16M tokens per step. */
export function workloadGlobalBatch(w: Pick<TrainWorkload, 'globalBatch'>, seq: number): number {
  return w.globalBatch ?? 2 ** Math.max(0, Math.round(Math.log2(defaultTokensPerStep / seq)));
}

/** The job for a pool. `chip` already carries the pool's price (pricing.ts). */
export function trainJob(w: TrainWorkload, model: Model, chip: Chip, gpus: number): TrainJob {
  const seq = workloadSeq(w, model);
  return { model, chip, gpus, seq, globalBatch: workloadGlobalBatch(w, seq), tokens: w.tokens, ...(w.framework ? { framework: w.framework } : {}) };
}

/** Fixed plan fields and search options from the scenario's options and the workload's plan. */
export function trainSearchSettings(w: TrainWorkload, chip: Chip, o: ScenarioOptions): { fixed: Partial<Plan>; opts: SearchOptions; notes: string[] } {
  const notes: string[] = [];
  const hasFp8 = chip.tflops.fp8 != null;
  const fixed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(w.plan ?? {})) if (v !== undefined && ['tp', 'pp', 'dp', 'cp', 'ep', 'vpp', 'microBatch', 'recompute', 'zero', 'precision', 'schedule', 'sequenceParallel'].includes(k)) fixed[k] = v;
  let precisions: ('bf16' | 'fp8')[] = ['bf16'];
  if (fixed.precision === undefined) {
    if (o.fp8 === true) {
      if (hasFp8) fixed.precision = 'fp8';
      else notes.push(`${chip.name} has no FP8 tensor cores: BF16 used`);
    } else if (o.fp8 === false) fixed.precision = 'bf16';
    else precisions = hasFp8 ? ['bf16', 'fp8'] : ['bf16'];
  } else if (fixed.precision === 'fp8' && !hasFp8) {
    fixed.precision = 'bf16';
    notes.push(`${chip.name} has no FP8 tensor cores: BF16 used`);
  }
  if (fixed.schedule === undefined && o.schedule !== 'auto') fixed.schedule = o.schedule;
  if (fixed.recompute === undefined && o.recompute !== 'auto') fixed.recompute = o.recompute;
  return { fixed: fixed as Partial<Plan>, opts: { objective: 'time', top: o.search.top, memoryHeadroom: o.search.memoryHeadroom, precisions }, notes };
}

/** Groups the step breakdown for readers. */
export function timeSplit(b: StepBreakdown): TimeSplit {
  return {
    computeS: b.computeS - b.recomputeS,
    recomputeS: b.recomputeS,
    tpCpCommS: b.tpCommS + b.cpCommS,
    epCommS: b.epCommS,
    dpPpCommS: b.dpCommS + b.zero3CommS + b.ppCommS,
    bubbleS: b.bubbleS,
    optimizerS: b.optimizerS,
  };
}

/** The date `days` after `date`; null beyond year 9999 (a run of millennia has no finish date to print). */
function addDays(date: string, days: number): string | null {
  const t = Date.parse(`${date}T00:00:00Z`) + Math.ceil(days) * 86_400_000;
  if (!Number.isFinite(t) || t >= Date.UTC(10000, 0, 1)) return null;
  return new Date(t).toISOString().slice(0, 10);
}

/** The outcome of a search on one pool. */
export function trainOutcome(w: TrainWorkload, gpus: number, r: SearchResult<TrainResult> | null, availableFrom: string, usdPerGpuHour: number | null, why: string | null): TrainOutcome {
  const best = r?.best ?? null;
  const empty: TrainOutcome = {
    kind: 'train', gpus, plan: null, why: why ?? (!r ? 'not searched' : r.stats.space === 0 ? `no parallel layout of ${gpus} accelerators divides the global batch evenly (choose a count or globalBatch with more factors of 2)` : `no plan fits in memory (${r.stats.evaluated} plans examined)`), stepTimeSeconds: null, mfu: null, mfuPrecisionPeak: null, tokensPerSecondPerGpu: null,
    days: null, finishDate: null, meetsDeadline: null, gpuHours: null, costUsd: null, energyMWh: null, memory: null, split: null, searched: r?.stats.evaluated ?? 0,
  };
  if (!best) return empty;
  const res = best.result;
  const c = res.cost;
  const days = c?.days ?? null;
  return {
    kind: 'train',
    gpus,
    plan: best.plan,
    why: null,
    stepTimeSeconds: res.stepTimeSeconds,
    mfu: res.mfu,
    mfuPrecisionPeak: res.mfuPrecisionPeak,
    tokensPerSecondPerGpu: res.tokensPerSecondPerGpu,
    days,
    finishDate: days === null ? null : addDays(availableFrom, days),
    meetsDeadline: w.deadlineDays === undefined || days === null ? null : days <= w.deadlineDays,
    gpuHours: c?.gpuHours ?? null,
    costUsd: c && usdPerGpuHour !== null ? c.gpuHours * usdPerGpuHour : null,
    energyMWh: c?.energyMWh ?? null,
    memory: { peakGiB: res.memory.peakGiB, capacityGiB: res.memory.capacityGiB },
    split: timeSplit(res.breakdown),
    searched: r?.stats.evaluated ?? 0,
  };
}
