/**
 * Binding constraints: for the compute, memory and scale-up of a design, why the next grid step
 * up is not taken — a rule test that would flip (named by the controls engine's margins) or an
 * envelope limit.
 */
import type { RuleSet } from './compliance.js';
import { flippedTests, isCompliant, tppPdLines } from './compliance.js';
import type { Envelope } from './envelope.js';
import { computeLevels, designMetrics, maxBf16, optionsAt, parts, stackCounts, type DesignSpec } from './space.js';

/** A constraint that stops a design from improving. */
export interface Binding {
  /** The spec that cannot grow: compute, memory, memoryBandwidth, scaleUp, domain, scaleOut. */
  readonly spec: string;
  /** 'rule' (a threshold) or 'envelope' (technology). */
  readonly kind: 'rule' | 'envelope';
  /** The constraint, e.g. "us-2023-10: tpp >= 2400 → 3A090.b.1" or "envelope: TDP ceiling 700 W". */
  readonly constraint: string;
}

/** Binding constraints of a compliant design: for each spec, why the next grid step up is not taken. */
export function bindingOf(e: Envelope, s: DesignSpec, set: RuleSet): Binding[] {
  const o = optionsAt(e, set.ctx.date);
  const { p, h, u } = parts(e, s);
  const m0 = designMetrics(e, s);
  const out: Binding[] = [];
  const test = (spec: string, next: DesignSpec | null, atMax: string) => {
    if (next === null) {
      out.push({ spec, kind: 'envelope', constraint: atMax });
      return;
    }
    const m1 = designMetrics(e, next);
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
