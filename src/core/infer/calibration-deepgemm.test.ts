/** The Hopper FP8 grouped-GEMM efficiency of the serving model against the DeepGEMM rows of data/calibration/serving-deepgemm.yaml. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getChip } from '../catalog/catalog.js';
import { rooflineBlend, rowsFactor, servingEfficiency } from './efficiency.js';

interface Row {
  groups: number;
  mPerGroup: number;
  n: number;
  k: number;
  tflops: number;
}
const file = parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'data', 'calibration', 'serving-deepgemm.yaml'), 'utf8')) as {
  peakTflops: number;
  source: { url: string };
  groupedContiguous: Row[];
  groupedMasked: Row[];
};

describe('DeepGEMM grouped FP8 GEMM calibration (H800)', () => {
  const eff = servingEfficiency(getChip('nvidia-h800-sxm5-80gb'));
  const peak = file.peakTflops * 1e12;
  const hbm = getChip('nvidia-h800-sxm5-80gb').memoryTBps! * 1e12 * eff.expertMemory;
  it('cites a public source', () => {
    expect(file.source.url).toMatch(/^https:\/\/github.com\/deepseek-ai\/DeepGEMM\/blob\/[0-9a-f]{40}\//);
  });
  it.each([...file.groupedContiguous, ...file.groupedMasked])('model within 30% of $groups×$mPerGroup×$n×$k ($tflops TFLOPS)', (r) => {
    const flops = 2 * r.groups * r.mPerGroup * r.n * r.k;
    const bytes = r.groups * (r.n * r.k + r.mPerGroup * r.k) + 2 * r.groups * r.mPerGroup * r.n;
    const tc = flops / (peak * eff.groupedGemmFp8! * rowsFactor(r.mPerGroup, eff.gemmHalfMFp8));
    const tm = bytes / hbm;
    const t = Math.max(tc, tm) + rooflineBlend * Math.min(tc, tm);
    const modelled = flops / t / 1e12;
    expect(Math.abs(modelled / r.tflops - 1)).toBeLessThanOrEqual(0.3);
  });
});
