/**
 * Headroom: how far each spec (dense throughput, die area, interconnect, memory bandwidth) can
 * move before a rule's verdict changes, and the fastest dense throughput a design of a given die
 * area may have and stay outside a rule ("the H20 question"). All rule tests are thresholds on
 * metrics that scale linearly with one spec, so the breakpoints are threshold / value; each is
 * checked by re-running the rule (no hand-derived region algebra).
 */
import type { Chip } from '../catalog/schemas.js';
import { ChipboundError } from '../errors.js';
import { classifyMetrics, ruleContext, type ClassifyOptions } from './classify.js';
import { chipMetrics, DEFAULT_TPP_SETTINGS } from './metrics.js';
import { allRules, ruleStatus, RULES } from './rules.js';
import type { ChipMetrics, MetricKey, RuleClassification, RuleContext, RuleId } from './types.js';

/** A spec a designer can move. */
export type Spec = 'throughput' | 'dieArea' | 'interconnect' | 'memoryBandwidth';
/** All specs. */
export const SPECS: readonly Spec[] = ['throughput', 'dieArea', 'interconnect', 'memoryBandwidth'];

/** How the metrics scale when a spec is multiplied by f (exponent per metric). */
const SCALING: Readonly<Record<Spec, Partial<Record<MetricKey, 1 | -1>>>> = {
  throughput: { tpp: 1, pd: 1 },
  dieArea: { pd: -1 },
  // Interconnect = the scale-up links; the 2022 I/O sum moves with them, the host link stays (below).
  interconnect: { scaleUpGBps: 1 },
  memoryBandwidth: { memoryGBps: 1 },
};

/** One move that changes the verdict. */
export interface Move {
  /** Multiplier on the spec at the change. */
  readonly factor: number;
  /** (factor − 1) × 100. */
  readonly changePct: number;
  /** True when the verdict changes at exactly the factor (a ">=" line); false when just past it (a "<" line). */
  readonly atFactor: boolean;
  /** The spec's value at the change (TPP for throughput, mm², GB/s). */
  readonly value: number;
  /** Verdict after the change. */
  readonly to: string;
}

/** Headroom of one spec under one rule. */
export interface SpecHeadroom {
  /** Spec. */
  readonly spec: Spec;
  /** The spec's current value (TPP, mm², GB/s), or null if unknown. */
  readonly value: number | null;
  /** Nearest increase that changes the verdict, or null if none. */
  readonly up: Move | null;
  /** Nearest decrease that changes the verdict, or null if none. */
  readonly down: Move | null;
}

/** Headroom under one rule. */
export interface RuleHeadroom {
  /** Rule. */
  readonly rule: RuleId;
  /** Current verdict, e.g. "not controlled" or "3A090.a.1". */
  readonly verdict: string;
  /** Per spec. */
  readonly specs: readonly SpecHeadroom[];
}

/** A verdict as one comparable string. */
export function verdictKey(c: RuleClassification): string {
  if (c.outcome === 'undetermined') return 'undetermined';
  const base = c.eccn ?? 'not controlled';
  return c.reviewPolicy ? `${base} (${c.reviewPolicy})` : base;
}

function specValue(m: ChipMetrics, spec: Spec): number | null {
  if (spec === 'throughput') return m.tpp;
  if (spec === 'dieArea') return m.dieAreaMm2;
  if (spec === 'interconnect') return m.scaleUpGBps ?? m.io2022GBps;
  return m.memoryGBps;
}

/** Scales a spec by f; metrics that land within 1e-12 of a threshold are snapped onto it. */
function scaled(m: ChipMetrics, spec: Spec, f: number, snap: readonly { metric: MetricKey; threshold: number }[]): ChipMetrics {
  const out: Record<string, unknown> = { ...m };
  for (const [k, e] of Object.entries(SCALING[spec]) as [MetricKey, 1 | -1][]) {
    const v = m[k as keyof ChipMetrics] as number | null;
    if (v === null || v === undefined) continue;
    let nv = e === 1 ? v * f : v / f;
    for (const s of snap) if (s.metric === k && Math.abs(nv - s.threshold) <= 1e-12 * s.threshold) nv = s.threshold;
    out[k] = nv;
  }
  if (spec === 'dieArea' && m.dieAreaMm2 !== null) out.dieAreaMm2 = m.dieAreaMm2 * f;
  if (spec === 'interconnect' && m.io2022GBps !== null) {
    let io = m.io2022GBps + (m.scaleUpGBps ?? 0) * (f - 1);
    for (const s of snap) if (s.metric === 'io2022GBps' && Math.abs(io - s.threshold) <= 1e-12 * s.threshold) io = s.threshold;
    out.io2022GBps = io;
  }
  return out as unknown as ChipMetrics;
}

function verdictAt(m: ChipMetrics, ctx: RuleContext, rule: RuleId): string {
  return verdictKey(classifyMetrics(m, ctx, [rule])[0]);
}

