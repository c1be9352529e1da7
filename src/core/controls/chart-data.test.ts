import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../catalog/catalog.js';
import { tppPdPoints, tppPdRegions } from './chart-data.js';

describe('TPP × PD chart data', () => {
  it('every datacenter chip with TPP and PD lies in the region of its own ECCN (or in none when uncontrolled)', () => {
    const regions = tppPdRegions();
    const pts = tppPdPoints(builtinCatalog().chips).filter((p) => p.datacenter && p.tpp !== null && p.pd !== null);
    expect(pts.length).toBeGreaterThan(20);
    for (const p of pts) {
      const hit = regions.find((r) => p.tpp! >= r.tppMin && (r.tppMax === null || p.tpp! < r.tppMax) && p.pd! >= r.pdMin && (r.pdMax === null || p.pd! < r.pdMax));
      expect(hit?.eccn ?? null, p.id).toBe(p.eccn);
    }
  });
});
