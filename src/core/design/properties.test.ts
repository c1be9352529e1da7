/**
 * Properties of the design search (issue 19): loosening a threshold never makes the best
 * compliant design worse, and no design that violates a rule (with its moved lines) appears.
 * Small envelope and tiny models so that every design is scored exactly (refine covers all).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleContext } from '../controls/classify.js';
import { chipMetrics } from '../controls/metrics.js';
import type { MetricKey, RuleId } from '../controls/types.js';
import { tinyModel } from '../../../test/search-fixtures.js';
import { verdicts, type RuleSet } from './compliance.js';
import { builtinEnvelope } from './builtin.js';
import type { Envelope } from './envelope.js';
import { designSearch, type AnchorCache } from './search.js';
import type { DesignWorkload } from './workload.js';

const full = builtinEnvelope();
/** The default envelope on a coarser grid (same values, fewer grid points). */
const env: Envelope = {
  ...full,
  processes: full.processes.map((p) => ({ ...p, dieAreasMm2: [600, 814], computeFractions: [0.15, 0.3, 0.6, 1] })),
  scaleUp: full.scaleUp.map((s) => ({ ...s, links: [0, 4, 9, 18] })),
};
const model = tinyModel({ layers: 4, hidden: 512, heads: 8, kvHeads: 8, experts: 1 }, { ffnMultiple: 4, sharedExperts: 0, denseLayers: 0 });
const workloads: DesignWorkload[] = [
  { kind: 'train', model, gpus: 16, seq: 1024, globalBatch: 64, tokens: 1e9 },
  { kind: 'serve', model, gpus: 2, promptTokens: 500, outputTokens: 2000, tpotSeconds: 0.02 },
];

/** Lines to move: rule, metric, and the enacted headline (loosening = raising a ">=" control line). */
const LINES: { rule: RuleId; metric: MetricKey; enacted: number; date: string }[] = [
  { rule: 'us-2023-10', metric: 'tpp', enacted: 4800, date: '2024-06-01' },
  { rule: 'us-2023-10', metric: 'pd', enacted: 5.92, date: '2024-06-01' },
  { rule: 'us-2022-10', metric: 'io2022GBps', enacted: 600, date: '2023-06-01' },
  { rule: 'us-2025-04', metric: 'memoryGBps', enacted: 4000, date: '2025-06-01' },
];

const caches = new Map<string, AnchorCache>();
function run(line: (typeof LINES)[number], value: number) {
  const set: RuleSet = { rules: [line.rule], ctx: ruleContext({ date: line.date, destination: 'CN' }), overrides: [{ rule: line.rule, metric: line.metric, value }] };
  if (!caches.has(line.date)) caches.set(line.date, {});
  return { set, r: designSearch({ envelope: env, ruleSet: set, workloads, top: 50, refine: 1000, cache: caches.get(line.date) }) };
}

describe('design search properties', () => {
  it('loosening a threshold never makes the best compliant design worse; no violating design appears', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.constantFrom(...LINES), fc.double({ min: 0.3, max: 1.5, noNaN: true }), fc.double({ min: 1, max: 2, noNaN: true }), (line, f, g) => {
        const tight = run(line, line.enacted * f);
        const loose = run(line, line.enacted * f * g);
        for (const { set, r } of [tight, loose]) {
          for (const d of r.designs) expect(verdicts(chipMetrics(d.chip), set).every((c) => c.licenceRequired === false)).toBe(true);
        }
        if (loose.r.designs.length) found++;
        const a = tight.r.designs[0]?.timeRatio ?? Number.POSITIVE_INFINITY;
        const b = loose.r.designs[0]?.timeRatio ?? Number.POSITIVE_INFINITY;
        expect(b).toBeLessThanOrEqual(a * (1 + 1e-12));
      }),
      { numRuns: 12, seed: 19 },
    );
    // Not vacuous: most runs have a compliant design.
    expect(found).toBeGreaterThan(6);
  }, 300_000);
});

describe('design search is deterministic and the Pareto front is non-dominated', () => {
  const set: RuleSet = { rules: ['us-2023-10'], ctx: ruleContext({ date: '2024-06-01', destination: 'CN' }), overrides: [] };
  it('the same input gives the same designs (no clock, ties broken by id)', () => {
    const a = designSearch({ envelope: env, ruleSet: set, workloads, top: 10 });
    const b = designSearch({ envelope: env, ruleSet: set, workloads, top: 10 });
    expect(JSON.stringify(b.designs)).toBe(JSON.stringify(a.designs));
    expect(b.counts).toEqual(a.counts);
  }, 120_000);
  it("'pareto' lists designs no other scored design beats on both time and cost, fastest first", () => {
    const r = designSearch({ envelope: env, ruleSet: set, workloads, objective: 'pareto', top: 100, refine: 1000 });
    expect(r.designs.length).toBeGreaterThan(0);
    for (const d of r.designs) {
      expect(r.scored.some((x) => x.timeRatio < d.timeRatio && x.costRatio < d.costRatio)).toBe(false);
    }
    for (let i = 1; i < r.designs.length; i++) expect(r.designs[i].timeRatio).toBeGreaterThanOrEqual(r.designs[i - 1].timeRatio);
  }, 120_000);
});
