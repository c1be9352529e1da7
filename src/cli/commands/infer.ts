/**
 * `chipbound infer`: predicts a serving deployment (prefill, decode, TTFT, TPOT, throughput,
 * cost, energy), or, when plan flags or the batch are omitted, searches for the cheapest
 * deployment that meets --ttft-ms / --tpot-ms (docs/serving.md).
 */
import type { Command } from 'commander';
import { kvPrecisionSchema, servingPhaseSchema, weightPrecisionSchema, type Model } from '../../core/catalog/schemas.js';
import { ChipboundError } from '../../core/errors.js';
import { evaluateServing } from '../../core/infer/evaluate.js';
import { searchServing, type ServingSearchResult } from '../../core/infer/search.js';
import type { KvPrecision, Phase, ServingResult, WeightPrecision } from '../../core/infer/types.js';
import { choiceFlag, intFlag, limitFlag, numFlag, warnUnusual } from '../flags.js';
import { engineIds, schedulingModes, type EngineId, type SchedulingMode } from '../../core/infer/engines.js';
import type { ScenarioKind } from '../../core/infer/scenario.js';
import { breakdownLine, lengthFlag, runInferScenario } from './infer-scenario.js';
import { emit } from '../output.js';
import { resolveChip, resolveModel } from '../resolve.js';
import { warnContext } from '../limits.js';
import { precisionFallback } from '../../core/infer/step.js';
import { warn } from '../../io/warn.js';
import { fmt, table, toJson } from '../table.js';
import { serveTargets, type ServeTarget } from '../../core/emit/types.js';
import { checkEmitFlags, deliverLaunch, serveLaunch } from './launch-emit.js';

/** Parsed `infer` flags. */
export interface InferOptions {
  model?: string;
  chip?: string;
  gpus?: number;
  tp?: number;
  pp?: number;
  ep?: number;
  dp?: number;
  batch?: number;
  /** A whole number, or a distribution / file of lengths (infer-scenario.ts). */
  promptTokens?: number | string;
  outputTokens?: number | string;
  phase?: Phase;
  precision?: WeightPrecision;
  kvPrecision?: KvPrecision;
  ttftMs?: number;
  tpotMs?: number;
  draftTokens?: number;
  acceptLength?: number;
  gpusPerNode?: number;
  maxGpus?: number;
  top?: number;
  engine?: EngineId;
  scheduling?: SchedulingMode;
  /** offline | server | interactive (server with MLPerf's interactive limits as defaults). */
  scenario?: ScenarioKind | 'interactive';
  chunkTokens?: number;
  sweep?: number;
  json?: boolean;
  /** --emit: launch configuration of the deployment (docs/launch.md). */
  emit?: ServeTarget;
  /** --out: folder for the emitted files. */
  out?: string;
}

const ms = (s: number | null | undefined) => (s === null || s === undefined ? '—' : `${fmt(s * 1000)} ms`);
const usd = (v: number | null) => (v === null ? '—' : `$${fmt(v)}`);
const planText = (r: ServingResult) => `tp${r.plan.tp} pp${r.plan.pp} dp${r.plan.dp} ep${r.plan.ep}`;

/** Why a deployment does not run, and by how much (memory per accelerator, or batch over the KV cache). */
export function infeasibleReason(r: ServingResult): string | null {
  if (r.fits || !r.issue) return null;
  const gib = (b: number) => fmt(b / 2 ** 30);
  if (r.issue.code === 'exceeds_memory') {
    return `does not fit: needs ${fmt(r.issue.needGiB)} GiB per accelerator of ${fmt(r.issue.haveGiB)} GiB (${fmt(r.issue.needGiB - r.issue.haveGiB)} GiB over: weights ${gib(r.memory.weightBytes)} GiB + workspace ${gib(r.memory.workspaceBytes)} GiB + KV)`;
  }
  return `does not fit: batch ${r.batch} > max ${r.maxBatch} (${fmt(r.batch / Math.max(1, r.maxBatch))}x over): its KV cache needs ${gib(r.memory.kvUsedBytes)} GiB per accelerator, the KV budget is ${gib(r.memory.kvBudgetBytes)} GiB`;
}

