/**
 * Shared input limits (issue #9 item 3): absurd sizes are refused at once with a
 * ChipboundError('limit') naming the flag and the bound, instead of being computed for minutes
 * or overflowing. The bounds come from the one limits table, src/core/limits.ts (issue #14;
 * docs/errors.md, "Limits").
 */
import type { Chip, Model } from '../core/catalog/schemas.js';
import { ChipboundError } from '../core/errors.js';
import { fieldWarnings, LIMITS, MODEL_FIELD_LIMITS, trainingWarnings, unusual } from '../core/limits.js';
import { paramCounts } from '../core/model/architecture.js';
import { warn } from '../io/warn.js';

/** Most accelerators in one job or fleet (the largest 2025 clusters are ~10^5–10^6). */
export const MAX_GPUS = LIMITS.gpus.max;
/** Most training tokens (frontier runs are ~10^13–10^14). */
export const MAX_TOKENS = LIMITS.tokens.max;
/** Most parameters in a model (the largest published are ~2·10^12; 10^15 leaves room for what-ifs). */
export const MAX_PARAMS = LIMITS.params.max;
/** Longest sequence / context, tokens. */
export const MAX_SEQ = LIMITS.seq.max;

const grouped = (v: number) => (Number.isFinite(v) && Math.abs(v) < 1e21 ? v.toLocaleString('en-US') : String(v));

/** Throws ChipboundError('limit') unless `value` is a finite number at most `max`. `what` names the flag or field. */
export function checkLimit(what: string, value: number, max: number, unit: string): void {
  if (!Number.isFinite(value)) throw new ChipboundError('limit', `${what}: expected a finite number, got ${String(value)}`);
  if (value > max) throw new ChipboundError('limit', `${what} ${grouped(value)} is more than the ${grouped(max)} ${unit} supported`);
}

/** Accelerator count within MAX_GPUS. */
export function checkGpus(value: number, what = '--gpus'): void {
  checkLimit(what, value, MAX_GPUS, 'chips');
}

/** Token count within MAX_TOKENS. */
export function checkTokens(value: number, what = '--tokens'): void {
  checkLimit(what, value, MAX_TOKENS, 'tokens');
}

/** Model within MAX_PARAMS total parameters (computed from its shape). */
export function checkModel(m: Model): void {
  const total = paramCounts(m).total;
  if (!Number.isFinite(total) || total > MAX_PARAMS) {
    // Name the field that is out of its usual band (hidden: 4,096,000 typed for 4,096), when one is.
    const why = fieldWarnings(m, MODEL_FIELD_LIMITS)[0];
    throw new ChipboundError('limit', `model ${m.id}: ${Number.isFinite(total) ? `${(total / 1e12).toPrecision(3)} trillion` : 'too many'} parameters; at most ${MAX_PARAMS / 1e12} trillion are supported${why ? ` (${why})` : ''}`);
  }
}

/**
 * One stderr warning when a request (prompt + output tokens) is longer than the model's context
 * length: the prediction is still made (the KV cache and attention are sized for the request),
 * but the model as catalogued was not trained for it (`where` names the flags or file fields).
 */
export function warnContext(where: string, m: Model, promptTokens: number, outputTokens: number): void {
  const ctx = m.contextLength;
  if (ctx === undefined || promptTokens + outputTokens <= ctx) return;
  warn(`${where}: ${grouped(promptTokens)} + ${grouped(outputTokens)} = ${grouped(promptTokens + outputTokens)} tokens per request exceed the context length of ${m.id} (${grouped(ctx)} tokens); the prediction extrapolates past it`);
}

/** A chip's highest dense peak among the training precisions (FP8/BF16/FP16), FLOP/s: the least-time bound of trainingWarnings. */
export function trainingPeakFlops(chip: Chip): number {
  const t = chip.tflops;
  return Math.max(t.fp8 ?? 0, t.bf16 ?? 0, t.fp16 ?? 0) * 1e12;
}

/**
 * Stderr warnings for a training job implausible as a whole (core/limits.ts trainingWarnings:
 * tokens per parameter, least training time, tokens per step). `pools` are the accelerators that
 * run it; `names` the flags or file fields to name.
 */
export function warnTraining(j: { model: Model; pools: readonly { chip: Chip; count: number }[]; tokens?: number; seq?: number; globalBatch?: number; names: { tokens: string; globalBatch: string; gpus?: string }; prefix?: string }): void {
  const peak = j.pools.reduce((a, p) => a + p.count * trainingPeakFlops(p.chip), 0);
  const on = j.pools.map((p) => `${grouped(p.count)} × ${p.chip.name}`).join(' + ');
  const ws = trainingWarnings({ activeParams: paramCounts(j.model).active, peakFlops: peak, on, names: j.names, ...(j.tokens !== undefined ? { tokens: j.tokens } : {}), ...(j.seq !== undefined ? { seq: j.seq } : {}), ...(j.globalBatch !== undefined ? { globalBatch: j.globalBatch } : {}) });
  for (const w of ws) warn(`${j.prefix ?? ''}${w}`);
}

/** One stderr warning when an accelerator count is beyond the usual band of LIMITS.gpus (2,048,000 typed for 2048). */
export function warnGpus(flag: string, n: number | undefined): void {
  if (n === undefined) return;
  const w = unusual('gpus', n);
  if (w) warn(`${flag}: ${w}`);
}
