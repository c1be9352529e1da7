/** Leave-one-source-out: source families, refits, and the golden held-out figure. */
import { describe, expect, it } from 'vitest';
import { builtinCatalog, getRun } from '../catalog/catalog.js';
import { calibrations } from './calibration.js';
import { leaveOneSourceOut, refitFamily, sourceFamily } from './loso.js';

const cat = builtinCatalog();

describe('leave-one-source-out', () => {
  it('one paper is one source: tables and figures of a paper merge, vendor suites merge', () => {
    expect(sourceFamily(getRun('megatron2021-145.6b-1536gpu', cat))).toBe('megatron2021');
    expect(sourceFamily(getRun('megatron2021-t2-ptdp-174b-384gpu', cat))).toBe('megatron2021');
    expect(sourceFamily(getRun('dgxc-gpt3-175b-bf16-128', cat))).toBe('nvidia-dgxc');
    expect(sourceFamily(getRun('dgxc-nemotron4-340b-fp8-128', cat))).toBe('nvidia-dgxc');
  });

  it('refitting on the whole catalog reproduces calibration.ts (one round)', () => {
    expect(refitFamily('ampere', cat).gemm).toBeCloseTo(calibrations.ampere.gemm, 2);
    expect(refitFamily('tpu', cat).gemm).toBeCloseTo(calibrations.tpu.gemm, 2);
  });

  it('held-out-only sources need no refit; fitted sources move the calibration when left out', () => {
    const rep = leaveOneSourceOut(cat);
    for (const r of rep.runs.filter((x) => getRun(x.id, cat).heldOut)) {
      const others = rep.runs.filter((x) => x.source === r.source);
      if (others.every((x) => getRun(x.id, cat).heldOut)) expect(r.leaveOut).toBe(r.inSample);
    }
    expect(rep.runs.some((r) => Object.keys(r.refit).length > 0)).toBe(true);
    expect(rep.inSample.count).toBe(rep.leaveOneSourceOut.count);
  });

  // Golden: issue 13 targets a leave-one-source-out median <= 8% and max <= 20% with in-sample <= 5%
  // (now 6.9% and 18.7%, docs/validation.md).
  it('golden: leave-one-source-out median error stays within 8% and every run within 20%, in-sample median within 5%', () => {
    const rep = leaveOneSourceOut(cat);
    expect(rep.sources).toBeGreaterThanOrEqual(15);
    expect(rep.inSample.medianAbsError).toBeLessThanOrEqual(0.05);
    expect(rep.leaveOneSourceOut.medianAbsError).toBeLessThanOrEqual(0.08);
    expect(rep.leaveOneSourceOut.maxAbsError).toBeLessThanOrEqual(0.2);
    expect(rep.leaveOneSourceOut.medianAbsError).toBeGreaterThanOrEqual(rep.inSample.medianAbsError - 1e-9);
  });
});
