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

const HUGE: ChipMetrics = { ...PROBE, id: 'probe-huge', tpp: 1e9, pd: 1e6, io2022GBps: 1e9, scaleUpGBps: 1e9, memoryGBps: 1e9 };

/** Every (metric, threshold) line a rule tests, in the order its margins list them. */
export function ruleLines(rule: RuleId, ctx: RuleContext): { metric: MetricKey; threshold: number }[] {
  const k = `${rule}|${ctx.date}|${ctx.destination.code}|${ctx.headquarters?.code ?? ''}`;
  let v = linesMemo.get(k);
  if (!v) {
    // Two probes (tiny and huge values) so that a rule whose margins depend on its branch lists every line.
    const seen = new Set<string>();
    v = [];
    for (const p of [PROBE, HUGE]) {
      for (const m of classifyMetrics(p, ctx, [rule])[0].margins) {
        const id = `${m.metric}|${m.threshold}`;
        if (!seen.has(id)) v.push({ metric: m.metric, threshold: m.threshold });
        seen.add(id);
      }
    }
    linesMemo.set(k, v);
  }
  return v;
}

const linesMemo = new Map<string, { metric: MetricKey; threshold: number }[]>();

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

/** Memo per rule set and rule. */
const memo = new WeakMap<RuleSet, Map<string, boolean>>();

/**
 * Whether one rule requires a licence, memoised on what the rule reads: the metrics its own
 * margins test (read from the engine), plus name, datacenter flag, memory type and I/O completeness.
 */
function passes(m: ChipMetrics, rule: RuleId, set: RuleSet): boolean {
  let cache = memo.get(set);
  if (!cache) memo.set(set, (cache = new Map()));
  const read = [...new Set(ruleLines(rule, set.ctx).map((l) => l.metric))];
  const key = `${rule}|${m.name}|${m.datacenter}|${m.memoryType}|${m.io2022Complete}|${read.map((k) => String(m[k as keyof ChipMetrics])).join('|')}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const ok = classifyMetrics(viewed(m, rule, set), set.ctx, [rule])[0].licenceRequired === false;
  cache.set(key, ok);
  return ok;
}

/** Compliant: no rule of the set requires a licence (an undetermined verdict is not compliant). */
export function isCompliant(m: ChipMetrics, set: RuleSet): boolean {
  return set.rules.every((r) => passes(m, r, set));
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
