/**
 * The calibration fit (docs/training-model.md, "Calibration"): for one chip family and one
 * efficiency field, re-predict every in-summary catalog run of that family over a grid of
 * values (held-out records excluded: they only check generalization) and keep the value with the smallest mean capped error, mean(min(|log(predicted /
 * measured)|, 0.25)) — a robust loss: runs off by more than ~25% (explained outliers) count
 * as a constant and cannot pull the fit. One value per family, never per run. Pure; run it with
 * `npx tsx -e "import('./src/core/train/fit.ts').then(m => console.log(m.fitReport()))"`.
 */
import { builtinCatalog, getChip, type Catalog } from '../catalog/catalog.js';
import { calibrationFor, calibrations, familyOf, type ChipCalibration, type Family } from './calibration.js';
import { hasPublishedDegree, isHeldOut, validateRun, zero3CollectivesOf } from './validate.js';

/** Numeric calibration fields that may be fitted. */
export type FitField = 'gemm' | 'gemmFp8' | 'scaleUp' | 'scaleOut';

/** Result of fitting one field of one family. */
export interface FitResult {
  readonly family: Family;
  readonly field: FitField;
  /** Runs used. */
  readonly runs: number;
  readonly best: number;
  readonly medianAbsLogError: number;
  /** Objective at every grid value. */
  readonly curve: readonly { value: number; medianAbsLogError: number; maxAbsLogError: number; cappedLoss: number }[];
}

/** Loss difference (mean capped |log error|) below which grid values count as equally good. */
export const flatTolerance = 0.001;

/** Fits one field of one family on the catalog runs (FP8 fields use only FP8 runs and vice versa). */
export function fitField(family: Family, field: FitField, grid: readonly number[], cat: Catalog = builtinCatalog(), base: ChipCalibration = calibrations[family]): FitResult {
  const runs = cat.runs.filter((r) => {
    if (r.excludeFromSummary || !hasPublishedDegree(r) || isHeldOut(r) || familyOf(getChip(r.chip, cat)) !== family) return false;
    if (field === 'gemmFp8') return r.plan.precision === 'fp8';
    return true;
  });
  const curve = grid.map((value) => {
    const cal: ChipCalibration = { ...base, [field]: value };
    const errs = runs.map((r) => Math.abs(Math.log(validateRun(r, cat, cal).predicted / r.measured.value))).sort((a, b) => a - b);
    const n = errs.length;
    const med = n === 0 ? 0 : n % 2 ? errs[(n - 1) / 2] : (errs[n / 2 - 1] + errs[n / 2]) / 2;
    return { value, medianAbsLogError: med, maxAbsLogError: n ? errs[n - 1] : 0, cappedLoss: n ? errs.reduce((s, x) => s + Math.min(x, 0.25), 0) / n : 0 };
  });
  // A flat valley (loss within flatTolerance of the minimum, as with few runs that disagree) is
  // resolved by the smallest maximum error, not by the grid's first value.
  const minLoss = Math.min(...curve.map((c) => c.cappedLoss));
  let best = curve[0];
  let bestMax = Infinity;
  for (const c of curve) if (c.cappedLoss <= minLoss + flatTolerance && c.maxAbsLogError < bestMax - 1e-12) ((best = c), (bestMax = c.maxAbsLogError));
  return { family, field, runs: runs.length, best: best.value, medianAbsLogError: best.medianAbsLogError, curve };
}

const grid = (lo: number, hi: number, step: number) => Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => +(lo + i * step).toFixed(3));

/** The grid each fitted field is searched over (shared by fitReport and the leave-one-source-out refit, loso.ts). */
export function fitGrid(field: FitField, family: Family): readonly number[] {
  if (field === 'gemmFp8') return grid(0.45, 0.8, 0.01);
  if (field === 'gemm') return family === 'tpu' ? grid(0.45, 0.9, 0.01) : grid(0.55, 0.9, 0.01);
  return grid(0.5, 1, 0.01);
}

/**
 * The fields calibration.ts fits per chip family, in fitting order (coordinate descent: BF16 GEMM,
 * then FP8 GEMM given it). One list for fitReport and the leave-one-source-out refit (loso.ts), so
 * the two can never fit different things.
 */
export const fittedFields: Readonly<Partial<Record<Family, readonly FitField[]>>> = {
  ampere: ['gemm'],
  hopper: ['gemm', 'gemmFp8'],
  tpu: ['gemm'],
};

/** The fits behind calibration.ts, as text. */
export function fitReport(cat: Catalog = builtinCatalog()): string {
  // Coordinate descent, two rounds, over fittedFields: Ampere GEMM; Hopper BF16 GEMM, then Hopper FP8 GEMM given it; TPU GEMM.
  const lines: string[] = [];
  const current: Partial<Record<Family, ChipCalibration>> = {};
  for (let round = 1; round <= 2; round++) {
    for (const [family, fields] of Object.entries(fittedFields) as [Family, readonly FitField[]][]) {
      for (const field of fields) {
        const f = fitField(family, field, fitGrid(field, family), cat, current[family] ?? calibrations[family]);
        current[family] = { ...(current[family] ?? calibrations[family]), [field]: f.best };
        lines.push(`round ${round}: ${f.family}.${f.field} = ${f.best} over ${f.runs} runs (median |log err| ${f.medianAbsLogError.toFixed(4)}, loss ${f.curve.find((c) => c.value === f.best)?.cappedLoss.toFixed(4)})`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * The flat-style ZeRO-3 overlap (calibration.ts zero3FlatOverlap): every in-summary, fitted run
 * whose software gathers flat (DeepSpeed ZeRO-3 before ZeRO++), re-predicted over 0.5-1.0 with
 * the same robust loss and flat-valley rule as the GEMM fits. One global value.
 */
export function fitZero3FlatOverlap(cat: Catalog = builtinCatalog()): { best: number; runs: number; curve: readonly { value: number; cappedLoss: number; maxAbsLogError: number }[] } {
  const runs = cat.runs.filter((r) => !r.excludeFromSummary && hasPublishedDegree(r) && !isHeldOut(r) && r.plan.zero === 3 && zero3CollectivesOf(r) === 'flat');
  const curve = grid(0.5, 1, 0.01).map((value) => {
    const errs = runs.map((r) => {
      const cal: ChipCalibration = { ...calibrationFor(getChip(r.chip, cat)), zero3FlatOverlap: value };
      return Math.abs(Math.log(validateRun(r, cat, cal).predicted / r.measured.value));
    });
    return { value, cappedLoss: errs.reduce((s, x) => s + Math.min(x, 0.25), 0) / Math.max(1, errs.length), maxAbsLogError: Math.max(0, ...errs) };
  });
  const minLoss = Math.min(...curve.map((c) => c.cappedLoss));
  let best = curve[0];
  for (const c of curve) if (c.cappedLoss <= minLoss + flatTolerance && c.maxAbsLogError < best.maxAbsLogError - 1e-12) best = c;
  if (best.cappedLoss > minLoss + flatTolerance) best = curve.find((c) => c.cappedLoss === minLoss) ?? best;
  return { best: best.value, runs: runs.length, curve };
}
