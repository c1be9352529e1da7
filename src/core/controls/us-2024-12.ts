/**
 * us-2024-12: the Dec 2 2024 IFR, 89 FR 96790 (FR Doc 2024-28270); HBM compliance date Dec 31 2024.
 * ECCN 3A090.c: high bandwidth memory with 'memory bandwidth density' > 2 GB/s/mm² (package
 * bandwidth ÷ package area). License Exception HBM (§740.25) only below 3.3 GB/s/mm².
 *
 * Decision (docs/controls.md): 3A090.c classifies HBM packages, not accelerators. HBM
 * co-packaged with logic whose primary function is logic is excluded, so an accelerator is never
 * a 3A090.c item under this rule; the verdict for an accelerator is "not controlled by 3A090.c",
 * with a note on its stacks. Stack-level data (per-stack bandwidth and footprint) is not in the
 * chip schema, so `hbmStack` below classifies a stack given those two numbers.
 */
import { isAdvancedComputingDestination, isD5OrMacau } from './countries.js';
import { margin } from './margin.js';
import { memoryBandwidthDensity } from './metrics.js';
import type { ChipMetrics, Margin, Rule, RuleContext } from './types.js';

/** Thresholds of 89 FR 96790. */
export const US_2024_12 = {
  /** 3A090.c: memory bandwidth density strictly greater than this, GB/s/mm². */
  density: 2,
  /** License Exception HBM only below this, GB/s/mm². */
  hbmException: 3.3,
} as const;

/** A stand-alone HBM package's 3A090.c verdict. */
export interface HbmStackVerdict {
  /** GB/s/mm². */
  readonly density: number;
  /** "3A090.c" or null. */
  readonly eccn: string | null;
  /** ['HBM'] when License Exception HBM is available. */
  readonly licenseExceptions: readonly string[];
  /** The two tests (density > 2 uses op '>' on the density; exception is density < 3.3). */
  readonly margins: readonly Margin[];
}

/** Classifies an HBM stack by its bandwidth (GB/s) and package area (mm²). */
export function hbmStack(stackGBps: number, stackAreaMm2: number): HbmStackVerdict {
  const density = memoryBandwidthDensity(stackGBps, stackAreaMm2);
  const c = margin('hbmDensity', '>', US_2024_12.density, density);
  const e = margin('hbmDensity', '<', US_2024_12.hbmException, density);
  const controlled = c.passes === true;
  return {
    density,
    eccn: controlled ? '3A090.c' : null,
    licenseExceptions: controlled && e.passes ? ['HBM'] : [],
    margins: [c, e],
  };
}

function evaluate(m: ChipMetrics, ctx: RuleContext) {
  const hbm = (m.memoryType ?? '').toUpperCase().startsWith('HBM');
  const dest = isAdvancedComputingDestination(ctx.destination) || (ctx.headquarters !== null && isD5OrMacau(ctx.headquarters));
  const reasons = ['3A090.c applies to HBM packages; HBM co-packaged with logic whose primary function is logic is excluded, so the accelerator itself is not a 3A090.c item'];
  if (hbm) reasons.push(`its ${m.memoryType} stacks, shipped on their own, would be 3A090.c (BIS: "all HBM stacks currently in production exceed this threshold")${dest ? `; licence required for ${ctx.destination.name}` : ''}`);
  else if (m.memoryType) reasons.push(`its memory (${m.memoryType}) is not HBM`);
  return { eccn: null, outcome: 'not-controlled' as const, licenseExceptions: [], licenceRequired: false, reasons, margins: [], undecided: [] };
}

export const us202412 = {
  id: 'us-2024-12',
  title: 'FDP additions and HBM: 3A090.c',
  citation: '89 FR 96790 (FR Doc 2024-28270)',
  url: 'https://www.federalregister.gov/documents/2024/12/05/2024-28270/foreign-produced-direct-product-rule-additions-and-refinements-to-controls-for-advanced-computing',
  effective: '2024-12-02',
  ended: null,
  destinations: 'as 3A090 (D:1/D:4/D:5 not A:5/A:6, Macau); HBM compliance date 2024-12-31',
  thresholds: ['3A090.c: HBM with memory bandwidth density > 2 GB/s/mm²', 'License Exception HBM: density < 3.3 GB/s/mm²', 'applies to HBM packages, not to accelerators'],
  evaluate,
} as const satisfies Rule;
