/**
 * designSearch: the best accelerator specs a rule set allows for a set of workloads, within a
 * technology envelope. Steps: enumerate the grid (space.ts); keep designs that pass every rule
 * (controls engine, compliance.ts); drop designs another compliant design beats on every
 * performance spec (and on price, unless the objective is 'fastest'); score the rest on every
 * workload (workload.ts: coarse plan set, then refinement of the best `refine`); rank. Scores are
 * relative to the envelope's unconstrained anchor design (1 = as good as the best the envelope
 * can build; 1.25 = 25% slower or dearer), the geometric mean over workloads.
 */
import type { Chip } from '../catalog/schemas.js';
import { classifyChip, type ChipClassification } from '../controls/classify.js';
import { chipMetrics } from '../controls/metrics.js';
import { prepareAnchors, type AnchorCache } from './anchors.js';
import { bindingOf, type Binding } from './binding.js';
import { isCompliant, tppPdLines, type RuleSet } from './compliance.js';
import type { Envelope } from './envelope.js';
import { derived, designChip, designId, designMetrics, enumerateDesigns, type DesignSpec } from './space.js';
import { evaluateWorkloads, refineWorkloads, type DesignObjective, type DesignWorkload, type WorkloadResult } from './workload.js';

export type { AnchorCache } from './anchors.js';
export type { Binding } from './binding.js';

/** Inputs of a design search. */
export interface DesignInput {
  readonly envelope: Envelope;
  readonly ruleSet: RuleSet;
  readonly workloads: readonly DesignWorkload[];
  /** Default 'fastest'. */
  readonly objective?: DesignObjective;
  /** Designs to return; default 5. */
  readonly top?: number;
  /** Designs whose training plans are refined by the search kernel; default 3. */
  readonly refine?: number;
  /** Real chips to place against the optimum (distance per workload). */
  readonly compare?: readonly Chip[];
  /** Reuse anchors across calls (a sweep): filled on first use. */
  readonly cache?: AnchorCache;
}

/** One design in the output. */
export interface DesignOutcome {
  /** Rank, 1 = best. */
  readonly rank: number;
  /** The grid point. */
  readonly spec: DesignSpec;
  /** The chip file (usable as --chip). */
  readonly chip: Chip;
  /** Classification under the rules in force on the date and those searched (as classify --json). */
  readonly classification: ChipClassification;
  /** Constraints that bind. */
  readonly binding: readonly Binding[];
  /** Per workload. */
  readonly workloads: readonly WorkloadResult[];
  /** Geometric mean over workloads of time score / the anchor's (1 = unconstrained optimum). */
  readonly timeRatio: number;
  /** Same for the cost score. */
  readonly costRatio: number;
}

/** A real chip placed against the optimum. */
export interface Reference {
  readonly id: string;
  readonly name: string;
  /** Passes the rule set. */
  readonly compliant: boolean;
  readonly workloads: readonly WorkloadResult[];
  readonly timeRatio: number;
  readonly costRatio: number;
  /** (chip's ratio / best design's − 1) × 100 with the chip's own calibration family (as `train`/`infer` predict it), %. */
  readonly distancePct: number | null;
  /**
   * The same distance for the chip's specs evaluated as a design (design calibration family):
   * the spec-for-spec distance. Differs from distancePct where the chip has its own measured
   * efficiency family (the H20 in serving: infer/efficiency.ts).
   */
  readonly specDistancePct: number | null;
}

/** Counts of the search. */
export interface DesignCounts {
  /** Grid points enumerated. */
  readonly grid: number;
  /** Passing every rule. */
  readonly compliant: number;
  /** Left after dominance pruning (scored on the workloads). */
  readonly candidates: number;
  /** Designs refined by the training search kernel. */
  readonly refined: number;
  /** Training plans evaluated (anchor searches, coarse passes, refinements). */
  readonly plansEvaluated: number;
  /** Serving deployments evaluated. */
  readonly deploymentsEvaluated: number;
}

