/**
 * How far to trust a training answer (docs/training-model.md §"Uncertainty"): the band from
 * the chip family's leave-one-source-out residuals (read from residuals.generated.ts) on every
 * prediction, and for a searched winner the features no validating run used and the comparison
 * with the published plan of the same job. The validation those two need (about 0.1 s) runs once
 * per process, only for a search.
 */
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { compareWithPublished, type PublishedComparison } from '../../core/search/published.js';
import { familyOf } from '../../core/train/calibration.js';
import { prepareJob } from '../../core/train/prepare.js';
import type { TrainJob, TrainResult } from '../../core/train/types.js';
import { uncertaintyBand, untestedFeatures, type UncertaintyBand } from '../../core/train/uncertainty.js';
import { validateCatalog, type ValidationReport } from '../../core/train/validate.js';
import { formatPlan } from '../../core/plan-notation.js';
import { fmt, pct } from '../table.js';

let report: ValidationReport | null = null;

function validation(): ValidationReport {
  report ??= validateCatalog(builtinCatalog());
  return report;
}

/** Runs the validation now (the train command calls it while worker threads search). */
export function prepareTrust(): void {
  validation();
}

/** The uncertainty band of one evaluated plan (null for an invalid plan). */
export function bandOf(job: TrainJob, result: TrainResult): UncertaintyBand | null {
  if (result.infeasible?.code === 'invalid_plan') return null;
  return uncertaintyBand(familyOf(job.chip), result);
}

/** One line for the band. */
export function bandText(b: UncertaintyBand | null): string {
  if (!b) return 'uncertainty: no validated run to estimate it from';
  return `uncertainty (${b.family}, ${b.basis}): step ${fmt(b.stepTimeSeconds[0], 4)}–${fmt(b.stepTimeSeconds[1], 4)} s, MFU ${pct(b.mfu[0])}–${pct(b.mfu[1])}`;
}

/** What a searched winner rests on: untested features and the published plans of the same job. */
export interface WinnerTrust {
  readonly uncertainty: UncertaintyBand | null;
  /** Plan features no in-summary validated run used. */
  readonly untestedFeatures: readonly string[];
  readonly published: readonly PublishedComparison[];
}

export function winnerTrust(job: TrainJob, result: TrainResult): WinnerTrust {
  const band = bandOf(job, result);
  return {
    uncertainty: band,
    untestedFeatures: untestedFeatures(validation(), prepareJob(job), result.plan),
    published: compareWithPublished(builtinCatalog(), job, result, band),
  };
}

const termNames: Record<string, string> = {
  gemmS: 'GEMMs', attentionS: 'attention', elementwiseS: 'element-wise', recomputeS: 'recompute', tpCommS: 'TP comm', cpCommS: 'CP comm', epCommS: 'EP all-to-all',
  ppCommS: 'PP sends', bubbleS: 'bubble', dpCommS: 'DP comm', zero3CommS: 'ZeRO-3 gathers', optimizerS: 'optimizer',
};

export function winnerTrustText(t: WinnerTrust): string {
  const out = [bandText(t.uncertainty)];
  out.push(t.untestedFeatures.length ? `relies on features no validating run used: ${t.untestedFeatures.join('; ')}` : 'every feature of this plan was used by a validating run');
  for (const p of t.published) {
    const terms = p.terms.map((x) => `${termNames[x.term] ?? x.term} ${x.deltaSeconds >= 0 ? '−' : '+'}${fmt(Math.abs(x.deltaSeconds), 3)} s`).join(', ');
    const verdict = p.exceedsBand === null ? '' : p.exceedsBand ? `; the gain exceeds the uncertainty band (±${pct(p.bandHalfWidth ?? 0)})` : `; within the uncertainty band (±${pct(p.bandHalfWidth ?? 0)}): not a reliable gain`;
    const what = p.scope === 'same-job' ? `the published plan of ${p.run}` : `the layout ${p.run} published at ${fmt(p.publishedGpus, 6)} accelerators, on this job (${formatPlan(p.plan)})`;
    out.push(
      p.gain > 0
        ? `vs ${what} (step ${fmt(p.stepTimeSeconds, 4)} s): ${pct(p.gain)} faster by ${terms || 'no single term over 1%'}${verdict}`
        : `vs ${what} (step ${fmt(p.stepTimeSeconds, 4)} s): not faster (${pct(-p.gain)} slower)`,
    );
  }
  return out.join('\n');
}
