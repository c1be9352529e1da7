/**
 * Leave-one-source-out validation (docs/validation.md, "Held-out honesty"): for every source
 * family (one paper, one vendor benchmark suite, one team's reports), refit the calibration
 * without that family's runs — the same fit as calibration.ts (fit.ts: the same fields, grids
 * and robust loss, one coordinate-descent round) — and predict the family's runs with it. The
 * median of those errors is the headline held-out figure: what a user should expect on a run from
 * a source the model has never seen. In-sample error is reported next to it. Pure.
 */
import type { Catalog } from '../catalog/catalog.js';
import { getChip } from '../catalog/catalog.js';
import type { Run } from '../catalog/schemas.js';
import { calibrations, familyOf, type ChipCalibration, type Family } from './calibration.js';
import { fitField, fitGrid, fittedFields } from './fit.js';
import { errorStats, hasPublishedDegree, validateRun, type ErrorStats } from './validate.js';

/**
 * Source families: runs that share a source share the authors' software, cluster and way of
 * measuring, so they are left out together. From the run's `group` (one paper table): table and
 * figure suffixes are dropped (one paper), and groups known to come from the same source merge.
 */
const merges: readonly [RegExp, string][] = [
  [/^nvidia-dgxc-/, 'nvidia-dgxc'],
  [/^llama3(-|$)/, 'llama3'],
  [/^llama1(-|$)/, 'llama1'],
  [/^palm(-|$)/, 'palm'],
  [/^mlperf-/, 'mlperf'],
];

/** The source family of a run (see `merges`). */
export function sourceFamily(run: Run): string {
  const g = (run.group ?? run.id).replace(/-(table|fig)\d+$|-system-table$/, '');
  for (const [re, name] of merges) if (re.test(g)) return name;
  return g;
}

export interface LosoRun {
  readonly id: string;
  readonly source: string;
  readonly family: Family;
  /** In-sample error (calibration fitted with this run's source in the data). */
  readonly inSample: number;
  /** Error with the calibration refitted without this run's source. */
  readonly leaveOut: number;
  /** The refitted values used (only fields that differ from calibration.ts). */
  readonly refit: Readonly<Record<string, number>>;
}

export interface LosoReport {
  readonly runs: readonly LosoRun[];
  readonly inSample: ErrorStats;
  readonly leaveOneSourceOut: ErrorStats;
  /** Per source family: runs, median |error| left out. */
  readonly bySource: Readonly<Record<string, ErrorStats>>;
  readonly sources: number;
}

/** Runs that count in the accuracy summary (criterion B of docs/validation.md). */
const counted = (r: Run) => !r.excludeFromSummary && hasPublishedDegree(r);

/**
 * Refits the fitted fields of one chip family on `cat` (one round, calibration.ts's starting point).
 * Fields with no fitting run keep their value.
 */
export function refitFamily(family: Family, cat: Catalog): ChipCalibration {
  let cal: ChipCalibration = calibrations[family];
  for (const field of fittedFields[family] ?? []) {
    const f = fitField(family, field, fitGrid(field, family), cat, cal);
    if (f.runs > 0) cal = { ...cal, [field]: f.best };
  }
  return cal;
}

/**
 * Leave-one-source-out over every counted run of the catalog. `onSource` reports progress
 * (sources done, total) for callers that show it.
 */
export function leaveOneSourceOut(cat: Catalog, onSource?: (done: number, total: number) => void): LosoReport {
  const runs = cat.runs.filter(counted);
  const sources = [...new Set(runs.map(sourceFamily))].sort();
  const out: LosoRun[] = [];
  sources.forEach((src, i) => {
    const mine = runs.filter((r) => sourceFamily(r) === src);
    const without: Catalog = { ...cat, runs: cat.runs.filter((r) => sourceFamily(r) !== src) };
    const refits = new Map<Family, ChipCalibration>();
    for (const run of mine) {
      const family = familyOf(getChip(run.chip, cat));
      // Only a family whose fitted runs include this source changes when the source is left out.
      const fitsOnSource = fittedFields[family] && mine.some((r) => !r.heldOut && familyOf(getChip(r.chip, cat)) === family);
      if (fitsOnSource && !refits.has(family)) refits.set(family, refitFamily(family, without));
      const cal = refits.get(family);
      const base = calibrations[family];
      const inSample = validateRun(run, cat).error;
      const leaveOut = cal ? validateRun(run, cat, cal).error : inSample;
      const refit: Record<string, number> = {};
      if (cal) for (const f of fittedFields[family] ?? []) if (cal[f] !== base[f]) refit[`${family}.${f}`] = cal[f];
      out.push({ id: run.id, source: src, family, inSample, leaveOut, refit });
    }
    onSource?.(i + 1, sources.length);
  });
  const bySource: Record<string, ErrorStats> = {};
  for (const src of sources) bySource[src] = errorStats(out.filter((r) => r.source === src).map((r) => r.leaveOut));
  return {
    runs: out,
    inSample: errorStats(out.map((r) => r.inSample)),
    leaveOneSourceOut: errorStats(out.map((r) => r.leaveOut)),
    bySource,
    sources: sources.length,
  };
}
