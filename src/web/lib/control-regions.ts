/**
 * The 3A090 regions of the TPP × performance-density plane on a date, derived from the rules
 * themselves: the region edges are the TPP and PD thresholds the rule reports in its margins, and
 * each cell between edges is labelled by running the rule's own `evaluate` at the cell's centre
 * (no threshold is restated here). The chart shades the newest rule in force that defines 3A090
 * by TPP/PD; other rules' TPP lines are drawn as lines.
 */
import { ruleContext } from '../../core/controls/classify.js';
import { RULES, ruleStatus } from '../../core/controls/rules.js';
import type { ChipMetrics, RuleId } from '../../core/controls/types.js';

/** One shaded cell. */
export interface RegionCell {
  readonly x1: number;
  readonly x2: number;
  readonly y1: number;
  readonly y2: number;
  /** ECCN paragraph, or 'not controlled'. */
  readonly label: string;
}

/** A threshold line of another rule in force (e.g. the 2026 review envelope). */
export interface ThresholdLine {
  readonly rule: RuleId;
  readonly metric: 'tpp' | 'pd';
  readonly value: number;
  readonly test: string;
}

/** The regions shown on a date. */
export interface Regions {
  /** Rule whose regions are shaded, or null before the first rule. */
  readonly rule: RuleId | null;
  readonly cells: readonly RegionCell[];
  readonly lines: readonly ThresholdLine[];
  /** What the shading assumes. */
  readonly note: string;
}

/** Axis extent of the chart (TPP and PD, log scales). */
export const EXTENT = { tpp: [100, 100_000] as const, pd: [0.5, 100] as const };

/** The rules that define 3A090 by TPP (and PD), newest first. */
const SHADING_RULES: readonly RuleId[] = ['us-2023-10', 'us-2022-10'];

function probe(tpp: number, pd: number): ChipMetrics {
  // A datacenter chip with ample I/O, so the 2022 conjunct (I/O >= 600 GB/s) is met and the
  // plane shows the TPP/PD tests alone; memory and scale-up are left unknown.
  return { id: 'probe', name: 'probe', datacenter: true, tpp, tppBasis: 'probe', dieAreaMm2: tpp / pd, pd, io2022GBps: 1e9, io2022Complete: true, scaleUpGBps: null, memoryGBps: null, memoryType: null };
}

function thresholds(rule: RuleId, date: string, destination: string): { tpp: number[]; pd: number[] } {
  const ctx = ruleContext({ date, destination });
  const out = { tpp: new Set<number>(), pd: new Set<number>() };
  // Probes on both sides of every usual line, so every test the rule can run shows up in its margins.
  for (const t of [500, 2000, 3000, 6000, 30_000]) {
    for (const p of [0.5, 2, 4, 10]) {
      for (const m of RULES[rule].evaluate(probe(t, p), ctx).margins) if (m.metric === 'tpp' || m.metric === 'pd') out[m.metric].add(m.threshold);
    }
  }
  return { tpp: [...out.tpp].sort((a, b) => a - b), pd: [...out.pd].sort((a, b) => a - b) };
}

const cache = new Map<string, Regions>();

/** The regions for a date and destination (memoized). */
export function regionsOn(date: string, destination: string): Regions {
  const key = `${date}|${destination}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const inForce = (id: RuleId) => ruleStatus(RULES[id], date) === 'in force';
  const rule = SHADING_RULES.find(inForce) ?? null;
  const cells: RegionCell[] = [];
  const lines: ThresholdLine[] = [];
  if (rule) {
    const ctx = ruleContext({ date, destination });
    const th = thresholds(rule, date, destination);
    const xs = [EXTENT.tpp[0], ...th.tpp.filter((v) => v > EXTENT.tpp[0] && v < EXTENT.tpp[1]), EXTENT.tpp[1]];
    const ys = [EXTENT.pd[0], ...th.pd.filter((v) => v > EXTENT.pd[0] && v < EXTENT.pd[1]), EXTENT.pd[1]];
    for (let i = 0; i + 1 < xs.length; i++) {
      for (let j = 0; j + 1 < ys.length; j++) {
        const r = RULES[rule].evaluate(probe(Math.sqrt(xs[i] * xs[i + 1]), Math.sqrt(ys[j] * ys[j + 1])), ctx);
        cells.push({ x1: xs[i], x2: xs[i + 1], y1: ys[j], y2: ys[j + 1], label: r.outcome === 'controlled' ? (r.eccn ?? 'controlled') : 'not controlled' });
      }
    }
    const known = new Set(th.tpp);
    for (const id of Object.keys(RULES) as RuleId[]) {
      if (id === rule || !inForce(id)) continue;
      const other = thresholds(id, date, destination);
      for (const v of other.tpp) if (!known.has(v)) lines.push({ rule: id, metric: 'tpp', value: v, test: `${id}: TPP ${v.toLocaleString('en-US')}` });
    }
  }
  const note = rule === null
    ? `No 3A090 rule was in force on ${date}.`
    : rule === 'us-2022-10'
      ? `Shaded: ${rule} (3A090.a needs TPP >= 4800 AND aggregate I/O >= 600 GB/s; the plane assumes the I/O test is met).`
      : `Shaded: ${rule} for a datacenter chip (non-datacenter chips below TPP 4800 are outside 3A090, Note 2).`;
  const out = { rule, cells, lines, note };
  cache.set(key, out);
  return out;
}
