/**
 * Cross-field plausibility (issue #14, unit slips): numbers that are each inside their own range
 * (src/core/limits.ts) but impossible together. A model's published parameter count against the
 * count computed from its shape (billions given as trillions or as a raw count), and a published
 * run's measurement against what its chip can do at all (a step time in milliseconds, an MFU in
 * percent, a global batch counted in tokens), its plan against its accelerator count. What is
 * impossible is an error (the record is refused); what is merely unusual is a warning.
 *
 * Thresholds: the catalog's runs imply ~14%-77% MFU against the dense BF16 peak (2026-12), its
 * models' published counts are within 0.8-1.25× of the computed ones; a factor of 1000 lands far
 * outside both (src/core/catalog/plausibility.test.ts).
 */
import { grouped, LIMITS, outOfRange, servingWarnings, unusual } from '../limits.js';
import { paramCounts, trainFlopsPerToken } from '../model/architecture.js';
import type { Chip, Model, Run } from './schemas.js';

/** One finding: the dotted field path and the message (with the unit). */
export interface Finding {
  readonly path: string;
  readonly message: string;
}

/** Errors (refuse) and warnings (say on stderr). */
export interface Findings {
  readonly errors: Finding[];
  readonly warnings: Finding[];
}

/** A published count this far from the computed one (either way) is a unit slip, not a counting convention. */
const PARAMS_IMPOSSIBLE = 10;
/** Beyond this ratio (either way) the published count is unusual: embeddings, vision towers, MTP modules. */
const PARAMS_UNUSUAL = 1.6;

/** A model's published.totalB/activeB against the parameters computed from its shape. */
export function modelFindings(m: Model): Findings {
  const out: Findings = { errors: [], warnings: [] };
  let computed: ReturnType<typeof paramCounts>;
  try {
    computed = paramCounts(m);
  } catch {
    return out;
  }
  for (const [key, value, count] of [
    ['totalB', m.published?.totalB, computed.total + computed.mtp],
    ['activeB', m.published?.activeB, computed.active],
  ] as const) {
    if (value === undefined || !(count > 0)) continue;
    const b = count / 1e9;
    const ratio = value / b;
    // MTP modules may or may not be in the published total: compare with and without them.
    const ratioNoMtp = key === 'totalB' ? value / (computed.total / 1e9) : ratio;
    const r = Math.abs(Math.log(ratio)) < Math.abs(Math.log(ratioNoMtp)) ? ratio : ratioNoMtp;
    const off = r >= 1 ? `${grouped(Number(r.toPrecision(3)))}× more` : `${grouped(Number((1 / r).toPrecision(3)))}× less`;
    const text = `${grouped(value)} billion parameters is ${off} than the ${grouped(Number(b.toPrecision(4)))} billion computed from the shape`;
    if (r > PARAMS_IMPOSSIBLE || r < 1 / PARAMS_IMPOSSIBLE) out.errors.push({ path: `published.${key}`, message: `${text} (the unit is billions: 405 for 405B)` });
    else if (r > PARAMS_UNUSUAL || r < 1 / PARAMS_UNUSUAL) out.warnings.push({ path: `published.${key}`, message: `${text}; check the unit and the shape` });
  }
  // Possible, but in no published model: more always-on experts than routed ones (a 1000x slip of DeepSeek-V3's 1).
  if (m.moe && m.moe.sharedExperts > m.moe.experts) out.warnings.push({ path: 'moe.sharedExperts', message: `${grouped(m.moe.sharedExperts)} shared experts is more than the ${grouped(m.moe.experts)} routed ones (DeepSeek-V3: 1 shared, 256 routed); check the field` });
  return out;
}

