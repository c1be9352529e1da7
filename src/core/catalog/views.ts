/**
 * Catalog views: the JSON shapes `chipbound chips|chip|models|model|runs --json` print and the
 * web app renders (one truth for CLI, UI and tests).
 */
import { isShipping, type Chip, type Model, type Run } from './schemas.js';
import { attentionKind, kvCacheBytesPerToken, modelKind, paramCounts, trainFlopsPerToken } from '../model/architecture.js';

/** One row of `chipbound chips`. */
export interface ChipRow {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly launchYear: number | null;
  readonly datacenter: boolean;
  /** Dense BF16 TFLOPS. */
  readonly bf16: number | null;
  /** Dense FP8 TFLOPS. */
  readonly fp8: number | null;
  /** Dense INT8 TOPS. */
  readonly int8: number | null;
  /** Memory, GB. */
  readonly memoryGB: number | null;
  /** Memory bandwidth, TB/s. */
  readonly memoryTBps: number | null;
  /** Scale-up bandwidth per accelerator, GB/s bidirectional. */
  readonly scaleUpGBps: number | null;
  /** Accelerators per scale-up domain. */
  readonly scaleUpDomain: number | null;
  /** Scale-out bandwidth per accelerator, Gb/s. */
  readonly scaleOutGbps: number | null;
  /** Board power, W. */
  readonly tdpW: number | null;
  /** Purchase price, USD. */
  readonly priceUsd: number | null;
  /** Rental, USD per accelerator-hour. */
  readonly rentalUsdPerHour: number | null;
  /** Dotted paths of estimated values. */
  readonly estimated: readonly string[];
  /** `announced`: a roadmap part, not shipped (kept out of defaults); `shipping` otherwise. */
  readonly status: ChipStatus;
}

/** Whether a chip has shipped (a file without `status` is a shipping part). */
export type ChipStatus = 'shipping' | 'announced';
const statusOf = (c: Chip): ChipStatus => (isShipping(c) ? 'shipping' : 'announced');

const n = (v: number | null | undefined): number | null => (v === undefined ? null : v);

export function chipRow(c: Chip): ChipRow {
  return {
    id: c.id,
    name: c.name,
    vendor: c.vendor,
    launchYear: n(c.launchYear),
    datacenter: c.datacenter,
    bf16: n(c.tflops.bf16),
    fp8: n(c.tflops.fp8),
    int8: n(c.tflops.int8),
    memoryGB: n(c.memoryGB),
    memoryTBps: n(c.memoryTBps),
    scaleUpGBps: n(c.scaleUpGBps),
    scaleUpDomain: n(c.scaleUpDomain),
    scaleOutGbps: n(c.scaleOutGbps),
    tdpW: n(c.tdpW),
    priceUsd: n(c.priceUsd),
    rentalUsdPerHour: n(c.rentalUsdPerHour),
    estimated: c.estimated,
    status: statusOf(c),
  };
}

/** Field table of one chip: value, unit, whether it is an estimate. */
const chipFields: readonly [path: string, unit: string][] = [
  ['vendor', ''],
  ['architecture', ''],
  ['market', ''],
  ['datacenter', ''],
  ['launchYear', ''],
  ['tflops.fp4', 'TFLOPS dense'],
  ['tflops.fp8', 'TFLOPS dense'],
  ['tflops.bf16', 'TFLOPS dense'],
  ['tflops.fp16', 'TFLOPS dense'],
  ['tflops.tf32', 'TFLOPS dense'],
  ['tflops.fp32', 'TFLOPS dense'],
  ['tflops.int8', 'TOPS dense'],
  ['memoryGB', 'GB'],
  ['memoryType', ''],
  ['memoryTBps', 'TB/s'],
  ['scaleUpInterconnect', ''],
  ['scaleUpGBps', 'GB/s bidirectional'],
  ['scaleUpDomain', 'accelerators'],
  ['scaleOutGbps', 'Gb/s per accelerator'],
  ['hostIoGBps', 'GB/s bidirectional'],
  ['dieAreaMm2', 'mm² (applicable)'],
  ['processNode', ''],
  ['tdpW', 'W'],
  ['priceUsd', 'USD'],
  ['rentalUsdPerHour', 'USD/hour'],
];

export interface ChipView {
  readonly id: string;
  readonly name: string;
  /** `announced` (roadmap part, not shipped) or `shipping`. */
  readonly status: ChipStatus;
  readonly fields: readonly { field: string; value: string | number | boolean | null; unit: string; estimated: boolean }[];
  readonly notes: string | null;
  readonly sources: readonly string[];
}

