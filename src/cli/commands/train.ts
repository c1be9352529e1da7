// train-cli: ready for search
/**
 * `chipbound train`: evaluates a training plan (memory, step time with its parts, MFU/HFU,
 * and with --tokens the days, GPU-hours, cost and energy). Plan flags that are omitted get
 * the documented defaults of defaultPlan (docs/training-model.md), named in the output.
 */
import type { Command } from 'commander';
import { ChipboundError } from '../../core/errors.js';
import { defaultPlan, evaluatePlan, prepareJob } from '../../core/train/evaluate.js';
import type { Plan, TrainJob, TrainResult } from '../../core/train/types.js';
import { recomputeSchema, scheduleSchema, trainPrecisionSchema, type Recompute, type Schedule, type TrainPrecision } from '../../core/catalog/schemas.js';
import { warn } from '../../io/warn.js';
import { warnGpus, warnTraining } from '../limits.js';
import { bandwidthFlag, choiceFlag, intFlag, limitFlag, planFlag, seqFlag, tokensFlag } from '../flags.js';
import type { PlanNotation } from '../../core/plan-notation.js';
import { emit } from '../output.js';
import { resolveChip, resolveModel } from '../resolve.js';
import { toJson } from '../table.js';
import { renderTrainResult } from './train-view.js';
import { addSearchFlags, gpusOption, runTrainSearch, type TrainSearchFlags } from './train-search.js';
import { trainTargets, type TrainTarget } from '../../core/emit/types.js';
import { checkEmitFlags, deliverLaunch, trainLaunch } from './launch-emit.js';
import { defaultFrameworkId, frameworkIds, frameworkProfiles, type FrameworkId } from '../../core/frameworks/profiles.js';
import { planContradiction } from '../../core/train/plan-checks.js';
import { bandOf, bandText, prepareTrust, winnerTrust, winnerTrustText } from './train-trust.js';

/** Parsed `train` flags. */
export interface TrainOptions extends TrainSearchFlags {
  model?: string;
  chip?: string;
  /** One count, or several (--gpus A..B or A,B,C: a scaling sweep). */
  gpus?: number | number[];
  gpusPerNode?: number;
  scaleOutGbps?: number;
  seq?: number;
  globalBatch?: number;
  tokens?: number;
  tp?: number;
  pp?: number;
  dp?: number;
  cp?: number;
  ep?: number;
  etp?: number;
  vpp?: number;
  microBatch?: number;
  recompute?: Recompute;
  zero?: 0 | 1 | 2 | 3;
  precision?: TrainPrecision | 'auto';
  schedule?: Schedule;
  sequenceParallel?: 'on' | 'off';
  optimizerMoments?: 'fp32' | 'bf16';
  fp8Activations?: 'gemm-inputs' | 'ffn';
  /** --attention: the attention kernel, overriding the profile's (unfused, flash1, flash2). */
  attention?: 'unfused' | 'flash1' | 'flash2';
  /** --zero3-shard-group: ZeRO-3 hybrid sharding group (MiCS, FSDP HYBRID_SHARD). */
  zero3ShardGroup?: number;
  /** --framework: the software profile (default megatron-lm-2024). */
  framework?: FrameworkId;
  json?: boolean;
  /** --emit: launch configuration of the plan (docs/launch.md). */
  emit?: TrainTarget;
  /** --out: folder for the emitted files. */
  out?: string;
  /** --plan "<text>": the one plan notation (core/plan-notation.ts), full or partial. */
  plan?: PlanNotation;
}

/** The plan flags, in Plan field order. */
export const planFlagNames = ['tp', 'pp', 'dp', 'cp', 'ep', 'vpp', 'microBatch', 'recompute', 'zero', 'precision', 'schedule'] as const;

