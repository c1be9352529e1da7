/**
 * Uncertainty of a training prediction, from the validation residuals of its chip family
 * (docs/training-model.md §"Uncertainty"): every in-summary published run of the family is
 * re-predicted (validate.ts) and its error is turned into a speed ratio, predicted speed ÷
 * measured speed, whatever quantity the source measured. The band of a new prediction is the
 * central 80% of those ratios applied to its step time (all of them when the family has fewer
 * than five runs). No run is refitted; the band says how far the model has been off, not why.
 * Also here: the plan features the validating runs used, so a searched winner can say which
 * of its features no published run has tested.
 */
import type { Plan, TrainResult } from './types.js';
import type { PreparedJob } from './prepare.js';
import type { RunValidation, ValidationReport } from './validate.js';
import { groupSpan } from '../cluster/topology.js';

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

/** The speed-ratio range of a family's in-summary runs (all families pooled when it has none), or null without runs. */
export function familyRatios(report: ValidationReport, family: string): { family: string; ratios: number[] } | null {
  const inSummary = report.runs.filter((r) => r.inSummary);
  let rows = inSummary.filter((r) => r.family === family);
  let fam = family;
  if (rows.length === 0) {
    rows = inSummary;
    fam = `all families (no validated ${family} run)`;
  }
  if (rows.length === 0) return null;
  return { family: fam, ratios: rows.map(speedRatio).sort((a, b) => a - b) };
}

/** The band of one evaluated plan; null when no run validates anything. */
export function uncertaintyBand(report: ValidationReport, family: string, result: TrainResult): UncertaintyBand | null {
  const fr = familyRatios(report, family);
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
    basis: central ? `central 80% of ${n} validated runs' speed ratios (chipbound validate)` : `full range of ${n} validated runs' speed ratios (chipbound validate)`,
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
