/**
 * Evaluates a scenario: for every pool, the buyer's eligibility under the rules in force and
 * any allowance cap; for every pool × workload, the best plan (training) or deployment
 * (serving) and its days, GPU-hours, cost and energy; then the comparison with the best option.
 * Pure: the plan search and file-based chips/models are injected (the CLI passes its parallel
 * runner and file loader; tests and the browser pass searchPlans and the catalog).
 */
import { getChip, getModel } from '../catalog/catalog.js';
import type { Chip, Model } from '../catalog/schemas.js';
import { goodput } from '../train/calibration.js';
import { evaluatePlan, prepareJob } from '../train/evaluate.js';
import type { TrainJob } from '../train/types.js';
import { ChipboundError } from '../errors.js';
import { planFieldContradiction, planLayoutContradiction, type PlanNames } from '../train/plan-checks.js';
import { powerUtilization, pue } from '../train/cost.js';
import { poolCaps } from './allowances.js';
import { compareRows } from './compare.js';
import { poolRate, pricedChip } from './pricing.js';
import { poolEligibility, rulesFor } from './rules.js';
import { poolLabel, workloadLabel, type Scenario } from './schema.js';
import { serveOutcome, type ServeSearch } from './serve-workload.js';
import { timeSplit, trainJob, trainOutcome, trainSearchSettings, type TrainSearch } from './train-workload.js';
import type { CrossEval } from './compare.js';
import type { ScenarioResult, ScenarioRow } from './types.js';

