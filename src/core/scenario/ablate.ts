/**
 * The efficiency ledger: start from the best plan of a training job and turn each technique off
 * in turn (FP8 -> BF16; DualPipe or another schedule -> 1F1B, which also drops DualPipe's
 * overlap of the expert all-to-all with computation; MoE node-limited routing -> unlimited;
 * the recompute choice -> each other mode), then all of them together. Each row gives two
 * numbers: the same plan with only that change ("same plan"), and the best plan once the
 * technique is unavailable ("re-planned", the search run again), which is what the technique
 * buys. Re-planned rows search a subset of the baseline's space, so none can be faster than
 * the baseline. Pure: the search is injected.
 */
import type { Model } from '../catalog/schemas.js';
import { defaultMemoryHeadroom } from '../search/search-with.js';
import type { SearchOptions } from '../search/types.js';
import { evaluatePlan, prepareJob, type TrainResult } from '../train/evaluate.js';
import type { Plan, TrainJob } from '../train/types.js';
import type { TrainSearch } from './train-workload.js';

/** A job's time and money under one plan. */
export interface LedgerPoint {
  readonly plan: Plan;
  /** Whether the plan fits in memory with the search's headroom (default 10% kept free). */
  readonly fits: boolean;
  readonly stepTimeSeconds: number;
  /** Whole-run days (goodput included), null when it does not fit. */
  readonly days: number | null;
  /** Whole-run USD at the chip's price, or null. */
  readonly costUsd: number | null;
  /** Peak memory per accelerator, GiB. */
  readonly peakGiB: number;
}

/** One technique turned off. */
export interface LedgerRow {
  /** Short name, e.g. 'FP8 -> BF16'. */
  readonly technique: string;
  /** What changes, in words. */
  readonly change: string;
  /** The baseline plan with only this change. */
  readonly samePlan: LedgerPoint;
  /** The best plan without the technique, or null when nothing fits. */
  readonly replanned: LedgerPoint | null;
  /** Re-planned days minus baseline days (what the technique buys), or null. */
  readonly daysSaved: number | null;
  /** Re-planned cost minus baseline cost, USD, or null. */
  readonly usdSaved: number | null;
}

/** The ledger. */
export interface Ledger {
  readonly model: string;
  readonly chip: string;
  readonly gpus: number;
  readonly tokens: number;
  readonly baseline: LedgerPoint;
  readonly rows: readonly LedgerRow[];
  /** What the ledger cannot switch off separately, one sentence each. */
  readonly notes: readonly string[];
}

/** `fits` applies the search's memory headroom, so a same-plan row that fits is one the re-plan could pick. */
function point(r: TrainResult, headroom: number): LedgerPoint {
  const fits = r.fits && r.memory.peakGiB <= r.memory.capacityGiB * (1 - headroom);
  return { plan: r.plan, fits, stepTimeSeconds: r.stepTimeSeconds, days: fits ? (r.cost?.days ?? null) : null, costUsd: fits ? (r.cost?.costUsd ?? null) : null, peakGiB: r.memory.peakGiB };
}

interface Toggle {
  readonly technique: string;
  readonly change: string;
  readonly fixed: Partial<Plan>;
  readonly model?: Model;
}

/** Builds the ledger for `job` (tokens required); `fixed` plan fields are kept in every search. */
export async function ablate(job: TrainJob, search: TrainSearch, opts: { fixed?: Partial<Plan>; search?: SearchOptions } = {}): Promise<Ledger | null> {
  const fixed = opts.fixed ?? {};
  const hasFp8 = job.chip.tflops.fp8 != null;
  const sOpts: SearchOptions = { top: 1, ...opts.search, precisions: hasFp8 ? ['bf16', 'fp8'] : ['bf16'] };
  const base = await search(job, fixed, sOpts);
  if (!base.best) return null;
  const b = base.best.plan;
  const headroom = sOpts.memoryHeadroom ?? defaultMemoryHeadroom;
  const baseline = point(base.best.result, headroom);
  const toggles: Toggle[] = [];
  if (b.precision === 'fp8') toggles.push({ technique: 'FP8 -> BF16', change: 'GEMMs in BF16 instead of FP8', fixed: { precision: 'bf16' } });
  if (b.schedule !== '1f1b') {
    const what = b.schedule === 'dualpipe' ? 'DualPipe (bidirectional pipeline, expert all-to-all hidden behind computation)' : b.schedule;
    toggles.push({ technique: `${b.schedule} -> 1F1B`, change: `${what} replaced by 1F1B`, fixed: { schedule: '1f1b', vpp: 1 } });
  }
  const moe = job.model.moe;
  let unrouted: Model | undefined;
  if (moe?.maxNodesPerToken !== undefined) {
    unrouted = { ...job.model, moe: { ...moe, maxNodesPerToken: undefined } };
    toggles.push({ technique: 'routing limit off', change: `tokens routed to any node instead of at most ${moe.maxNodesPerToken}`, fixed: {}, model: unrouted });
  }
  for (const r of ['none', 'selective', 'full'] as const) {
    if (r !== b.recompute) toggles.push({ technique: `recompute ${b.recompute} -> ${r}`, change: `activation recomputation ${r} instead of ${b.recompute}`, fixed: { recompute: r } });
  }
  const rows: LedgerRow[] = [];
  const run = async (t: Toggle) => {
    const j = t.model ? { ...job, model: t.model } : job;
    const same = { ...b, ...t.fixed } as Plan;
    const samePlan = point(evaluatePlan(prepareJob(j), same), headroom);
    const rp = await search(j, { ...fixed, ...t.fixed }, { ...sOpts, precisions: t.fixed.precision ? [t.fixed.precision] : sOpts.precisions });
    const replanned = rp.best ? point(rp.best.result, headroom) : null;
    rows.push({
      technique: t.technique,
      change: t.change,
      samePlan,
      replanned,
      daysSaved: replanned?.days != null && baseline.days != null ? replanned.days - baseline.days : null,
      usdSaved: replanned?.costUsd != null && baseline.costUsd != null ? replanned.costUsd - baseline.costUsd : null,
    });
  };
  for (const t of toggles) await run(t);
  // Everything off together: BF16, 1F1B, unlimited routing, full recompute (the naive recipe).
  const all: Partial<Plan> = { precision: 'bf16', schedule: '1f1b', vpp: 1, recompute: 'full' };
  await run({ technique: 'all off', change: 'BF16, 1F1B, no routing limit, full recompute', fixed: all, model: unrouted });
  return {
    model: job.model.id,
    chip: job.chip.id,
    gpus: job.gpus,
    tokens: job.tokens ?? 0,
    baseline,
    rows,
    notes: [
      'Communication overlap is not a separate switch in the training model: data-parallel reduction always overlaps the last backward pass, and the expert all-to-all is hidden only by DualPipe (so the DualPipe row carries the overlap).',
      're-planned = the best plan the search finds with the technique unavailable; same plan = the baseline plan with only that change.',
    ],
  };
}
