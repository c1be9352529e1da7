/**
 * Export-control metrics computed from a chip's specs: TPP, performance density, the 2022 I/O
 * sum, memory bandwidth. Nothing here is stored per chip; the catalog holds datasheet values.
 */
import type { Chip } from '../catalog/schemas.js';
import type { ChipMetrics, TppSettings } from './types.js';

/** Defaults for the ambiguous TPP points (docs/controls.md "Settings"). */
export const DEFAULT_TPP_SETTINGS: TppSettings = { tf32Bits: 'not-counted', sumNonTensorFp32: false };

/**
 * Bit length per precision key of `chip.tflops`. 88 FR 73458, Technical Note to 3A090:
 * "TPP is 2 x MacTOPS x bit length of the operation"; 2 × MacTOPS = the datasheet dense
 * TOPS/TFLOPS, and the precision giving the highest value is used (reference controls.md §1.1).
 * Keys beyond the schema's (int4, fp6, fp64) are counted if a user file carries them.
 */
const BITS: Readonly<Record<string, number>> = { fp4: 4, int4: 4, fp6: 6, fp8: 8, int8: 8, bf16: 16, fp16: 16, fp32: 32, fp64: 64 };

/** One precision's contribution. */
interface Term {
  readonly key: string;
  readonly tops: number;
  readonly bits: number;
}

function terms(chip: Chip, s: TppSettings): Term[] {
  const out: Term[] = [];
  for (const [key, raw] of Object.entries(chip.tflops ?? {})) {
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0) continue;
    const bits = key === 'tf32' ? (s.tf32Bits === 'not-counted' ? null : s.tf32Bits) : BITS[key];
    if (bits !== undefined && bits !== null) out.push({ key, tops: raw, bits });
  }
  return out;
}

/** TPP and how it was obtained; `tpp` is null when the chip has no public throughput. */
export function tppDetail(chip: Chip, settings: TppSettings = DEFAULT_TPP_SETTINGS): { tpp: number | null; basis: string } {
  const all = terms(chip, settings);
  // With sumNonTensorFp32 the FP32 figure is treated as a separate (vector) unit and added to the best
  // tensor precision: "aggregated over all processing units" (88 FR 73458); analysts do not do this.
  const pool = settings.sumNonTensorFp32 ? all.filter((t) => t.key !== 'fp32') : all;
  if (pool.length === 0 && all.length === 0) return { tpp: null, basis: 'no dense throughput is public' };
  let best: Term | null = null;
  for (const t of pool) if (!best || t.tops * t.bits > best.tops * best.bits) best = t;
  let tpp = best ? best.tops * best.bits : 0;
  let basis = best ? `${best.key} ${best.tops} × ${best.bits}` : '';
  const fp32 = all.find((t) => t.key === 'fp32');
  if (settings.sumNonTensorFp32 && fp32) {
    tpp += fp32.tops * 32;
    basis = basis ? `${basis} + fp32 ${fp32.tops} × 32 (non-tensor summed)` : `fp32 ${fp32.tops} × 32`;
  }
  return { tpp, basis };
}

/** Total processing performance (88 FR 73458): max over precisions of dense TOPS × bit length. */
export function tpp(chip: Chip, settings: TppSettings = DEFAULT_TPP_SETTINGS): number | null {
  return tppDetail(chip, settings).tpp;
}

/** Performance density = TPP / applicable die area (mm²) (88 FR 73458, 3A090 Technical Note). */
export function performanceDensity(chip: Chip, settings: TppSettings = DEFAULT_TPP_SETTINGS): number | null {
  const t = tpp(chip, settings);
  const area = chip.dieAreaMm2 ?? null;
  return t === null || area === null ? null : t / area;
}

/**
 * Aggregate bidirectional I/O to non-memory ICs for the Oct 2022 test (87 FR 62186, 3A090.a):
 * scale-up links + host link (PCIe). Discrete NICs hang off the host link, so their traffic is
 * already inside hostIoGBps; on-die NICs used as the scale-up fabric (Gaudi) are inside
 * scaleUpGBps. A chip whose on-die NIC is separate from both must fold it into scaleUpGBps
 * (documented in docs/controls.md). Unknown parts count as 0 and mark the sum incomplete.
 */
export function io2022(chip: Chip): { gbps: number | null; complete: boolean } {
  const parts = [chip.scaleUpGBps ?? null, chip.hostIoGBps ?? null];
  const known = parts.filter((p): p is number => p !== null);
  return { gbps: known.length ? known.reduce((a, b) => a + b, 0) : null, complete: known.length === parts.length };
}

/**
 * Memory bandwidth density for 3A090.c (89 FR 96790): package/stack bandwidth (GB/s) ÷ package
 * area (mm²). It applies to HBM packages, not to the accelerator that carries them.
 */
export function memoryBandwidthDensity(stackGBps: number, stackAreaMm2: number): number {
  return stackGBps / stackAreaMm2;
}

/** All metrics the rules need, from a chip's specs. */
export function chipMetrics(chip: Chip, settings: TppSettings = DEFAULT_TPP_SETTINGS): ChipMetrics {
  const { tpp: t, basis } = tppDetail(chip, settings);
  const area = chip.dieAreaMm2 ?? null;
  const io = io2022(chip);
  return {
    id: chip.id,
    name: chip.name,
    datacenter: chip.datacenter,
    tpp: t,
    tppBasis: basis,
    dieAreaMm2: area,
    pd: t !== null && area !== null ? t / area : null,
    io2022GBps: io.gbps,
    io2022Complete: io.complete,
    scaleUpGBps: chip.scaleUpGBps ?? null,
    // Rounded to 1e-6 GB/s so that 2.039 TB/s reads 2039, not 2039.0000000000002.
    memoryGBps: chip.memoryTBps == null ? null : Math.round(chip.memoryTBps * 1e9) / 1e6,
    memoryType: chip.memoryType ?? null,
  };
}
