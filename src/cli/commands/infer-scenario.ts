/**
 * `chipbound infer --scenario offline|server [--engine <id>] [--scheduling <mode>]`: benchmark
 * scenarios (MLPerf definitions) under an engine profile and a scheduling mode
 * (src/core/infer/scenario.ts, scenario-modes.ts), and the request-length flags shared with plain `infer`.
 */
import { parseNumber } from '../flags.js';
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { ChipboundError } from '../../core/errors.js';
import { engineProfile } from '../../core/infer/engines.js';
import { fixedLength, formatLengths, lengthsFromSamples, parseLengths, type LengthDist } from '../../core/infer/lengths.js';
import { mlperfLlama2Limits, runScenario, type ScenarioKind, type ScenarioResult } from '../../core/infer/scenario.js';
import type { StepBreakdown } from '../../core/infer/types.js';
import { resolveChip, resolveModel } from '../resolve.js';
import { fmt, table, toJson } from '../table.js';
import type { InferOptions } from './infer.js';
import { deliverLaunch, scenarioEmitNotes, scenarioLaunch } from './launch-emit.js';

/** Flag parser: a whole number stays a number; `mean:…` and file paths stay text for resolveLengths. */
export function lengthFlag(value: string): number | string {
  const t = value.trim();
  // A count, with the suffixes every count takes (1K, 8Ki, 2e3: flags.ts parseNumber).
  const n = parseNumber(t);
  if (n !== null) {
    if (!Number.isInteger(n) || n < 1 || n > 1e8) throw new InvalidArgumentError(`expected a whole number from 1 to 100,000,000, got ${value}`);
    return n;
  }
  if (/^(mean|max|p99)\s*:/.test(t)) {
    try {
      parseLengths(t, 'lengths');
    } catch (e) {
      throw new InvalidArgumentError(e instanceof Error ? e.message.replace(/^lengths: /, '') : String(e));
    }
  }
  return t;
}

