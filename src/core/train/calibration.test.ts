import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip } from '../catalog/catalog.js';
import { calibrationFor, calibrations, familyOf } from './calibration.js';

describe('familyOf', () => {
  it('keeps H200 and GH200 in Hopper and only the H20 in the compute-capped family', () => {
    expect(familyOf(getChip('nvidia-h200-sxm-141gb'))).toBe('hopper');
    expect(familyOf(getChip('nvidia-gh200-96gb'))).toBe('hopper');
    expect(familyOf(getChip('nvidia-h20'))).toBe('h20');
    expect(familyOf(getChip('nvidia-h20-141gb'))).toBe('h20');
    expect(familyOf(getChip('nvidia-h100-sxm5-80gb'))).toBe('hopper');
    expect(familyOf(getChip('nvidia-a100-sxm4-80gb'))).toBe('ampere');
  });

  it('gives TPUs the TPU family and every catalog chip a calibration with efficiencies in (0, 1]', () => {
    expect(familyOf(getChip('google-tpu-v4'))).toBe('tpu');
    expect(familyOf(getChip('google-tpu-v3'))).toBe('tpu');
    for (const chip of builtinCatalog().chips) {
      const c = calibrationFor(chip);
      for (const k of ['gemm', 'gemmFp8', 'attention', 'memory', 'scaleUp', 'scaleOut'] as const) {
        expect(c[k], `${chip.id}.${k}`).toBeGreaterThan(0);
        expect(c[k], `${chip.id}.${k}`).toBeLessThanOrEqual(1);
      }
    }
    expect(Object.keys(calibrations)).toContain('tpu');
  });
});

describe('zero3FlatOverlap', () => {
  it('is the value the fit over the flat ZeRO-3 runs returns (fit.ts fitZero3FlatOverlap)', async () => {
    const { fitZero3FlatOverlap } = await import('./fit.js');
    const { zero3FlatOverlap } = await import('./calibration.js');
    const f = fitZero3FlatOverlap();
    expect(f.runs).toBe(6);
    expect(f.best).toBe(zero3FlatOverlap);
    // The fit is informative: full overlap and the old dpOverlap both lose.
    const at = (v: number) => f.curve.find((c) => c.value === v)!.cappedLoss;
    expect(at(0.5)).toBeGreaterThan(at(f.best) + 0.01);
    expect(at(1)).toBeGreaterThan(at(f.best) + 0.005);
  }, 120_000);
});