/** Below this implied MFU (against the BF16 peak) a run measurement is a unit slip (ms for s, hours for days). */
const MFU_IMPOSSIBLE_LOW = 0.001;
/** Below this it is unusual (the catalog's slowest rows: ~3% for a 1M-token sequence without context parallelism, ~14% for whole-run averages). */
const MFU_UNUSUAL_LOW = 0.02;
/** Tokens in one global batch: beyond this the batch was counted in tokens, not sequences (largest published: ~6·10^7). */
const BATCH_TOKENS_IMPOSSIBLE = LIMITS.batchTokens.max;
const BATCH_TOKENS_UNUSUAL = LIMITS.batchTokens.usual[1];
/** Accelerators in one published run: beyond this a count is unusual (largest published: ~3·10^4). */
const RUN_GPUS_UNUSUAL = 200_000;
/** A source's peak basis this far from every peak of the chip is a unit slip; beyond PEAK_UNUSUAL (sparse figures are 2x), unusual. */
const PEAK_IMPOSSIBLE = 10;
const PEAK_UNUSUAL = 2.2;

/**
 * A run (data/runs, or a sweep row) against its model and chip: the measurement's implied
 * utilization (training FLOPs per token at the run's sequence length, Megatron convention:
 * src/core/model/architecture.ts trainFlopsPerToken) must be possible on the chip's fastest training
 * precision; an MFU/HFU is a fraction; the plan's degrees fit the accelerator count; the global
 * batch is counted in sequences.
 */