/** What designSearch returns. */
export interface DesignResult {
  readonly objective: DesignObjective;
  /** Best first (the Pareto front, fastest first, for 'pareto'). */
  readonly designs: readonly DesignOutcome[];
  /** The envelope's best design with no rule (the reference of the ratios). */
  readonly unconstrained: { readonly chip: Chip; readonly workloads: readonly WorkloadResult[] };
  readonly references: readonly Reference[];
  readonly counts: DesignCounts;
  /** Why `designs` is empty (null when it is not). */
  readonly emptyReason: string | null;
  /** Every candidate scored (after dominance pruning), best first: for charts of the whole compliant set. */
  readonly scored: readonly { readonly id: string; readonly spec: DesignSpec; readonly timeRatio: number; readonly costRatio: number }[];
}

/** Performance vector of a design (more is better on every component). */
function perf(e: Envelope, s: DesignSpec): number[] {
  const d = derived(e, s);
  return [s.bf16Tflops, d.memoryGB, d.memoryTBps, d.scaleUpGBps, s.scaleUpDomain, s.scaleOutGbps];
}

/** Keeps the designs no other one beats or equals on every component (first of equals kept). */
function skyline(points: { v: number[]; s: DesignSpec }[]): { v: number[]; s: DesignSpec }[] {
  const sorted = [...points].sort((a, b) => b.v.reduce((x, y) => x + y, 0) - a.v.reduce((x, y) => x + y, 0) || (designId(a.s) < designId(b.s) ? -1 : 1));
  const front: { v: number[]; s: DesignSpec }[] = [];
  for (const p of sorted) {
    if (front.some((f) => f.v.every((x, i) => x >= p.v[i]))) continue;
    front.push(p);
  }
  return front;
}

