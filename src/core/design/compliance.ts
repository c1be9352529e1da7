/**
 * Compliance of a design under a rule set, using the controls engine as it is (classifyMetrics).
 * A threshold sweep moves a rule's lines on one metric without a second copy of any threshold:
 * evaluating the rule on the metric divided by s is the same test as the rule with every line
 * on that metric multiplied by s (each test is `value op threshold`, margin.ts). The lines on a
 * metric move together, scaled so that the rule's first ("headline") line on it sits at the
 * swept value.
 */
import { classifyMetrics } from '../controls/classify.js';
import { verdictKey } from '../controls/headroom.js';
import { RULES } from '../controls/rules.js';
import type { ChipMetrics, MetricKey, RuleClassification, RuleContext, RuleId } from '../controls/types.js';
import { ChipboundError } from '../errors.js';

/** A moved threshold: the rule's lines on `metric`, scaled so its headline line equals `value`. */
export interface RuleOverride {
  readonly rule: RuleId;
  readonly metric: MetricKey;
  /** New value of the headline line (same unit as the metric). */
  readonly value: number;
}

/** The rules a design must pass, where, and any moved lines. */
export interface RuleSet {
  /** Rules a design must pass (no licence required under any). */
  readonly rules: readonly RuleId[];
  /** Date and destination. */
  readonly ctx: RuleContext;
  /** Moved lines (sweeps and what-ifs). */
  readonly overrides: readonly RuleOverride[];
}

/** A metrics object with every value known, used to read a rule's lines from its margins. */
const PROBE: ChipMetrics = {
  id: 'probe',
  name: 'probe',
  datacenter: true,
  tpp: 1,
  tppBasis: 'probe',
  dieAreaMm2: 1,
  pd: 1,
  io2022GBps: 1,
  io2022Complete: true,
  scaleUpGBps: 1,
  memoryGBps: 1,
  memoryType: 'HBM3',
};

/** Every (metric, threshold) line a rule tests, in the order its margins list them. */
export function ruleLines(rule: RuleId, ctx: RuleContext): { metric: MetricKey; threshold: number }[] {
  return classifyMetrics(PROBE, ctx, [rule])[0].margins.map((m) => ({ metric: m.metric, threshold: m.threshold }));
}

/** The headline line of a rule on a metric (its first margin on that metric), or a usage error. */
export function headline(rule: RuleId, metric: MetricKey, ctx: RuleContext): number {
  const l = ruleLines(rule, ctx).find((x) => x.metric === metric);
  if (!l) {
    const have = [...new Set(ruleLines(rule, ctx).map((x) => x.metric))];
    throw new ChipboundError('usage', `rules.${rule}.${metric}: ${rule} has no line on ${metric} (it tests: ${have.join(', ') || 'none'})`);
  }
  return l.threshold;
}

/** Scale factor of an override: new headline / old headline. */
function factor(o: RuleOverride, ctx: RuleContext): number {
  return o.value / headline(o.rule, o.metric, ctx);
}

/** Metrics as one rule sees them under the overrides (values divided by the line's scale factor). */
function viewed(m: ChipMetrics, rule: RuleId, set: RuleSet): ChipMetrics {
  let out = m;
  for (const o of set.overrides) {
    if (o.rule !== rule) continue;
    const v = out[o.metric as keyof ChipMetrics];
    if (typeof v === 'number') out = { ...out, [o.metric]: v / factor(o, set.ctx) };
  }
  return out;
}

/** Verdicts of a design under the set (each rule evaluated by the controls engine). */
export function verdicts(m: ChipMetrics, set: RuleSet): RuleClassification[] {
  return set.rules.map((r) => classifyMetrics(viewed(m, r, set), set.ctx, [r])[0]);
}

/** Compliant: no rule of the set requires a licence (an undetermined verdict is not compliant). */
export function isCompliant(m: ChipMetrics, set: RuleSet): boolean {
  return verdicts(m, set).every((c) => c.licenceRequired === false);
}

/** The TPP and PD lines of the set (moved by the overrides), for the cut-down throughput levels. */
export function tppPdLines(set: RuleSet): { metric: 'tpp' | 'pd'; threshold: number }[] {
  const out: { metric: 'tpp' | 'pd'; threshold: number }[] = [];
  for (const r of set.rules) {
    for (const l of ruleLines(r, set.ctx)) {
      if (l.metric !== 'tpp' && l.metric !== 'pd') continue;
      const o = set.overrides.find((x) => x.rule === r && x.metric === l.metric);
      out.push({ metric: l.metric, threshold: o ? l.threshold * factor(o, set.ctx) : l.threshold });
    }
  }
  return out;
}

/** The tests whose outcome differs between two designs under one rule, as "rule: test" strings. */
export function flippedTests(a: ChipMetrics, b: ChipMetrics, set: RuleSet): string[] {
  const out: string[] = [];
  const va = verdicts(a, set);
  const vb = verdicts(b, set);
  va.forEach((ca, i) => {
    const cb = vb[i];
    if (cb.licenceRequired === ca.licenceRequired && verdictKey(ca) === verdictKey(cb)) return;
    const moved = set.overrides.filter((o) => o.rule === ca.rule);
    for (let j = 0; j < ca.margins.length; j++) {
      const x = ca.margins[j];
      const y = cb.margins.find((g) => g.test === x.test);
      if (y && y.passes !== x.passes) {
        const o = moved.find((q) => q.metric === x.metric);
        const t = o ? `${x.metric} ${x.op} ${+(x.threshold * factor(o, set.ctx)).toPrecision(6)} (moved)` : x.test;
        out.push(`${ca.rule}: ${t} → ${verdictKey(cb)}`);
      }
    }
  });
  return [...new Set(out)];
}

/** Metric names a sweep accepts, with their aliases. */
export const SWEEP_METRICS: Readonly<Record<string, MetricKey>> = {
  tpp: 'tpp',
  pd: 'pd',
  io: 'io2022GBps',
  io2022GBps: 'io2022GBps',
  interconnect: 'scaleUpGBps',
  scaleUpGBps: 'scaleUpGBps',
  memory: 'memoryGBps',
  memoryGBps: 'memoryGBps',
};

/** Whether a rule id exists. */
export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