/** Adds the job and plan flags to a command. */
export function addTrainFlags(cmd: Command): Command {
  return cmd
    .requiredOption('--model <id|file>', 'model: catalog id or a YAML/JSON file')
    .requiredOption('--chip <id|file>', 'accelerator: catalog id or a YAML/JSON file')
    .option('--gpus <N>', 'accelerators; a range A..B (powers of two) or a list A,B,C sweeps the counts', gpusOption)
    .option('--gpus-per-node <K>', "accelerators per scale-up domain (default: the chip's scaleUpDomain)", limitFlag('scaleUpDomain', true, '--gpus-per-node'))
    .option('--scale-out-gbps <Gbps>', "scale-out bandwidth per accelerator, Gb/s (default: the chip's)", bandwidthFlag('scaleOutGbps', '--scale-out-gbps'))
    .option('--seq <S>', "sequence length, tokens (default: the model's contextLength)", seqFlag())
    .option('--global-batch <G>', 'global batch, sequences', limitFlag('globalBatch', true, '--global-batch'))
    .option('--tokens <T>', 'tokens to train (adds days, GPU-hours, cost, energy); accepts 15T, 2e12', tokensFlag)
    .option('--tp <n>', 'tensor-parallel degree', intFlag(1, 1_000_000))
    .option('--pp <n>', 'pipeline-parallel degree', intFlag(1, 1_000_000))
    .option('--dp <n>', 'data-parallel degree (default gpus/(tp·pp·cp))', intFlag(1, 10_000_000))
    .option('--cp <n>', 'context-parallel degree', intFlag(1, 1_000_000))
    .option('--ep <n>', 'expert-parallel degree', intFlag(1, 1_000_000))
    .option('--etp <n>', 'expert tensor-parallel degree (MoE: each expert split over etp ranks; default 1, searched over 1 and tp)', intFlag(1, 1_000_000))
    .option('--vpp <n>', 'virtual pipeline stages per device (interleaved)', intFlag(1, 1000))
    .option('--micro-batch <n>', 'micro-batch size, sequences', intFlag(1, 1_000_000))
    .option('--recompute <mode>', `activation recomputation: ${recomputeSchema.options.join(', ')}`, choiceFlag(recomputeSchema.options))
    .option('--zero <stage>', 'ZeRO stage 0-3 (1 = distributed optimizer)', (v: string) => intFlag(0, 3)(v) as 0 | 1 | 2 | 3)
    .option('--precision <p>', `GEMM precision: ${trainPrecisionSchema.options.join(', ')}, or auto (search both)`, choiceFlag([...trainPrecisionSchema.options, 'auto'] as const))
    .option('--schedule <s>', `pipeline schedule: ${scheduleSchema.options.join(', ')}`, choiceFlag(scheduleSchema.options))
    .option('--sequence-parallel <on|off>', 'Megatron sequence parallelism (default on when tp > 1)', choiceFlag(['on', 'off'] as const))
    .option('--optimizer-moments <p>', 'Adam moment precision: fp32 (default) or bf16', choiceFlag(['fp32', 'bf16'] as const))
    .option('--fp8-activations <a>', 'activations FP8 plans cache in FP8: ffn (default: FFN/expert activations, DeepSeek-V3) or gemm-inputs (only FP8 GEMM inputs, Transformer Engine)', choiceFlag(['gemm-inputs', 'ffn'] as const))
    .option('--attention <kernel>', 'attention kernel, overriding the --framework profile: flash2 (FlashAttention-2 or later), flash1 (FlashAttention-1, before July 2023: 0.44-0.56x of flash2), unfused (s×s scores materialised)', choiceFlag(['unfused', 'flash1', 'flash2'] as const))
    .option('--zero3-shard-group <N>', 'ZeRO-3 hybrid sharding: shard over groups of N data-parallel ranks, replicated across groups (MiCS, FSDP HYBRID_SHARD; default: all dp·cp ranks)', intFlag(1, 10_000_000))
    .option('--framework <id>', `software that runs the job: ${frameworkIds.join(', ')} (default ${defaultFrameworkId}; chipbound frameworks lists their behaviours)`, choiceFlag(frameworkIds))
    .option('--plan <text>', `plan in the notation every command prints, full or partial, e.g. "tp8 pp16 dp16 mb1 zero1 rc:selective bf16 1f1b" (single flags such as --tp override it)`, planFlag)
    .option('--json', 'machine-readable output');
}