/**
 * The --json of one fully specified deployment. One that does not fit has no latency, throughput,
 * cost or energy (null, as `train` gives none for a plan that does not fit): `reason` says why and
 * by how much, and the memory breakdown stays (docs/errors.md).
 */
export function servingJson(r: ServingResult): Record<string, unknown> {
  const reason = infeasibleReason(r);
  if (reason === null) return { ...r };
  const none = { ttftSeconds: null, tpotSeconds: null, e2eSeconds: null, outputTokensPerSecond: null, outputTokensPerSecondPerGpu: null, totalTokensPerSecond: null, requestsPerSecond: null, costPerMillionOutputTokensUsd: null, costPerMillionInputTokensUsd: null, costPerQueryUsd: null, joulesPerOutputToken: null, joulesPerToken: null };
  return {
    ...r,
    reason,
    ...none,
    prefill: { ...r.prefill, seconds: null, tokensPerSecond: null, tokensPerSecondPerGpu: null },
    decode: { ...r.decode, tokensPerSecond: null, tokensPerSecondPerGpu: null, tpotSeconds: null, stepSeconds: null },
  };
}

function describe(r: ServingResult): string {
  const reason = infeasibleReason(r);
  if (reason !== null) return describeInfeasible(r, reason);
  const gib = (b: number) => `${fmt(b / 2 ** 30)} GiB`;
  const rows: [string, string][] = [
    ['deployment', `${r.model} on ${r.gpus}× ${r.chip}, ${planText(r)} (${r.instances} instance${r.instances > 1 ? 's' : ''}), ${r.precision} weights, ${r.kvPrecision} KV`],
    ['workload', `${r.promptTokens} prompt + ${r.outputTokens} output tokens, phase ${r.phase}, batch ${r.batch} (max ${r.maxBatch})`],
    ['fits', r.fits ? 'yes' : r.issue?.code === 'exceeds_memory' ? `no: needs ${fmt(r.issue.needGiB)} GiB of ${fmt(r.issue.haveGiB)} GiB` : `no: batch ${r.batch} > max ${r.maxBatch}`],
    ['KV cache per token', `${fmt(r.kvCacheBytesPerToken, 6)} bytes (whole model)`],
    ['memory per accelerator', `weights ${gib(r.memory.weightBytes)}, workspace ${gib(r.memory.workspaceBytes)}, KV budget ${gib(r.memory.kvBudgetBytes)}, KV per sequence ${gib(r.memory.kvBytesPerSequence)}`],
    ['TTFT', `${ms(r.ttftSeconds)} per request (prompt prefill + queue at this batch)`],
    ['TPOT (user)', `${ms(r.tpotSeconds)} (pure decode ${ms(r.decode.tpotSeconds)}, step ${ms(r.decode.stepSeconds)})`],
    ['end-to-end latency', `${fmt(r.e2eSeconds)} s per request`],
    ['prefill', `${fmt(r.prefill.tokensPerSecond)} tok/s (${fmt(r.prefill.tokensPerSecondPerGpu)} per accelerator)`],
    ['decode', `${fmt(r.decode.tokensPerSecond)} tok/s (${fmt(r.decode.tokensPerSecondPerGpu)} per accelerator)`],
    ['output throughput', `${fmt(r.outputTokensPerSecond)} tok/s (${fmt(r.outputTokensPerSecondPerGpu)} per accelerator), ${fmt(r.requestsPerSecond)} requests/s`],
    ['cost', `${usd(r.costPerMillionOutputTokensUsd)} per M output, ${usd(r.costPerMillionInputTokensUsd)} per M input, ${usd(r.costPerQueryUsd)} per query (${r.usdPerGpuHour === null ? 'no price' : `$${fmt(r.usdPerGpuHour)}/accelerator-hour`})`],
    ['energy', r.joulesPerOutputToken === null ? '—' : `${fmt(r.joulesPerOutputToken)} J per output token, ${fmt(r.joulesPerToken)} J per processed token (at TDP)`],
  ];
  const b = r.decode.breakdown;
  const terms = `decode step terms: ${breakdownLine(b)}`;
  const pterms = r.phase === 'decode' ? [] : [`prefill pass terms: ${breakdownLine(r.prefill.breakdown)}`];
  return [table(['quantity', 'value'], rows), terms, ...pterms, ...r.notes].join('\n');
}

