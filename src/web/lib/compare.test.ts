/** The compare parameters (chips, frameworks, plans, engines) and the Pareto front of the serving comparison. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { paretoFront, type ServingPoint } from '../charts/compare-charts.js';
import { parsePlan, type PlanNotation } from '../../core/plan-notation.js';
import { chipLabels, compareChips, compareEngines, compareFrameworks, compareIds, comparePlans, MAX_COMPARE, partialPlanText, trainSeries } from './compare.js';

describe('compare parameter', () => {
  it('keeps catalog ids once, in order, and names the unknown ones', () => {
    expect(compareIds('nvidia-h20, nvidia-h20,nope,huawei-ascend-910b,')).toEqual({ ids: ['nvidia-h20', 'huawei-ascend-910b'], unknown: ['nope'] });
    expect(compareIds(undefined)).toEqual({ ids: [], unknown: [] });
  });
  it('puts the view’s chip first, at most MAX_COMPARE chips, with distinct labels', () => {
    const cat = builtinCatalog();
    const main = cat.chips.find((c) => c.id === 'nvidia-h100-sxm5-80gb')!;
    const chips = compareChips(main, cat.chips.map((c) => c.id).join(','));
    expect(chips[0]).toBe(main);
    expect(chips.length).toBe(MAX_COMPARE);
    const labels = [...chipLabels(cat.chips).values()];
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('paretoFront', () => {
  const point = fc.record({ chip: fc.constantFrom('a', 'b'), batch: fc.integer({ min: 1, max: 512 }), perUser: fc.double({ min: 0, max: 100, noNaN: true }), perGpu: fc.double({ min: 0, max: 1000, noNaN: true }), tpotMs: fc.constant(1), ttftMs: fc.constant(1) });
  it('keeps exactly the points no other point of the same chip dominates', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 30 }), (pts: ServingPoint[]) => {
        const front = new Set(paretoFront(pts));
        return pts.every((p) => {
          const dominated = pts.some((q) => q !== p && q.chip === p.chip && q.perUser >= p.perUser && q.perGpu >= p.perGpu && (q.perUser > p.perUser || q.perGpu > p.perGpu));
          return front.has(p) === !dominated;
        });
      }),
    );
  });
});

describe('compare series beyond chips (frameworks, plans)', () => {
  const cat = builtinCatalog();
  const h100 = cat.chips.find((c) => c.id === 'nvidia-h100-sxm5-80gb')!;
  it('keeps known frameworks once, without the view’s own, and names the unknown ones', () => {
    expect(compareFrameworks('nemo-2024,megatron-lm-2024,nemo-2024,torchtitan-2024,nope', 'megatron-lm-2024')).toEqual({ ids: ['nemo-2024', 'torchtitan-2024'], unknown: ['nope'] });
  });
  it('parses ;-separated plans with the core’s plan notation, canonical and deduplicated, and reports parsePlan’s message', () => {
    const r = comparePlans('pp2 tp4;tp4,pp2; tp3 foo ;');
    expect(r.plans.map((p) => p.text)).toEqual(['tp4 pp2']);
    expect(r.plans[0]!.fields).toEqual({ tp: 4, pp: 2 });
    expect(r.errors).toEqual([expect.stringContaining("compare-plan: unknown plan token 'foo'")]);
  });
  it('round-trips any partial plan through partialPlanText and parsePlan', () => {
    const notation = fc.record(
      { tp: fc.integer({ min: 1, max: 64 }), pp: fc.integer({ min: 1, max: 64 }), microBatch: fc.integer({ min: 1, max: 8 }), zero: fc.constantFrom(0, 1, 2, 3), recompute: fc.constantFrom('none', 'selective', 'full'), precision: fc.constantFrom('bf16', 'fp8'), schedule: fc.constantFrom('1f1b', 'interleaved') },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(notation, (n) => {
        expect(parsePlan(partialPlanText(n as PlanNotation) || 'tp1')).toEqual(Object.keys(n).length ? n : { tp: 1 });
      }),
    );
  });
  it('orders the series view, chips, frameworks, plans, labels what differs, merges fixed fields, at most MAX_COMPARE', () => {
    const s = trainSeries({ chip: h100, framework: 'megatron-lm-2024' }, { mb: undefined, microBatch: 1 } as never, { compare: 'nvidia-h20', 'compare-fw': 'nemo-2024', 'compare-plan': 'tp4 pp2;tp8' });
    expect(s.map((x) => [x.kind, x.key, x.label])).toEqual([
      ['view', 'nvidia-h100-sxm5-80gb', 'H100 SXM5 80GB · megatron-lm-2024 · mb1'],
      ['chip', 'nvidia-h20', 'H20 96GB'],
      ['framework', 'fw:nemo-2024', 'H100 SXM5 80GB · nemo-2024'],
      ['plan', 'plan:tp4 pp2', 'H100 SXM5 80GB · tp4 pp2 mb1'],
      ['plan', 'plan:tp8', 'H100 SXM5 80GB · tp8 mb1'],
    ]);
    expect(s[2]!.framework).toBe('nemo-2024');
    expect(s[3]!.fixed).toMatchObject({ tp: 4, pp: 2, microBatch: 1 });
    const many = trainSeries({ chip: h100 }, {}, { compare: cat.chips.map((c) => c.id).join(','), 'compare-fw': 'nemo-2024' });
    expect(many).toHaveLength(MAX_COMPARE);
    expect(new Set(many.map((x) => x.label)).size).toBe(MAX_COMPARE);
  });
  it('keeps known engines once and names the unknown ones', () => {
    expect(compareEngines('vllm-2025,vllm-2025,nope,sglang-2025')).toEqual({ ids: ['vllm-2025', 'sglang-2025'], unknown: ['nope'] });
  });
});
