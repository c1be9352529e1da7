/**
 * Anchor designs: the envelope's best design on a date (every spec at its maximum) and its
 * lowest-memory variant. Their full plan searches give the coarse plan set every candidate is
 * scored on, and the anchor's results are the reference of every ratio. Rule-independent, so a
 * sweep computes them once.
 */
import type { Chip } from '../catalog/schemas.js';
import { ChipboundError } from '../errors.js';
import type { Plan } from '../train/types.js';
import type { Envelope } from './envelope.js';
import { computeLevels, designChip, optionsAt, stackCounts, type DesignSpec } from './space.js';
import { anchorPlans, evaluateWorkloads, type DesignObjective, type DesignWorkload, type WorkloadResult } from './workload.js';

/** Anchor designs and their plan sets, independent of the rules (shared by a sweep's points). */
export interface AnchorCache {
  anchor?: { spec: DesignSpec; chip: Chip; results: WorkloadResult[] };
  plans?: Plan[][];
  planSearchEvaluated?: number;
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
  if (!best) {
    const first = e.processes.map((p) => p.availableFrom).sort()[0];
    throw new ChipboundError('usage', `--date ${date}: the technology envelope ${e.id} offers no process on that date (its first process is available from ${first})`);
  }
  return best;
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
  cache.anchor = { spec: chips.spec, chip: chips.chip, results: evaluateWorkloads(chips.chip, ws, plans, objective) };
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
