/**
 * Train charts (data in, SVG out via Observable Plot): step time as stacked bars per plan,
 * memory per accelerator against capacity, and the scaling curve over chip counts.
 */
import * as Plot from '@observablehq/plot';
import type { MemoryRow, StepRow } from '../lib/train-rows.js';
import { MEMORY_PARTS, STEP_PARTS } from '../lib/train-rows.js';

export interface ChartOptions {
  readonly width?: number;
  readonly document?: Document;
}

/** "#1 tp8 pp4 ..." -> "#1" (the table beside the chart spells the plans out). */
const shortLabel = (d: string) => d.split(' ')[0];

const stepColors = ['#1d3557', '#457b9d', '#a8dadc', '#8d99ae', '#e76f51', '#f4a261', '#e9c46a', '#2a9d8f', '#bc4749', '#6a994e', '#9c6644', '#6d597a'];

/** The frame shared by the per-plan stacked bar charts: one row per plan, labelled by its rank. */
function barFrame(plans: readonly string[], o: ChartOptions) {
  return { document: o.document, width: o.width ?? 620, height: 70 + 34 * plans.length, marginLeft: 40, y: { domain: [...plans], label: null, tickFormat: shortLabel } };
}

/** Seconds per step, one stacked horizontal bar per plan. */
export function stepChart(rows: readonly StepRow[], o: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const plans = [...new Set(rows.map((r) => r.plan))];
  // The legend lists only the parts drawn in some bar (each keeps its colour).
  const used = STEP_PARTS.map(([, p], i) => [p, stepColors[i % stepColors.length]!] as const).filter(([p]) => rows.some((r) => r.part === p && r.seconds > 0));
  return Plot.plot({
    ...barFrame(plans, o),
    x: { label: 'seconds per step →', grid: true },
    color: { domain: used.map(([p]) => p), range: used.map(([, c]) => c), legend: true },
    marks: [
      Plot.barX(rows.filter((r) => r.seconds > 0), { x: 'seconds', y: 'plan', fill: 'part', order: used.map(([p]) => p), tip: true, title: (r: StepRow) => `${r.part}: ${r.seconds.toPrecision(3)} s` }),
      Plot.ruleX([0]),
    ],
  });
}

/** GiB per accelerator by term, with the capacity (solid) and the search's limit (dashed). */
export function memoryChart(rows: readonly MemoryRow[], capacityGiB: number, limitGiB: number, o: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const plans = [...new Set(rows.map((r) => r.plan))];
  return Plot.plot({
    ...barFrame(plans, o),
    x: { label: 'GiB per accelerator →', grid: true, domain: [0, Math.max(capacityGiB * 1.05, ...plans.map((p) => rows.filter((r) => r.plan === p).reduce((a, r) => a + r.gib, 0)))] },
    color: { domain: MEMORY_PARTS.map(([, p]) => p), range: ['#264653', '#2a9d8f', '#e9c46a', '#f4a261', '#adb5bd'], legend: true },
    marks: [
      Plot.barX(rows, { x: 'gib', y: 'plan', fill: 'part', order: MEMORY_PARTS.map(([, p]) => p), tip: true, title: (r: MemoryRow) => `${r.part}: ${r.gib.toFixed(2)} GiB` }),
      Plot.ruleX([capacityGiB], { stroke: '#b42318', strokeWidth: 2 }),
      Plot.ruleX([limitGiB], { stroke: '#b42318', strokeDasharray: '4,3' }),
      Plot.text([capacityGiB], { x: (d: number) => d, frameAnchor: 'top', text: () => 'capacity', dy: 4, dx: -3, textAnchor: 'end', fill: '#b42318', fontSize: 10 }),
    ],
  });
}

/** One point of the scaling curve. */
export interface ScalingPoint {
  readonly gpus: number;
  /** Tokens per second per chip of the best plan. */
  readonly tokensPerSecondPerChip: number;
  readonly mfu: number;
  /** Days for the job's tokens, if given. */
  readonly days: number | null;
  readonly plan: string;
}

/** Tokens/s per chip over chip counts (log x), labelled with MFU. */
export function scalingChart(points: readonly ScalingPoint[], currentGpus: number, o: ChartOptions = {}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    document: o.document,
    width: o.width ?? 620,
    height: 300,
    marginRight: 30,
    marginLeft: 56,
    x: { type: 'log', label: 'accelerators →', ticks: points.map((p) => p.gpus), tickFormat: (d: number) => d.toLocaleString('en-US') },
    marginTop: 30,
    y: { label: '↑ tokens/s per accelerator', grid: true, zero: true, insetTop: 16 },
    marks: [
      Plot.ruleX([currentGpus], { stroke: '#aaa', strokeDasharray: '3,3' }),
      Plot.line(points, { x: 'gpus', y: 'tokensPerSecondPerChip', stroke: '#1d3557' }),
      Plot.dot(points, { x: 'gpus', y: 'tokensPerSecondPerChip', fill: '#1d3557', tip: true, title: (p: ScalingPoint) => `${p.gpus} chips\n${p.plan}\nMFU ${(p.mfu * 100).toFixed(1)}%${p.days !== null ? `\n${p.days.toFixed(1)} days` : ''}` }),
      Plot.text(points, { x: 'gpus', y: 'tokensPerSecondPerChip', text: (p: ScalingPoint) => `MFU ${(p.mfu * 100).toFixed(0)}%`, dy: -10, fontSize: 10 }),
    ],
  });
}
