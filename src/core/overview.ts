/**
 * The main job on built-in defaults (what `npx chipbound` prints with no command): the seed
 * article's question in numbers. For a buyer in China today: which accelerators the U.S. rules
 * let it have, what DeepSeek-V3's pre-training (14.8T tokens) costs on 2,048 of each, and what
 * serving it costs on H20 versus H100. Every number comes from the same core functions the
 * individual commands use (classify, train, infer), so each line can be reproduced with them.
 */
import type { Chip, Model } from './catalog/schemas.js';
import { getChip, getModel, getRun } from './catalog/catalog.js';
import { classifyChip, type ChipClassification } from './controls/classify.js';
import { prepareJob, evaluatePlan, defaultPlan } from './train/evaluate.js';
import type { Plan, TrainJob } from './train/types.js';
import { defaultFrameworkId, type FrameworkId } from './frameworks/profiles.js';
import { jobSoftwareOfRun } from './train/validate.js';
import type { TrainResult } from './train/types.js';
import { searchPlans } from './search/search.js';
import { searchServing } from './infer/search.js';
import { paramCounts } from './model/architecture.js';
import type { ServingResult } from './infer/types.js';

/** Inputs of the overview (all defaulted). */
export interface OverviewInput {
  /** Classification date, YYYY-MM-DD. */
  readonly date: string;
  /** Buyer's country (ISO-2). */
  readonly destination?: string;
  /** Chips compared. */
  readonly chips?: readonly string[];
  /** Model trained and served. */
  readonly model?: string;
  /** Accelerators per training fleet. */
  readonly gpus?: number;
  /** Training tokens. */
  readonly tokens?: number;
  /**
   * Software profile of the training jobs. Default: for DeepSeek-V3, the software of its published
   * run (DeepSeek's HAI-LLM, with the run's recorded behaviours); for another model, train's default
   * (megatron-lm-2024). Either way the search recommends only plans that software runs.
   */
  readonly framework?: FrameworkId;
  /**
   * Called before each step (a chip's training plan, its serving search), so a caller can show
   * progress; the overview runs synchronously, so this is the only moment it can.
   */
  readonly onProgress?: (step: { readonly done: number; readonly total: number; readonly label: string }) => void;
}

export interface OverviewChip {
  readonly chip: string;
  readonly name: string;
  readonly classification: ChipClassification;
  /** One-line verdict under the rules in force (the strictest). */
  readonly verdict: string;
  readonly train: {
    /** 'published' = the lab's own plan (DeepSeek-V3 report §3.2); 'searched' = chipbound's best plan. */
    readonly planSource: 'published' | 'published, BF16' | 'searched';
    readonly result: TrainResult | null;
    /** Why no result (nothing fits), when result is null. */
    readonly note?: string;
  };
  /** Whether the chip has FP8 tensor cores (its plans may run FP8 GEMMs). */
  readonly fp8: boolean;
  readonly serve: ServingResult | null;
  /** Why no serving deployment met the target, when serve is null. */
  readonly serveNote?: string;
}

export interface Overview {
  readonly date: string;
  readonly destination: string;
  readonly model: string;
  readonly gpus: number;
  readonly tokens: number;
  readonly seq: number;
  readonly globalBatch: number;
  /** The software profile the training rows were evaluated and searched with. */
  readonly framework: FrameworkId;
  readonly serving: { readonly gpus: number; readonly promptTokens: number; readonly outputTokens: number; readonly tpotSeconds: number };
  readonly rows: readonly OverviewChip[];
}

const DEFAULT_CHIPS = ['nvidia-h100-sxm5-80gb', 'nvidia-h800-sxm5-80gb', 'nvidia-h20', 'nvidia-a100-sxm4-80gb', 'huawei-ascend-910b'];

/** The strictest verdict of a classification, as one phrase. */
export function verdictOf(c: ChipClassification): string {
  const inForce = c.classifications.filter((r) => r.status === 'in force');
  const controlled = inForce.filter((r) => r.outcome === 'controlled');
  const policy = inForce.find((r) => r.reviewPolicy)?.reviewPolicy;
  const licence = inForce.some((r) => r.licenceRequired === true);
  if (controlled.length === 0) {
    const undecided = inForce.filter((r) => r.outcome === 'undetermined');
    return undecided.length ? `undetermined (${undecided.map((r) => r.rule).join(', ')}: a needed spec is not public)` : 'not controlled: no licence needed';
  }
  const what = [...new Set(controlled.map((r) => r.eccn))].join(' + ');
  // A chip made outside the U.S. and sold where it is made is not an export: the parameter tests
  // say where it would sit, not that this buyer needs a U.S. licence (controls.md §1.3, GP10 note).
  if (c.notes.some((n) => n.startsWith('foreign-produced'))) return `${what} by its parameters; foreign-produced, so a sale in its home market is not a U.S. export`;
  return `${what}${licence ? ', licence required' : ''}${policy ? ` (${policy})` : ''}`;
}