function geo(xs: number[]): number {
  if (xs.some((x) => !Number.isFinite(x))) return Number.POSITIVE_INFINITY;
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

function ratios(rs: readonly WorkloadResult[], anchor: readonly WorkloadResult[]) {
  return {
    timeRatio: geo(rs.map((r, i) => r.timeScore / anchor[i].timeScore)),
    costRatio: geo(rs.map((r, i) => r.costScore / anchor[i].costScore)),
  };
}

function better(objective: DesignObjective, a: { timeRatio: number; costRatio: number; id: string }, b: { timeRatio: number; costRatio: number; id: string }): number {
  const [x, y] = objective === 'cheapest' ? [a.costRatio - b.costRatio, a.timeRatio - b.timeRatio] : [a.timeRatio - b.timeRatio, a.costRatio - b.costRatio];
  return x || y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Runs the design search. */
export function designSearch(input: DesignInput): DesignResult {
  const e = input.envelope;
  const set = input.ruleSet;
  const objective = input.objective ?? 'fastest';
  const top = input.top ?? 5;
  const refine = input.refine ?? 3;
  const ws = input.workloads;
  const cache = prepareAnchors(e, set.ctx.date, ws, objective, input.cache ?? {});

  const grid = enumerateDesigns(e, set.ctx.date, tppPdLines(set));
  const compliant: { v: number[]; s: DesignSpec }[] = [];
  for (const s of grid) {
    if (!isCompliant(designMetrics(e, s), set)) continue;
    const v = perf(e, s);
    compliant.push({ v: objective === 'fastest' ? v : [...v, -derived(e, s).rentalUsdPerHour], s });
  }
  const front = skyline(compliant);
  let plansEvaluated = cache.planSearchEvaluated;
  let deployments = 0;
  const scored = front.map(({ s }) => {
    const chip = designChip(e, s);
    const rs = evaluateWorkloads(chip, ws, cache.plans, objective);
    return { s, chip, rs, id: chip.id, ...ratios(rs, cache.anchor.results) };
  });
  scored.sort((a, b) => better(objective, a, b));
  const nRefine = ws.some((w) => w.kind === 'train') ? Math.min(refine, scored.length) : 0;
  for (let i = 0; i < nRefine; i++) {
    const x = scored[i];
    x.rs = refineWorkloads(x.chip, ws, x.rs, objective);
    Object.assign(x, ratios(x.rs, cache.anchor.results));
  }
  for (const x of scored) {
    for (const r of x.rs) {
      if (r.kind === 'train') plansEvaluated += r.evaluated;
      else deployments += r.evaluated;
    }
  }
  scored.sort((a, b) => better(objective, a, b));
  let chosen = scored.filter((x) => Number.isFinite(objective === 'cheapest' ? x.costRatio : x.timeRatio));
  if (objective === 'pareto') {
    const f: typeof chosen = [];
    for (const x of chosen) if (!f.some((y) => y.timeRatio <= x.timeRatio && y.costRatio <= x.costRatio)) f.push(x);
    chosen = f;
  }
  const designs: DesignOutcome[] = chosen.slice(0, top).map((x, i) => ({
    rank: i + 1,
    spec: x.s,
    chip: x.chip,
    classification: classifyFor(x.chip, set),
    binding: bindingOf(e, x.s, set),
    workloads: x.rs,
    timeRatio: x.timeRatio,
    costRatio: x.costRatio,
  }));
  const best = designs[0];
  const b = best ? (objective === 'cheapest' ? best.costRatio : best.timeRatio) : null;
  const run = (c: Chip) => {
    const rs = refineWorkloads(c, ws, evaluateWorkloads(c, ws, cache.plans, objective), objective);
    for (const r of rs) {
      if (r.kind === 'train') plansEvaluated += r.evaluated;
      else deployments += r.evaluated;
    }
    const q = ratios(rs, cache.anchor.results);
    const v = objective === 'cheapest' ? q.costRatio : q.timeRatio;
    return { rs, q, dist: b !== null && Number.isFinite(v) ? (v / b - 1) * 100 : null };
  };
  const references: Reference[] = (input.compare ?? []).map((c, i) => {
    const own = run(c);
    // Same specs under a neutral id and the designs' architecture: the designs' calibration family.
    const arch = cache.anchor.chip.architecture;
    const asDesign = run({ ...c, id: `reference-${i + 1}`, name: `Reference ${i + 1}`, vendor: 'chipbound design', ...(arch ? { architecture: arch } : {}) });
    return { id: c.id, name: c.name, compliant: isCompliant(chipMetrics(c), set), workloads: own.rs, ...own.q, distancePct: own.dist, specDistancePct: asDesign.dist };
  });
  return {
    objective,
    designs,
    unconstrained: { chip: cache.anchor.chip, workloads: cache.anchor.results },
    references,
    counts: { grid: grid.length, compliant: compliant.length, candidates: front.length, refined: nRefine, plansEvaluated, deploymentsEvaluated: deployments },
    emptyReason: designs.length ? null : emptyReason(compliant.length, cache.anchor.results),
    scored: scored.map((x) => ({ id: x.id, spec: x.s, timeRatio: x.timeRatio, costRatio: x.costRatio })),
  };
}

function emptyReason(compliant: number, anchor: readonly WorkloadResult[]): string {
  if (compliant === 0) return 'no design in the envelope passes the rules on this date';
  const bad = anchor.filter((r) => !r.feasible).map((r) => r.workload);
  if (bad.length) return `even the unconstrained envelope design cannot run ${bad.join('; ')} (no plan fits in memory or meets the targets): a different accelerator count (more for memory; fewer when the global batch cannot be split over them all), a shorter sequence or looser targets`;
  return 'no compliant design can run the workloads (no plan fits in memory or meets the targets)';
}

/** classify --json for a design: the rules in force on the date plus those searched (moved lines are not applied here). */
function classifyFor(chip: Chip, set: RuleSet): ChipClassification {
  const base = classifyChip(chip, { date: set.ctx.date, destination: set.ctx.destination.code, ...(set.ctx.headquarters ? { headquarters: set.ctx.headquarters.code } : {}) });
  const have = new Set(base.classifications.map((c) => c.rule));
  const extra = set.rules.filter((r) => !have.has(r));
  if (extra.length === 0) return base;
  const more = classifyChip(chip, { date: set.ctx.date, destination: set.ctx.destination.code, rules: extra });
  return { ...base, classifications: [...base.classifications, ...more.classifications] };
}