/** A length flag's distribution: a number, `mean:N,max:N[,p99:N]`, or a file of whole numbers (whitespace/comma separated, or a JSON array). */
export function resolveLengths(v: number | string | undefined, flag: string): LengthDist {
  if (v === undefined) throw new ChipboundError('usage', `${flag}: required`);
  if (typeof v === 'number') return fixedLength(v);
  if (/^(mean|max|p99)\s*:/.test(v)) return parseLengths(v, flag);
  let text: string;
  try {
    text = readFileSync(v, 'utf8');
  } catch {
    throw new ChipboundError('usage', `${flag}: '${v}' is neither N, mean:N,max:N nor a readable file of lengths`);
  }
  let tokens: string[];
  if (text.trim().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new ChipboundError('usage', `${flag}: ${v}: not a valid JSON array of lengths (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!Array.isArray(parsed)) throw new ChipboundError('usage', `${flag}: ${v}: expected a JSON array of whole numbers`);
    tokens = parsed.map((x) => (typeof x === 'number' ? String(x) : JSON.stringify(x) ?? String(x)));
  } else tokens = text.split(/[\s,]+/).filter(Boolean);
  const xs = tokens.map((x) => Number(x));
  const bad = tokens.findIndex((x, i) => !/^\d+$/.test(x) || xs[i] < 1);
  if (bad >= 0) throw new ChipboundError('usage', `${flag}: ${v}: entry ${bad + 1} is '${tokens[bad]}', expected a whole number >= 1`);
  return lengthsFromSamples(xs, `${flag} ${v}`);
}

const ms = (s: number) => (Number.isFinite(s) ? `${fmt(s * 1000)} ms` : '—');
const planText = (r: ScenarioResult) => `tp${r.plan.tp} pp${r.plan.pp} dp${r.plan.dp} ep${r.plan.ep}`;

/** compute / attention / all-to-all (exposed, hidden) / host of one pass, for display. */
export function breakdownLine(b: StepBreakdown): string {
  const compute = b.denseGemm + b.experts;
  const hidden = b.epComm - b.epExposed;
  return `GEMM ${ms(compute)} (dense ${ms(b.denseGemm)}, experts ${ms(b.experts)}), attention ${ms(b.attention)}, TP ${ms(b.tpComm)}, all-to-all ${ms(b.epComm)} (exposed ${ms(b.epExposed)}, hidden ${ms(hidden)}), PP ${ms(b.ppComm)}, launch ${ms(b.overhead)}, host ${ms(b.host)}; total ${ms(b.total)}`;
}

function describe(r: ScenarioResult): string {
  const engine = r.engine ? engineProfile(r.engine).name : 'generic in-flight engine';
  const t = r.targets;
  const rows: [string, string][] = [
    ['deployment', r.pools ? `${r.model} on ${r.gpus}× ${r.chip}, disaggregated (pools below)` : `${r.model} on ${r.gpus}× ${r.chip}, ${planText(r)} (${r.instances} instance${r.instances > 1 ? 's' : ''})`],
    ['engine', `${r.engine ?? '—'}: ${engine}; scheduling ${r.scheduling}, ${r.chunkTokens} tokens per pass, host ${ms(r.hostOverheadS)} per step`],
    ['workload', `prompt ${formatLengths(r.promptTokens)} tokens, output ${formatLengths(r.outputTokens)} tokens`],
    ['scenario', r.scenario === 'offline' ? 'offline: every request queued at the start' : `server: Poisson arrivals, p99 TTFT ≤ ${t.ttftSeconds === null ? '—' : ms(t.ttftSeconds)}, p99 TPOT ≤ ${t.tpotSeconds === null ? '—' : ms(t.tpotSeconds)}`],
    ['output tokens/s per GPU', r.feasible ? `${fmt(r.outputTokensPerSecondPerGpu)} (${fmt(r.outputTokensPerSecond)} whole deployment, ${fmt(r.requestsPerSecond)} requests/s)` : `none: ${r.reason}`],
    ['batch', `${fmt(r.batch)} sequences decoding (max ${fmt(r.maxBatch)})`],
    ['cost', r.costPerMillionOutputTokensUsd === null ? '—' : `$${fmt(r.costPerMillionOutputTokensUsd)} per M output tokens (all accelerator time; $${fmt(r.usdPerGpuHour ?? 0)}/accelerator-hour)`],
    ['p99 TTFT / TPOT', `${r.scenario === 'offline' ? '— (offline)' : ms(r.ttftP99Seconds)} / ${ms(r.tpotP99Seconds)}`],
    ['step', `${ms(r.stepSeconds)}: ${breakdownLine(r.breakdown)}`],
    ['prompt-only pass', `${fmt(r.prefillTokensPerSecondPerGpu)} prompt tokens/s per GPU: ${breakdownLine(r.prefillBreakdown)}`],
  ];
  if (r.pools) {
    const pt = (p: { tp: number; pp: number; dp: number; ep: number }) => `tp${p.tp} pp${p.pp} dp${p.dp} ep${p.ep}`;
    rows.push(['pools', `prefill ${r.pools.prefillGpus} GPUs (${pt(r.pools.prefillPlan)} each), decode ${r.pools.decodeGpus} GPUs (${pt(r.pools.decodePlan)} each); KV transfer of a p99 prompt ${ms(r.pools.kvTransferSeconds)}; bound by ${r.pools.bound}`]);
  }
  const out = [table(['quantity', 'value'], rows)];
  if (r.sweep.length) {
    out.push(
      'request-rate sweep (throughput-latency curve):',
      table(
        ['requests/s', 'out tok/s/gpu', 'batch', 'p99 TTFT', 'p99 TPOT', 'meets'],
        r.sweep.map((p) => [fmt(p.requestsPerSecond), fmt(p.outputTokensPerSecondPerGpu), fmt(p.batch), ms(p.ttftP99Seconds), ms(p.tpotP99Seconds), p.meetsTargets ? 'yes' : 'no']),
      ),
    );
  }
  return [...out, ...r.notes].join('\n');
}

/** Runs the scenario form of `infer`. */
export function runInferScenario(o: InferOptions): string {
  if (!o.model) throw new ChipboundError('usage', '--model: required (a catalog id or a model file)');
  if (!o.chip) throw new ChipboundError('usage', '--chip: required (a catalog id or a chip file)');
  if (o.gpus === undefined) throw new ChipboundError('usage', '--gpus: required with --scenario/--engine/--scheduling');
  // Name the flag the user gave: --engine and --scheduling imply a scenario (offline when none is given).
  const form = o.scenario !== undefined ? `--scenario ${o.scenario}` : o.engine !== undefined ? '--engine (which implies --scenario offline)' : '--scheduling (which implies --scenario offline)';
  if (o.batch !== undefined) throw new ChipboundError('usage', `--batch: not used with ${form} (offline runs the largest batch that fits, server the batch its request rate implies)`);
  if (o.phase !== undefined) throw new ChipboundError('usage', `--phase: not used with ${form} (use --scheduling disaggregated for separate prefill and decode pools)`);
  if (o.top !== undefined) throw new ChipboundError('usage', `--top: not used with ${form} (a scenario reports the one layout it chose)`);
  if (o.maxGpus !== undefined) throw new ChipboundError('usage', `--max-gpus: not used with ${form} (give the deployment size with --gpus)`);
  const offline = o.scenario === undefined || o.scenario === 'offline';
  if (offline && o.sweep !== undefined) throw new ChipboundError('usage', '--sweep: the request-rate sweep needs --scenario server or interactive (offline queues every request at once)');
  const scheduling = o.scheduling ?? (o.engine ? engineProfile(o.engine).scheduling : undefined);
  if (offline && scheduling !== 'disaggregated') {
    const t = o.ttftMs !== undefined ? '--ttft-ms' : o.tpotMs !== undefined ? '--tpot-ms' : null;
    if (t) throw new ChipboundError('usage', `${t}: offline has no latency limits (use --scenario server or interactive; with --scheduling disaggregated the limits size the pools)`);
  }
  const promptTokens = resolveLengths(o.promptTokens, '--prompt-tokens');
  const outputTokens = resolveLengths(o.outputTokens, '--output-tokens');
  const model = resolveModel(o.model);
  const chip = resolveChip(o.chip);
  const interactive = o.scenario === 'interactive';
  const scenario: ScenarioKind = o.scenario === 'interactive' ? 'server' : (o.scenario ?? 'offline');
  const notes: string[] = [];
  let ttft = o.ttftMs !== undefined ? o.ttftMs / 1000 : undefined;
  let tpot = o.tpotMs !== undefined ? o.tpotMs / 1000 : undefined;
  if (scenario === 'server' && ttft === undefined && tpot === undefined) {
    ({ ttftSeconds: ttft, tpotSeconds: tpot } = interactive ? mlperfLlama2Limits.interactive : mlperfLlama2Limits.server);
    notes.push(
      interactive
        ? 'Interactive: MLPerf Llama-2-70B interactive limits used (p99 TTFT ≤ 450 ms, TPOT ≤ 40 ms).'
        : 'No --ttft-ms/--tpot-ms: MLPerf Llama-2-70B server limits used (p99 TTFT ≤ 2 s, TPOT ≤ 200 ms).',
    );
  }
  const speculative = o.draftTokens !== undefined && o.acceptLength !== undefined ? { draftTokens: o.draftTokens, acceptLength: o.acceptLength } : undefined;
  const full = o.tp !== undefined && (o.dp !== undefined || !model.moe);
  const pp = o.pp ?? 1;
  const dp = o.dp ?? 1;
  const plan = full ? { tp: o.tp!, pp, dp, ep: o.ep ?? 1 } : undefined;
  if (plan && o.gpus % (plan.tp * plan.dp * plan.pp) !== 0) throw new ChipboundError('usage', `--gpus: ${o.gpus} is not a multiple of tp·dp·pp = ${plan.tp}·${plan.dp}·${plan.pp}`);
  const r = runScenario({
    model,
    chip,
    gpus: o.gpus,
    plan,
    fixed: { tp: o.tp, pp: o.pp, ep: o.ep, dp: o.dp },
    precision: o.precision,
    kvPrecision: o.kvPrecision,
    speculative,
    gpusPerNode: o.gpusPerNode,
    promptTokens,
    outputTokens,
    scenario,
    engine: o.engine,
    scheduling: o.scheduling,
    chunkTokens: o.chunkTokens,
    ttftSeconds: ttft,
    tpotSeconds: tpot,
    sweepPoints: scenario === 'server' ? o.sweep : 0,
  });
  const result = { ...r, notes: [...r.notes, ...notes] };
  if (!o.emit) return o.json ? toJson(result) : describe(result);
  // --emit: the configuration of the layout the scenario chose (JSON: a `launch` field).
  const launch = scenarioLaunch(o.emit, model, result, o, chip.scaleUpDomain);
  if (o.json) {
    if (o.out !== undefined) deliverLaunch(launch, o.out);
    return toJson({ ...result, launch });
  }
  // Printed, the files stay paste-able: the scenario's notes go above them (written, deliverLaunch lists every note).
  const above = o.out === undefined ? scenarioEmitNotes(o.emit, result).map((n) => `note: ${n}`) : [];
  return [describe(result), '', ...above, deliverLaunch(launch, o.out)].join('\n');
}