export function runFindings(run: Pick<Run, 'gpus' | 'seq' | 'globalBatch' | 'plan' | 'measured' | 'scaleOutGbps' | 'gpusPerNode'>, model: Model, chip: Chip): Findings {
  const out: Findings = { errors: [], warnings: [] };
  const err = (path: string, message: string) => out.errors.push({ path, message });
  const warnAt = (path: string, message: string) => out.warnings.push({ path, message });

  // Plan degrees against the accelerator count.
  const p = run.plan;
  const given = (['tp', 'pp', 'dp', 'cp'] as const).filter((k) => p[k] !== undefined);
  const product = given.reduce((a, k) => a * (p[k] ?? 1), 1);
  const shown = given.map((k) => `${k} ${p[k]}`).join(' · ');
  if (p.tp !== undefined && p.pp !== undefined && p.dp !== undefined) {
    if (product !== run.gpus) err('plan', `${shown} = ${grouped(product)} accelerators, but gpus is ${grouped(run.gpus)}`);
  } else if (given.length && run.gpus % product !== 0) {
    err('plan', `${shown} = ${grouped(product)} does not divide gpus ${grouped(run.gpus)}`);
  }
  if (p.precision === 'fp8' && !chip.tflops.fp8) err('plan.precision', `fp8: ${chip.name} has no FP8 tensor cores (tflops.fp8 is not set); the run trained in bf16 (or fp16)`);
  if (run.gpusPerNode !== undefined && run.gpusPerNode > run.gpus) err('gpusPerNode', `${grouped(run.gpusPerNode)} accelerators per node is more than the run's ${grouped(run.gpus)}`);
  else if (run.gpusPerNode !== undefined && run.gpus % run.gpusPerNode !== 0) warnAt('gpusPerNode', `${grouped(run.gpusPerNode)} accelerators per node does not divide gpus ${grouped(run.gpus)}`);
  if (run.gpus > RUN_GPUS_UNUSUAL) warnAt('gpus', `${grouped(run.gpus)} accelerators is more than any published training run (the largest are ~10^5); check the count`);
  // Plan degrees against the model and the batch.
  if (p.ep !== undefined && p.ep > 1) {
    if (!model.moe) err('plan.ep', `ep ${p.ep}: ${model.id} is a dense model (no experts to split)`);
    else if (model.moe.experts % p.ep !== 0) err('plan.ep', `ep ${p.ep} must divide the ${model.moe.experts} experts of ${model.id}`);
  }
  if (p.vpp !== undefined && p.vpp * (p.pp ?? 1) > model.layers) err('plan.vpp', `vpp ${p.vpp} × pp ${p.pp ?? 1} = ${grouped(p.vpp * (p.pp ?? 1))} pipeline chunks for ${model.layers} layers (each chunk needs a layer)`);
  if (p.pp !== undefined && p.pp > model.layers) err('plan.pp', `pp ${p.pp} stages for ${model.layers} layers (each stage needs a layer)`);
  if (p.microBatch !== undefined && p.microBatch * (p.dp ?? 1) > run.globalBatch) err('plan.microBatch', `microBatch ${grouped(p.microBatch)} × dp ${grouped(p.dp ?? 1)} = ${grouped(p.microBatch * (p.dp ?? 1))} sequences per step, more than globalBatch ${grouped(run.globalBatch)}`);
  if (run.scaleOutGbps !== undefined) {
    const o = outOfRange('scaleOutGbps', run.scaleOutGbps);
    if (o) err('scaleOutGbps', o);
    else {
      const u = unusual('scaleOutGbps', run.scaleOutGbps);
      if (u) warnAt('scaleOutGbps', u);
    }
  }

  // The global batch in sequences.
  const batchTokens = run.globalBatch * run.seq;
  const batchText = `globalBatch ${grouped(run.globalBatch)} sequences × seq ${grouped(run.seq)} = ${grouped(batchTokens)} tokens per step`;
  if (batchTokens > BATCH_TOKENS_IMPOSSIBLE) err('globalBatch', `${batchText}; the largest published batches are ~60,000,000 tokens (globalBatch counts sequences, not tokens)`);
  else if (batchTokens > BATCH_TOKENS_UNUSUAL) warnAt('globalBatch', `${batchText} is unusually large; globalBatch counts sequences, not tokens`);
  if (run.seq > LIMITS.seq.max) err('seq', outOfRange('seq', run.seq) ?? '');

  // The measurement against the chip.
  const m = run.measured;
  if (m.peakBasisTflops !== undefined) {
    const o = outOfRange('tflops', m.peakBasisTflops);
    if (o) err('measured.peakBasisTflops', o);
    else {
      // The peak a source divides by is one of the chip's (dense or 2:4-sparse: 2x) figures.
      const peaks = Object.values(chip.tflops).filter((v): v is number => typeof v === 'number' && v > 0);
      const nearest = peaks.reduce((a, v) => (Math.abs(Math.log(m.peakBasisTflops! / v)) < Math.abs(Math.log(m.peakBasisTflops! / a)) ? v : a), peaks[0] ?? m.peakBasisTflops);
      const r = m.peakBasisTflops / nearest;
      const text = `${grouped(m.peakBasisTflops)} TFLOPS is ${r >= 1 ? `${grouped(Number(r.toPrecision(3)))}× more` : `${grouped(Number((1 / r).toPrecision(3)))}× less`} than ${chip.id}'s nearest peak (${grouped(nearest)} TFLOPS)`;
      if (r > PEAK_IMPOSSIBLE || r < 1 / PEAK_IMPOSSIBLE) err('measured.peakBasisTflops', `${text}; check the unit`);
      else if (r > PEAK_UNUSUAL || r < 1 / PEAK_UNUSUAL) warnAt('measured.peakBasisTflops', `${text}, unusual; check the unit`);
    }
  }
  if ((m.kind === 'mfu' || m.kind === 'hfu') && m.value > 1) {
    err('measured.value', `${m.kind} ${grouped(m.value)}: expected a fraction from 0 to 1 (${grouped(m.value)}% is ${grouped(m.value / 100)})`);
    return out;
  }
  let flopsPerToken: number;
  try {
    flopsPerToken = trainFlopsPerToken(model, run.seq);
  } catch {
    return out;
  }
  const bf16 = chip.tflops.bf16 ?? chip.tflops.fp16;
  if (!bf16 || !(flopsPerToken > 0)) return out;
  const fastest = Math.max(bf16, chip.tflops.fp8 ?? 0);
  let tokensPerSecondPerGpu: number;
  let unit: string;
  switch (m.kind) {
    case 'step_time_s':
      tokensPerSecondPerGpu = batchTokens / (m.value * run.gpus);
      unit = 's per step';
      break;
    case 'tokens_per_sec_per_gpu':
      tokensPerSecondPerGpu = m.value;
      unit = 'tokens/s per accelerator';
      break;
    case 'gpu_hours_per_trillion_tokens':
      tokensPerSecondPerGpu = 1e12 / (m.value * 3600);
      unit = 'accelerator-hours per trillion tokens';
      break;
    case 'tflops_per_gpu':
      tokensPerSecondPerGpu = (m.value * 1e12) / flopsPerToken;
      unit = 'TFLOPS per accelerator';
      break;
    default:
      tokensPerSecondPerGpu = (m.value * (m.peakBasisTflops ?? bf16) * 1e12) / flopsPerToken;
      unit = `${m.kind} (fraction)`;
  }
  const mfu = (tokensPerSecondPerGpu * flopsPerToken) / (bf16 * 1e12);
  const implied = `${grouped(m.value)} ${unit} implies ${grouped(Number((mfu * 100).toPrecision(3)))}% of ${chip.id}'s dense BF16 peak (${grouped(Number((flopsPerToken / 1e9).toPrecision(4)))} GFLOP per token at seq ${grouped(run.seq)})`;
  if ((tokensPerSecondPerGpu * flopsPerToken) / (fastest * 1e12) > 1) err('measured.value', `${implied}, more than the chip can do; check the unit`);
  else if (mfu < MFU_IMPOSSIBLE_LOW) err('measured.value', `${implied}; check the unit`);
  else if (mfu < MFU_UNUSUAL_LOW) warnAt('measured.value', `${implied}, unusually low; check the unit`);
  return out;
}

