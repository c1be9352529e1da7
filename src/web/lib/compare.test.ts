/** The compare= parameter and the Pareto front of the serving comparison. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { paretoFront, type ServingPoint } from '../charts/compare-charts.js';
import { chipLabels, compareChips, compareIds, MAX_COMPARE } from './compare.js';

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