/** A deployment that does not run: what it needs and has, no latency or throughput (they would describe nothing). */
function describeInfeasible(r: ServingResult, reason: string): string {
  const gib = (b: number) => `${fmt(b / 2 ** 30)} GiB`;
  const rows: [string, string][] = [
    ['deployment', `${r.model} on ${r.gpus}× ${r.chip}, ${planText(r)} (${r.instances} instance${r.instances > 1 ? 's' : ''}), ${r.precision} weights, ${r.kvPrecision} KV`],
    ['workload', `${r.promptTokens} prompt + ${r.outputTokens} output tokens, phase ${r.phase}, batch ${r.batch} (max ${r.maxBatch})`],
    ['fits', `no: ${reason.replace(/^does not fit: /, '')}`],
    ['KV cache per token', `${fmt(r.kvCacheBytesPerToken, 6)} bytes (whole model)`],
    ['memory per accelerator', `capacity ${gib(r.memory.capacityBytes)}: weights ${gib(r.memory.weightBytes)}, workspace ${gib(r.memory.workspaceBytes)}, KV budget ${gib(r.memory.kvBudgetBytes)}, KV per sequence ${gib(r.memory.kvBytesPerSequence)}`],
  ];
  const fix = r.issue?.code === 'exceeds_memory' ? 'more accelerators per instance (--tp, --pp), a smaller --precision, or leave the plan flags out to search' : `--batch ${Math.max(1, r.maxBatch)} or less, more accelerators, or a smaller --kv-precision`;
  return [table(['quantity', 'value'], rows), `No latency or throughput: the deployment does not run as given. Try ${fix}.`, ...r.notes].join('\n');
}

function describeSearch(s: ServingSearchResult, o: InferOptions): string {
  if (!s.candidates.length) {
    const t = [o.ttftMs !== undefined ? `TTFT ≤ ${o.ttftMs} ms` : '', o.tpotMs !== undefined ? `TPOT ≤ ${o.tpotMs} ms` : ''].filter(Boolean).join(' and ');
    return `no deployment fits${t ? ` and meets ${t}` : ''} (${s.evaluated} evaluated, ${s.fitting} fit in memory)`;
  }
  const rows = s.candidates.map((c, i) => {
    const r = c.result;
    return [i + 1, r.gpus, planText(r), r.batch, ms(r.ttftSeconds), ms(r.tpotSeconds), fmt(r.outputTokensPerSecondPerGpu), usd(r.costPerQueryUsd), usd(r.costPerMillionOutputTokensUsd)];
  });
  return [
    table(['#', 'gpus', 'plan', 'batch', 'TTFT', 'TPOT', 'out tok/s/gpu', '$/query', '$/M out'], rows),
    `ranked by cost per query (all accelerator time; accelerator-seconds without a price); $/M out counts the decode share of the time`,
    `${s.evaluated} deployments evaluated, ${s.fitting} fit, ${s.feasible} met the targets`,
  ].join('\n');
}