/** The job from the flags (throws ChipboundError for missing values). */
export function jobFromOptions(o: TrainOptions): TrainJob {
  const model = resolveModel(o.model ?? '');
  const chip = resolveChip(o.chip ?? '');
  if (o.gpus === undefined) throw new ChipboundError('usage', '--gpus: expected the number of accelerators');
  const gpus = typeof o.gpus === 'number' ? o.gpus : o.gpus[0];
  // Flags that would have no effect are refused (docs/errors.md): the user meant something else.
  if (o.deadlineDays !== undefined && o.objective !== 'deadline') throw new ChipboundError('usage', `--deadline-days ${o.deadlineDays}: only used with --objective deadline (fewest chips meeting the deadline); add it or leave --deadline-days out`);
  const precision = o.precision ?? o.plan?.precision;
  if (o.fp8Activations !== undefined && precision === 'bf16') throw new ChipboundError('usage', `--fp8-activations ${o.fp8Activations}: needs --precision fp8 (or auto); with --precision bf16 nothing is stored in FP8`);
  // Left out, the precision is BF16 (docs/search.md): the flag would do nothing (adv3 case 141).
  if (o.fp8Activations !== undefined && precision === undefined) throw new ChipboundError('usage', `--fp8-activations ${o.fp8Activations}: needs --precision fp8 (or auto); without --precision the plan is BF16 and nothing is stored in FP8`);
  if (o.fp8Activations !== undefined && precision === 'auto' && chip.tflops.fp8 == null) throw new ChipboundError('usage', `--fp8-activations ${o.fp8Activations}: ${chip.name} has no FP8 tensor cores (tflops.fp8 is not set), so --precision auto searches BF16 only and nothing is stored in FP8; leave --fp8-activations out`);
  if (o.sequenceParallel === 'on' && o.tp === 1) throw new ChipboundError('usage', '--sequence-parallel on: needs --tp 2 or more (it splits the tensor-parallel group\'s activations); with --tp 1 it does nothing');
  if (o.gpusPerNode !== undefined) {
    for (const g of typeof o.gpus === 'number' ? [o.gpus] : o.gpus) {
      if (g > o.gpusPerNode && g % o.gpusPerNode !== 0) throw new ChipboundError('usage', `--gpus-per-node ${o.gpusPerNode}: ${g} accelerators are not a whole number of nodes (${g} / ${o.gpusPerNode} = ${(g / o.gpusPerNode).toFixed(2)})`);
    }
  }
  // Uneven pipeline stages exist (Megatron-LM --decoder-first/last-pipeline-num-layers) but are not
  // the default layout: say so, and what is modelled (memory and time of the largest stage).
  const pp = o.pp ?? o.plan?.pp;
  const vpp = o.vpp ?? o.plan?.vpp ?? 1;
  if (pp !== undefined && pp > 1 && model.layers % (pp * vpp) !== 0) {
    const chunks = pp * vpp;
    warn(`--pp ${pp}${vpp > 1 ? ` --vpp ${vpp}` : ''}: ${model.layers} layers do not split evenly over ${chunks} ${vpp > 1 ? 'virtual stages' : 'stages'} (${(model.layers / chunks).toFixed(2)} each); modelled with the largest stage (${Math.ceil(model.layers / pp)} layers per rank); Megatron-LM needs uneven-stage settings for this`);
  }
  const domain = chip.scaleUpDomain;
  if (o.gpusPerNode !== undefined && domain != null && o.gpusPerNode > domain) {
    warn(`--gpus-per-node ${o.gpusPerNode} is larger than the scale-up domain of ${chip.name} (${domain} accelerators): modelled as a what-if domain of ${o.gpusPerNode} at the chip's scale-up bandwidth`);
  }
  const seq = o.seq ?? model.contextLength;
  if (seq === undefined) throw new ChipboundError('usage', `--seq: expected a sequence length (model ${model.id} has no contextLength)`);
  if (o.globalBatch === undefined) throw new ChipboundError('usage', '--global-batch: expected the global batch in sequences');
  if (o.tokens !== undefined && o.tokens < seq * o.globalBatch) {
    warn(`--tokens ${o.tokens.toLocaleString('en-US')} is fewer than one global batch (seq ${seq} x ${o.globalBatch} sequences = ${(seq * o.globalBatch).toLocaleString('en-US')} tokens); check the unit (14.8T, 2e12)`);
  }
  // Unit slips (x1000) that each value's bounds let through: 2,048,000 chips, 500T tokens for a 13B model, 128,000 sequences of 4,096 tokens per step.
  const largest = typeof o.gpus === 'number' ? o.gpus : Math.max(...o.gpus);
  warnGpus('--gpus', largest);
  warnTraining({ model, pools: [{ chip, count: largest }], seq, globalBatch: o.globalBatch, ...(o.tokens !== undefined ? { tokens: o.tokens } : {}), names: { tokens: '--tokens', globalBatch: '--global-batch', gpus: '--gpus' } });
  if (o.zero3ShardGroup !== undefined) {
    if (o.zero !== undefined && o.zero !== 3) throw new ChipboundError('usage', `--zero3-shard-group ${o.zero3ShardGroup} needs --zero 3, got --zero ${o.zero}`);
    const fw = frameworkProfiles[o.framework ?? defaultFrameworkId];
    if (!fw.zeroStages.includes(3)) throw new ChipboundError('usage', `--zero3-shard-group needs ZeRO-3, which --framework ${fw.id} does not offer (it offers ZeRO ${fw.zeroStages.join(', ')})`);
  }
  return {
    model,
    chip,
    gpus,
    seq,
    globalBatch: o.globalBatch,
    ...(o.zero3ShardGroup !== undefined ? { zero3ShardGroup: o.zero3ShardGroup } : {}),
    framework: o.framework ?? defaultFrameworkId,
    ...(o.gpusPerNode !== undefined ? { gpusPerNode: o.gpusPerNode } : {}),
    ...(o.scaleOutGbps !== undefined ? { scaleOutGbps: o.scaleOutGbps } : {}),
    ...(o.tokens !== undefined ? { tokens: o.tokens } : {}),
    ...(o.optimizerMoments !== undefined ? { optimizerMoments: o.optimizerMoments } : {}),
    ...(o.fp8Activations !== undefined ? { fp8Activations: o.fp8Activations } : {}),
    ...(o.attention === 'unfused' ? { flashAttention: false } : o.attention ? { flashAttention: true, flashAttentionVersion: o.attention === 'flash1' ? (1 as const) : (2 as const) } : {}),
  };
}

