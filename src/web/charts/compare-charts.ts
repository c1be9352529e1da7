/**
 * Comparison charts (data in, SVG out via Observable Plot): several chips on one chart.
 * - Training: the best plan's step time on each chip, stacked by part (the same parts and
 *   colours as the Train step chart), one bar per chip.
 * - Serving, the chart InferenceX-style comparisons use: output throughput per accelerator
 *   against tokens/s per user (interactivity, 1/TPOT) over the batch sweep, one colour per chip,
 *   each chip's Pareto front as a line (no other point of that chip is both faster per user and
 *   higher per accelerator), and the SLO lines of the page's targets.
 */
import * as Plot from '@observablehq/plot';
import type { StepRow } from '../lib/train-rows.js';
import { STEP_PARTS } from '../lib/train-rows.js';
import { tick } from '../lib/format.js';

export interface CompareChartOptions {
  readonly width?: number;
  readonly document?: Document;
  /** Log axes instead of linear (the serving chart; the log/linear switch). */
  readonly log?: boolean;
}

/** Distinct colours for up to 10 series (Tableau 10), so two series never share one. */
export const SERIES_COLORS = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#bab0ab'] as const;

const stepColors = ['#1d3557', '#457b9d', '#a8dadc', '#8d99ae', '#e76f51', '#f4a261', '#e9c46a', '#2a9d8f', '#bc4749', '#6a994e', '#9c6644', '#6d597a'];

/**
 * A series label on short lines for the y axis: one line per ' · ' part (chip, framework, plan),
 * long parts wrapped at spaces to about 20 characters, so the labels fit the left margin.
 */
