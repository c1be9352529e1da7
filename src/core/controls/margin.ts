/** Threshold tests as data with their margins, and the sentences shown to people. */
import type { Margin, MetricKey, Op } from './types.js';

/** Human label and unit per metric. */
const LABEL: Readonly<Record<MetricKey, { name: string; unit: string }>> = {
  tpp: { name: 'TPP', unit: '' },
  pd: { name: 'PD', unit: '' },
  io2022GBps: { name: 'I/O', unit: ' GB/s' },
  scaleUpGBps: { name: 'scale-up bandwidth', unit: ' GB/s' },
  memoryGBps: { name: 'memory bandwidth', unit: ' GB/s' },
  hbmDensity: { name: 'memory bandwidth density', unit: ' GB/s/mm²' },
};

/** A number with up to 4 significant digits, no exponent for the ranges used here. */
export function num(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  const decimals = abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return Number(v.toFixed(decimals)).toLocaleString('en-US', { maximumFractionDigits: decimals });
}

/** Percent with one decimal, more when the margin is tiny but not zero. */
function pctText(p: number): string {
  const a = Math.abs(p);
  if (a === 0) return '0%';
  return `${a >= 0.05 ? a.toFixed(1) : a.toPrecision(2)}%`;
}

/** Evaluates `metric op threshold` for a value (null = unknown) and builds the margin record. */
export function margin(metric: MetricKey, op: Op, threshold: number, value: number | null): Margin {
  const { name, unit } = LABEL[metric];
  const test = `${metric} ${op} ${threshold}`;
  if (value === null) {
    return { test, metric, op, value: null, threshold, marginPct: null, passes: null, sentence: `${name} is unknown, so "${name} ${op} ${num(threshold)}${unit}" cannot be decided` };
  }
  const passes = op === '>=' ? value >= threshold : op === '>' ? value > threshold : value < threshold;
  const marginPct = ((value - threshold) / threshold) * 100;
  const where = value === threshold ? `equals ${num(threshold)}${unit}` : `is ${pctText(marginPct)} ${value > threshold ? 'above' : 'below'} ${num(threshold)}${unit}`;
  return { test, metric, op, value, threshold, marginPct, passes, sentence: `${name} ${num(value)}${unit} ${where} (${name} ${op} ${num(threshold)}: ${passes ? 'met' : 'not met'})` };
}
