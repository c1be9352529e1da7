import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allGather, allReduce, allToAll, p2p } from './collectives.js';
import { groupSpan, type Topology } from './topology.js';

const topo: Topology = { gpusPerNode: 8, up: { bytesPerS: 369e9, latencyS: 1.5e-6 }, out: { bytesPerS: 42.5e9, latencyS: 5e-6 } };

describe('groupSpan', () => {
  it('places groups by stride (Megatron order)', () => {
    expect(groupSpan(8, 1, 8)).toEqual({ local: 8, nodes: 1 });
    expect(groupSpan(32, 8, 8)).toEqual({ local: 1, nodes: 32 });
    expect(groupSpan(32, 4, 8)).toEqual({ local: 2, nodes: 16 });
    expect(groupSpan(1, 1, 8)).toEqual({ local: 1, nodes: 1 });
  });
});

describe('collectives', () => {
  it('ring all-reduce inside a node: 2(n−1)α + 2(n−1)/n·S/B', () => {
    const s = 1e9;
    expect(allReduce(s, groupSpan(8, 1, 8), topo)).toBeCloseTo(14 * 1.5e-6 + (2 * 7 * s) / (8 * 369e9), 12);
    expect(allGather(s, groupSpan(8, 1, 8), topo)).toBeCloseTo(7 * 1.5e-6 + (7 * s) / (8 * 369e9), 12);
  });

  it('a group spanning nodes is bounded by the NICs of its local ranks', () => {
    const s = 1e9;
    const t = allReduce(s, groupSpan(64, 1, 8), topo);
    expect(t).toBeCloseTo(2 * 63 * 5e-6 + (2 * 63 * s) / (64 * Math.min(369e9, 8 * 42.5e9)), 12);
    expect(allReduce(s, groupSpan(64, 8, 8), topo)).toBeGreaterThan(t);
  });

  it('costs nothing for one rank or no bytes, and grows with bytes and ranks', () => {
    expect(allReduce(1e9, groupSpan(1, 1, 8), topo)).toBe(0);
    expect(allToAll(0, 0, topo)).toBe(0);
    expect(p2p(0, true, topo)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e10 }), fc.constantFrom(2, 4, 8, 16, 64, 256), fc.constantFrom(1, 2, 4, 8), (s, n, stride) => {
        const span = groupSpan(n, stride, 8);
        return allReduce(2 * s, span, topo) > allReduce(s, span, topo) && allReduce(s, span, topo) >= allGather(s, span, topo);
      }),
    );
  });
});
