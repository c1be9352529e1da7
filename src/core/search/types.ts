/**
 * Types of the plan search: the evaluator it drives (injected, so the kernel can be tested
 * against a stand-in and runs unchanged in Node, workers and the browser), its options and
 * its result. Pure: no node:*, no DOM.
 */
import type { TrainPrecision } from '../catalog/schemas.js';
import type { Plan, TrainJob } from '../train/types.js';

/** The fields of an evaluated plan the search reads (a structural subset of train/ TrainResult). */
export interface EvaluatedLike {
  /** Whether the plan fits in memory by the evaluator's own rule. */
  readonly fits: boolean;
  /** Seconds per optimizer step. */
  readonly stepTimeSeconds: number;
  /** Training tokens per second, whole cluster. */
  readonly tokensPerSecond: number;
  /** Model FLOPs utilization, fraction. */
  readonly mfu: number;
  /** Per-accelerator memory. */
  readonly memory: { readonly peakGiB: number };
  /** Whole-run time and money (only when the job has `tokens`). */
  readonly cost?: {
    /** Wall-clock days. */
    readonly days: number;
    /** Cost, USD, or null without a price. */
    readonly costUsd: number | null;
  };
  /** Step-time terms, seconds (free-form; used to explain why a runner-up loses). */
  readonly breakdown?: unknown;
}

/** The training model the search drives. `P` is the evaluator's prepared (per-job) state. */
export interface PlanEvaluator<P = unknown, R extends EvaluatedLike = EvaluatedLike> {
  /** Precomputes everything that depends on the job only. */
  prepareJob(job: TrainJob): P;
  /** Closed-form per-accelerator memory peak, bytes (the evaluator's own peak). */
  memoryPeakBytes(prep: P, plan: Plan): number;
  /** Full evaluation (step time, memory, cost). */
  evaluatePlan(prep: P, plan: Plan): R;
  /** Why a plan is not valid for this job (divisibility, unsupported combination), or null. */
  validatePlan(prep: P, plan: Plan): string | null;
  /** Optional: evaluatePlan for a plan validatePlan has accepted (same result, without validating again). */
  evaluateValidPlan?(prep: P, plan: Plan): R;
  /**
   * Optional: a proven lower bound on the step time evaluatePlan reports for every plan that
   * shares this plan's layout and micro-batch size, whatever its recompute policy and ZeRO stage
   * (the kernel prunes with it; an invalid bound would change answers). Given `beat`, it may
   * return a weaker bound as soon as one exceeds `beat`.
   */
  stepTimeLowerBound?(prep: P, plan: Plan, beat?: number): number;
}

/** What to optimize. */
export type Objective =
  /** Shortest step time (default). */
  | 'time'
  /** Cheapest whole run (needs `tokens`). */
  | 'cost'
  /** Fewest chips that finish `tokens` within `deadlineDays` (a sweep over chip counts). */
  | 'deadline';

/** Search options (all optional). */
export interface SearchOptions {
  /** What to optimize; default 'time'. */
  readonly objective?: Objective;
  /** Memory kept free, fraction of accelerator memory; default 0.1. */
  readonly memoryHeadroom?: number;
  /** How many distinct plans (distinct parallel layouts) to keep; default 5. */
  readonly top?: number;
  /** Keep the Pareto front over step time, cost and memory slack. */
  readonly pareto?: boolean;
  /** Deadline for objective 'deadline', days. */
  readonly deadlineDays?: number;
  /** Precisions to try when the plan does not fix one; default bf16 only (CLI: --precision auto adds fp8). */
  readonly precisions?: readonly TrainPrecision[];
  /** Polled every few hundred plans; returning true stops with the best plan so far. */
  readonly shouldStop?: () => boolean;
  /** Called every few thousand plans with (plans covered, size of the space). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Search only layouts i with i % count === index (for parallel runners). */
  readonly slice?: { readonly index: number; readonly count: number };
  /** Dynamic slicing for parallel runners (overrides `slice`): returns the next unclaimed layout index. */
  readonly claim?: () => number;
  /** Clock, milliseconds (injected; default Date.now). */
  readonly now?: () => number;
}

/** One evaluated plan the search kept. */
export interface Candidate<R extends EvaluatedLike = EvaluatedLike> {
  /** The complete plan. */
  readonly plan: Plan;
  /** Its evaluation. */
  readonly result: R;
  /** Objective value, lower is better (seconds for time, USD for cost). */
  readonly score: number;
  /** Free memory fraction under the headroom limit: 1 − peak / (capacity × (1 − headroom)). */
  readonly memorySlack: number;
}

/** Counters of one search. */
export interface SearchStats {
  /** Canonical candidate plans in the space (after divisibility and deduplication). */
  readonly space: number;
  /** Plans examined (validated and memory-checked; timed if they fit). */
  readonly evaluated: number;
  /** Plans fully evaluated (step time). */
  readonly timed: number;
  /** Plans that fit within the memory limit and were timed successfully. */
  readonly feasible: number;
  /** Plans rejected by validatePlan. */
  readonly invalid: number;
  /** Plans skipped without evaluation by a provably safe memory exit. */
  readonly skipped: number;
  /** Plans skipped because the evaluator's step-time lower bound proves them slower than plans already kept (space = evaluated + skipped + pruned when complete). */
  readonly pruned: number;
  /** Wall time, seconds. */
  readonly seconds: number;
}

/** What a search returns. */
export interface SearchResult<R extends EvaluatedLike = EvaluatedLike> {
  /** The best plan, or null when nothing fits. */
  readonly best: Candidate<R> | null;
  /** The best `top` plans with distinct parallel layouts, best first. */
  readonly top: readonly Candidate<R>[];
  /** Pareto front (time, cost, memory slack), fastest first; empty unless asked. */
  readonly pareto: readonly Candidate<R>[];
  /** Counters. */
  readonly stats: SearchStats;
  /** Stopped early (shouldStop): `best` is the best found so far. */
  readonly interrupted: boolean;
  /** One plan validatePlan rejected, with its reason (helps explain an empty result). */
  readonly invalidExample?: { readonly plan: Plan; readonly reason: string };
}
