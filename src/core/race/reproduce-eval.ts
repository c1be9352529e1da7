/**
 * Runs a race model's reproduction (reproduce.ts) through the training model: the published plan
 * on the reported chips (when a catalog run gives one) and the best plan the search finds on
 * every chip, so the chips compare at their own best layout. Pure (search and training model are
 * pure); a few seconds per chip for a 671B MoE on 2048 accelerators.
 */
import type { Chip, Model } from '../catalog/schemas.js';
import { defaultPlan, evaluatePlan, prepareJob } from '../train/evaluate.js';
import type { Plan, TrainJob, TrainResult } from '../train/types.js';
import { searchPlans } from '../search/search.js';
import { trainCommand, type ReproJob, type Reproduction } from './reproduce.js';

/** One evaluated job. */
export interface ReproRow {
  /** Catalog chip id. */
  readonly chip: string;
  /** 'reported' or 'alternative' (from the job). */
  readonly kind: ReproJob['kind'];
  /** 'published plan' (the catalog run's layout) or 'best plan' (search, shortest step time). */
  readonly planSource: 'published plan' | 'best plan';
  /** Accelerators. */
  readonly gpus: number;
  /** The plan evaluated, or null when the search found none that fits. */
  readonly plan: Plan | null;
  /** Plan fits in memory. */
  readonly fits: boolean;
  /** Model FLOPs utilization against dense BF16 peak, fraction (null if no plan). */
  readonly mfu: number | null;
  /** Days for the entry's tokens (null without tokens or plan). */
  readonly days: number | null;
  /** Accelerator-hours for the entry's tokens. */
  readonly gpuHours: number | null;
  /** Why it does not fit, or other remarks. */
  readonly note: string;
  /** The `chipbound train` command line that evaluates exactly this plan (null without a plan). */
  readonly command: string | null;
}

/** A plan in short form, e.g. "TP1 PP16 DP128 EP64 fp8 dualpipe". */
export function planLabel(p: Plan): string {
  return [`TP${p.tp}`, `PP${p.pp}`, `DP${p.dp}`, p.cp > 1 ? `CP${p.cp}` : '', p.ep > 1 ? `EP${p.ep}` : '', p.vpp > 1 ? `VPP${p.vpp}` : '', `mb${p.microBatch}`, `ZeRO-${p.zero}`, p.recompute, p.precision, p.schedule].filter(Boolean).join(' ');
}

function row(model: string, j: ReproJob, planSource: ReproRow['planSource'], plan: Plan | null, r: TrainResult | null, note = ''): ReproRow {
  return {
    chip: j.chip,
    kind: j.kind,
    planSource,
    gpus: j.gpus,
    plan,
    fits: r?.fits ?? false,
    mfu: r ? r.mfu : null,
    days: r?.fits ? (r.cost?.days ?? null) : null,
    gpuHours: r?.fits ? (r.cost?.gpuHours ?? null) : null,
    note: r?.infeasible?.message ?? note,
    command: plan ? trainCommand(model, j, plan) : null,
  };
}

/** Evaluates every job: the published plan where there is one, then the searched best plan. */
export function evaluateReproduction(rep: Reproduction, cat: { readonly models: readonly Model[]; readonly chips: readonly Chip[] }): ReproRow[] {
  const model = cat.models.find((m) => m.id === rep.model);
  if (!model) return [];
  const rows: ReproRow[] = [];
  for (const j of rep.jobs) {
    const chip = cat.chips.find((c) => c.id === j.chip);
    if (!chip) continue;
    const job: TrainJob = { model, chip, gpus: j.gpus, seq: j.seq, globalBatch: j.globalBatch, ...(j.tokens > 0 ? { tokens: j.tokens } : {}) };
    if (j.plan) {
      const prep = prepareJob(job);
      const plan = defaultPlan(prep, j.plan as Partial<Plan>);
      rows.push(row(model.id, j, 'published plan', plan, evaluatePlan(prep, plan)));
    }
    const s = searchPlans(job, { precision: j.precision }, { precisions: [j.precision], top: 1 });
    const best = s.best;
    rows.push(best ? row(model.id, j, 'best plan', best.plan, best.result) : row(model.id, j, 'best plan', null, null, 'no plan fits in memory at this accelerator count'));
  }
  return rows;
}
