/**
 * Link to planning (issue #10 item 4): the training jobs that reproduce a race model's training
 * on its reported chips and on the alternatives a lab could have used (H800, H100, H20, Ascend
 * 910B), as TrainJob inputs and as `chipbound train` command lines. Shapes come from the catalog:
 * the architecture (data/models), the published run (data/runs: chips, count, sequence, batch,
 * plan), else stated defaults.
 */
import type { Chip, Model, PublishedPlan, Run, TrainPrecision } from '../catalog/schemas.js';
import type { Plan } from '../train/types.js';
import type { RaceEntry } from './schema.js';

/** Chips every reproduction is compared on (the export-control story: full Hopper, its China cut, the compliant H20, the domestic Ascend). */
export const ALTERNATIVE_CHIPS = ['nvidia-h800-sxm5-80gb', 'nvidia-h100-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b'] as const;

/**
 * Default global batch when no run is published, tokens: 4M (GPT-3 175B used 3.2M, Llama 3 405B
 * started at 4M; Brown et al. 2020 Table 2.1, Dubey et al. 2024 Sec. 3.4.1). Stated, not fitted.
 */
export const DEFAULT_BATCH_TOKENS = 4 * 2 ** 20;
/** Default sequence when neither a run nor the model gives one, tokens. */
export const DEFAULT_SEQ = 4096;
/** Default accelerator count when the source gives none. */
export const DEFAULT_GPUS = 2048;

/** One job to evaluate. */
export interface ReproJob {
  /** 'reported' (the source's chips) or 'alternative'. */
  readonly kind: 'reported' | 'alternative';
  /** Catalog chip id. */
  readonly chip: string;
  /** Accelerators (same count as reported, so the chips compare one for one). */
  readonly gpus: number;
  /** Sequence length, tokens. */
  readonly seq: number;
  /** Global batch, sequences. */
  readonly globalBatch: number;
  /** Tokens to train. */
  readonly tokens: number;
  /** Plan published with the run (reported chips only), if any. */
  readonly plan: PublishedPlan | null;
  /** GEMM precision searched: the published run's, else BF16; BF16 on chips without FP8. */
  readonly precision: TrainPrecision;
  /** The `chipbound train` command line. */
  readonly command: string;
}

/** A reproduction recipe. */
export interface Reproduction {
  /** Race entry id. */
  readonly id: string;
  /** Catalog model id, or null when the architecture is not in the catalog. */
  readonly model: string | null;
  /** Catalog run the shapes came from, if any. */
  readonly run: string | null;
  /** Jobs: the reported chips first, then the alternatives. */
  readonly jobs: readonly ReproJob[];
  /** Where each input came from, and what was assumed. */
  readonly basis: readonly string[];
}

/** The `chipbound train` command line for a job (flags of src/cli/commands/train.ts), with the plan's flags when given. */
export function trainCommand(model: string, j: Omit<ReproJob, 'command' | 'kind' | 'plan'>, plan?: Partial<Plan> | null): string {
  const tokens = j.tokens > 0 ? [`--tokens ${j.tokens.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e')}`] : [];
  const parts = ['chipbound train', `--model ${model}`, `--chip ${j.chip}`, `--gpus ${j.gpus}`, `--seq ${j.seq}`, `--global-batch ${j.globalBatch}`, ...tokens];
  const p = plan ?? {};
  const flag = (name: string, v: unknown) => (v === undefined || v === null ? [] : [`--${name} ${String(v)}`]);
  parts.push(
    ...flag('tp', p.tp), ...flag('pp', p.pp), ...flag('dp', p.dp), ...flag('cp', p.cp), ...flag('ep', p.ep), ...flag('vpp', p.vpp),
    ...flag('micro-batch', p.microBatch), ...flag('recompute', p.recompute), ...flag('zero', p.zero),
    `--precision ${p.precision ?? j.precision}`, ...flag('schedule', p.schedule),
    ...flag('sequence-parallel', p.sequenceParallel === undefined ? undefined : p.sequenceParallel ? 'on' : 'off'),
  );
  return parts.join(' ');
}

