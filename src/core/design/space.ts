/**
 * The design grid: every accelerator spec the envelope allows on a date (process, dies, die
 * area, dense throughput, HBM stacks, scale-up links and domain, NIC), and the chip file each
 * spec describes. Throughput levels are the envelope's fractions of the full-clock part plus,
 * per geometry, the levels just below each TPP and PD line of the rules searched (read from the
 * controls engine's margins, never copied): designers cut to a line, as the H20 did.
 */
import type { Chip } from '../catalog/schemas.js';
import { chipMetrics } from '../controls/metrics.js';
import type { ChipMetrics } from '../controls/types.js';
import { designRentalUsdPerHour, designTdpW, powerLimitedBf16, type Envelope, type HbmOption, type ProcessOption, type ScaleUpOption } from './envelope.js';

/** One point of the design grid. */
export interface DesignSpec {
  /** Process id (envelope). */
  readonly process: string;
  /** Compute dies per package. */
  readonly dies: number;
  /** Area of each die, mm². */
  readonly dieAreaMm2: number;
  /** Dense BF16 TFLOPS of the package. */
  readonly bf16Tflops: number;
  /** HBM id (envelope). */
  readonly hbm: string;
  /** HBM stacks on the package. */
  readonly stacks: number;
  /** Scale-up fabric id (envelope). */
  readonly scaleUp: string;
  /** Scale-up links. */
  readonly links: number;
  /** Accelerators per scale-up domain. */
  readonly scaleUpDomain: number;
  /** Scale-out NIC per accelerator, Gb/s. */
  readonly scaleOutGbps: number;
}

/** What the grid offers on a date. */
export interface Options {
  readonly processes: readonly ProcessOption[];
  readonly hbm: (p: ProcessOption) => readonly HbmOption[];
  readonly scaleUp: (p: ProcessOption) => readonly ScaleUpOption[];
  readonly domains: (s: ScaleUpOption) => readonly number[];
  readonly nics: readonly number[];
}

/** The envelope's options available on `date` (YYYY-MM-DD). */
export function optionsAt(e: Envelope, date: string): Options {
  const ok = (x: { availableFrom: string }) => x.availableFrom <= date;
  return {
    processes: e.processes.filter(ok),
    hbm: (p) => e.hbm.filter((h) => ok(h) && p.hbm.includes(h.id)),
    scaleUp: (p) => e.scaleUp.filter((s) => ok(s) && p.scaleUp.includes(s.id)),
    domains: (s) => s.domains.filter(ok).map((d) => d.size),
    nics: e.nics.filter(ok).map((n) => n.gbps),
  };
}

/** Full-clock, full-area BF16 TFLOPS of a geometry, capped by the TDP ceiling. */
export function maxBf16(p: ProcessOption, dies: number, areaMm2: number): number {
  return Math.min(areaMm2 * dies * p.bf16TflopsPerMm2, powerLimitedBf16(p, dies));
}

/** TPP per dense BF16 TFLOPS for a process (from the controls engine's TPP on a unit design). */
export function tppPerBf16(p: ProcessOption): number {
  const unit: Chip = { id: 'unit', name: 'unit', vendor: 'design', datacenter: true, tflops: { bf16: 1, fp8: p.fp8PerBf16, int8: p.int8PerBf16 }, estimated: [], sources: [] };
  return chipMetrics(unit).tpp ?? 0;
}

/** A TPP or PD line to cut just below: metric, threshold (already moved by any sweep override). */
export interface Line {
  readonly metric: 'tpp' | 'pd';
  readonly threshold: number;
}

/** How far below a line a cut-down design sits, fraction (0.1%). */
export const CUT_BELOW = 0.001;

