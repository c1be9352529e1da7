import { describe, expect, it } from 'vitest';
import type { Chip } from '../catalog/schemas.js';
import { chipMetrics, io2022, memoryBandwidthDensity, performanceDensity, tpp, tppDetail } from './metrics.js';

/** Inline chip with the catalog's NVIDIA L20 PCIe 48GB values (data/chips/nvidia-l20.yaml). */
const l20 = {
  id: 'l20', name: 'L20', vendor: 'NVIDIA', datacenter: true,
  tflops: { fp8: 239, int8: 239, bf16: 119.5, fp16: 119.5, tf32: 59.8, fp32: 59.35 },
  memoryTBps: 0.864, scaleUpGBps: 64, hostIoGBps: 0, dieAreaMm2: 608.5, estimated: [], sources: [],
} as Chip;
const trn1 = { id: 'trn1', name: 'Trainium', vendor: 'AWS', datacenter: true, tflops: { fp8: 190, int8: 380, bf16: 190, fp16: 190, tf32: 190, fp32: 47.5 }, estimated: [], sources: [] } as Chip;

describe('TPP (88 FR 73458 technical note: dense TOPS × bit length, max over precisions)', () => {
  it('takes the maximum over precisions', () => {
    expect(tpp(l20)).toBe(1912); // int8 239 × 8 beats fp16 119.5 × 16 = 1912 (tie) and fp32 59.35 × 32 = 1899.2
    expect(tppDetail({ ...l20, tflops: { fp16: 125, fp32: 15.7 } } as Chip).tpp).toBe(2000); // V100
    expect(tpp({ ...l20, tflops: { fp4: 6750, fp8: 2250, bf16: 1125 } } as Chip)).toBe(27000); // B30A: fp4 × 4
  });
  it('is null when no throughput is public', () => {
    expect(tpp({ ...l20, tflops: {} } as Chip)).toBeNull();
    expect(tpp({ ...l20, tflops: { bf16: null } } as unknown as Chip)).toBeNull();
  });
  it('TF32 bit length is a setting; default not counted (reference §6.1)', () => {
    expect(tpp(trn1)).toBe(3040);
    expect(tpp(trn1, { tf32Bits: 19, sumNonTensorFp32: false })).toBe(3610);
    expect(tpp(trn1, { tf32Bits: 32, sumNonTensorFp32: false })).toBe(6080);
  });
  it('summing non-tensor FP32 is a setting that would push the L20 to ~3811 (reference §6.2)', () => {
    expect(tpp(l20, { tf32Bits: 'not-counted', sumNonTensorFp32: true })).toBeCloseTo(1912 + 59.35 * 32, 6);
  });
});

describe('PD, I/O and memory metrics', () => {
  it('PD = TPP / applicable die area', () => {
    expect(performanceDensity(l20)).toBeCloseTo(3.142, 3);
    expect(performanceDensity({ ...l20, dieAreaMm2: null } as Chip)).toBeNull();
  });
  it('2022 I/O = scale-up + host; unknown parts make it a lower bound', () => {
    expect(io2022({ ...l20, scaleUpGBps: 400, hostIoGBps: 64 } as Chip)).toEqual({ gbps: 464, complete: true });
    expect(io2022({ ...l20, scaleUpGBps: 1200, hostIoGBps: null } as Chip)).toEqual({ gbps: 1200, complete: false });
    expect(io2022({ ...l20, scaleUpGBps: null, hostIoGBps: null } as Chip)).toEqual({ gbps: null, complete: false });
  });
  it('memory bandwidth in GB/s without float noise; HBM density per stack', () => {
    expect(chipMetrics({ ...l20, memoryTBps: 2.039 } as Chip).memoryGBps).toBe(2039);
    expect(memoryBandwidthDensity(819, 110)).toBeCloseTo(7.45, 2);
  });
});
