/**
 * The technology envelope: what a chip designer could build on a date (logic process, die
 * sizes, HBM generations, scale-up links, NICs, power), every value with its source. The design
 * search (search.ts) picks specs inside it; the shipped default is data/envelope/default.yaml.
 * Strict schema: an unknown key in a user's envelope file is an error naming its path.
 */
import { z } from 'zod';
import { calendarDate, ranged } from '../limits-schema.js';
import { nearestKey } from '../catalog/strict.js';

/** A real calendar date (core/limits.ts calendarDateError). */
const date = calendarDate();
const sources = z.array(z.string().min(1)).min(1);

/** A logic process / package class (e.g. TSMC 4N with one reticle-size die, Hopper). */
export const processSchema = z.strictObject({
  /** Id, kebab-case. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  /** Display name. */
  name: z.string().min(1),
  /** First date a design on it could ship, YYYY-MM-DD. */
  availableFrom: date,
  /** Compute dies per package (1, or 2 for a two-reticle package like B200). */
  maxDies: z.number().int().min(1).max(8),
  /** Lithography reticle limit per die, mm². */
  reticleMm2: ranged('dieAreaMm2'),
  /** Die areas (per die) on the design grid, mm²; each at most reticleMm2. */
  dieAreasMm2: z.array(ranged('dieAreaMm2')).min(1),
  /** Achievable dense BF16 tensor TFLOPS per mm² of logic die at full clocks. */
  bf16TflopsPerMm2: ranged('tflopsPerMm2'),
  /** Dense FP8 TFLOPS per dense BF16 TFLOPS. */
  fp8PerBf16: ranged('precisionRatio'),
  /** Dense INT8 TOPS per dense BF16 TFLOPS. */
  int8PerBf16: ranged('precisionRatio'),
  /** Board power not spent on tensor throughput (HBM, I/O, leakage), W per package. */
  staticW: ranged('tdpW'),
  /** Marginal dense BF16 TFLOPS per watt above staticW. */
  bf16TflopsPerW: ranged('tflopsPerW'),
  /** Board power ceiling (cooling, board design), W. */
  tdpCeilingW: ranged('tdpW'),
  /** Host link (PCIe) bandwidth, GB/s bidirectional (counts in the 2022 I/O sum). */
  hostIoGBps: ranged('hostIoGBps').positive(),
  /** HBM sites per die. */
  hbmSitesPerDie: z.number().int().min(1).max(16),
  /** HBM generations this package takes (ids in `hbm`). */
  hbm: z.array(z.string()).min(1),
  /** Scale-up fabrics it takes (ids in `scaleUp`). */
  scaleUp: z.array(z.string()).min(1),
  /** Fractions of the full-clock, full-area throughput on the design grid (cut-down parts, 0-1]. */
  computeFractions: z.array(z.number().gt(0).max(1)).min(1),
  /** Microarchitecture name written into design chips. */
  architecture: z.string().min(1),
  sources,
});

/** One HBM generation as packaged by accelerator vendors. */
export const hbmSchema = z.strictObject({
  id: z.string().min(1),
  /** Memory technology name (HBM3, HBM3e). */
  type: z.string().min(1),
  /** First date, YYYY-MM-DD. */
  availableFrom: date,
  /** Usable capacity per stack, GB (decimal). */
  gbPerStack: ranged('gbPerStack'),
  /** Bandwidth per stack as shipped on accelerators, GB/s. */
  gbpsPerStack: ranged('gbpsPerStack'),
  sources,
});

/** A scale-up fabric (NVLink generation). */
export const scaleUpSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** First date, YYYY-MM-DD. */
  availableFrom: date,
  /** Bandwidth per link, GB/s bidirectional. */
  gbpsPerLink: ranged('scaleUpGBps').positive(),
  /** Link counts on the design grid (0 = no scale-up fabric). */
  links: z.array(z.number().int().min(0).max(256)).min(1),
  /** Scale-up domain sizes with the date each became available. */
  domains: z.array(z.strictObject({ size: z.number().int().min(1).max(100000), availableFrom: date })).min(1),
  sources,
});

/** A scale-out NIC per accelerator. */
export const nicSchema = z.strictObject({
  /** Gb/s, one direction. */
  gbps: ranged('scaleOutGbps').positive(),
  availableFrom: date,
  sources,
});

