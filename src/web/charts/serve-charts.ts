/**
 * Serve charts (data in, SVG out via Observable Plot): the throughput/interactivity trade-off
 * over batch sizes, latency against batch, and cost per million tokens against batch.
 */
import * as Plot from '@observablehq/plot';
import { tick } from '../lib/format.js';

/** One batch of the sweep (fields copied from ServingResult). */
export interface ServePoint {
  readonly batch: number;
  /** Output tokens/s per accelerator. */
  readonly perGpu: number;
  /** Output tokens/s seen by one user (1 / TPOT). */
  readonly perUser: number;
  readonly ttftMs: number;
  readonly tpotMs: number;
  /** USD per million output tokens, or null without a price. */
  readonly usdPerMillionOut: number | null;
  readonly chosen: boolean;
}

export interface ServeChartOptions {
  readonly width?: number;
  readonly document?: Document;
  /** Log axes (default) or linear (the chart frame's log/linear switch), for the latency and cost charts. */
  readonly log?: boolean;
}

export function tradeoffChart(points: readonly ServePoint[], o: ServeChartOptions = {}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    document: o.document,
    width: o.width ?? 560,
    height: 340,
    x: { label: 'output tokens/s per accelerator →', grid: true, zero: true },
    y: { label: '↑ tokens/s per user (1 / TPOT)', grid: true, zero: true },
    marks: [
      Plot.line(points, { x: 'perGpu', y: 'perUser', stroke: '#1d3557' }),
      Plot.dot(points, { x: 'perGpu', y: 'perUser', fill: (p: ServePoint) => (p.chosen ? '#e76f51' : '#1d3557'), r: (p: ServePoint) => (p.chosen ? 6 : 3.5), tip: true, title: (p: ServePoint) => `batch ${p.batch}\n${p.perGpu.toFixed(0)} tok/s/accelerator\n${p.perUser.toFixed(1)} tok/s/user` }),
      Plot.text(points, { x: 'perGpu', y: 'perUser', text: (p: ServePoint) => `b${p.batch}`, dx: 6, dy: -6, fontSize: 9, textAnchor: 'start' }),
    ],
  });
}

export function latencyChart(points: readonly ServePoint[], o: ServeChartOptions = {}): SVGSVGElement | HTMLElement {
  const rows = points.flatMap((p) => [
    { batch: p.batch, ms: p.ttftMs, what: 'TTFT' },
    { batch: p.batch, ms: p.tpotMs, what: 'TPOT' },
  ]);
  return Plot.plot({
    document: o.document,
    width: o.width ?? 560,
    height: 300,
    x: { type: o.log === false ? 'linear' : 'log', label: 'batch (sequences in flight) →', tickFormat: tick },
    y: { type: o.log === false ? 'linear' : 'log', label: '↑ milliseconds', grid: true, tickFormat: tick, ...(o.log === false ? { zero: true } : {}) },
    color: { domain: ['TTFT', 'TPOT'], range: ['#e76f51', '#2a9d8f'], legend: true },
    marks: [Plot.line(rows, { x: 'batch', y: 'ms', stroke: 'what' }), Plot.dot(rows, { x: 'batch', y: 'ms', fill: 'what', r: 3, tip: true, title: (d: { batch: number; ms: number; what: string }) => `batch ${d.batch}\n${d.what} ${d.ms.toPrecision(3)} ms` })],
  });
}

export function costChart(points: readonly ServePoint[], o: ServeChartOptions = {}): SVGSVGElement | HTMLElement {
  const priced = points.filter((p) => p.usdPerMillionOut !== null);
  return Plot.plot({
    document: o.document,
    width: o.width ?? 560,
    height: 300,
    x: { type: o.log === false ? 'linear' : 'log', label: 'batch (sequences in flight) →', tickFormat: tick },
    y: { type: o.log === false ? 'linear' : 'log', label: '↑ USD per million output tokens', grid: true, tickFormat: tick, ...(o.log === false ? { zero: true } : {}) },
    marks: [
      Plot.line(priced, { x: 'batch', y: 'usdPerMillionOut', stroke: '#6a994e' }),
      Plot.dot(priced, { x: 'batch', y: 'usdPerMillionOut', fill: (p: ServePoint) => (p.chosen ? '#e76f51' : '#6a994e'), r: (p: ServePoint) => (p.chosen ? 6 : 3.5), tip: true, title: (p: ServePoint) => `batch ${p.batch}${p.chosen ? ' (shown)' : ''}\n$${(p.usdPerMillionOut ?? 0).toPrecision(3)} per million output tokens` }),
    ],
  });
}