/** The partial plan the flags give. */
export function partialPlan(o: TrainOptions): Partial<Plan> {
  const p: { -readonly [K in keyof Plan]?: Plan[K] } = { ...o.plan };
  for (const k of planFlagNames) if (o[k] !== undefined && o[k] !== 'auto') (p as Record<string, unknown>)[k] = o[k];
  if (o.sequenceParallel !== undefined) p.sequenceParallel = o.sequenceParallel === 'on';
  if (o.etp !== undefined) p.etp = o.etp;
  return p;
}

/** The job fields that open every `train --json` output, evaluated or searched. */
function jobJson(job: TrainJob) {
  return { model: job.model.id, chip: job.chip.id, gpus: job.gpus, seq: job.seq, globalBatch: job.globalBatch, framework: job.framework ?? null };
}

/** Evaluates the plan of the flags (defaults for omitted ones) and renders it. */
export function trainCommand(o: TrainOptions): string {
  const job = jobFromOptions(o);
  const prep = prepareJob(job);
  const partial = partialPlan(o);
  const plan = defaultPlan(prep, partial);
  const defaultsUsed = planFlagNames.filter((k) => partial[k] === undefined);
  // A contradictory plan is bad input (exit 2, one line), not a result (docs/errors.md).
  const bad = planContradiction(prep, partial, plan);
  if (bad) throw new ChipboundError('usage', bad);
  const result = evaluatePlan(prep, plan);
  const launch = o.emit ? trainLaunch(o.emit, job, plan, job.framework) : undefined;
  const uncertainty = bandOf(job, result);
  if (o.json) {
    if (launch && o.out !== undefined) deliverLaunch(launch, o.out);
    return toJson({ ...jobJson(job), defaultsUsed, ...result, uncertainty, ...(launch ? { launch } : {}) });
  }
  const head = `${job.model.name} on ${job.gpus}× ${job.chip.name}, seq ${job.seq}, global batch ${job.globalBatch} sequences, framework ${job.framework}`;
  const note = defaultsUsed.length ? `defaults used for: ${defaultsUsed.join(', ')} (docs/training-model.md)` : '';
  return [head, ...(note ? [note] : []), renderTrainResult(result), '', bandText(uncertainty), ...(launch ? ['', deliverLaunch(launch, o.out)] : [])].join('\n');
}