/** Runs `infer` with parsed options; returns the text to print. */
export function runInfer(o: InferOptions): string {
  if (!o.model) throw new ChipboundError('usage', '--model: required (a catalog id or a model file)');
  if (!o.chip) throw new ChipboundError('usage', '--chip: required (a catalog id or a chip file)');
  if (!o.promptTokens) throw new ChipboundError('usage', '--prompt-tokens: required');
  if (!o.outputTokens) throw new ChipboundError('usage', '--output-tokens: required');
  if ((o.draftTokens === undefined) !== (o.acceptLength === undefined)) throw new ChipboundError('usage', '--draft-tokens and --accept-length go together');
  // Speculative decoding speeds up decode only: with --phase prefill it would do nothing (adv3 case 467).
  if (o.phase === 'prefill' && o.tpotMs !== undefined) throw new ChipboundError('usage', `--tpot-ms ${o.tpotMs}: a prefill-only deployment (--phase prefill) produces no output tokens to time; use --ttft-ms, or --phase decode or both`);
  if (o.phase === 'decode' && o.ttftMs !== undefined) throw new ChipboundError('usage', `--ttft-ms ${o.ttftMs}: a decode-only deployment (--phase decode) has no prefill to time; use --tpot-ms, or --phase prefill or both`);
  if (o.phase === 'prefill' && o.draftTokens !== undefined) throw new ChipboundError('usage', `--draft-tokens ${o.draftTokens}: speculative decoding applies to decode, and --phase prefill has none; leave --draft-tokens/--accept-length out or use --phase decode or both`);
  if (o.gpusPerNode !== undefined && o.gpus !== undefined && o.gpus > o.gpusPerNode && o.gpus % o.gpusPerNode !== 0) {
    throw new ChipboundError('usage', `--gpus-per-node ${o.gpusPerNode}: ${o.gpus} accelerators are not a whole number of nodes (${o.gpus} / ${o.gpusPerNode} = ${(o.gpus / o.gpusPerNode).toFixed(2)})`);
  }
  // Engine profiles, scheduling modes and benchmark scenarios (infer-scenario.ts).
  if (o.scenario !== undefined || o.engine !== undefined || o.scheduling !== undefined) return runInferScenario(o);
  if (o.maxGpus !== undefined && o.gpus !== undefined) throw new ChipboundError('usage', `--max-gpus ${o.maxGpus}: only used when --gpus is left out (the search tries deployments up to it); --gpus ${o.gpus} fixes the count`);
  for (const [flag, v] of [['--chunk-tokens', o.chunkTokens], ['--sweep', o.sweep]] as const) {
    if (v !== undefined) throw new ChipboundError('usage', `${flag}: needs --scenario offline|server|interactive (or --engine/--scheduling); plain infer does not use it`);
  }
  for (const [flag, v] of [['--prompt-tokens', o.promptTokens], ['--output-tokens', o.outputTokens]] as const) {
    if (typeof v === 'string') throw new ChipboundError('usage', `${flag}: a length distribution or file ('${v}') needs --scenario offline|server (plain infer models one length per request)`);
  }
  const model = resolveModel(o.model);
  const chip = resolveChip(o.chip);
  const fallback = o.precision ? precisionFallback(chip, o.precision) : null;
  if (fallback) warn(`--precision ${o.precision}: ${fallback}`);
  warnUnusual('--prompt-tokens', 'requestTokens', o.promptTokens as number);
  warnUnusual('--output-tokens', 'requestTokens', o.outputTokens as number);
  warnContext('--prompt-tokens + --output-tokens', model, o.promptTokens as number, o.outputTokens as number);
  const speculative = o.draftTokens !== undefined && o.acceptLength !== undefined ? { draftTokens: o.draftTokens, acceptLength: o.acceptLength } : undefined;
  const planGiven = o.tp !== undefined || o.pp !== undefined || o.ep !== undefined || o.dp !== undefined;
  const common = {
    model,
    chip,
    promptTokens: o.promptTokens as number,
    outputTokens: o.outputTokens as number,
    phase: o.phase,
    precision: o.precision,
    kvPrecision: o.kvPrecision,
    speculative,
    gpusPerNode: o.gpusPerNode,
  };
  const targets = o.ttftMs !== undefined || o.tpotMs !== undefined;
  if (planGiven && o.gpus !== undefined && (o.batch !== undefined || !targets)) {
    const pp = o.pp ?? 1;
    const dp = o.dp ?? 1;
    const tp = o.tp ?? o.gpus / (pp * dp);
    if (!Number.isInteger(tp)) throw new ChipboundError('usage', `--tp: gpus ${o.gpus} is not a multiple of pp·dp = ${pp * dp}`);
    const r = evaluateServing({ ...common, gpus: o.gpus, plan: { tp, pp, dp, ep: o.ep ?? 1 }, batch: o.batch });
    return withLaunch(o, model, chip.scaleUpDomain, r, o.json ? toJson(servingJson(r)) : describe(r));
  }
  const s = searchServing({
    ...common,
    gpus: o.gpus,
    maxGpus: o.maxGpus,
    fixed: { tp: o.tp, pp: o.pp, ep: o.ep, dp: o.dp },
    batch: o.batch,
    ttftSeconds: o.ttftMs !== undefined ? o.ttftMs / 1000 : undefined,
    tpotSeconds: o.tpotMs !== undefined ? o.tpotMs / 1000 : undefined,
    top: o.top,
  });
  const text = o.json ? toJson({ search: { evaluated: s.evaluated, fitting: s.fitting, feasible: s.feasible }, candidates: s.candidates.map((c) => ({ score: c.score, ...c.result })) }) : describeSearch(s, o);
  if (o.emit && !s.candidates.length) return o.json ? text : `${text}\n\n--emit ${o.emit}: no deployment found, nothing to emit`;
  return s.candidates.length ? withLaunch(o, model, chip.scaleUpDomain, s.candidates[0].result, text) : text;
}

