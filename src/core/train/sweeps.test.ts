/** Plan-sweep validation: ratios, ties, confounding, and the golden ranking check on data/sweeps. */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../catalog/catalog.js';
import { validateSweep, validateSweeps } from './sweeps.js';

const cat = builtinCatalog();
const sweep = (id: string) => {
  const s = (cat.sweeps ?? []).find((x) => x.id === id);
  if (!s) throw new Error(`no sweep ${id}`);
  return s;
};

describe('plan sweeps', () => {
  it('the catalog carries the 20 published sweeps (48 rows, 4 of them project runs by reference)', () => {
    const sweeps = cat.sweeps ?? [];
    expect(sweeps).toHaveLength(20);
    expect(sweeps.reduce((n, s) => n + s.rows.length, 0)).toBe(52);
    expect(sweeps.flatMap((s) => s.rows).filter((r) => 'ref' in r)).toHaveLength(4);
  });

  it('step times become throughput ratios: Korthikanti 22B full recompute 1.42 s vs selective 1.10 s', () => {
    const r = validateSweep(sweep('korthikanti2022-22b-8xa100-seq2048-gbs4'), cat);
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0].measuredRatio).toBeCloseTo(1.42 / 1.1, 6);
    expect(r.pairs[0].differs).toBe(true);
    // Selective recompute is faster than full recompute in the model too.
    expect(r.pairs[0].predictedRatio).toBeGreaterThan(1);
    expect(r.pairs[0].orderRight).toBe(true);
  });

  it('eager vs torch.compile on the same plan is a tie; FP8 vs BF16 under compile is counted', () => {
    const r = validateSweep(sweep('tt-llama31-8b-8xh100-seq8192-gbs16'), cat);
    const tie = r.pairs.find((p) => p.a.endsWith('eager-bf16') && p.b.endsWith('compile-bf16'));
    expect(tie?.tie).toMatch(/torch\.compile/);
    expect(tie?.predictedRatio).toBe(1);
    const confounded = r.pairs.find((p) => p.a.endsWith('eager-bf16') && p.b.endsWith('compile-fp8'));
    expect(confounded?.confounded).toMatch(/torch\.compile/);
    const counted = r.pairs.find((p) => p.a.endsWith('compile-bf16') && p.b.endsWith('compile-fp8'));
    expect(counted?.tie).toBeUndefined();
    expect(counted?.confounded).toBeUndefined();
    expect(counted?.predictedRatio).toBeGreaterThan(1);
  });

  it('every-2nd-block checkpointing sits between no recompute and full recompute', () => {
    const r = validateSweep(sweep('tt-llama2-13b-64xa100-seq4096-gbs128'), cat);
    const [none, layer] = r.rows;
    expect(layer.method).toMatch(/every 2nd block/);
    expect(layer.predictedRate).toBeLessThan(none.predictedRate);
  });

  it('summary counts are consistent', () => {
    const rep = validateSweeps(cat);
    const all = rep.sweeps.flatMap((s) => s.pairs);
    expect(rep.summary.pairs + rep.summary.ties + rep.summary.confounded).toBe(all.length);
    expect(rep.summary.orderRight).toBeLessThanOrEqual(rep.summary.differingPairs);
    expect(rep.summary.ratio.count).toBe(rep.summary.pairs);
  });

  // Golden: the ranking of published plans. Issue 13 targets ratio median <= 7% and order right on >= 90% of
  // pairs that differ by >= 5%; this guards the level reached (docs/validation.md, "Plan sweeps").
  it('golden: the order of published plans is right on at least 90% of differing pairs', () => {
    const rep = validateSweeps(cat);
    expect(rep.summary.differingPairs).toBeGreaterThanOrEqual(15);
    expect(rep.summary.orderRightShare).toBeGreaterThanOrEqual(0.9);
    expect(rep.summary.ratio.medianAbsError).toBeLessThan(0.1);
  });
});