/** Searches the omitted plan flags (docs/search.md), or sweeps --gpus counts, and renders the best plan. */
export async function trainSearchCommand(o: TrainOptions): Promise<string> {
  const job = jobFromOptions(o);
  const fixed = partialPlan(o);
  const bad = planContradiction(prepareJob(job), fixed);
  if (bad) throw new ChipboundError('usage', bad);
  // Precision is searched only with --precision auto; left out, it is BF16.
  const searched = planFlagNames.filter((k) => fixed[k] === undefined && (k !== 'precision' || o.precision === 'auto'));
  if (searched.length === 0 && !Array.isArray(o.gpus) && o.top !== undefined && o.top > 1 && !o.pareto) throw new ChipboundError('usage', `--top ${o.top}: every plan field is fixed, so there is one plan and no runner-up; leave a field out to search it`);
  if (o.emit && Array.isArray(o.gpus)) throw new ChipboundError('usage', '--emit: needs one --gpus count (a sweep has no single plan)');
  // --emit: the configuration of the best plan (the renderers see it first).
  let best: { job: TrainJob; plan: Plan } | undefined;
  const keep = (j: TrainJob, plan: Plan) => {
    best ??= { job: j, plan };
  };
  const text = await runTrainSearch<TrainResult>(job, fixed, {
    objective: o.objective,
    top: o.top,
    pareto: o.pareto,
    memoryHeadroom: o.memoryHeadroom,
    deadlineDays: o.deadlineDays,
    gpus: Array.isArray(o.gpus) ? o.gpus : undefined,
    precisions: o.precision === 'auto' ? ['bf16', 'fp8'] : undefined,
    json: o.json,
    rejectInvalidFixed: true,
    // The validation behind the winner's uncertainty band runs while the workers search.
    runner: { whileWaiting: prepareTrust },
    render: {
      json: (j, plan, result) => (keep(j, plan), { ...jobJson(j), searched, ...result, uncertainty: bandOf(j, result) }),
      text: (j, plan, result) => (keep(j, plan), renderTrainResult(result)),
      best: (j, result) => {
        const t = winnerTrust(j, result);
        return { json: { untestedFeatures: t.untestedFeatures, published: t.published }, text: winnerTrustText(t) };
      },
    },
  });
  // --precision auto searched both; a BF16 winner stores nothing in FP8: say so (adv3 case 141).
  if (o.fp8Activations !== undefined && best && best.plan.precision === 'bf16') warn(`--fp8-activations ${o.fp8Activations}: the best plan is BF16, so it stores nothing in FP8 (the flag applied to the FP8 plans searched)`);
  if (!o.emit) return text;
  if (!best) return o.json ? toJson({ ...(JSON.parse(text) as Record<string, unknown>), launch: null }) : `${text}\n\n--emit ${o.emit}: no plan found, nothing to emit`;
  const launch = trainLaunch(o.emit, best.job, best.plan, best.job.framework);
  if (o.json) {
    if (o.out !== undefined) deliverLaunch(launch, o.out);
    return toJson({ ...(JSON.parse(text) as Record<string, unknown>), launch });
  }
  return `${text}\n\n${deliverLaunch(launch, o.out)}`;
}

export function registerTrainCommands(program: Command): void {
  addSearchFlags(
    addTrainFlags(program.command('train').description('evaluate a training plan, or search the plan flags left out (docs/training-model.md, docs/search.md)')),
  )
    .option('--emit <target>', `print the launch configuration of the plan: ${trainTargets.join(', ')} (docs/launch.md)`, choiceFlag(trainTargets))
    .option('--out <dir>', 'with --emit: write the configuration files into this folder instead of printing them')
    .action(async (o: TrainOptions) => {
    checkEmitFlags(o);
    // Any plan flag left out, --precision auto, several --gpus counts or a search flag: search (docs/search.md).
    const search =
      planFlagNames.some((k) => (o[k] === undefined && o.plan?.[k] === undefined) || o[k] === 'auto') || Array.isArray(o.gpus) || o.objective !== undefined || o.top !== undefined || o.pareto || o.deadlineDays !== undefined;
    emit(search ? await trainSearchCommand(o) : trainCommand(o));
  });
}