/** Adds the --emit configuration of a deployment to the command's output (JSON: a `launch` field). */
function withLaunch(o: InferOptions, model: Model, domain: number | null | undefined, r: ServingResult, text: string): string {
  if (!o.emit) return text;
  const launch = serveLaunch(o.emit, model, r, o, domain);
  if (o.json) {
    if (o.out !== undefined) deliverLaunch(launch, o.out);
    return toJson({ ...(JSON.parse(text) as Record<string, unknown>), launch });
  }
  const fitNote = r.fits ? [] : [`note: this deployment does not fit as predicted (${r.issue?.code}); the configuration is emitted anyway`];
  return [text, '', ...fitNote, deliverLaunch(launch, o.out)].join('\n');
}

export function registerInferCommand(program: Command): void {
  program
    .command('infer')
    .description('predict serving: TTFT, TPOT, throughput, max batch, cost and energy; with plan flags or --batch omitted, search the cheapest deployment meeting --ttft-ms/--tpot-ms')
    .option('--model <id|file>', 'model: catalog id or YAML/JSON file')
    .option('--chip <id|file>', 'accelerator: catalog id or YAML/JSON file')
    .option('--gpus <n>', 'accelerators in the deployment (omitted: searched, up to --max-gpus)', intFlag(1, 1_000_000))
    .option('--tp <n>', 'attention tensor-parallel degree per replica', intFlag(1, 4096))
    .option('--pp <n>', 'pipeline stages', intFlag(1, 4096))
    .option('--ep <n>', 'expert-parallel degree of MoE layers (divides tp·dp)', intFlag(1, 4096))
    .option('--dp <n>', 'attention data-parallel replicas per instance (MoE: DP attention + EP experts on the same chips)', intFlag(1, 1_000_000))
    .option('--batch <n>', 'sequences in flight across the whole deployment (omitted: the largest that fits / searched)', limitFlag('servingBatch', true, '--batch'))
    .option('--prompt-tokens <n|dist|file>', 'prompt (input) tokens per request: N, mean:N,max:N[,p99:N], or a file of lengths', lengthFlag)
    .option('--output-tokens <n|dist|file>', 'output tokens per request: N, mean:N,max:N[,p99:N], or a file of lengths', lengthFlag)
    .option('--isl <n|dist|file>', 'input sequence length: alias of --prompt-tokens (aiconfigurator spelling)', lengthFlag)
    .option('--osl <n|dist|file>', 'output sequence length: alias of --output-tokens', lengthFlag)
    .option('--phase <phase>', `${servingPhaseSchema.options.join(' | ')} (one side of a disaggregated deployment)`, choiceFlag(servingPhaseSchema.options))
    .option('--precision <p>', `weights: ${weightPrecisionSchema.options.join(' | ')}`, choiceFlag(weightPrecisionSchema.options))
    .option('--kv-precision <p>', `KV cache: ${kvPrecisionSchema.options.join(' | ')}`, choiceFlag(kvPrecisionSchema.options))
    .option('--ttft-ms <ms>', 'time-to-first-token target for the search; p99 limit with --scenario server', limitFlag('ttftMs', false, '--ttft-ms'))
    .option('--tpot-ms <ms>', 'time-per-output-token target for the search; p99 limit with --scenario server', limitFlag('tpotMs', false, '--tpot-ms'))
    .option('--draft-tokens <n>', 'speculative decoding: draft tokens verified per step', intFlag(1, 64))
    .option('--accept-length <x>', 'speculative decoding: mean tokens accepted per step (1 to draft + 1)', numFlag(1, 65))
    .option('--gpus-per-node <n>', 'accelerators per node (default: the chip scale-up domain, at most 8)', limitFlag('scaleUpDomain', true, '--gpus-per-node'))
    .option('--max-gpus <n>', 'largest deployment the search tries when --gpus is omitted (default 64)', intFlag(1, 1_000_000))
    .option('--top <k>', 'deployments the search lists (default 5)', intFlag(1, 1000))
    .option('--engine <id>', `engine profile: ${engineIds.join(' | ')} (see chipbound engines)`, choiceFlag(engineIds))
    .option('--scheduling <mode>', `${schedulingModes.join(' | ')} (default: what the engine does)`, choiceFlag(schedulingModes))
    .option('--scenario <kind>', 'offline (all requests queued: max throughput) | server (highest request rate meeting --ttft-ms/--tpot-ms at p99; default MLPerf Llama-2-70B limits 2000/200) | interactive (server with 450/40 ms defaults)', choiceFlag(['offline', 'server', 'interactive'] as const))
    .option('--chunk-tokens <n>', 'token budget per forward pass per replica (prefill chunk; default: the engine\'s)', intFlag(16, 1_000_000))
    .option('--sweep <n>', 'server: points of the request-rate sweep (throughput-latency curve; default 10, 0 = none)', intFlag(0, 1000))
    .option('--json', 'machine-readable output')
    .option('--emit <engine>', `print the launch configuration of the deployment (the best one when searching): ${serveTargets.join(', ')} (docs/launch.md)`, choiceFlag(serveTargets))
    .option('--out <dir>', 'with --emit: write the configuration files into this folder instead of printing them')
    .action((opts: InferOptions & { isl?: InferOptions['promptTokens']; osl?: InferOptions['outputTokens'] }) => {
      checkEmitFlags(opts);
      const { isl, osl, ...rest } = opts;
      for (const [alias, flag, a, b] of [['--isl', '--prompt-tokens', isl, rest.promptTokens], ['--osl', '--output-tokens', osl, rest.outputTokens]] as const)
        if (a !== undefined && b !== undefined && a !== b) throw new ChipboundError('usage', `${alias}: is an alias of ${flag}, which is also given with another value (${a} vs ${b})`);
      emit(runInfer({ ...rest, promptTokens: rest.promptTokens ?? isl, outputTokens: rest.outputTokens ?? osl }));
    });
}