/** What the evaluation needs from outside. */
export interface ScenarioDeps {
  /** The training plan search. */
  readonly searchTrain: TrainSearch;
  /** The serving deployment search (default: infer/search.ts searchServing). */
  readonly searchServe?: ServeSearch;
  /** Resolves a chip reference (default: the built-in catalog). */
  readonly chip?: (ref: string) => Chip;
  /** Resolves a model reference (default: the built-in catalog). */
  readonly model?: (ref: string) => Model;
  /** The scenario file, to name it in errors (default 'scenario'). */
  readonly file?: string;
  /** Called before each pool × workload with (done, total, what). */
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

/** The model's assumptions for training workloads. */
export const TRAIN_ASSUMPTIONS: readonly string[] = [
  `Training days include a goodput of ${goodput} (${Math.round((1 - goodput) * 100)}% of wall time lost to restarts, evaluation and checkpoints; Llama 3, arXiv 2407.21783 §3.3.4).`,
  `Cost counts accelerators only, at the pool's rate: rented at the hourly rate, purchased or owned at the purchase price amortized over 4 years of continuous use; hosts, network, power and staff are not included.`,
  `Training energy = TDP × ${powerUtilization} average utilization × PUE ${pue} × accelerator-hours.`,
  'Each pool runs a workload on its own (no training across pools of different chips).',
];

/** The model's assumptions for serving workloads. */
export const SERVE_ASSUMPTIONS: readonly string[] = [
  'Serving cost per million output tokens = the pool\'s rate × accelerators × time (prefill and decode) / output tokens, at the batch with the lowest cost that meets the latency bound; no queueing or idle time.',
  'Serving energy per output token is at board power (TDP), an upper bound; the KV cache is kept in BF16.',
];

/** Assumptions every report states. */
export const MODEL_ASSUMPTIONS: readonly string[] = [
  'Eligibility is a model of the U.S. rules (docs/controls.md), not legal advice; rented chips are tested where they sit, because remote access (IaaS) is not an export under the EAR.',
];

/** A workload's plan fields as a scenario file names them; `pool` names the pool in layout reasons. */
function scenarioPlanNames(pool: string): PlanNames {
  return {
    field: (k) => k,
    globalBatch: 'globalBatch',
    framework: 'framework',
    layout: (given, product, gpus, equal) => `plan ${given.map(([k, v]) => `${k}${v}`).join('·')} = ${product} ${equal ? '≠' : 'does not divide the'} ${gpus} accelerators of pool ${pool}`,
  };
}

/**
 * A training workload's plan that contradicts itself, its model or its framework whatever the
 * pool (ep on a dense model, vpp > 1 with 1F1B, a feature the framework lacks) is bad input: throws
 * ChipboundError naming the file and `workloads.N.plan` before any search runs (docs/errors.md).
 * A plan that only mismatches a pool's size is that pool's infeasible row instead.
 */
function checkWorkloadPlans(s: Scenario, pools: readonly { pool: Scenario['pools'][number]; chip: Chip }[], modelOf: (ref: string) => Model, file: string): void {
  for (const [j, w] of s.workloads.entries()) {
    if (w.kind !== 'train' || !w.plan) continue;
    const model = modelOf(w.model);
    for (const { pool, chip } of pools) {
      const { fixed } = trainSearchSettings(w, chip, s.options);
      let prep;
      try {
        prep = prepareJob(trainJob(w, model, chip, Math.max(1, pool.count)));
      } catch {
        continue; // a chip the model cannot run on is reported by the row itself
      }
      const bad = planFieldContradiction(prep, fixed, scenarioPlanNames(poolLabel(pool)));
      if (bad) throw new ChipboundError('invalid_file', `${file}: scenario: workloads.${j}.plan: ${bad}`);
    }
  }
}

/** Evaluates one scenario (one sweep variant). */
export async function evaluateScenario(s: Scenario, deps: ScenarioDeps, variant = ''): Promise<ScenarioResult> {
  const chipOf = deps.chip ?? ((ref: string) => getChip(ref));
  const modelOf = deps.model ?? ((ref: string) => getModel(ref));
  const rules = rulesFor(s.buyer.date, s.buyer.assumeRules);
  const pools = s.pools.map((pool) => ({ pool, chip: chipOf(pool.chip), label: poolLabel(pool) }));
  checkWorkloadPlans(s, pools, modelOf, deps.file ?? 'scenario');
  const caps = poolCaps(pools, s.buyer, rules);
  const chips = new Map(pools.map((p) => [p.label, p.chip] as const));
  const total = pools.length * s.workloads.length;
  const rows: Omit<ScenarioRow, 'comparison'>[] = [];
  const notes = new Set<string>();
  const jobs = new Map<string, TrainJob>();
  let done = 0;
  for (const [i, { pool, chip, label }] of pools.entries()) {
    const eligibility = poolEligibility(pool, chip, s.buyer);
    const cap = caps[i];
    const rate = poolRate(pool, chip);
    const priced = pricedChip(chip, rate);
    const availableFrom = pool.availableFrom ?? s.buyer.date;
    for (const w of s.workloads) {
      deps.onProgress?.(done++, total, `${label} × ${workloadLabel(w)}`);
      const model = modelOf(w.model);
      const base = { pool: label, chip: chip.id, chipName: chip.name, acquired: pool.acquired, workload: workloadLabel(w), eligibility, cap, rate, availableFrom };
      if (w.kind === 'train') {
        if (cap.granted < 1) {
          rows.push({ ...base, outcome: trainOutcome(w, 0, null, availableFrom, rate.usdPerGpuHour, 'the allowance leaves no accelerators') });
          continue;
        }
        const job = trainJob(w, model, priced, cap.granted);
        const { fixed, opts, notes: n } = trainSearchSettings(w, chip, s.options);
        n.forEach((x) => notes.add(x));
        jobs.set(`${label}\u0000${workloadLabel(w)}`, job);
        // A plan that cannot be laid out on this pool's accelerators: say so, not a memory or batch story.
        const layout = w.plan ? planLayoutContradiction(prepareJob(job), fixed, scenarioPlanNames(label)) : null;
        if (layout) {
          rows.push({ ...base, outcome: trainOutcome(w, cap.granted, null, availableFrom, rate.usdPerGpuHour, `infeasible: ${layout}`) });
          continue;
        }
        const r = await deps.searchTrain(job, fixed, opts);
        rows.push({ ...base, outcome: trainOutcome(w, cap.granted, r, availableFrom, rate.usdPerGpuHour, null) });
      } else {
        rows.push({ ...base, outcome: serveOutcome(w, model, priced, cap.granted, deps.searchServe) });
      }
    }
  }
  deps.onProgress?.(total, total, 'done');
  const kinds = new Set(s.workloads.map((w) => w.kind));
  const assumptions = [...s.assumptions, ...(kinds.has('train') ? TRAIN_ASSUMPTIONS : []), ...(kinds.has('serve') ? SERVE_ASSUMPTIONS : []), ...MODEL_ASSUMPTIONS, ...notes];
  if (caps.some((c) => c.allowance)) assumptions.push('Allowance caps count purchased pools only, in file order, against one TPP budget (owned chips are not new exports; rented chips are consigned to the cloud operator).');
  const crossEval: CrossEval = (row, plan) => {
    const job = jobs.get(`${row.pool}\u0000${row.workload}`);
    if (!job) return null;
    const bf16 = plan.precision === 'fp8' && job.chip.tflops.fp8 == null;
    const res = evaluatePlan(prepareJob(job), bf16 ? { ...plan, precision: 'bf16' } : plan);
    if (res.infeasible?.code === 'invalid_plan') return null;
    return { note: bf16 ? ' (in BF16: no FP8 on this chip)' : undefined, fits: res.fits, outcome: { days: res.cost?.days ?? null, stepTimeSeconds: res.stepTimeSeconds, split: timeSplit(res.breakdown) }, needGiB: res.memory.peakGiB, haveGiB: res.memory.capacityGiB };
  };
  return {
    name: s.name,
    question: s.question ?? null,
    variant,
    buyer: { destination: s.buyer.destination, date: s.buyer.date, endUser: s.buyer.endUser, headquarters: s.buyer.headquarters ?? null, rules },
    rows: compareRows(rows, chips, s.options.fastestAmongEligible, crossEval),
    assumptions,
  };
}
