/** Flag parsers for commander: each turns a bad value into a one-line usage error. */
import { InvalidArgumentError } from 'commander';
import { calendarDateError, grouped, outOfRange, unusual, type LimitName } from '../core/limits.js';
import { warn } from '../io/warn.js';
import { ChipboundError } from '../core/errors.js';
import { parsePlan, type PlanNotation } from '../core/plan-notation.js';

/**
 * Suffixes every number flag accepts (case-insensitive): SI K = 10^3, M = 10^6, B or G = 10^9,
 * T = 10^12; binary Ki = 2^10, Mi = 2^20 (`--seq 8Ki` is 8,192; `--seq 8k` is 8,000).
 */
const SUFFIX: Readonly<Record<string, number>> = { '': 1, k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12, ki: 2 ** 10, mi: 2 ** 20, gi: 2 ** 30 };

/** Parses `14.8T`, `1K`, `8Ki`, `2e12`, `1,024`; null when it is not such a number. */
export function parseNumber(value: string): number | null {
  const m = /^\s*([+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([kmbgt]i?)?\s*$/i.exec(value);
  if (!m) return null;
  const mult = SUFFIX[(m[2] ?? '').toLowerCase()];
  if (mult === undefined) return null;
  return Number(m[1].replace(/,/g, '')) * mult;
}

/** Writes each suffixed number in a list or range plainly: `1K..16K` -> `1000..16000`, `8Ki,16Ki` -> `8192,16384`. */
export function expandSuffixes(value: string): string {
  return value.replace(/\d+(?:\.\d+)?\s*[kmbgt]i?\b/gi, (n) => {
    const v = parseNumber(n);
    return v === null ? n : String(v);
  });
}

/** A whole number in [min, max]. Accepts the same suffixes and exponents as numFlag (`1K`, `8Ki`, `2e3`). */
export function intFlag(min = 1, max = 1e12) {
  return (value: string): number => {
    const v = parseNumber(value);
    if (v === null || !Number.isFinite(v)) throw new InvalidArgumentError(`expected a whole number (suffixes K, M, B, T, Ki allowed), got '${value}'`);
    if (!Number.isInteger(v)) throw new InvalidArgumentError(`expected a whole number, got '${value}' (= ${v})`);
    if (v < min || v > max) throw new InvalidArgumentError(`expected a whole number from ${grouped(min)} to ${grouped(max)}, got ${value}`);
    return v;
  };
}

/** A finite number in [min, max]. Accepts 1e12-style and 15T/405B/2K/8Ki suffixes. */
export function numFlag(min = 0, max = Number.MAX_VALUE) {
  return (value: string): number => {
    const v = parseNumber(value);
    if (v === null) throw new InvalidArgumentError(`expected a number, got '${value}'`);
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`expected a finite number, got '${value}'`);
    if (v < min || v > max) throw new InvalidArgumentError(`expected a number from ${grouped(min)} to ${grouped(max)}, got ${value}`);
    return v;
  };
}

/** One of a fixed set of words, matched case-insensitively (returns the canonical spelling). */
export function choiceFlag<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    const hit = choices.find((c) => c === value) ?? choices.find((c) => c.toLowerCase() === value.trim().toLowerCase());
    if (hit === undefined) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got '${value}'`);
    return hit;
  };
}

/** A plan in the one plan notation (core/plan-notation.ts), full or partial. */
export function planFlag(value: string): PlanNotation {
  try {
    return parsePlan(value, 'plan');
  } catch (e) {
    if (e instanceof ChipboundError) throw new InvalidArgumentError(e.message.replace(/^plan: /, ''));
    throw e;
  }
}

/** A real calendar date YYYY-MM-DD (the same check as scenario files: core/limits.ts calendarDateError). */
export function dateFlag(value: string): string {
  const bad = calendarDateError(value);
  if (bad) throw new InvalidArgumentError(bad);
  return value;
}

/**
 * A number checked against the shared limits table (core/limits.ts), with its unit in the message;
 * 15T/405B suffixes accepted. With `flag`, a value outside the table's usual band is accepted with
 * one warning line on stderr naming the flag (`--seq: 8 tokens is an unusual sequence length ...`).
 */
export function limitFlag(name: LimitName, int = false, flag?: string) {
  const parse = numFlag(-Number.MAX_VALUE);
  return (value: string): number => {
    const v = parse(value);
    if (int && !Number.isInteger(v)) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
    const bad = outOfRange(name, v);
    if (bad) throw new InvalidArgumentError(bad);
    if (flag) warnUnusual(flag, name, v);
    return v;
  };
}

/** One stderr warning when `v` is outside the usual band of `name` (core/limits.ts), naming the flag or field. */
export function warnUnusual(what: string, name: LimitName, v: number): void {
  const w = unusual(name, v);
  if (w) warn(`${what}: ${w}`);
}

/** A sequence length in tokens (`8Ki`, `8192`): whole, within the limits table; an unusual one (`--seq 8`, meant 8K) warns. */
export function seqFlag(flag = '--seq') {
  return limitFlag('seq', true, flag);
}

/** A positive bandwidth within the limits table (`--scale-out-gbps`): 0 is refused here (no link is the chip file's null/0). */
export function bandwidthFlag(name: 'scaleOutGbps' | 'scaleUpGBps', flag: string) {
  const parse = limitFlag(name, false, flag);
  return (value: string): number => {
    const v = parse(value);
    if (v <= 0) throw new InvalidArgumentError(`expected a positive ${name === 'scaleOutGbps' ? 'bandwidth in Gb/s' : 'bandwidth in GB/s'}, got ${value}`);
    return v;
  };
}

/**
 * A token count: a whole number within the limits table (`14.8T`, `2e12`); a fraction (`14.8`) is
 * refused, not rounded. Suffix arithmetic that lands a hair off a whole number (0.3T) is rounded.
 */
export function tokensFlag(value: string): number {
  const raw = numFlag(-Number.MAX_VALUE)(value);
  const near = Math.round(raw);
  const v = Math.abs(raw - near) <= Math.abs(raw) * 1e-12 && Math.abs(raw) >= 1e6 ? near : raw;
  if (!Number.isInteger(v)) throw new InvalidArgumentError(`expected a whole number of tokens (e.g. 14.8T, 2e12), got '${value}'`);
  const bad = outOfRange('tokens', v);
  if (bad) throw new InvalidArgumentError(bad);
  warnUnusual('--tokens', 'tokens', v);
  return v;
}
