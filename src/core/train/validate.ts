/**
 * Validation against published runs: re-predict a catalog Run with its published plan and
 * compare the same quantity the source measured, in the source's own definition (its FLOP
 * formula and peak basis). Fields a source omits are filled by the fastest plan that fits
 * memory among the omitted fields' usual values (what a practitioner would tune), and named.
 */
import type { Model, Run } from '../catalog/schemas.js';
import { getChip, getModel, type Catalog } from '../catalog/catalog.js';
import { modelKind, paramCounts } from '../model/architecture.js';
import { familyOf, type ChipCalibration } from './calibration.js';
import { goodput } from './calibration.js';
import { defaultPlan, evaluatePlan } from './evaluate.js';
import { prepareJob, type PreparedJob } from './prepare.js';
import type { Plan, TrainJob, TrainResult } from './types.js';
import { frameworkProfiles, type FrameworkId } from '../frameworks/profiles.js';
import { frameworkIdForRun, paperPredatesFlash, paperPredatesFlash2 } from '../frameworks/for-run.js';
import { planFeatures } from './uncertainty.js';

/** One run re-predicted. */
export interface RunValidation {
  readonly id: string;
  readonly name: string;
  readonly model: string;
  readonly chip: string;
  /** Chip family of the calibration (ampere, hopper, ...). */
  readonly family: string;
  /** dense | moe. */
  readonly kind: 'dense' | 'moe';
  readonly gpus: number;
  /** What the source measured. */
  readonly measure: Run['measured']['kind'];
  readonly measured: number;
  readonly predicted: number;
  /** predicted / measured − 1. */
  readonly error: number;
  /** Plan fields the catalog did not give, with the value used. */
  readonly assumed: readonly string[];
  /** Whether the run counts in the summary. */
  readonly inSummary: boolean;
  /** Why not, when it does not count: the catalog's excludeFromSummary (criterion A and others, reason in its notes) or criterion B (no parallel degree published). */
  readonly excludedBecause?: string;
  /** Held-out record (`heldOut: true` in the catalog): never used for calibration. */
  readonly heldOut: boolean;
  /** The framework profile the run was re-predicted with (null: an in-house stack, generic behaviours). */
  readonly framework: FrameworkId | null;
  /** Plan features the run exercises (uncertainty.ts planFeatures). */
  readonly features: readonly string[];
  readonly plan: Plan;
  readonly result: TrainResult;
}

/** Error statistics of a set of runs. */
export interface ErrorStats {
  readonly count: number;
  /** Median |error|. */
  readonly medianAbsError: number;
  /** Largest |error|. */
  readonly maxAbsError: number;
  /** Mean |error|. */
  readonly meanAbsError: number;
}

/** The validation report. */
export interface ValidationReport {
  readonly runs: readonly RunValidation[];
  /** All in-summary runs. */
  readonly summary: ErrorStats;
  /** In-summary runs the calibration was fitted on (not held out). */
  readonly calibration: ErrorStats;
  /** In-summary held-out runs (never used for calibration): the generalization check. */
  readonly heldOut: ErrorStats;
  readonly byFamily: Readonly<Record<string, ErrorStats>>;
  readonly byKind: Readonly<Record<string, ErrorStats>>;
  /** Global parameters used (goodput). */
  readonly notes: readonly string[];
}

/** FLOPs per token as the source counts them (formulas.md §3.1). */
export function sourceFlopsPerToken(formula: string | undefined, m: Model, seq: number, ours: number): number {
  const f = formula ?? '';
  const { hidden: h, layers: L, vocab: V } = m;
  // Megatron 2021 Eq. 3 (with recompute): 96·L·h²(1 + s/6h + V/16Lh) per token.
  if (/Eq\.?\s*3|96B/.test(f)) return 96 * L * h * h * (1 + seq / (6 * h) + V / (16 * L * h));
  if (/\b72B/.test(f)) return 72 * L * h * h * (1 + seq / (6 * h) + V / (12 * L * h));
  if (/\b6N\b/.test(f) && !/attention|6LHQT/.test(f)) return 6 * paramCounts(m).active;
  return ours;
}

// Unpublished degrees are filled with the fastest plan that fits: TP up to 32 (one TPU pod or NVL72
// rack holds it; across nodes only memory ever makes it the fastest), PP up to 64 (a tiny global
// batch on many accelerators leaves few data-parallel replicas, e.g. NeMo's 1M-token rows).
const tpChoices = [1, 2, 4, 8, 16, 32];
const ppChoices = [1, 2, 4, 8, 16, 32, 64];
const mbChoices = [1, 2, 4];
const recomputeChoices = ['none', 'selective', 'full'] as const;

