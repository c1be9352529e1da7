/**
 * Uncertainty of a training prediction, from the validation residuals of its chip family
 * (docs/training-model.md §"Uncertainty"): every in-summary published run of the family is
 * re-predicted (validate.ts) and its error is turned into a speed ratio, predicted speed ÷
 * measured speed, whatever quantity the source measured, with the calibration refitted without
 * the run's source (leave-one-source-out; residuals.ts, generated into residuals.generated.ts).
 * The band of a new prediction is the central 80% of those ratios applied to its step time (all
 * of them when the family has fewer than five runs): it says how far the model has been off on
 * sources it had not seen, not why.
 * Also here: the plan features the validating runs used, so a searched winner can say which
 * of its features no published run has tested.
 */
import type { Plan, TrainResult } from './types.js';
import type { PreparedJob } from './prepare.js';
import type { RunValidation, ValidationReport } from './validate.js';
import { groupSpan } from '../cluster/topology.js';
import type { FamilyResiduals } from './residuals.js';
import { generatedResiduals } from './residuals.generated.js';

/** A band on one prediction. */
export interface UncertaintyBand {
  /** Chip family whose runs gave the residuals. */
  readonly family: string;
  /** In-summary validated runs of the family. */
  readonly runs: number;
  /** Speed ratios (predicted ÷ measured speed) at the band's low and high ends. */
  readonly speedRatio: readonly [number, number];
  /** Step time, seconds, low to high: the prediction times the low and high ratios (a ratio r means the real step took r × the predicted one). */
  readonly stepTimeSeconds: readonly [number, number];
  /** MFU, low to high. */
  readonly mfu: readonly [number, number];
  /** How the band was formed. */
  readonly basis: string;
}

/** Predicted speed ÷ measured speed of a validated run (>1: the model was optimistic). */
export function speedRatio(r: RunValidation): number {
  const inverse = r.measure === 'step_time_s' || r.measure === 'gpu_hours_per_trillion_tokens';
  return inverse ? r.measured / r.predicted : r.predicted / r.measured;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The leave-one-source-out speed ratios of a family's in-summary runs (all families pooled when it
 * has none), sorted, from residuals.generated.ts; null without runs.
 */
export function familyRatios(family: string, residuals: Readonly<Record<string, FamilyResiduals>> = generatedResiduals): { family: string; ratios: readonly number[] } | null {
  const own = residuals[family];
  if (own && own.runs > 0) return { family, ratios: own.leaveOneSourceOut };
  const all = residuals.all;
  return all && all.runs > 0 ? { family: `all families (no validated ${family} run)`, ratios: all.leaveOneSourceOut } : null;
}

/**
 * The band of one evaluated plan; null when no run validates anything. It is the central 80% of
 * the family's leave-one-source-out speed ratios (the error to expect from a source the calibration
 * has not seen; docs/validation.md), the full range below five runs.
 */
export function uncertaintyBand(family: string, result: TrainResult, residuals: Readonly<Record<string, FamilyResiduals>> = generatedResiduals): UncertaintyBand | null {
  const fr = familyRatios(family, residuals);
  if (!fr || !Number.isFinite(result.stepTimeSeconds)) return null;
  const n = fr.ratios.length;
  const central = n >= 5;
  const lo = central ? quantile(fr.ratios, 0.1) : fr.ratios[0];
  const hi = central ? quantile(fr.ratios, 0.9) : fr.ratios[n - 1];
  return {
    family: fr.family,
    runs: n,
    speedRatio: [lo, hi],
    stepTimeSeconds: [result.stepTimeSeconds * lo, result.stepTimeSeconds * hi],
    mfu: [result.mfu / hi, result.mfu / lo],
    basis: `${central ? 'central 80%' : 'full range'} of ${n} validated runs' leave-one-source-out speed ratios (chipbound validate)`,
  };
}

/** Plan features a prediction may rest on (named so a reader can check them against the validating runs). */
export function planFeatures(prep: PreparedJob, plan: Plan): string[] {
  const f: string[] = [];
  const kind = prep.moeLayers > 0 ? 'MoE' : 'dense';
  if (plan.pp > 1) f.push(`${plan.schedule} schedule on a ${kind} model`);
  if (plan.cp > 1) f.push(groupSpan(plan.cp, plan.tp, prep.gpusPerNode).nodes > 1 ? 'CP across nodes' : 'CP within a node');
  if (plan.zero >= 2) f.push(`ZeRO-${plan.zero}${plan.pp > 1 ? ' with PP' : ''}`);
  if (plan.precision === 'fp8') f.push('FP8 GEMMs');
  if (plan.ep > 1 && groupSpan(plan.ep, 1, prep.gpusPerNode).nodes > 1) f.push('EP across nodes');
  if (plan.recompute === 'none' && plan.pp > 1) f.push('no recompute with PP');
  return f;
}

/** Features of `plan` that no in-summary validated run used. */
export function untestedFeatures(report: ValidationReport, prep: PreparedJob, plan: Plan): string[] {
  const seen = new Set<string>();
  for (const r of report.runs) if (r.inSummary) for (const x of r.features) seen.add(x);
  return planFeatures(prep, plan).filter((x) => !seen.has(x));
}
