/**
 * The built-in chip catalog (data/chips/*.yaml, compiled by `npm run catalog`): coverage,
 * provenance and golden datasheet values. Spot values are dense peaks from the vendor
 * datasheets (NVIDIA H100 datasheet / Hopper whitepaper, A100 datasheet, H20 distributor
 * sheets; sparse figures halved), as each chip file's sources list.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip } from './catalog.js';
import { chipSchema, tflopsSchema } from './schemas.js';

const chips = builtinCatalog().chips;

describe('chip catalog coverage', () => {
  it('lists at least 35 chips', () => {
    expect(chips.length).toBeGreaterThanOrEqual(35);
  });

  it('has unique ids', () => {
    const ids = chips.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every chip at least one source', () => {
    const without = chips.filter((c) => c.sources.length < 1).map((c) => c.id);
    expect(without).toEqual([]);
  });

  it('keeps the reference ids other catalog files point at', () => {
    for (const id of [
      'nvidia-h800-sxm5-80gb',
      'nvidia-h100-sxm5-80gb',
      'nvidia-a100-sxm4-80gb',
      'nvidia-h20',
      'nvidia-h20-141gb',
      'google-tpu-v4',
      'huawei-ascend-910b',
      'nvidia-rtx-4090',
      'nvidia-rtx-4090d',
    ]) {
      expect(() => getChip(id)).not.toThrow();
    }
  });

  it('validates every built entry against chipSchema', () => {
    for (const c of chips) expect(chipSchema.safeParse(c).success, c.id).toBe(true);
  });
});

describe('estimated paths', () => {
  const topFields = new Set(Object.keys(chipSchema.shape));
  const tflopsFields = new Set(Object.keys(tflopsSchema.shape));
  const realField = (path: string): boolean => {
    const [head, sub, ...rest] = path.split('.');
    if (rest.length > 0 || head === undefined || !topFields.has(head)) return false;
    if (head === 'tflops') return sub !== undefined && tflopsFields.has(sub);
    return sub === undefined;
  };

  it('name a real chip field', () => {
    const bad = chips.flatMap((c) => c.estimated.filter((p) => !realField(p)).map((p) => `${c.id}: ${p}`));
    expect(bad).toEqual([]);
  });

  it('always flag a rental price as estimated', () => {
    const bad = chips.filter((c) => c.rentalUsdPerHour != null && !c.estimated.includes('rentalUsdPerHour')).map((c) => c.id);
    expect(bad).toEqual([]);
  });

  it('the field checker rejects made-up paths', () => {
    expect(realField('tflops.bf16')).toBe(true);
    expect(realField('memoryTBps')).toBe(true);
    expect(realField('tflops.bf17')).toBe(false);
    expect(realField('hbm_gb')).toBe(false);
    expect(realField('memoryTBps.x')).toBe(false);
  });
});

describe('golden datasheet values (dense)', () => {
  it('H100 SXM5 80GB', () => {
    const c = getChip('nvidia-h100-sxm5-80gb');
    expect(c.tflops.bf16).toBeGreaterThanOrEqual(989);
    expect(c.tflops.bf16).toBeLessThan(990);
    expect(c.tflops.fp8).toBe(1979);
    expect(c.tflops.int8).toBe(1979);
    expect(c.memoryGB).toBe(80);
    expect(c.memoryTBps).toBe(3.35);
    expect(c.scaleUpGBps).toBe(900);
    expect(c.scaleUpDomain).toBe(8);
    expect(c.scaleOutGbps).toBe(400);
  });

  it('H800 keeps H100 compute with NVLink cut to 400 GB/s', () => {
    const h800 = getChip('nvidia-h800-sxm5-80gb');
    const h100 = getChip('nvidia-h100-sxm5-80gb');
    expect(h800.scaleUpGBps).toBe(400);
    expect(h800.tflops.bf16).toBe(h100.tflops.bf16);
    expect(h800.tflops.fp8).toBe(h100.tflops.fp8);
    expect(h800.memoryTBps).toBe(h100.memoryTBps);
  });

  it('H20 (96 GB)', () => {
    const c = getChip('nvidia-h20');
    expect(c.tflops.bf16).toBe(148);
    expect(c.tflops.int8).toBe(296);
    expect(c.tflops.fp8).toBe(296);
    expect(c.memoryTBps).toBe(4.0);
    expect(c.memoryGB).toBe(96);
    expect(c.scaleUpGBps).toBe(900);
  });

  it('H20 141 GB shares the H20 compute with more, faster memory', () => {
    const a = getChip('nvidia-h20');
    const b = getChip('nvidia-h20-141gb');
    expect(b.tflops).toEqual(a.tflops);
    expect(b.memoryGB).toBe(141);
    expect(b.memoryTBps).toBe(4.8);
  });

  it('A100 and A800', () => {
    const a100 = getChip('nvidia-a100-sxm4-80gb');
    expect(a100.tflops.bf16).toBe(312);
    expect(a100.tflops.int8).toBe(624);
    expect(a100.scaleUpGBps).toBe(600);
    expect(a100.scaleOutGbps).toBe(200);
    const a800 = getChip('nvidia-a800-sxm4-80gb');
    expect(a800.scaleUpGBps).toBe(400);
    expect(a800.tflops.int8).toBe(624);
  });

  it('consumer RTX 4090 / 4090D are non-datacenter and straddle TPP 4800 (int8 x 8)', () => {
    const r = getChip('nvidia-rtx-4090');
    const d = getChip('nvidia-rtx-4090d');
    expect(r.datacenter).toBe(false);
    expect(d.datacenter).toBe(false);
    expect((r.tflops.int8 ?? 0) * 8).toBeGreaterThanOrEqual(4800);
    expect((d.tflops.int8 ?? 0) * 8).toBeLessThan(4800);
  });

  it('never stores sparse-looking values: bf16 <= fp8 <= fp4 where present', () => {
    for (const c of chips) {
      const { bf16, fp8, fp4 } = c.tflops;
      if (bf16 != null && fp8 != null) expect(fp8, c.id).toBeGreaterThanOrEqual(bf16);
      if (fp8 != null && fp4 != null) expect(fp4, c.id).toBeGreaterThanOrEqual(fp8);
    }
  });
});