/** The plan for a run: published fields, then the fastest fitting choice for the omitted ones. */
export function planForRun(prep: PreparedJob, run: Run): { plan: Plan; assumed: string[]; result: TrainResult } {
  const p = run.plan;
  // TP across the scale-up domain only when nothing inside it fits (it is never the fastest otherwise).
  const inDomain = tpChoices.filter((t) => t <= prep.gpusPerNode && prep.heads % t === 0);
  const across = tpChoices.filter((t) => t > prep.gpusPerNode && prep.heads % t === 0);
  const pps = p.pp ? [p.pp] : ppChoices.filter((x) => x <= prep.layers);
  const mbs = p.microBatch ? [p.microBatch] : mbChoices;
  const rcs = p.recompute ? [p.recompute] : recomputeChoices;
  let best = null as { plan: Plan; result: TrainResult } | null;
  let fallback = null as { plan: Plan; result: TrainResult } | null;
  const scan = (tps: readonly number[]) => {
    for (const tp of tps)
      for (const pp of pps) {
        const cp = p.cp ?? 1;
        if (prep.gpus % (tp * pp * cp) !== 0) continue;
        const dp = p.dp ?? prep.gpus / (tp * pp * cp);
        if (!p.dp && dp > prep.globalBatch) continue;
        const eps = p.ep ? [p.ep] : prep.moeLayers > 0 ? [1, 2, 4, 8, 16, 32, 64].filter((e) => prep.experts % e === 0 && (dp * cp * tp) % e === 0) : [1];
        // An unpublished schedule may be interleaved where the framework has it (Megatron-LM and its descendants, not DeepSpeed's pipeline engine).
        const interleavable = prep.profile?.schedules.includes('interleaved') ?? false;
        const schedule = p.schedule ?? (p.vpp && p.vpp > 1 ? 'interleaved' : interleavable && !p.vpp ? 'interleaved' : '1f1b');
        const vpps = p.vpp ? [p.vpp] : schedule === 'interleaved' && pp > 1 ? [1, 2, 3, 4, 6, 8].filter((v) => pp * v <= prep.layers) : [1];
        for (const ep of eps)
          for (const vpp of vpps)
            for (const microBatch of mbs)
              for (const recompute of rcs) {
                const plan = defaultPlan(prep, { ...p, tp, pp, dp, cp, ep, vpp, microBatch, recompute, schedule: vpp > 1 ? 'interleaved' : schedule === 'interleaved' ? '1f1b' : schedule });
                const result = evaluatePlan(prep, plan);
                if (result.infeasible?.code === 'invalid_plan') continue;
                if (result.fits && (!best || result.stepTimeSeconds < best.result.stepTimeSeconds)) best = { plan, result };
                if (!fallback || result.memory.peakGiB < fallback.result.memory.peakGiB) fallback = { plan, result };
              }
      }
  };
  scan(p.tp ? [p.tp] : inDomain);
  if (!best && !p.tp) scan(across);
  const chosen = best ?? fallback;
  if (!chosen) {
    const plan = defaultPlan(prep, p);
    return { plan, assumed: ['no valid plan from the published fields; defaults used'], result: evaluatePlan(prep, plan) };
  }
  const assumed: string[] = [];
  const given = p as Record<string, unknown>;
  for (const k of ['tp', 'pp', 'dp', 'cp', 'ep', 'vpp', 'microBatch', 'recompute', 'zero', 'precision', 'schedule', 'sequenceParallel'] as const) {
    if (given[k] === undefined) assumed.push(`${k}=${String(chosen.plan[k])}`);
  }
  return { ...chosen, assumed };
}

/** FlashAttention (Dao et al.) is arXiv 2205.14135: a run whose primary paper predates it used unfused attention. */
export function predatesFlashAttention(run: Run): boolean {
  return paperPredatesFlash(run.sources);
}

/**
 * Whether a run used unfused (pre-FlashAttention) attention: the plan's optional
 * `flashAttention` field when given (for runs trained before FlashAttention whose paper came
 * later: GLM-130B, BLOOM), else whether its primary paper predates FlashAttention. Such runs are
 * modeled with dropout too (the GPT-3-era recipe).
 */
export function unfusedAttention(run: Run): boolean {
  const given = run.plan.flashAttention;
  return typeof given === 'boolean' ? !given : predatesFlashAttention(run);
}

