/**
 * The searched winner against the plan a lab published for the same job (same model, chip,
 * chip count, sequence and global batch in the catalog's runs): by how much the model calls
 * the winner faster, by which step-time terms, and whether that gain exceeds the family's
 * uncertainty band (docs/search.md §"Against the published plan"). The published plan is
 * evaluated with its own run's software (validate.ts jobSoftwareOfRun) on the user's job.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Run } from '../catalog/schemas.js';
import { prepareJob } from '../train/prepare.js';
import type { Plan, StepBreakdown, TrainJob, TrainResult } from '../train/types.js';
import type { UncertaintyBand } from '../train/uncertainty.js';
import { jobSoftwareOfRun, planForRun } from '../train/validate.js';

/** One step-time term's difference, published − winner, seconds (positive: the winner saves it). */
export interface TermDelta {
  readonly term: keyof StepBreakdown;
  readonly deltaSeconds: number;
}

/** The winner against one published plan. */
export interface PublishedComparison {
  readonly run: string;
  readonly name: string;
  readonly plan: Plan;
  readonly stepTimeSeconds: number;
  /** 1 − winner step ÷ published step (positive: the winner is called faster). */
  readonly gain: number;
  /** Terms that differ by more than 1% of the published step, largest saving first. */
  readonly terms: readonly TermDelta[];
  /** Half the band's relative width, fraction: a gain below it is within the model's error. */
  readonly bandHalfWidth: number | null;
  /** Whether the gain exceeds that half-width (null without a band). */
  readonly exceedsBand: boolean | null;
  /**
   * 'same-job': the run is this job (model, chip, count, sequence, batch). 'same-model-chip': no
   * run is, so the published layout of the nearest-scale run of the same model on the same chip
   * (its tp, pp, cp, ep, vpp, micro-batch, recompute, ZeRO, schedule; dp from this job's count)
   * is evaluated on this job.
   */
  readonly scope: 'same-job' | 'same-model-chip';
  /** Accelerators of the published run. */
  readonly publishedGpus: number;
}

/** The parts of the step (totals and the compute sum left out: its parts say why). */
const parts: readonly (keyof StepBreakdown)[] = ['gemmS', 'attentionS', 'elementwiseS', 'recomputeS', 'tpCommS', 'cpCommS', 'epCommS', 'ppCommS', 'bubbleS', 'dpCommS', 'zero3CommS', 'optimizerS'];

/** Published layouts of the same model on the same chip at other scales that are tried (nearest first). */
const nearestShapes = 2;

/**
 * Compares `best` with every published plan of the same job in the catalog or, when the catalog
 * has none, with the published layouts of the same model and chip at the nearest scales.
 */
export function compareWithPublished(cat: Catalog, job: TrainJob, best: TrainResult, band: UncertaintyBand | null): PublishedComparison[] {
  const sameJob = cat.runs.filter((r) => r.model === job.model.id && r.chip === job.chip.id && r.gpus === job.gpus && r.seq === job.seq && r.globalBatch === job.globalBatch);
  const { framework: _own, ...generic } = job;
  const half = band ? (band.speedRatio[1] - band.speedRatio[0]) / 2 : null;
  const compare = (run: Run, plan: Plan, result: TrainResult, scope: PublishedComparison['scope']): PublishedComparison => {
    const gain = 1 - best.stepTimeSeconds / result.stepTimeSeconds;
    const terms = parts
      .map((term) => ({ term, deltaSeconds: result.breakdown[term] - best.breakdown[term] }))
      .filter((t) => Math.abs(t.deltaSeconds) > 0.01 * result.stepTimeSeconds)
      .sort((a, b) => b.deltaSeconds - a.deltaSeconds);
    return { run: run.id, name: run.name, plan, stepTimeSeconds: result.stepTimeSeconds, gain, terms, bandHalfWidth: half, exceedsBand: half === null ? null : gain > half, scope, publishedGpus: run.gpus };
  };
  const out: PublishedComparison[] = [];
  for (const run of sameJob) {
    const prep = prepareJob({ ...generic, ...jobSoftwareOfRun(run) });
    const { plan, result } = planForRun(prep, run);
    if (Number.isFinite(result.stepTimeSeconds)) out.push(compare(run, plan, result, 'same-job'));
  }
  if (sameJob.length > 0) return out;
  // No run of this job: the nearest-scale published layouts of the same model on the same chip,
  // each needing its tp and pp published and dp free to follow this job's accelerator count.
  const shaped = cat.runs
    .filter((r) => r.model === job.model.id && r.chip === job.chip.id && r.plan.tp !== undefined && r.plan.pp !== undefined)
    .sort((a, b) => Math.abs(Math.log(a.gpus / job.gpus)) - Math.abs(Math.log(b.gpus / job.gpus)) || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  for (const run of shaped) {
    if (out.length >= nearestShapes) break;
    const { dp: _dp, ...layout } = run.plan;
    const prep = prepareJob({ ...generic, ...jobSoftwareOfRun(run) });
    const { plan, result } = planForRun(prep, { ...run, gpus: job.gpus, seq: job.seq, globalBatch: job.globalBatch, plan: layout });
    const key = JSON.stringify(plan);
    if (!result.fits || !Number.isFinite(result.stepTimeSeconds) || seen.has(key) || result.infeasible) continue;
    seen.add(key);
    out.push(compare(run, plan, result, 'same-model-chip'));
  }
  return out;
}
