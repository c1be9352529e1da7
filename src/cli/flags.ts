/** Flag parsers for commander: each turns a bad value into a one-line usage error. */
import { InvalidArgumentError } from 'commander';
import { calendarDateError, grouped, outOfRange, type LimitName } from '../core/limits.js';

/** A whole number in [min, max]. */
export function intFlag(min = 1, max = 1e12) {
  return (value: string): number => {
    const v = Number(value);
    if (!/^[+]?\d+(\.0+)?(e\+?\d+)?$/i.test(value.trim()) || !Number.isInteger(v)) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
    if (v < min || v > max) throw new InvalidArgumentError(`expected a whole number from ${grouped(min)} to ${grouped(max)}, got ${value}`);
    return v;
  };
}

/** A finite number in [min, max]. Accepts 1e12-style and 15T/405B/2K suffixes. */
export function numFlag(min = 0, max = Number.MAX_VALUE) {
  return (value: string): number => {
    const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([kKmMbBtT]?)\s*$/.exec(value);
    if (!m) throw new InvalidArgumentError(`expected a number, got '${value}'`);
    const mult = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'b' | 't'];
    const v = Number(m[1]) * mult;
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`expected a finite number, got '${value}'`);
    if (v < min || v > max) throw new InvalidArgumentError(`expected a number from ${grouped(min)} to ${grouped(max)}, got ${value}`);
    return v;
  };
}

/** One of a fixed set of words. */
export function choiceFlag<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got '${value}'`);
    return value as T;
  };
}

/** A real calendar date YYYY-MM-DD (the same check as scenario files: core/limits.ts calendarDateError). */
export function dateFlag(value: string): string {
  const bad = calendarDateError(value);
  if (bad) throw new InvalidArgumentError(bad);
  return value;
}

/** A number checked against the shared limits table (core/limits.ts), with its unit in the message; 15T/405B suffixes accepted. */
export function limitFlag(name: LimitName, int = false) {
  const parse = numFlag(-Number.MAX_VALUE);
  return (value: string): number => {
    const v = parse(value);
    if (int && !Number.isInteger(v)) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
    const bad = outOfRange(name, v);
    if (bad) throw new InvalidArgumentError(bad);
    return v;
  };
}