function specHeadroom(m: ChipMetrics, ctx: RuleContext, rule: RuleId, spec: Spec): SpecHeadroom {
  const value = specValue(m, spec);
  const base = classifyMetrics(m, ctx, [rule])[0];
  const baseKey = verdictKey(base);
  const exps = SCALING[spec];
  const moves = (k: MetricKey) => exps[k] !== undefined || (spec === 'interconnect' && k === 'io2022GBps');
  const snap = base.margins.filter((g) => moves(g.metric)).map((g) => ({ metric: g.metric, threshold: g.threshold }));
  const candidates = new Set<number>();
  for (const g of base.margins) {
    if (spec === 'interconnect' && g.metric === 'io2022GBps' && g.value !== null && m.scaleUpGBps) {
      // io(f) = io + scaleUp × (f − 1) reaches the threshold at f = 1 + (threshold − io) / scaleUp.
      candidates.add(1 + (g.threshold - g.value) / m.scaleUpGBps);
      continue;
    }
    const e = exps[g.metric];
    if (e === undefined || g.value === null || g.value === 0) continue;
    candidates.add(e === 1 ? g.threshold / g.value : g.value / g.threshold);
  }
  const find = (dir: 1 | -1): Move | null => {
    const list = [...candidates].filter((c) => c > 0 && (dir === 1 ? c > 1 : c < 1)).sort((a, b) => dir * (a - b));
    for (const c of list) {
      const at = verdictAt(scaled(m, spec, c, snap), ctx, rule);
      const past = verdictAt(scaled(m, spec, dir === 1 ? c * (1 + 1e-9) : c * (1 - 1e-9), snap), ctx, rule);
      if (at !== baseKey || past !== baseKey) {
        return { factor: c, changePct: (c - 1) * 100, atFactor: at !== baseKey, value: (value ?? 0) * c, to: at !== baseKey ? at : past };
      }
    }
    return null;
  };
  if (value === null) return { spec, value, up: null, down: null };
  return { spec, value, up: find(1), down: find(-1) };
}

/** Headroom of every spec under each rule (default: the rules in force on the date). */
export function headroom(chip: Chip, opts: ClassifyOptions & { rule?: RuleId } = {}): RuleHeadroom[] {
  const ctx = ruleContext(opts);
  const m = chipMetrics(chip, { ...DEFAULT_TPP_SETTINGS, ...opts.settings });
  const ids = opts.rule ? [opts.rule] : allRules().filter((r) => ruleStatus(r, ctx.date) !== 'not yet' && ruleStatus(r, ctx.date) !== 'superseded').map((r) => r.id);
  return ids.map((rule) => ({
    rule,
    verdict: verdictAt(m, ctx, rule),
    specs: SPECS.map((s) => specHeadroom(m, ctx, rule, s)),
  }));
}

/** The fastest design that stays outside a rule, at a given die area. */
export interface UncontrolledTarget {
  /** Rule. */
  readonly rule: RuleId;
  /** Applicable die area used, mm² (null if the rule does not need it or it is unknown). */
  readonly dieAreaMm2: number | null;
  /** TPP must stay strictly below this (Infinity when no throughput limit applies). */
  readonly maxTppExclusive: number;
  /** Dense BF16/FP16 TFLOPS must stay below this (TPP / 16). */
  readonly bf16TflopsBelow: number;
  /** Dense INT8/FP8 TOPS must stay below this (TPP / 8). */
  readonly int8TopsBelow: number;
  /** Explanation. */
  readonly reason: string;
}

/**
 * Supremum of the TPP values (at the given die area, other specs as the chip's) for which the rule
 * says "not controlled". The verdict is constant between consecutive thresholds, so each interval
 * is tested at its left end.
 */
export function uncontrolledTarget(chip: Chip, opts: ClassifyOptions & { rule?: RuleId; dieAreaMm2?: number } = {}): UncontrolledTarget {
  const rule = opts.rule ?? 'us-2023-10';
  const ctx = ruleContext(opts);
  const m0 = chipMetrics(chip, { ...DEFAULT_TPP_SETTINGS, ...opts.settings });
  const area = opts.dieAreaMm2 ?? m0.dieAreaMm2;
  if (area !== null && !(area > 0)) throw new ChipboundError('usage', `die area: expected a positive number of mm², got ${area}`);
  const at = (tpp: number): RuleClassification => classifyMetrics({ ...m0, tpp, pd: area === null ? null : tpp / area, dieAreaMm2: area }, ctx, [rule])[0];
  const probe = at(1);
  const cuts = new Set<number>();
  for (const g of probe.margins) {
    if (g.metric === 'tpp') cuts.add(g.threshold);
    if (g.metric === 'pd' && area !== null) cuts.add(g.threshold * area);
  }
  const xs = [...cuts].sort((a, b) => a - b);
  const starts = [xs.length ? xs[0] / 2 : 1, ...xs];
  let sup = 0;
  let undecided = false;
  for (let i = 0; i < starts.length; i++) {
    const c = at(starts[i]);
    if (c.outcome === 'undetermined') undecided = true;
    if (c.outcome === 'not-controlled') sup = i + 1 < starts.length ? starts[i + 1] : Infinity;
  }
  const name = RULES[rule].id;
  const reason = undecided
    ? `${name}: some ranges cannot be decided (${probe.undecided.join('; ') || 'a needed value is unknown'}); the limit shown covers the decidable ones`
    : sup === Infinity
      ? `${name}: no throughput limit for this design (${probe.margins.filter((g) => g.metric !== 'tpp' && g.metric !== 'pd' && g.passes === false).map((g) => g.sentence).join('; ') || 'no test on throughput'})`
      : `${name}: TPP must stay below ${sup}${area !== null ? ` at ${area} mm² (PD ${(sup / area).toFixed(2)})` : ''}`;
  return { rule, dieAreaMm2: area, maxTppExclusive: sup, bf16TflopsBelow: sup / 16, int8TopsBelow: sup / 8, reason };
}
