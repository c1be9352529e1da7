/**
 * What a threshold costs: the best compliant design at each value of one moved line
 * (`rules.us-2023-10.tpp=1600..9600`), its workload results, and the knees — the steps of the
 * line where the best design's score changes the most per unit of relative change of the line
 * (elasticity: Δscore/score ÷ Δline/line). Anchors are shared by all points.
 */
import type { MetricKey, RuleId } from '../controls/types.js';
import { ChipboundError } from '../errors.js';
import { headline, isRuleId, SWEEP_METRICS, type RuleSet } from './compliance.js';
import { designSearch, type AnchorCache, type DesignInput, type DesignOutcome } from './search.js';
import type { WorkloadResult } from './workload.js';

/** A parsed --sweep. */
export interface SweepSpec {
  readonly rule: RuleId;
  readonly metric: MetricKey;
  /** Values of the headline line, ascending. */
  readonly values: readonly number[];
}

/** Parses `rules.<rule>.<metric>=A..B[:N]` (N points, default 11) or `=A,B,C`. */
export function parseSweep(text: string, set: Pick<RuleSet, 'ctx'> & Partial<Pick<RuleSet, 'rules'>>): SweepSpec {
  const m = /^rules\.([a-z0-9-]+)\.([A-Za-z0-9]+)=(.+)$/.exec(text.trim());
  if (!m) throw new ChipboundError('usage', `--sweep: expected rules.<rule>.<metric>=A..B[:N] (e.g. rules.us-2023-10.tpp=1600..9600), got '${text}'`);
  const [, rule, name, range] = m;
  if (!isRuleId(rule)) throw new ChipboundError('usage', `--sweep: unknown rule '${rule}'`);
  let metric = SWEEP_METRICS[name];
  if (!metric) throw new ChipboundError('usage', `--sweep: unknown metric '${name}' (expected one of ${Object.keys(SWEEP_METRICS).join(', ')})`);
  // "interconnect" means the rule's interconnect line: scale-up bandwidth, or the 2022 I/O sum.
  if (name === 'interconnect') {
    try {
      headline(rule, 'scaleUpGBps', set.ctx);
    } catch {
      metric = 'io2022GBps';
    }
  }
  headline(rule, metric, set.ctx);
  // Moving a line of a rule the designs are not checked against changes nothing: every row would be the same.
  if (set.rules && !set.rules.includes(rule)) throw new ChipboundError('usage', `--sweep: rule ${rule} is not in --rules (${set.rules.join(', ')}); sweeping it would change nothing: add it to --rules or sweep one of those`);
  const num = (s: string) => {
    const v = Number(s.trim());
    if (!(Number.isFinite(v) && v > 0)) throw new ChipboundError('usage', `--sweep: expected a positive number, got '${s}'`);
    return v;
  };
  const r = /^([^.]+(?:\.\d+)?)\.\.([^:]+)(?::(\d+))?$/.exec(range.trim());
  let values: number[];
  if (r) {
    const a = num(r[1]);
    const b = num(r[2]);
    const n = r[3] ? Number(r[3]) : 11;
    if (!(a < b)) throw new ChipboundError('usage', `--sweep: range start ${a} must be below its end ${b}`);
    if (!(n >= 2 && n <= 41)) throw new ChipboundError('usage', `--sweep: points must be 2 to 41, got ${n}`);
    values = Array.from({ length: n }, (_, i) => +(a + ((b - a) * i) / (n - 1)).toPrecision(6));
  } else {
    values = [...new Set(range.split(',').map(num))].sort((x, y) => x - y);
  }
  return { rule, metric, values };
}

/** One point of a sweep. */
export interface SweepPoint {
  /** The headline line's value. */
  readonly value: number;
  /** Best compliant design, or null when none. */
  readonly best: DesignOutcome | null;
  /** Its workload results (empty when none). */
  readonly workloads: readonly WorkloadResult[];
  /** Its time ratio to the unconstrained design (geometric mean over workloads). */
  readonly timeRatio: number | null;
  /** Its cost ratio. */
  readonly costRatio: number | null;
  /** Designs scored at this point. */
  readonly candidates: number;
}

/** A knee: the step of the line where the score moves the most. */
export interface Knee {
  /** Step from → to (line values). */
  readonly from: number;
  readonly to: number;
  /** Relative change of the time ratio over the step, % (negative: loosening helps). */
  readonly changePct: number;
  /** Elasticity: (Δratio/ratio) / (Δline/line). */
  readonly elasticity: number;
  /** One sentence. */
  readonly sentence: string;
}

/** A finished sweep. */
export interface SweepResult {
  readonly rule: RuleId;
  readonly metric: MetricKey;
  /** The rule's own headline value (the line as enacted). */
  readonly enacted: number;
  readonly points: readonly SweepPoint[];
  /** Knees, largest first (at most 2). */
  readonly knees: readonly Knee[];
  /** Plans and deployments evaluated over all points. */
  readonly plansEvaluated: number;
  readonly deploymentsEvaluated: number;
}

/** Runs the sweep (refine per point defaults to 1). */
export function sweepThreshold(input: DesignInput, sw: SweepSpec): SweepResult {
  const cache: AnchorCache = input.cache ?? {};
  const base = input.ruleSet;
  let plans = 0;
  let deps = 0;
  const enacted = headline(sw.rule, sw.metric, base.ctx);
  const points: SweepPoint[] = sw.values.map((value, i) => {
    const others = base.overrides.filter((o) => !(o.rule === sw.rule && o.metric === sw.metric));
    // At the enacted value the rule runs as written (no "(moved)" lines).
    const moved = value === enacted ? others : [...others, { rule: sw.rule, metric: sw.metric, value }];
    const r = designSearch({ ...input, top: 1, refine: input.refine ?? 1, compare: [], cache, ruleSet: { ...base, overrides: moved } });
    // Anchor searches are counted once.
    plans += i === 0 ? r.counts.plansEvaluated : r.counts.plansEvaluated - (cache.planSearchEvaluated ?? 0);
    deps += r.counts.deploymentsEvaluated;
    const best = r.designs[0] ?? null;
    return { value, best, workloads: best ? best.workloads : [], timeRatio: best ? best.timeRatio : null, costRatio: best ? best.costRatio : null, candidates: r.counts.candidates };
  });
  return { rule: sw.rule, metric: sw.metric, enacted, points, knees: knees(points), plansEvaluated: plans, deploymentsEvaluated: deps };
}

/** The two steps with the largest |elasticity| where the score changes. */
export function knees(points: readonly SweepPoint[]): Knee[] {
  const out: Knee[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a.timeRatio === null || b.timeRatio === null || !Number.isFinite(a.timeRatio) || !Number.isFinite(b.timeRatio)) continue;
    const dr = (b.timeRatio - a.timeRatio) / a.timeRatio;
    if (Math.abs(dr) < 1e-6) continue;
    const dl = (b.value - a.value) / a.value;
    const el = dr / dl;
    out.push({
      from: a.value,
      to: b.value,
      changePct: dr * 100,
      elasticity: el,
      sentence: `moving the line from ${a.value} to ${b.value} (${(dl * 100).toFixed(0)}%) changes the best compliant design's time by ${(dr * 100).toFixed(1)}%`,
    });
  }
  return out.sort((x, y) => Math.abs(y.elasticity) - Math.abs(x.elasticity)).slice(0, 2);
}
