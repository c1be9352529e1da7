import { describe, expect, it } from 'vitest';
import { getChip } from '../catalog/catalog.js';
import type { Chip } from '../catalog/schemas.js';
import { classifyChip } from './classify.js';
import { headroom, uncontrolledTarget } from './headroom.js';

const date = '2026-06-01';
const spec = (id: string, rule: 'us-2023-10' | 'us-2025-04' | 'us-2022-10', s: string, d = date) =>
  headroom(getChip(id), { date: d, rule })[0].specs.find((x) => x.spec === s)!;

describe('headroom: how far each spec moves before the verdict changes', () => {
  it('H20: +1.35% throughput reaches TPP 2400 (b.1); -9.1% die area reaches PD 3.2 (b.2)', () => {
    const t = spec('nvidia-h20', 'us-2023-10', 'throughput');
    expect(t.up).toMatchObject({ value: 2400, atFactor: true, to: '3A090.b.1' });
    expect(t.up?.changePct).toBeCloseTo(1.3514, 3);
    expect(t.down).toBeNull();
    const a = spec('nvidia-h20', 'us-2023-10', 'dieArea');
    expect(a.down?.value).toBeCloseTo(740, 6);
    expect(a.down?.to).toBe('3A090.b.2');
  });
  it('A800: the 2022 verdict flips at 600 GB/s of I/O; the 2023 a.1 is lost just below TPP 4800', () => {
    const io = spec('nvidia-a800-sxm4-80gb', 'us-2022-10', 'interconnect', '2023-06-01');
    expect(io.up?.to).toBe('3A090.a');
    expect(io.up?.value).toBeCloseTo(536, 6); // scale-up 536 + host 64 = I/O 600
    expect(io.up?.atFactor).toBe(true);
    const t = spec('nvidia-a800-sxm4-80gb', 'us-2023-10', 'throughput');
    expect(t.down).toMatchObject({ atFactor: false, to: '3A090.b.1' });
    expect(t.down?.value).toBeCloseTo(4800, 6);
  });
  it('applying the move really changes the classification', () => {
    const h20 = getChip('nvidia-h20');
    const f = spec('nvidia-h20', 'us-2023-10', 'throughput').up!.factor;
    const scaled = { ...h20, tflops: Object.fromEntries(Object.entries(h20.tflops).map(([k, v]) => [k, typeof v === 'number' ? v * f : v])) } as Chip;
    expect(classifyChip(scaled, { date, rules: ['us-2023-10'] }).classifications[0].eccn).toBe('3A090.b.1');
  });
  it('letter interpretation: A800 memory bandwidth may rise to 4,000 GB/s', () => {
    const m = spec('nvidia-a800-sxm4-80gb', 'us-2025-04', 'memoryBandwidth');
    expect(m.up?.value).toBeCloseTo(4000, 6);
  });
});

describe('--target uncontrolled: the H20 question', () => {
  it('at the H100 die (814 mm²) the 2023 rule allows TPP < 2400: BF16 < 150 TFLOPS, INT8 < 300 TOPS', () => {
    const t = uncontrolledTarget(getChip('nvidia-h20'), { date });
    expect(t).toMatchObject({ maxTppExclusive: 2400, bf16TflopsBelow: 150, int8TopsBelow: 300 });
  });
  it('small dies are limited by PD 3.2 (TPP < 3.2 × area), large dies (> 1500 mm²) by PD 1.6 up to 4800', () => {
    expect(uncontrolledTarget(getChip('nvidia-l20'), { date }).maxTppExclusive).toBeCloseTo(3.2 * 608.5, 6);
    expect(uncontrolledTarget(getChip('nvidia-l20'), { date, dieAreaMm2: 400 }).maxTppExclusive).toBe(1600);
    expect(uncontrolledTarget(getChip('nvidia-l20'), { date, dieAreaMm2: 2000 }).maxTppExclusive).toBeCloseTo(3200, 6);
    expect(uncontrolledTarget(getChip('nvidia-l20'), { date, dieAreaMm2: 5000 }).maxTppExclusive).toBe(4800);
  });
  it('2022 rule: I/O below 600 GB/s leaves throughput unlimited; at 600+ it is TPP < 4800', () => {
    expect(uncontrolledTarget(getChip('nvidia-a800-sxm4-80gb'), { date: '2023-06-01', rule: 'us-2022-10' }).maxTppExclusive).toBe(Infinity);
    expect(uncontrolledTarget(getChip('nvidia-h100-sxm5-80gb'), { date: '2023-06-01', rule: 'us-2022-10' }).maxTppExclusive).toBe(4800);
  });
  it('non-datacenter parts: TPP < 4800 (Note 2), the RTX 4090D answer', () => {
    expect(uncontrolledTarget(getChip('nvidia-rtx-4090d'), { date }).maxTppExclusive).toBe(4800);
  });
});