/** Rental price model of a design (estimates; see docs/design.md). */
export const pricingSchema = z.strictObject({
  /** Capital and operations, USD per accelerator-hour, excluding energy. */
  baseUsdPerHour: ranged('usdPerHour'),
  /** Energy price, USD per kWh. */
  usdPerKWh: ranged('usdPerKWh'),
  /** Data-centre power usage effectiveness. */
  pue: z.number().min(1).max(3),
  sources,
});

/** A technology envelope file. */
export const envelopeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  name: z.string().min(1),
  notes: z.string().optional(),
  processes: z.array(processSchema).min(1),
  hbm: z.array(hbmSchema).min(1),
  scaleUp: z.array(scaleUpSchema).min(1),
  nics: z.array(nicSchema).min(1),
  pricing: pricingSchema,
  /** Dotted paths of values that are estimates, not published figures. */
  estimated: z.array(z.string()).default([]),
});

/** A technology envelope (parsed). */
export type Envelope = z.infer<typeof envelopeSchema>;
/** A process entry. */
export type ProcessOption = z.infer<typeof processSchema>;
/** An HBM entry. */
export type HbmOption = z.infer<typeof hbmSchema>;
/** A scale-up fabric entry. */
export type ScaleUpOption = z.infer<typeof scaleUpSchema>;

/** Cross-field checks a schema cannot express: referenced ids exist, die areas fit the reticle. Returns issues as `path: message`. */
export function envelopeIssues(e: Envelope): string[] {
  const out: string[] = [];
  const hbmIds = new Set(e.hbm.map((h) => h.id));
  const upIds = new Set(e.scaleUp.map((s) => s.id));
  e.processes.forEach((p, i) => {
    p.dieAreasMm2.forEach((a, j) => {
      if (a > p.reticleMm2) out.push(`processes.${i}.dieAreasMm2.${j}: ${a} mm² exceeds the reticle limit ${p.reticleMm2} mm²`);
    });
    p.hbm.forEach((h, j) => {
      if (!hbmIds.has(h)) out.push(`processes.${i}.hbm.${j}: unknown HBM id '${h}' (known: ${[...hbmIds].join(', ')})`);
    });
    p.scaleUp.forEach((s, j) => {
      if (!upIds.has(s)) out.push(`processes.${i}.scaleUp.${j}: unknown scale-up id '${s}' (known: ${[...upIds].join(', ')})`);
    });
  });
  // `estimated` entries must name a value of this envelope (processes.1.staticW): a misspelled
  // path would flag nothing, silently (the same rule as chip and model `estimated` lists).
  const paths = valuePaths(e);
  e.estimated.forEach((path, i) => {
    if (paths.includes(path)) return;
    const near = nearestKey(path, paths);
    out.push(`estimated.${i}: '${path}' is not a value path of this envelope${near ? ` (did you mean '${near}'?)` : ''}; list dotted paths with list indices, such as processes.0.staticW`);
  });
  return out;
}

/** Every dotted path (list entries by index) of a parsed value, objects and lists included. */
function valuePaths(v: unknown, prefix = ''): string[] {
  if (v === null || typeof v !== 'object') return [];
  const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [`${prefix}${k}`, ...valuePaths(x, `${prefix}${k}.`)]);
}

/** Board power of a design: static power plus throughput at the marginal TFLOPS per watt, W. */
export function designTdpW(p: ProcessOption, dies: number, bf16Tflops: number): number {
  return p.staticW * dies + bf16Tflops / p.bf16TflopsPerW;
}

/** Highest BF16 TFLOPS the power ceiling allows for a package of `dies` dies. */
export function powerLimitedBf16(p: ProcessOption, dies: number): number {
  return Math.max(0, (p.tdpCeilingW - p.staticW * dies) * p.bf16TflopsPerW);
}

/** Rental USD per accelerator-hour of a design: base plus its energy at TDP × PUE. */
export function designRentalUsdPerHour(e: Envelope, tdpW: number): number {
  return e.pricing.baseUsdPerHour + (tdpW / 1000) * e.pricing.pue * e.pricing.usdPerKWh;
}