/** Throughput levels of one geometry: envelope fractions plus the cuts just below each line. */
export function computeLevels(p: ProcessOption, dies: number, areaMm2: number, lines: readonly Line[]): number[] {
  const top = maxBf16(p, dies, areaMm2);
  const k = tppPerBf16(p);
  const levels = new Set(p.computeFractions.map((f) => round3(f * top)));
  for (const l of lines) {
    const tpp = l.metric === 'tpp' ? l.threshold : l.threshold * areaMm2 * dies;
    const v = round3(((tpp * (1 - CUT_BELOW)) / k));
    if (v > 0 && v <= top) levels.add(v);
  }
  return [...levels].sort((a, b) => a - b);
}

function round3(v: number): number {
  return Math.floor(v * 1000) / 1000;
}

/** Stack counts offered per package: the sites, and one and two fewer (yield cuts, as on H100). */
export function stackCounts(p: ProcessOption, dies: number): number[] {
  const sites = p.hbmSitesPerDie * dies;
  return [...new Set([Math.max(1, sites - 2), Math.max(1, sites - 1), sites])];
}

/** Every grid point on a date (deterministic order). */
export function enumerateDesigns(e: Envelope, date: string, lines: readonly Line[]): DesignSpec[] {
  const o = optionsAt(e, date);
  const out: DesignSpec[] = [];
  for (const p of o.processes) {
    for (let dies = 1; dies <= p.maxDies; dies++) {
      for (const area of p.dieAreasMm2) {
        const levels = computeLevels(p, dies, area, lines);
        for (const bf16 of levels) {
          for (const h of o.hbm(p)) {
            for (const stacks of stackCounts(p, dies)) {
              for (const s of o.scaleUp(p)) {
                for (const links of s.links) {
                  for (const domain of links === 0 ? [1] : o.domains(s)) {
                    for (const nic of o.nics) {
                      out.push({ process: p.id, dies, dieAreaMm2: area, bf16Tflops: bf16, hbm: h.id, stacks, scaleUp: s.id, links, scaleUpDomain: domain, scaleOutGbps: nic });
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return out;
}

/** Controls metrics of a spec under one neutral id (the rules read specs; the 2025 letters also read names). */
export function designMetrics(e: Envelope, s: DesignSpec): ChipMetrics {
  return chipMetrics(designChip(e, s, 'design'));
}

/** Looks up the envelope entries a spec names. */
export function parts(e: Envelope, s: DesignSpec) {
  const p = e.processes.find((x) => x.id === s.process)!;
  const h = e.hbm.find((x) => x.id === s.hbm)!;
  const u = e.scaleUp.find((x) => x.id === s.scaleUp)!;
  return { p, h, u };
}

/** Derived numbers of a spec: memory, bandwidths, power and price. */
export function derived(e: Envelope, s: DesignSpec) {
  const { p, h, u } = parts(e, s);
  const tdpW = designTdpW(p, s.dies, s.bf16Tflops);
  return {
    memoryGB: round3(h.gbPerStack * s.stacks),
    memoryTBps: Math.round(h.gbpsPerStack * s.stacks) / 1000,
    scaleUpGBps: u.gbpsPerLink * s.links,
    tdpW: Math.round(tdpW * 10) / 10,
    rentalUsdPerHour: Math.round(designRentalUsdPerHour(e, tdpW) * 10000) / 10000,
  };
}

/** A short, stable id for a spec (never contains a marketed chip name; the 2025 letters match names). */
export function designId(s: DesignSpec): string {
  const f = (v: number) => String(Math.round(v));
  return `design-${s.process.split('-')[1] ?? s.process}-${s.dies}x${f(s.dieAreaMm2)}mm2-${f(s.bf16Tflops)}tf-${s.stacks}${s.hbm.split('-')[0]}-${s.links}l${s.scaleUpDomain}-${f(s.scaleOutGbps)}g`;
}

/** The chip file of a spec (usable as `--chip` input everywhere). */
export function designChip(e: Envelope, s: DesignSpec, id = designId(s)): Chip {
  const { p, h, u } = parts(e, s);
  const d = derived(e, s);
  return {
    id,
    name: `Design ${id.replace(/^design-/, '')}`,
    vendor: 'chipbound design',
    architecture: p.architecture,
    datacenter: true,
    tflops: { bf16: s.bf16Tflops, fp16: s.bf16Tflops, fp8: round3(s.bf16Tflops * p.fp8PerBf16), int8: round3(s.bf16Tflops * p.int8PerBf16) },
    memoryGB: d.memoryGB,
    memoryTBps: d.memoryTBps,
    memoryType: h.type,
    ...(s.links > 0 ? { scaleUpInterconnect: `${u.name} (${s.links} links)` } : {}),
    scaleUpGBps: d.scaleUpGBps,
    scaleUpDomain: s.scaleUpDomain,
    scaleOutGbps: s.scaleOutGbps,
    hostIoGBps: p.hostIoGBps,
    dieAreaMm2: s.dieAreaMm2 * s.dies,
    processNode: p.name,
    tdpW: d.tdpW,
    rentalUsdPerHour: d.rentalUsdPerHour,
    estimated: ['tflops', 'memoryGB', 'memoryTBps', 'scaleUpGBps', 'tdpW', 'rentalUsdPerHour'],
    notes: `Designed by chipbound design within envelope ${e.id}: ${s.dies} die(s) of ${s.dieAreaMm2} mm² on ${p.name}, ${s.stacks} × ${h.type}, ${s.links} scale-up links. Estimated from the envelope, not a product.`,
    sources: [`data/envelope/${e.id}.yaml`],
  };
}

/** Relative tolerance for reachability (datasheet rounding), fraction. */
const TOL = 0.01;

/**
 * Whether a real chip lies inside the envelope (any date): some process and die count give its
 * die area within the reticle, its dense BF16 within density × area and the power ceiling, its
 * memory and bandwidth within the HBM sites, its scale-up within the links. Returns the reasons
 * it does not, per process (empty list = reachable).
 */
export function unreachable(e: Envelope, chip: Chip): string[] {
  const why: string[] = [];
  const bf16 = chip.tflops.bf16 ?? 0;
  for (const p of e.processes) {
    for (let dies = 1; dies <= p.maxDies; dies++) {
      const area = (chip.dieAreaMm2 ?? 0) / dies;
      const no: string[] = [];
      if (area > p.reticleMm2 * (1 + TOL)) no.push(`die ${area} mm² > reticle ${p.reticleMm2}`);
      if (bf16 > area * dies * p.bf16TflopsPerMm2 * (1 + TOL)) no.push(`BF16 ${bf16} > ${p.bf16TflopsPerMm2}/mm² × ${area * dies} mm²`);
      if (bf16 > powerLimitedBf16(p, dies) * (1 + TOL)) no.push(`BF16 ${bf16} > the ${p.tdpCeilingW} W ceiling`);
      const hbm = e.hbm.filter((h) => p.hbm.includes(h.id));
      const sites = p.hbmSitesPerDie * dies;
      if (!hbm.some((h) => (chip.memoryGB ?? 0) <= h.gbPerStack * sites * (1 + TOL) && (chip.memoryTBps ?? 0) * 1000 <= h.gbpsPerStack * sites * (1 + TOL))) no.push(`memory ${chip.memoryGB} GB at ${chip.memoryTBps} TB/s beyond ${sites} HBM sites`);
      const ups = e.scaleUp.filter((s) => p.scaleUp.includes(s.id));
      if (!ups.some((s) => (chip.scaleUpGBps ?? 0) <= Math.max(...s.links) * s.gbpsPerLink * (1 + TOL))) no.push(`scale-up ${chip.scaleUpGBps} GB/s beyond the links`);
      if (no.length === 0) return [];
      why.push(`${p.id} × ${dies}: ${no.join('; ')}`);
    }
  }
  return why;
}