/**
 * Adam moment precision of a run: the plan's optional `optimizerMoments` field (runPlanSchema),
 * else BF16 when the run's text says so, else FP32.
 */
export function optimizerMomentsOf(run: Run): 'fp32' | 'bf16' {
  const given = run.plan.optimizerMoments;
  if (given === 'bf16' || given === 'fp32') return given;
  const text = `${run.notes ?? ''} ${run.assumptions.join(' ')}`;
  return /BF16 (optimizer |Adam )?moments/i.test(text) ? 'bf16' : 'fp32';
}

/**
 * The framework profile of a run (src/core/frameworks/for-run.ts): the release named by its
 * framework field and the date of its primary paper; null for in-house stacks that are none of
 * the nine profiles. `override` (validate --framework) replaces it for every run.
 */
export function frameworkOfRun(run: Run, override?: FrameworkId): FrameworkId | null {
  return override ?? frameworkIdForRun(run.framework, run.sources);
}

/**
 * ZeRO-3 collective style of a run: the plan's optional `zero3Collectives` field, else its
 * framework profile's ('flat' for DeepSpeed ZeRO-3 before ZeRO++, arXiv 2306.10209), else
 * 'hierarchical'.
 */
export function zero3CollectivesOf(run: Run, override?: FrameworkId): 'hierarchical' | 'flat' {
  const given = run.plan.zero3Collectives;
  if (given === 'flat' || given === 'hierarchical') return given;
  const id = frameworkOfRun(run, override);
  return id ? frameworkProfiles[id].zero3Collectives : 'hierarchical';
}

/**
 * The software fields of a run's job: its framework profile (one mechanism with `train
 * --framework`), then the run's own facts where its record gives them: `flashAttention` in the
 * plan, or a primary paper that predates FlashAttention (unfused attention and the GPT-3-era
 * dropout), BF16 moments, the ZeRO-3 collective style. Runs of in-house stacks (no profile)
 * cache FP8 GEMM inputs and dispatch every routed copy, like Transformer Engine and
 * Megatron-core (docs/training-model.md §3.2).
 */
export function jobSoftwareOfRun(run: Run, override?: FrameworkId): Partial<TrainJob> {
  const framework = frameworkOfRun(run, override);
  const given = run.plan.flashAttention;
  const unfused = typeof given === 'boolean' ? !given : predatesFlashAttention(run) ? true : undefined;
  const dropout = run.plan.dropout;
  return {
    ...(framework ? { framework } : { fp8Activations: 'gemm-inputs' as const, moeDispatch: 'per-copy' as const, ppScatterGather: true }),
    ...(unfused !== undefined ? { flashAttention: !unfused, dropout: unfused } : {}),
    ...(typeof dropout === 'boolean' ? { dropout } : {}),
    // A fused-attention run whose primary paper predates FlashAttention-2 ran FlashAttention-1 (or
    // an equivalent kernel such as xformers' of 2022-23, which Dao 2023 Fig. 4 measures alongside).
    ...(unfused !== true && paperPredatesFlash2(run.sources) ? { flashAttentionVersion: 1 as const } : {}),
    optimizerMoments: optimizerMomentsOf(run),
    zero3Collectives: zero3CollectivesOf(run, override),
    ...(run.plan.zero3ShardGroup ? { zero3ShardGroup: run.plan.zero3ShardGroup } : {}),
  };
}