export function wrapLabel(label: string): string {
  const out: string[] = [];
  label.split(' · ').forEach((part, i) => {
    let line = i > 0 ? '·' : '';
    for (const w of part.split(' ')) {
      if (line && line !== '·' && line.length + 1 + w.length > 20) {
        out.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    out.push(line);
  });
  return out.join('\n');
}

/** Best plan's seconds per step on each chip (or series), stacked by part; `rows[].plan` is the chip's label. */
export function compareStepChart(rows: readonly StepRow[], o: CompareChartOptions = {}): SVGSVGElement | HTMLElement {
  const chips = [...new Set(rows.map((r) => r.plan))];
  const used = STEP_PARTS.map(([, p], i) => [p, stepColors[i % stepColors.length]!] as const).filter(([p]) => rows.some((r) => r.part === p && r.seconds > 0));
  const width = o.width ?? 620;
  const lines = Math.max(1, ...chips.map((c) => wrapLabel(c).split('\n').length));
  return Plot.plot({
    document: o.document,
    width,
    height: 70 + (22 + 12 * lines) * chips.length,
    marginLeft: Math.min(150, Math.max(90, width * 0.25)),
    y: { domain: chips, label: null, tickFormat: wrapLabel },
    x: { label: 'seconds per step (best plan of each series) →', grid: true, tickFormat: tick },
    color: { domain: used.map(([p]) => p), range: used.map(([, c]) => c), legend: true },
    marks: [
      Plot.barX(rows.filter((r) => r.seconds > 0), { x: 'seconds', y: 'plan', fill: 'part', order: used.map(([p]) => p), tip: true, title: (r: StepRow) => `${r.plan}\n${r.part}: ${r.seconds.toPrecision(3)} s` }),
      Plot.ruleX([0]),
    ],
  });
}

/** One batch of one chip's serving sweep. */
export interface ServingPoint {
  readonly chip: string;
  readonly batch: number;
  /** Output tokens/s per user (1 / TPOT). */
  readonly perUser: number;
  /** Output tokens/s per accelerator. */
  readonly perGpu: number;
  readonly tpotMs: number;
  readonly ttftMs: number;
  /**
   * An engine series (engine profile id): a point of the request-rate sweep of the server
   * scenario (runScenario), where `batch` is the mean batch, `tpotMs`/`ttftMs` are p99 and
   * `perUser` is 1 / p99 TPOT. Absent: a point of the chip's batch sweep (evaluateServing).
   */
  readonly engine?: string;
  /** The engine's name and release line. */
  readonly engineName?: string;
  /** Offered requests per second of an engine series' load point, whole deployment. */
  readonly requestsPerSecond?: number;
}

/** The points of each chip that no other point of the same chip beats on both axes, by per-user speed. */
export function paretoFront(points: readonly ServingPoint[]): ServingPoint[] {
  const out: ServingPoint[] = [];
  for (const chip of [...new Set(points.map((p) => p.chip))]) {
    const mine = points.filter((p) => p.chip === chip);
    const front = mine.filter((p) => !mine.some((q) => q !== p && q.perUser >= p.perUser && q.perGpu >= p.perGpu && (q.perUser > p.perUser || q.perGpu > p.perGpu)));
    out.push(...front.sort((a, b) => a.perUser - b.perUser));
  }
  return out;
}

function pointTitle(p: ServingPoint): string {
  if (p.engine === undefined) return `${p.chip}, batch ${p.batch}\n${p.perUser.toFixed(1)} tok/s per user (TPOT ${p.tpotMs.toFixed(1)} ms)\n${p.perGpu.toFixed(0)} tok/s per accelerator\nTTFT ${p.ttftMs.toFixed(0)} ms`;
  return `${p.chip}, ${(p.requestsPerSecond ?? 0).toPrecision(3)} requests/s (mean batch ${p.batch.toFixed(1)})\n${p.perUser.toFixed(1)} tok/s per user (p99 TPOT ${p.tpotMs.toFixed(1)} ms)\n${p.perGpu.toFixed(0)} tok/s per accelerator\np99 TTFT ${p.ttftMs.toFixed(0)} ms`;
}

/** Throughput per accelerator against tokens/s per user, per chip (and engine), with Pareto fronts and the TPOT SLO line. */
export function servingCompareChart(points: readonly ServingPoint[], tpotTargetMs: number | null, o: CompareChartOptions = {}): SVGSVGElement | HTMLElement {
  const chips = [...new Set(points.map((p) => p.chip))];
  const front = paretoFront(points);
  const slo = tpotTargetMs !== null && tpotTargetMs > 0 ? 1000 / tpotTargetMs : null;
  const log = o.log ?? false;
  const pos = points.filter((p) => p.perUser > 0 && p.perGpu > 0);
  return Plot.plot({
    document: o.document,
    width: o.width ?? 620,
    height: 360,
    marginLeft: 56,
    marginTop: 24,
    x: { type: log ? 'log' : 'linear', label: 'output tokens/s per user (interactivity, 1/TPOT) →', grid: true, tickFormat: tick, ...(log ? {} : { zero: true }) },
    y: { type: log ? 'log' : 'linear', label: '↑ output tokens/s per accelerator', grid: true, tickFormat: tick, ...(log ? {} : { zero: true }) },
    color: { domain: chips, range: SERIES_COLORS.slice(0, Math.max(1, chips.length)), legend: true },
    marks: [
      ...(slo !== null
        ? [
            Plot.ruleX([slo], { stroke: '#b42318', strokeDasharray: '4,3' }),
            Plot.text([slo], { x: (d: number) => d, frameAnchor: 'top', text: () => `TPOT ≤ ${tpotTargetMs} ms →`, textAnchor: 'start', dx: 4, dy: -14, fill: '#b42318', fontSize: 10 }),
          ]
        : []),
      // Chips' batch sweeps: solid fronts; engines' request-rate sweeps: dashed fronts.
      Plot.line(front.filter((p) => p.engine === undefined), { x: 'perUser', y: 'perGpu', stroke: 'chip', z: 'chip', strokeWidth: 2 }),
      Plot.line(front.filter((p) => p.engine !== undefined), { x: 'perUser', y: 'perGpu', stroke: 'chip', z: 'chip', strokeWidth: 2, strokeDasharray: '6,3' }),
      Plot.dot(log ? pos : points, { x: 'perUser', y: 'perGpu', fill: 'chip', r: 3.5, tip: true, title: pointTitle }),
    ],
  });
}
