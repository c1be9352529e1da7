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
import type { ChipMetrics } from '../controls/types.js';
import { flippedTests, isCompliant, tppPdLines, verdicts, type RuleSet } from './compliance.js';
import type { Envelope } from './envelope.js';
import { derived, designChip, designId, enumerateDesigns, maxBf16, optionsAt, parts, computeLevels, stackCounts, type DesignSpec } from './space.js';
import { anchorPlans, serveEvaluate, trainCoarse, trainRefine, type DesignObjective, type DesignWorkload, type WorkloadResult } from './workload.js';
import type { Plan } from '../train/types.js';

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

/** Anchor designs and their plan sets, independent of the rules (shared by a sweep's points). */
export interface AnchorCache {
  anchor?: { spec: DesignSpec; chip: Chip; results: WorkloadResult[] };
  plans?: Plan[][];
  planSearchEvaluated?: number;
}

/** A constraint that stops a design from improving. */
export interface Binding {
  /** The spec that cannot grow: compute, memory, memoryBandwidth, scaleUp, domain, scaleOut. */
  readonly spec: string;
  /** 'rule' (a threshold) or 'envelope' (technology). */
  readonly kind: 'rule' | 'envelope';
  /** The constraint, e.g. "us-2023-10: tpp >= 2400 → 3A090.b.1" or "envelope: TDP ceiling 700 W". */
  readonly constraint: string;
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

/** The envelope's unconstrained best design on the date (every spec at its maximum). */
export function anchorSpec(e: Envelope, date: string, minMemory = false): DesignSpec {
  const o = optionsAt(e, date);
  let best: DesignSpec | null = null;
  let bestV = -1;
  for (const p of o.processes) {
    for (let dies = 1; dies <= p.maxDies; dies++) {
      const area = Math.max(...p.dieAreasMm2);
      const bf16 = Math.max(...computeLevels(p, dies, area, []));
      if (bf16 <= bestV) continue;
      const hbms = [...o.hbm(p)].sort((a, b) => a.gbpsPerStack - b.gbpsPerStack);
      const counts = stackCounts(p, dies);
      const ups = o.scaleUp(p);
      const u = ups[ups.length - 1];
      bestV = bf16;
      best = {
        process: p.id,
        dies,
        dieAreaMm2: area,
        bf16Tflops: bf16,
        hbm: (minMemory ? hbms[0] : hbms[hbms.length - 1]).id,
        stacks: minMemory ? counts[0] : counts[counts.length - 1],
        scaleUp: u.id,
        links: Math.max(...u.links),
        scaleUpDomain: Math.max(...o.domains(u)),
        scaleOutGbps: Math.max(...o.nics),
      };
    }
  }
  if (!best) throw new Error(`the envelope offers no process on ${date}`);
  return best;
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

/** Coarse evaluation of every workload on one chip. */
function evaluateAll(chip: Chip, ws: readonly DesignWorkload[], plans: readonly Plan[][], objective: DesignObjective): WorkloadResult[] {
  return ws.map((w, i) => (w.kind === 'train' ? trainCoarse(w, chip, plans[i], objective) : serveEvaluate(w, chip)));
}

function refineAll(chip: Chip, ws: readonly DesignWorkload[], rs: readonly WorkloadResult[], objective: DesignObjective): WorkloadResult[] {
  return ws.map((w, i) => (w.kind === 'train' ? trainRefine(w, chip, rs[i], objective) : rs[i]));
}

function better(objective: DesignObjective, a: { timeRatio: number; costRatio: number; id: string }, b: { timeRatio: number; costRatio: number; id: string }): number {
  const [x, y] = objective === 'cheapest' ? [a.costRatio - b.costRatio, a.timeRatio - b.timeRatio] : [a.timeRatio - b.timeRatio, a.costRatio - b.costRatio];
  return x || y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The anchor designs on a date: the envelope's best (every spec at its maximum) and its lowest-memory variant. */
export function anchorChips(e: Envelope, date: string): { spec: DesignSpec; chip: Chip; low: Chip } {
  const spec = anchorSpec(e, date);
  return { spec, chip: designChip(e, spec), low: designChip(e, anchorSpec(e, date, true)) };
}

/** Fixed plan fields of the low-memory anchor's search: the anchor's best precision and schedule (a cheaper search), or null to skip it. */
export function lowAnchorFixed(chip: Chip, low: Chip, anchorBest: Plan | undefined): Partial<Plan> | null {
  return low.memoryGB === chip.memoryGB || !anchorBest ? null : { precision: anchorBest.precision, schedule: anchorBest.schedule };
}

/** The coarse plan set: the anchor's plans, then the low-memory anchor's, without repeats. */
export function mergePlanSets(a: readonly Plan[], b: readonly Plan[]): Plan[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((p) => {
    const k = JSON.stringify(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Completes the anchor cache from plan sets found by any runner (the CLI uses its worker threads). */
export function finishAnchors(ws: readonly DesignWorkload[], objective: DesignObjective, cache: AnchorCache, chips: { spec: DesignSpec; chip: Chip }, plans: Plan[][], evaluated: number): Required<AnchorCache> {
  cache.plans = plans;
  // The plan set holds the anchor's own full-search best, so its coarse result is already refined.
  cache.anchor = { spec: chips.spec, chip: chips.chip, results: evaluateAll(chips.chip, ws, plans, objective) };
  cache.planSearchEvaluated = evaluated + cache.anchor.results.reduce((a, r) => a + (r.kind === 'train' ? r.evaluated : 0), 0);
  return cache as Required<AnchorCache>;
}

/** Fills the anchor cache (rule-independent): anchor results and the coarse plan sets (single thread). */
export function prepareAnchors(e: Envelope, date: string, ws: readonly DesignWorkload[], objective: DesignObjective, cache: AnchorCache = {}): Required<AnchorCache> {
  if (cache.anchor && cache.plans) return cache as Required<AnchorCache>;
  const chips = anchorChips(e, date);
  let n = 0;
  const plans = ws.map((w) => {
    if (w.kind !== 'train') return [];
    const a = anchorPlans(w, chips.chip);
    const fixed = lowAnchorFixed(chips.chip, chips.low, a.plans[0]);
    const b = fixed ? anchorPlans(w, chips.low, fixed) : { plans: [], evaluated: 0 };
    n += a.evaluated + b.evaluated;
    return mergePlanSets(a.plans, b.plans);
  });
  return finishAnchors(ws, objective, cache, chips, plans, n);
}

/** Binding constraints of a compliant design: for each spec, why the next grid step up is not taken. */
export function bindingOf(e: Envelope, s: DesignSpec, set: RuleSet): Binding[] {
  const o = optionsAt(e, set.ctx.date);
  const { p, h, u } = parts(e, s);
  const m0 = metricsOf(e, s);
  const out: Binding[] = [];
  const test = (spec: string, next: DesignSpec | null, atMax: string) => {
    if (next === null) {
      out.push({ spec, kind: 'envelope', constraint: atMax });
      return;
    }
    const m1 = metricsOf(e, next);
    if (!isCompliant(m1, set)) {
      for (const t of flippedTests(m0, m1, set)) out.push({ spec, kind: 'rule', constraint: t });
    }
  };
  const levels = computeLevels(p, s.dies, s.dieAreaMm2, tppPdLines(set));
  const up = levels.find((l) => l > s.bf16Tflops + 1e-9);
  const top = maxBf16(p, s.dies, s.dieAreaMm2);
  const powerBound = top < s.dieAreaMm2 * s.dies * p.bf16TflopsPerMm2;
  test('compute', up === undefined ? null : { ...s, bf16Tflops: up }, powerBound ? `envelope: TDP ceiling ${p.tdpCeilingW} W` : `envelope: ${p.bf16TflopsPerMm2} BF16 TFLOPS/mm² × ${s.dieAreaMm2 * s.dies} mm²${s.dieAreaMm2 >= p.reticleMm2 ? ' (reticle limit)' : ''}`);
  const counts = stackCounts(p, s.dies);
  const hbms = o.hbm(p);
  const nextStacks = counts.find((c) => c > s.stacks);
  const betterHbm = hbms.find((x) => x.gbpsPerStack > h.gbpsPerStack);
  test('memory', nextStacks !== undefined ? { ...s, stacks: nextStacks } : betterHbm ? { ...s, hbm: betterHbm.id } : null, `envelope: ${p.hbmSitesPerDie * s.dies} HBM sites of ${h.type} (${h.gbPerStack} GB, ${h.gbpsPerStack} GB/s each)`);
  const nextLinks = [...u.links].sort((a, b) => a - b).find((l) => l > s.links);
  test('scaleUp', nextLinks === undefined ? null : { ...s, links: nextLinks, scaleUpDomain: s.links === 0 ? Math.min(...o.domains(u)) : s.scaleUpDomain }, `envelope: ${Math.max(...u.links)} ${u.name} links`);
  return out;
}

/** Metrics of a spec under one neutral id (the rules read specs; the 2025 letters also read names). */
function metricsOf(e: Envelope, s: DesignSpec): ChipMetrics {
  return chipMetrics(designChip(e, s, 'design'));
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
    if (!isCompliant(metricsOf(e, s), set)) continue;
    const v = perf(e, s);
    compliant.push({ v: objective === 'fastest' ? v : [...v, -derived(e, s).rentalUsdPerHour], s });
  }
  const front = skyline(compliant);
  let plansEvaluated = cache.planSearchEvaluated;
  let deployments = 0;
  const scored = front.map(({ s }) => {
    const chip = designChip(e, s);
    const rs = evaluateAll(chip, ws, cache.plans, objective);
    return { s, chip, rs, id: chip.id, ...ratios(rs, cache.anchor.results) };
  });
  scored.sort((a, b) => better(objective, a, b));
  const nRefine = ws.some((w) => w.kind === 'train') ? Math.min(refine, scored.length) : 0;
  for (let i = 0; i < nRefine; i++) {
    const x = scored[i];
    x.rs = refineAll(x.chip, ws, x.rs, objective);
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
    const rs = refineAll(c, ws, evaluateAll(c, ws, cache.plans, objective), objective);
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
  if (bad.length) return `even the unconstrained envelope design cannot run ${bad.join('; ')} (no plan fits in memory or meets the targets): more accelerators, a shorter sequence or looser targets`;
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

/** Verdicts of a chip under the set with any moved lines applied (for sweeps). */
export { verdicts };