function publishedPlan(): { plan: Plan; job: Pick<TrainJob, 'seq' | 'globalBatch' | 'optimizerMoments'> } {
  // DeepSeek-V3 report (arXiv 2412.19437) §3.2 and Table 1, as recorded in data/runs/deepseek-v3-pretrain.yaml.
  const run = getRun('deepseek-v3-pretrain');
  const p = run.plan;
  const plan: Plan = {
    tp: p.tp ?? 1,
    pp: p.pp ?? 16,
    dp: p.dp ?? 128,
    cp: p.cp ?? 1,
    ep: p.ep ?? 64,
    vpp: p.vpp ?? 1,
    microBatch: p.microBatch ?? 1,
    recompute: p.recompute ?? 'selective',
    zero: p.zero ?? 1,
    precision: p.precision ?? 'fp8',
    schedule: p.schedule ?? 'dualpipe',
    sequenceParallel: p.sequenceParallel ?? false,
  };
  return { plan, job: { seq: run.seq, globalBatch: run.globalBatch, optimizerMoments: 'bf16' } };
}

/** The software fields of the overview's training jobs (OverviewInput.framework). */
function softwareOf(model: Model, framework?: FrameworkId): Partial<TrainJob> & { framework: FrameworkId } {
  if (framework) return { framework };
  const run = getRun('deepseek-v3-pretrain');
  const own = model.id === run.model ? jobSoftwareOfRun(run) : {};
  return { ...own, framework: own.framework ?? defaultFrameworkId };
}

function trainOn(model: Model, chip: Chip, gpus: number, tokens: number, software: Partial<TrainJob>): OverviewChip['train'] {
  const pub = publishedPlan();
  const job: TrainJob = { model, chip, gpus, tokens, ...pub.job, ...software };
  const prep = prepareJob(job);
  if (model.id === 'deepseek-v3' && gpus === pub.plan.tp * pub.plan.pp * pub.plan.dp * pub.plan.cp) {
    // A chip without FP8 tensor cores runs the same layout in BF16.
    const fp8 = Boolean(chip.tflops.fp8);
    const r = evaluatePlan(prep, defaultPlan(prep, fp8 ? pub.plan : { ...pub.plan, precision: 'bf16' }));
    if (r.fits) return { planSource: fp8 ? 'published' : 'published, BF16', result: r };
  }
  // The published plan does not fit this chip (or another model/count): search the plans the
  // software runs (for DeepSeek-V3 its own HAI-LLM: FP8 and DualPipe available, not imposed).
  const s = searchPlans(job, {}, { precisions: chip.tflops.fp8 ? ['bf16', 'fp8'] : ['bf16'], top: 1 });
  if (!s.best) return { planSource: 'searched', result: null, note: s.invalidExample?.reason ?? 'no plan fits in memory' };
  return { planSource: 'searched', result: s.best.result };
}

/** Computes the overview. Pure; takes about a second or two (two plan searches). */
export function overview(input: OverviewInput): Overview {
  const destination = input.destination ?? 'CN';
  const model = getModel(input.model ?? 'deepseek-v3');
  const gpus = input.gpus ?? 2048;
  const tokens = input.tokens ?? 14.8e12;
  const software = softwareOf(model, input.framework);
  const pub = publishedPlan();
  const serving = { gpus: 16, promptTokens: 1000, outputTokens: 1000, tpotSeconds: 0.05 };
  const ids = input.chips ?? DEFAULT_CHIPS;
  const total = 2 * ids.length;
  const rows = ids.map((id, i): OverviewChip => {
    const chip = getChip(id);
    const classification = classifyChip(chip, { date: input.date, destination });
    input.onProgress?.({ done: 2 * i, total, label: `${chip.name}: training plan` });
    const train = trainOn(model, chip, gpus, tokens, software);
    input.onProgress?.({ done: 2 * i + 1, total, label: `${chip.name}: serving deployment` });
    const s = searchServing({ model, chip, gpus: serving.gpus, promptTokens: serving.promptTokens, outputTokens: serving.outputTokens, tpotSeconds: serving.tpotSeconds, precision: chip.tflops.fp8 ? 'fp8' : 'bf16', top: 1 });
    const serve = s.candidates[0]?.result ?? null;
    const precision = chip.tflops.fp8 ? 'FP8' : 'BF16';
    const weightGB = (paramCounts(model).total * (chip.tflops.fp8 ? 1 : 2)) / 1e9;
    const haveGB = serving.gpus * (chip.memoryGB ?? 0);
    const serveNote = serve ? undefined : weightGB > haveGB ? `${precision} weights ${Math.round(weightGB)} GB > ${serving.gpus} x ${chip.memoryGB} GB` : `no layout meets ${serving.tpotSeconds * 1000} ms per token`;
    return { chip: id, name: chip.name, classification, verdict: verdictOf(classification), train, fp8: Boolean(chip.tflops.fp8), serve, serveNote };
  });
  return { date: input.date, destination, model: model.id, gpus, tokens, seq: pub.job.seq, globalBatch: pub.job.globalBatch, framework: software.framework, serving, rows };
}
