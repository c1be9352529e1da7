/**
 * The result of a scenario (the `chipbound scenario --json` shape, which the reports, charts and
 * web app render): one row per pool × workload with eligibility, the best plan and its time,
 * money and energy, and a comparison against the fastest option.
 */
import type { Plan } from '../train/types.js';
import type { ServingPlan, WeightPrecision } from '../infer/types.js';
import type { PoolCap } from './allowances.js';
import type { Eligibility } from './rules.js';

/** Step-time shares grouped for a reader: where the time goes, seconds per step. */
export interface TimeSplit {
  /** GEMMs, attention and element-wise kernels (no recompute). */
  readonly computeS: number;
  /** Activation recomputation. */
  readonly recomputeS: number;
  /** Exposed tensor/context-parallel collectives (within a node: NVLink/HCCS). */
  readonly tpCpCommS: number;
  /** Exposed expert-parallel all-to-all (across nodes for large EP). */
  readonly epCommS: number;
  /** Exposed data-parallel and ZeRO-3 traffic plus pipeline sends. */
  readonly dpPpCommS: number;
  /** Pipeline bubble. */
  readonly bubbleS: number;
  /** Optimizer step. */
  readonly optimizerS: number;
}

/** A training prediction on one pool. */
export interface TrainOutcome {
  readonly kind: 'train';
  /** Accelerators used (the pool after any allowance cap). */
  readonly gpus: number;
  /** Best plan, or null when nothing fits. */
  readonly plan: Plan | null;
  /** Why no plan, when none. */
  readonly why: string | null;
  /** Seconds per step. */
  readonly stepTimeSeconds: number | null;
  /** Model FLOPs utilization against the dense BF16 peak. */
  readonly mfu: number | null;
  /** Model FLOPs utilization against the dense peak of the GEMM precision (FP8 peak for FP8 plans; at most 1). */
  readonly mfuPrecisionPeak: number | null;
  /** Training tokens per second per accelerator. */
  readonly tokensPerSecondPerGpu: number | null;
  /** Wall-clock days (goodput included). */
  readonly days: number | null;
  /** Date the run ends: availableFrom + days, YYYY-MM-DD. */
  readonly finishDate: string | null;
  /** Whether it finishes within the workload's deadline (null without a deadline). */
  readonly meetsDeadline: boolean | null;
  /** Accelerator-hours. */
  readonly gpuHours: number | null;
  /** USD (accelerator only) at the pool's rate. */
  readonly costUsd: number | null;
  /** Facility energy, MWh. */
  readonly energyMWh: number | null;
  /** Peak memory per accelerator, GiB, and capacity. */
  readonly memory: { readonly peakGiB: number; readonly capacityGiB: number } | null;
  /** Where the step time goes. */
  readonly split: TimeSplit | null;
  /** Plans the search evaluated. */
  readonly searched: number;
}

/** A serving prediction on one pool. */
export interface ServeOutcome {
  readonly kind: 'serve';
  /** Accelerators in one deployment (instance group) of the best layout. */
  readonly gpusPerDeployment: number | null;
  /** Deployments needed for the traffic (or that fit the pool without a traffic level). */
  readonly deployments: number | null;
  /** Accelerators used: deployments × gpusPerDeployment. */
  readonly gpus: number | null;
  /** Whether the pool has enough accelerators for the traffic. */
  readonly poolSuffices: boolean | null;
  /** Best layout. */
  readonly plan: ServingPlan | null;
  readonly precision: WeightPrecision | null;
  /** Sequences in flight per deployment. */
  readonly batch: number | null;
  /** Why no deployment, when none. */
  readonly why: string | null;
  /** Output tokens per second per accelerator. */
  readonly outputTokensPerSecondPerGpu: number | null;
  /** Output tokens per second the pool (or the traffic's share of it) delivers. */
  readonly outputTokensPerSecond: number | null;
  /** Seconds per output token seen by a user. */
  readonly tpotSeconds: number | null;
  /** Time to first token, seconds. */
  readonly ttftSeconds: number | null;
  /** USD per million output tokens at the pool's rate. */
  readonly usdPerMillionOutputTokens: number | null;
  /** Joules per output token (board power). */
  readonly joulesPerOutputToken: number | null;
}

/** Comparison with the best option for the workload. */
export interface Comparison {
  /** Label of the reference pool (fastest training finish, or cheapest serving). */
  readonly reference: string | null;
  /** This row's days (train) or USD per Mtok (serve) divided by the reference's. */
  readonly ratio: number | null;
  /** Extra days (train) over the reference. */
  readonly extraDays: number | null;
  /** Extra USD over the reference (train: whole run; serve: per million output tokens). */
  readonly extraCostUsd: number | null;
  /** Why the gap, from the model's breakdown and the chips' specs, one sentence each. */
  readonly explanation: readonly string[];
}

/** One pool × workload. */
export interface ScenarioRow {
  /** Pool label. */
  readonly pool: string;
  /** Chip id and name. */
  readonly chip: string;
  readonly chipName: string;
  readonly acquired: string;
  /** Workload label. */
  readonly workload: string;
  readonly eligibility: Eligibility;
  readonly cap: PoolCap;
  /** USD per accelerator-hour and its basis. */
  readonly rate: { readonly usdPerGpuHour: number | null; readonly basis: string };
  /** First day usable. */
  readonly availableFrom: string;
  readonly outcome: TrainOutcome | ServeOutcome;
  readonly comparison: Comparison;
}

/** A scenario's result (one variant of a sweep). */
export interface ScenarioResult {
  readonly name: string;
  readonly question: string | null;
  /** Sweep variant label ('' when not swept). */
  readonly variant: string;
  readonly buyer: { readonly destination: string; readonly date: string; readonly endUser: string; readonly headquarters: string | null; readonly rules: readonly string[] };
  readonly rows: readonly ScenarioRow[];
  /** Assumptions: the file's, then the model's, one sentence each. */
  readonly assumptions: readonly string[];
}

/** What `chipbound scenario --json` prints. */
export interface ScenarioReport {
  /** The scenario file as given on the command line. */
  readonly file: string;
  readonly variants: readonly ScenarioResult[];
}