function getPath(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined), o);
}

export function chipView(c: Chip): ChipView {
  return {
    id: c.id,
    name: c.name,
    status: statusOf(c),
    fields: chipFields.map(([field, unit]) => {
      const v = getPath(c, field);
      return { field, value: v === undefined || v === null ? null : (v as string | number | boolean), unit, estimated: c.estimated.includes(field) };
    }),
    notes: c.notes ?? null,
    sources: c.sources,
  };
}

export interface ModelRow {
  readonly id: string;
  readonly name: string;
  readonly kind: 'dense' | 'moe';
  readonly attention: string;
  readonly layers: number;
  readonly hidden: number;
  /** Computed total parameters, billions. */
  readonly totalB: number;
  /** Computed active parameters, billions. */
  readonly activeB: number;
  /** Published total, billions (null if none). */
  readonly publishedTotalB: number | null;
  /** KV-cache bytes per token at BF16. */
  readonly kvCacheBytesPerToken: number;
}

export function modelRow(m: Model): ModelRow {
  const p = paramCounts(m);
  return {
    id: m.id,
    name: m.name,
    kind: modelKind(m),
    attention: attentionKind(m),
    layers: m.layers,
    hidden: m.hidden,
    totalB: p.total / 1e9,
    activeB: p.active / 1e9,
    publishedTotalB: m.published?.totalB ?? null,
    kvCacheBytesPerToken: kvCacheBytesPerToken(m),
  };
}

export interface ModelView {
  readonly id: string;
  readonly name: string;
  readonly kind: 'dense' | 'moe';
  readonly attention: string;
  readonly shape: Model;
  readonly params: { totalB: number; activeB: number; breakdownB: Record<string, number> };
  /** Published counts and the relative difference (computed / published − 1). */
  readonly published: { totalB: number | null; activeB: number | null; totalDiff: number | null; activeDiff: number | null };
  readonly kvCacheBytesPerToken: number;
  readonly flops: { seq: number; trainGflopsPerToken: number };
  readonly sources: readonly string[];
}

export function modelView(m: Model): ModelView {
  const p = paramCounts(m);
  const pubT = m.published?.totalB ?? null;
  const pubA = m.published?.activeB ?? null;
  const seq = m.contextLength ?? 4096;
  return {
    id: m.id,
    name: m.name,
    kind: modelKind(m),
    attention: attentionKind(m),
    shape: m,
    params: {
      totalB: p.total / 1e9,
      activeB: p.active / 1e9,
      breakdownB: {
        embedding: p.embedding / 1e9,
        lmHead: p.lmHead / 1e9,
        attention: p.attention / 1e9,
        denseFfn: p.denseFfn / 1e9,
        routedExperts: p.routedExperts / 1e9,
        sharedExpertsAndRouters: p.sharedAndRouter / 1e9,
        norms: p.norms / 1e9,
        mtpModules: p.mtp / 1e9,
      },
    },
    published: {
      totalB: pubT,
      activeB: pubA,
      totalDiff: pubT === null ? null : p.total / 1e9 / pubT - 1,
      activeDiff: pubA === null ? null : p.active / 1e9 / pubA - 1,
    },
    kvCacheBytesPerToken: kvCacheBytesPerToken(m),
    flops: { seq, trainGflopsPerToken: trainFlopsPerToken(m, seq) / 1e9 },
    sources: m.sources,
  };
}

export interface RunRow {
  readonly id: string;
  readonly model: string;
  readonly chip: string;
  readonly gpus: number;
  readonly seq: number;
  readonly globalBatch: number;
  /** Compact plan text, e.g. "tp8 pp16 dp64". */
  readonly plan: string;
  /** What the source measured. */
  readonly measured: string;
  readonly value: number;
  readonly trust: string;
}

export function runRow(r: Run): RunRow {
  const plan = (['tp', 'pp', 'dp', 'cp', 'ep', 'vpp'] as const)
    .filter((k) => r.plan[k] !== undefined)
    .map((k) => `${k}${r.plan[k]}`)
    .join(' ');
  return { id: r.id, model: r.model, chip: r.chip, gpus: r.gpus, seq: r.seq, globalBatch: r.globalBatch, plan, measured: r.measured.kind, value: r.measured.value, trust: r.trust };
}