/**
 * A published serving point's request lengths, batch and measured value against the limits table's usual bands
 * (adversarial run 4, issue #14): warnings only. The catalog's `contextLength` is the pre-training
 * sequence, not the serving context (62 published points run longer requests), so a request is
 * not checked against it; a length beyond LIMITS.requestTokens' hard range is refused by the schema.
 */
export function servingFindings(point: { readonly gpus?: number; readonly promptTokens: number; readonly outputTokens: number; readonly batch?: number; readonly speculative?: { readonly draftTokens: number }; readonly measured?: { readonly kind: string; readonly value: number } }): Findings {
  const out: Findings = { errors: [], warnings: [] };
  // Estimates, not sourced limits: generations beyond 256K tokens and serving measurements on more
  // than 4,096 accelerators are beyond any point in data/serving (×1000 slips of 1,536 and 16).
  if (point.outputTokens > 262_144) out.warnings.push({ path: 'outputTokens', message: `${point.outputTokens.toLocaleString('en-US')} output tokens per request is beyond any published benchmark (at most ~256K): check the unit` });
  if (point.gpus !== undefined && point.gpus > 4096) out.warnings.push({ path: 'gpus', message: `${point.gpus.toLocaleString('en-US')} accelerators is more than any published serving measurement (at most ~10^3): check the count` });
  // Speculative decoding drafts a handful of tokens per step (data/serving: 2-3; EAGLE-3 and MTP
  // recipes 1-8). The bounds 16 (warn) and 64 (refuse) are estimates.
  const draft = point.speculative?.draftTokens;
  if (draft !== undefined && draft > 64) out.errors.push({ path: 'speculative.draftTokens', message: `${draft.toLocaleString('en-US')} draft tokens per step is not plausible (speculative decoding drafts 1-8, at most 64): check the value` });
  else if (draft !== undefined && draft > 16) out.warnings.push({ path: 'speculative.draftTokens', message: `${draft} draft tokens per step is unusual (usually 1-8)` });
  for (const [path, v] of [['promptTokens', point.promptTokens], ['outputTokens', point.outputTokens]] as const) {
    const w = unusual('requestTokens', v);
    if (w) out.warnings.push({ path, message: w });
  }
  if (point.batch !== undefined) {
    const w = unusual('servingBatch', point.batch);
    if (w) out.warnings.push({ path: 'batch', message: w });
  }
  // The measured value against the band of its kind (limits.ts servingWarnings: ms typed as s).
  for (const w of servingWarnings(point)) out.warnings.push({ path: 'measured.value', message: w.replace(/^measured\.value: /, '') });
  return out;
}
