/**
 * Plan-sweep validation (`chipbound validate --sweeps`, docs/validation.md "Plan sweeps"): a
 * planner is judged by the plans it ranks, so for every published sweep (several plans measured
 * on the same model and cluster by one source, data/sweeps/) this re-predicts each row with its
 * published plan and compares the *ratio* between rows with the measured ratio, and whether the
 * order is right. Pure.
 *
 * - A row's rate is its per-accelerator throughput in the source's unit (tokens/s/GPU, model
 *   TFLOPS/GPU, MFU), or global-batch tokens / (step time × GPUs) for step times, so ratios
 *   inside a sweep are throughput ratios whatever the source measured.
 * - Rows that run the same plan and differ only in kernels the planner does not model
 *   (torch.compile, torchtitan async TP, Float8 scaling recipe) are *ties*: the planner predicts
 *   ratio 1; they are reported with their measured spread and kept out of the ratio and order
 *   statistics.
 * - A pair "differs" when the measured ratio is at least 5% away from 1; only those count for order.
 * - torchtitan's "selective layer" checkpointing (full recompute of every 2nd block) has no plan
 *   value of its own here: its step time is the mean of the same plan with full and with no
 *   recompute (half the blocks recompute their forward pass), its memory that of full recompute.
 */
import { builtinCatalog, getRun, type Catalog } from '../catalog/catalog.js';
import type { Run } from '../catalog/schemas.js';
import { isSweepRef, type Sweep, type SweepKernel, type SweepRef, type SweepRow } from '../catalog/sweep-schema.js';
import { errorStats, validateRun, type ErrorStats } from './validate.js';
import type { ChipCalibration } from './calibration.js';
import type { Plan } from './types.js';

/** Measured ratios at least this far from 1 count as a real difference for the order check. */
export const orderThreshold = 0.05;

export interface SweepRowResult {
  readonly id: string;
  readonly name: string;
  /** Measured per-accelerator rate (source unit, or tokens/s/GPU from step times). */
  readonly measuredRate: number;
  readonly predictedRate: number;
  /** Absolute error of this row alone (predicted / measured - 1). */
  readonly error: number;
  /** The plan evaluated (published fields; omitted ones filled by the fastest fitting choice). */
  readonly plan: Plan;
  /** Plan fields the source omitted and the evaluator chose. */
  readonly assumed: readonly string[];
  /** Whether the published plan fits memory in the model (a refusal is a defect to report). */
  readonly fits: boolean;
  readonly peakGiB: number;
  readonly kernel?: SweepKernel;
  readonly planComplete: boolean;
  /** How the row was evaluated when the plan alone cannot say it. */
  readonly method?: string;
}

export interface SweepPair {
  readonly a: string;
  readonly b: string;
  /** rate(b) / rate(a), measured and predicted. */
  readonly measuredRatio: number;
  readonly predictedRatio: number;
  /** predictedRatio / measuredRatio - 1. */
  readonly ratioError: number;
  /** |measuredRatio - 1| >= orderThreshold. */
  readonly differs: boolean;
  /** For differing pairs: the predicted ratio is on the same side of 1 as the measured one. */
  readonly orderRight: boolean;
  /** Same plan, kernel-only difference: a tie for the planner (not counted). */
  readonly tie?: string;
  /** Different plans AND different unmodelled kernels: the measured ratio mixes both (reported, not counted). */
  readonly confounded?: string;
}

export interface SweepResult {
  readonly id: string;
  readonly name: string;
  readonly varies: string;
  readonly rows: readonly SweepRowResult[];
  readonly pairs: readonly SweepPair[];
}

export interface SweepSummary {
  /** Ratio errors of every non-tie pair. */
  readonly ratio: ErrorStats;
  readonly pairs: number;
  readonly ties: number;
  /** Pairs that differ in plan and in unmodelled kernels (not counted). */
  readonly confounded: number;
  readonly differingPairs: number;
  readonly orderRight: number;
  /** orderRight / differingPairs (1 when none differ). */
  readonly orderRightShare: number;
  /** Rows whose published plan does not fit memory in the model. */
  readonly refused: readonly string[];
  /** Absolute per-row error (not the point of sweeps; shown for context). */
  readonly rowError: ErrorStats;
}

export interface SweepReport {
  readonly sweeps: readonly SweepResult[];
  readonly summary: SweepSummary;
  readonly notes: readonly string[];
}

/** The row as a run record, so the training validation evaluates it exactly like data/runs. */
function rowAsRun(row: SweepRow): Run {
  const { recomputeDetail: _r, kernel: _k, planComplete: _p, quote: _q, ...rest } = row;
  return { ...rest, excludeFromSummary: false, heldOut: true } as Run;
}

const everyOtherBlock = (row: SweepRow) => /every 2nd/i.test(row.recomputeDetail ?? '');

/** Per-accelerator rate in a unit shared by all rows of a sweep. */
function rate(run: Run, value: number): number {
  return run.measured.kind === 'step_time_s' ? (run.globalBatch * run.seq) / (value * run.gpus) : run.measured.kind === 'gpu_hours_per_trillion_tokens' ? 1e12 / (value * 3600) : value;
}