/** Builds the reproduction for one entry. */
export function reproduction(entry: RaceEntry, cat: { readonly models: readonly Model[]; readonly runs: readonly Run[]; readonly chips: readonly Chip[] }): Reproduction {
  const basis: string[] = [];
  const model = entry.architectureModel ? (cat.models.find((m) => m.id === entry.architectureModel) ?? null) : null;
  if (!model) {
    return { id: entry.id, model: null, run: null, jobs: [], basis: [entry.architectureModel ? `architecture '${entry.architectureModel}' is not in the model catalog` : 'no catalog architecture for this model (undisclosed or not added)'] };
  }
  const related = entry.relatedRuns ?? [];
  // The entry's own run links first (in the entry's order), else a catalog run of the same architecture on the reported chip.
  const run = related.map((id) => cat.runs.find((r) => r.id === id)).find((r) => r !== undefined) ?? cat.runs.find((r) => r.model === model.id && r.chip === entry.chips?.chip) ?? null;
  // Chips reported for a post-training stage only (R1, MiniMax-M1 RL) do not size a pre-training run.
  const stageOnly = entry.chips ? /RL|post-training stage only/i.test(entry.chips.scope) : false;
  if (stageOnly) basis.push(`reported chips cover only: ${entry.chips?.scope}; their count is not used for pre-training`);
  const reportedChip = entry.chips?.chip ?? run?.chip ?? null;
  const reportedCount = stageOnly ? null : (entry.chips?.count ?? null);
  const gpus = reportedCount ?? run?.gpus ?? DEFAULT_GPUS;
  basis.push(reportedCount ? `gpus ${gpus}: reported (data/race/${entry.id}.yaml chips.count)` : run ? `gpus ${gpus}: from run ${run.id}` : `gpus ${gpus}: not published; default ${DEFAULT_GPUS}`);
  const seq = run?.seq ?? model.contextLength ?? DEFAULT_SEQ;
  basis.push(run ? `seq ${seq}, global batch ${run.globalBatch}: run ${run.id}` : `seq ${seq}: ${model.contextLength ? 'model context length' : 'default'}; global batch ${Math.round(DEFAULT_BATCH_TOKENS / seq)} = 4M tokens (default)`);
  const globalBatch = run?.globalBatch ?? Math.max(1, Math.round(DEFAULT_BATCH_TOKENS / seq));
  const tokens = entry.trainingTokens ?? 0;
  if (!entry.trainingTokens) basis.push('training tokens not published: days and GPU-hours cannot be computed');
  else basis.push(`tokens ${entry.trainingTokens.toExponential(3)}: data/race/${entry.id}.yaml trainingTokens`);
  if (entry.estimated.includes('trainingTokens')) basis.push('training tokens are an estimate (see the entry)');
  const chips: string[] = [];
  if (reportedChip && cat.chips.some((c) => c.id === reportedChip)) chips.push(reportedChip);
  else basis.push('training chips not published: only the alternatives are shown');
  for (const c of ALTERNATIVE_CHIPS) if (!chips.includes(c) && cat.chips.some((x) => x.id === c)) chips.push(c);
  const wanted: TrainPrecision = run?.plan.precision ?? 'bf16';
  basis.push(run?.plan.precision ? `precision ${wanted}: run ${run.id} (the same on every chip, BF16 where a chip has no FP8)` : 'precision bf16 (no published run precision), on every chip');
  const jobs = chips.map((chip, i): ReproJob => {
    const kind = i === 0 && chip === reportedChip ? 'reported' : 'alternative';
    const plan = kind === 'reported' && run && run.chip === chip ? run.plan : null;
    const hasFp8 = Boolean(cat.chips.find((c) => c.id === chip)?.tflops.fp8);
    const precision: TrainPrecision = wanted === 'fp8' && !hasFp8 ? 'bf16' : wanted;
    const j = { chip, gpus, seq, globalBatch, tokens, plan, precision };
    return { kind, ...j, command: trainCommand(model.id, j, plan) };
  });
  return { id: entry.id, model: model.id, run: run?.id ?? null, jobs, basis };
}
