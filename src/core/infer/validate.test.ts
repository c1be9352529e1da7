/** Golden test: re-predicts every published serving point in data/serving. */
import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip, getModel } from '../catalog/catalog.js';
import { validateServing } from './validate.js';

const cat = builtinCatalog();
const v = validateServing(cat.serving, { model: (id) => getModel(id), chip: (id) => getChip(id) });

describe('validate --inference (published serving measurements)', () => {
  it('covers the reference file', () => {
    expect(v.summary.points).toBeGreaterThanOrEqual(600);
    expect(v.summary.included).toBeGreaterThanOrEqual(600);
  });
  it('median |error| <= 25% over the included points', () => {
    expect(v.summary.medianAbsError).toBeLessThanOrEqual(0.25);
  });
  it('every included point is inside its band', () => {
    const outside = v.rows.filter((r) => !r.excluded && !r.withinBand).map((r) => `${r.id} ${(r.error * 100).toFixed(0)}% (band ${(r.band * 100).toFixed(0)}%)`);
    expect(outside).toEqual([]);
  });
  it('project median |error| <= 10% with every scenario kind counted, and MLPerf offline and server points among them', () => {
    expect(v.summary.medianAbsError).toBeLessThanOrEqual(0.1);
    for (const k of ['offline', 'server', 'online', 'latency', 'prefill', 'decode']) expect(v.byScenario[k]?.included, k).toBeGreaterThan(0);
    expect(v.rows.filter((r) => r.id.startsWith('mlperf-inf-') && !r.excluded).map((r) => r.scenario).sort()).toEqual(['offline', 'offline', 'server', 'server']);
  });
  it('no included point beyond 50% without a written reason (a widened band explained in its notes)', () => {
    const byId = new Map(cat.serving.map((p) => [p.id, p]));
    for (const r of v.rows.filter((x) => !x.excluded && Math.abs(x.error) > 0.5)) {
      const p = byId.get(r.id)!;
      expect(p.band ?? 0.5, r.id).toBeGreaterThan(0.5);
      expect(p.notes ?? '', r.id).toMatch(/[Bb]and widened.{20,}/);
    }
  });
  it('published values written from memory say so: estimated, trust low with the MLCommons results URL, flagged and still counted', () => {
    const mlperf = cat.serving.filter((p) => p.id.startsWith('mlperf-inf-v4.0-llama2-70b-'));
    expect(mlperf).toHaveLength(4);
    for (const p of mlperf) {
      expect(p.estimated, p.id).toContain('measured.value');
      expect(p.trust, p.id).toMatch(/^low: .*from memory.*https:\/\/mlcommons\.org\/benchmarks\/inference-datacenter\//s);
      expect(p.notes ?? '', p.id).toMatch(/NOT checked against the MLCommons results table/);
      expect(p.band, p.id).toBe(0.75);
    }
    const rows = v.rows.filter((r) => r.id.startsWith('mlperf-inf-v4.0-llama2-70b-'));
    expect(rows.every((r) => r.measuredUnchecked && !r.excluded)).toBe(true);
    // Every point whose value is unchecked is flagged, and no point is flagged without saying so in its file.
    for (const r of v.rows) expect(r.measuredUnchecked, r.id).toBe((cat.serving.find((p) => p.id === r.id)!.estimated ?? []).includes('measured.value'));
  });
  it('every excluded point says why', () => {
    for (const p of cat.serving.filter((s) => s.excludeFromSummary)) expect(p.notes ?? '').toMatch(/Excluded from the summary: .{20,}/);
  });
});
