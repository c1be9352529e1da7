/**
 * Request-length distributions (prompt or output tokens). Throughput follows the mean; TTFT at the
 * 99th percentile follows the long prompts; mean-length math alone misleads with long tails.
 * One notation, parsed and formatted side by side: `870` (every request the same) or
 * `mean:870,max:1024` (optionally `p99:…`), or built from a list of lengths (a file of lengths).
 */
import { ChipboundError } from '../errors.js';

/** A length distribution, tokens. */
export interface LengthDist {
  /** Mean length, tokens. */
  readonly mean: number;
  /** 99th-percentile length, tokens (<= max). */
  readonly p99: number;
  /** Longest length, tokens. */
  readonly max: number;
}

/** Longest request length accepted, tokens (the bound of the --prompt-tokens/--output-tokens flags). */
export const maxLength = 1e8;

/** Every request the same length. */
export function fixedLength(n: number): LengthDist {
  return { mean: n, p99: n, max: n };
}

/** Parses `870` or `mean:870,max:1024[,p99:1000]`; throws ChipboundError('usage') naming `what`. */
export function parseLengths(text: string, what = 'length'): LengthDist {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > maxLength) throw new ChipboundError('usage', `${what}: expected a whole number from 1 to ${maxLength}, got '${text}'`);
    return fixedLength(n);
  }
  const fields: Record<string, number> = {};
  for (const part of t.split(',')) {
    const m = /^\s*(mean|max|p99)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) throw new ChipboundError('usage', `${what}: expected N or mean:N,max:N[,p99:N], got '${text}'`);
    if (fields[m[1]] !== undefined) throw new ChipboundError('usage', `${what}: '${m[1]}' given twice in '${text}'`);
    fields[m[1]] = Number(m[2]);
  }
  const mean = fields.mean;
  if (mean === undefined || fields.max === undefined) throw new ChipboundError('usage', `${what}: expected mean:N,max:N (both), got '${text}'`);
  const max = fields.max;
  const p99 = fields.p99 ?? max;
  if (max > maxLength) throw new ChipboundError('usage', `${what}: max ${max} is beyond ${maxLength} tokens`);
  if (!(mean >= 1 && mean <= max && p99 >= mean && p99 <= max)) {
    throw new ChipboundError('usage', `${what}: expected 1 <= mean <= p99 <= max, got mean ${mean}, p99 ${p99}, max ${max}`);
  }
  return { mean, p99, max };
}

/** Formats a distribution back into the notation parseLengths reads. */
export function formatLengths(d: LengthDist): string {
  if (d.mean === d.max && d.p99 === d.max) return String(d.max);
  return d.p99 === d.max ? `mean:${d.mean},max:${d.max}` : `mean:${d.mean},p99:${d.p99},max:${d.max}`;
}

/** The distribution of a list of lengths (a file of lengths), or a usage error naming `what`. */
export function lengthsFromSamples(xs: readonly number[], what = 'lengths'): LengthDist {
  if (!xs.length) throw new ChipboundError('usage', `${what}: no lengths`);
  for (const x of xs) if (!(Number.isInteger(x) && x >= 1 && x <= maxLength)) throw new ChipboundError('usage', `${what}: expected whole numbers from 1 to ${maxLength}, got ${x}`);
  const s = [...xs].sort((a, b) => a - b);
  const mean = Math.round((s.reduce((a, b) => a + b, 0) / s.length) * 10) / 10;
  const p99 = s[Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)];
  return { mean, p99, max: s[s.length - 1] };
}
