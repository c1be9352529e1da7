/**
 * The searched winner against the plan a lab published for the same job (same model, chip,
 * chip count, sequence and global batch in the catalog's runs): by how much the model calls
 * the winner faster, by which step-time terms, and whether that gain exceeds the family's
 * uncertainty band (docs/search.md §"Against the published plan"). The published plan is
 * evaluated with its own run's software (validate.ts jobSoftwareOfRun) on the user's job.
 */
import type { Catalog } from '../catalog/catalog.js';
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
}

/** The parts of the step (totals and the compute sum left out: its parts say why). */
const parts: readonly (keyof StepBreakdown)[] = ['gemmS', 'attentionS', 'elementwiseS', 'recomputeS', 'tpCommS', 'cpCommS', 'epCommS', 'ppCommS', 'bubbleS', 'dpCommS', 'zero3CommS', 'optimizerS'];

/** Compares `best` with every published plan of the same job in the catalog. */
export function compareWithPublished(cat: Catalog, job: TrainJob, best: TrainResult, band: UncertaintyBand | null): PublishedComparison[] {
  const runs = cat.runs.filter((r) => r.model === job.model.id && r.chip === job.chip.id && r.gpus === job.gpus && r.seq === job.seq && r.globalBatch === job.globalBatch);
  const out: PublishedComparison[] = [];
  for (const run of runs) {
    const { framework: _own, ...generic } = job;
    const prep = prepareJob({ ...generic, ...jobSoftwareOfRun(run) });
    const { plan, result } = planForRun(prep, run);
    if (!Number.isFinite(result.stepTimeSeconds)) continue;
    const gain = 1 - best.stepTimeSeconds / result.stepTimeSeconds;
    const terms = parts
      .map((term) => ({ term, deltaSeconds: result.breakdown[term] - best.breakdown[term] }))
      .filter((t) => Math.abs(t.deltaSeconds) > 0.01 * result.stepTimeSeconds)
      .sort((a, b) => b.deltaSeconds - a.deltaSeconds);
    const half = band ? (band.speedRatio[1] - band.speedRatio[0]) / 2 : null;
    out.push({ run: run.id, name: run.name, plan, stepTimeSeconds: result.stepTimeSeconds, gain, terms, bandHalfWidth: half, exceedsBand: half === null ? null : gain > half });
  }
  return out;
}