function evaluateRow(row: SweepRow | SweepRef, cat: Catalog, calibration?: ChipCalibration): SweepRowResult {
  if (isSweepRef(row)) {
    const run = getRun(row.ref, cat);
    const v = validateRun(run, cat, calibration);
    return { id: run.id, name: run.name, measuredRate: rate(run, v.measured), predictedRate: rate(run, v.predicted), error: rate(run, v.predicted) / rate(run, v.measured) - 1, plan: v.plan, assumed: v.assumed, fits: v.result.fits, peakGiB: v.result.memory.peakGiB, planComplete: true };
  }
  const run = rowAsRun(row);
  const v = validateRun(run, cat, calibration);
  let predicted = rate(run, v.predicted);
  let method: string | undefined;
  if (everyOtherBlock(row) && run.measured.kind === 'tokens_per_sec_per_gpu') {
    const none = validateRun({ ...run, plan: { ...run.plan, recompute: 'none' } }, cat, calibration);
    // Step time is the mean of full and no recompute, so the rate is the harmonic mean of the two rates.
    predicted = 2 / (1 / predicted + 1 / rate(run, none.predicted));
    method = 'every 2nd block recomputed: step time = mean of full and no recompute';
  }
  const measuredRate = rate(run, run.measured.value);
  return {
    id: row.id,
    name: row.name,
    measuredRate,
    predictedRate: predicted,
    error: predicted / measuredRate - 1,
    plan: v.plan,
    assumed: v.assumed,
    fits: v.result.fits,
    peakGiB: v.result.memory.peakGiB,
    ...(row.kernel ? { kernel: row.kernel } : {}),
    planComplete: row.planComplete,
    ...(method ? { method } : {}),
  };
}

const planKey = (row: SweepRow | SweepRef, cat: Catalog): string => {
  const r = isSweepRef(row) ? getRun(row.ref, cat) : row;
  return JSON.stringify([r.model, r.chip, r.gpus, r.seq, r.globalBatch, r.plan, isSweepRef(row) ? '' : (row.recomputeDetail ?? '')]);
};

/**
 * Kernel differences the planner does not model. Tensorwise Float8 is torchtitan's default FP8
 * path (what an FP8 plan means); rowwise scaling is a separate kernel family.
 */
function kernelDifference(a?: SweepKernel, b?: SweepKernel): string[] {
  const parts: string[] = [];
  if ((a?.torchCompile ?? false) !== (b?.torchCompile ?? false)) parts.push('torch.compile');
  if ((a?.asyncTp ?? false) !== (b?.asyncTp ?? false)) parts.push('async TP');
  if ((a?.fp8Recipe === 'rowwise') !== (b?.fp8Recipe === 'rowwise')) parts.push('rowwise Float8 scaling');
  return parts;
}

/** Evaluates one sweep. */
export function validateSweep(sweep: Sweep, cat: Catalog = builtinCatalog(), calibration?: ChipCalibration): SweepResult {
  const rows = sweep.rows.map((r) => evaluateRow(r, cat, calibration));
  const keys = sweep.rows.map((r) => planKey(r, cat));
  const pairs: SweepPair[] = [];
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i];
      const b = rows[j];
      const measuredRatio = b.measuredRate / a.measuredRate;
      const predictedRatio = b.predictedRate / a.predictedRate;
      const differs = Math.abs(measuredRatio - 1) >= orderThreshold;
      const kernels = kernelDifference(a.kernel, b.kernel);
      const tie = keys[i] === keys[j] ? `same plan; differs only in ${kernels.join(' + ') || 'nothing the source reports'} (not modelled): the planner predicts a tie` : undefined;
      const confounded = !tie && kernels.length ? `the plans differ and so do unmodelled kernels (${kernels.join(' + ')})` : undefined;
      pairs.push({
        a: a.id,
        b: b.id,
        measuredRatio,
        predictedRatio: tie ? 1 : predictedRatio,
        ratioError: (tie ? 1 : predictedRatio) / measuredRatio - 1,
        differs,
        orderRight: differs && Math.sign(predictedRatio - 1) === Math.sign(measuredRatio - 1),
        ...(tie ? { tie } : {}),
        ...(confounded ? { confounded } : {}),
      });
    }
  return { id: sweep.id, name: sweep.name, varies: sweep.varies, rows, pairs };
}

/** Evaluates every sweep of the catalog (or the given ids). */
export function validateSweeps(cat: Catalog = builtinCatalog(), ids?: readonly string[], calibration?: ChipCalibration): SweepReport {
  const sweeps = (cat.sweeps ?? []).filter((s) => !ids || ids.includes(s.id)).map((s) => validateSweep(s, cat, calibration));
  const counted = sweeps.flatMap((s) => s.pairs).filter((p) => !p.tie && !p.confounded);
  const differing = counted.filter((p) => p.differs);
  const right = differing.filter((p) => p.orderRight).length;
  const rows = sweeps.flatMap((s) => s.rows);
  return {
    sweeps,
    summary: {
      ratio: errorStats(counted.map((p) => p.ratioError)),
      pairs: counted.length,
      ties: sweeps.flatMap((s) => s.pairs).filter((p) => p.tie).length,
      confounded: sweeps.flatMap((s) => s.pairs).filter((p) => p.confounded).length,
      differingPairs: differing.length,
      orderRight: right,
      orderRightShare: differing.length ? right / differing.length : 1,
      refused: rows.filter((r) => !r.fits).map((r) => r.id),
      rowError: errorStats(rows.map((r) => r.error)),
    },
    notes: [
      'ratio = per-accelerator throughput of row b / row a, measured and predicted; ratio error = predicted / measured - 1',
      `order counts pairs whose measured ratio differs from 1 by at least ${orderThreshold * 100}%`,
      'ties: rows with the same plan that differ only in torch.compile, async TP or rowwise Float8 scaling (kernels the planner does not model) are predicted equal and not counted',
      'confounded: pairs whose plans differ AND whose kernels differ in one of those ways are shown but not counted (the measured ratio mixes a modelled and an unmodelled effect)',
      'rows with planComplete: false (NVIDIA\'s best non-CP plan, degrees unpublished) are predicted as the fastest plan the model finds under the same constraints (cp = 1)',
    ],
  };
}
