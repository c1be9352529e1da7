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
  it('every excluded point says why', () => {
    for (const p of cat.serving.filter((s) => s.excludeFromSummary)) expect(p.notes ?? '').toMatch(/Excluded from the summary: .{20,}/);
  });
});