/** Re-predicts one run and compares the measured quantity. */
export function validateRun(run: Run, cat: Catalog, calibration?: ChipCalibration, framework?: FrameworkId): RunValidation {
  const model = getModel(run.model, cat);
  const chip = getChip(run.chip, cat);
  const prep = prepareJob({ model, chip, gpus: run.gpus, gpusPerNode: run.gpusPerNode, scaleOutGbps: run.scaleOutGbps, seq: run.seq, globalBatch: run.globalBatch, ...jobSoftwareOfRun(run, framework) }, calibration);
  const { plan, assumed, result } = planForRun(prep, run);
  const ms = run.measured;
  const t = result.stepTimeSeconds;
  const tokensPerStep = run.seq * run.globalBatch;
  const peakBasis = (ms.peakBasisTflops ?? (chip.tflops.bf16 ?? chip.tflops.fp16 ?? 0)) * 1e12;
  const srcFlops = sourceFlopsPerToken(ms.flopFormula, model, run.seq, prep.flopsPerToken) * tokensPerStep;
  // An HFU record without Megatron's Eq. 3 counts the recomputed forward pass on top of model FLOPs.
  const hwFactor = ms.kind === 'hfu' && !/Eq\.?\s*3|96B/.test(ms.flopFormula ?? '') && plan.recompute === 'full' ? 4 / 3 : 1;
  const avg = ms.wholeRunAverage ? goodput : 1;
  let predicted: number;
  switch (ms.kind) {
    case 'step_time_s':
      predicted = t / avg;
      break;
    case 'tokens_per_sec_per_gpu':
      predicted = (result.tokensPerSecondPerGpu * avg);
      break;
    case 'mfu':
    case 'hfu':
      predicted = ((srcFlops * hwFactor) / (t * run.gpus * peakBasis)) * avg;
      break;
    case 'tflops_per_gpu':
      predicted = ((srcFlops * hwFactor) / (t * run.gpus) / 1e12) * avg;
      break;
    case 'gpu_hours_per_trillion_tokens':
      predicted = (1e12 / (result.tokensPerSecond * avg)) * run.gpus / 3600;
      break;
  }
  return {
    id: run.id,
    name: run.name,
    model: run.model,
    chip: run.chip,
    family: familyOf(chip),
    kind: modelKind(model),
    gpus: run.gpus,
    measure: ms.kind,
    measured: ms.value,
    predicted,
    error: predicted / ms.value - 1,
    assumed,
    inSummary: !run.excludeFromSummary && hasPublishedDegree(run),
    ...(run.excludeFromSummary
      ? { excludedBecause: 'catalog excludeFromSummary (see the run notes)' }
      : hasPublishedDegree(run)
        ? {}
        : { excludedBecause: 'criterion B: no parallel degree published, so the prediction is the fastest fitting plan, a bound' }),
    heldOut: isHeldOut(run),
    framework: frameworkOfRun(run, framework),
    features: planFeatures(prep, plan),
    plan,
    result,
  };
}

/**
 * Criterion B of docs/validation.md: a run counts in the error summary only when at least one
 * parallel degree (tp, pp, dp or ep) is published. Without any, the re-prediction is the fastest
 * plan that fits memory — an upper bound on speed, not a prediction of the run — so it is shown
 * but not counted. Applied in code, to every run alike (held-out ones included).
 */
export function hasPublishedDegree(run: Run): boolean {
  const p = run.plan;
  return p.tp !== undefined || p.pp !== undefined || p.dp !== undefined || p.ep !== undefined;
}

/** Whether a run is a held-out record (extra catalog field `heldOut: true`). */
export function isHeldOut(run: Run): boolean {
  return run.heldOut === true;
}

/** Median/max/mean absolute error of a set. */
export function errorStats(errors: readonly number[]): ErrorStats {
  const a = errors.map(Math.abs).sort((x, y) => x - y);
  const n = a.length;
  const median = n === 0 ? 0 : n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  return { count: n, medianAbsError: median, maxAbsError: n ? a[n - 1] : 0, meanAbsError: n ? a.reduce((s, x) => s + x, 0) / n : 0 };
}

function groupStats(rows: readonly RunValidation[], key: (r: RunValidation) => string): Record<string, ErrorStats> {
  const groups: Record<string, number[]> = {};
  for (const r of rows) (groups[key(r)] ??= []).push(r.error);
  const out: Record<string, ErrorStats> = {};
  for (const k of Object.keys(groups).sort()) out[k] = errorStats(groups[k]);
  return out;
}

/** Re-predicts every run of the catalog (or the given ids) and summarizes; `framework` overrides every run's profile. */
export function validateCatalog(cat: Catalog, ids?: readonly string[], framework?: FrameworkId): ValidationReport {
  const runs = cat.runs.filter((r) => !ids || ids.includes(r.id)).map((r) => validateRun(r, cat, undefined, framework));
  const inSummary = runs.filter((r) => r.inSummary);
  return {
    runs,
    summary: errorStats(inSummary.map((r) => r.error)),
    calibration: errorStats(inSummary.filter((r) => !r.heldOut).map((r) => r.error)),
    heldOut: errorStats(inSummary.filter((r) => r.heldOut).map((r) => r.error)),
    byFamily: groupStats(inSummary, (r) => r.family),
    byKind: groupStats(inSummary, (r) => r.kind),
    notes: [
      `whole-run averages (GPU-hours per token) are compared at the predicted steady-state rate × goodput ${goodput} (one global value, calibration.ts)`,
      'plan fields a source omits are filled with the fastest plan that fits memory among their usual values (listed per run)',
    ],
  };
}
