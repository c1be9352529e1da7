/**
 * Predicted against measured, log-log, every record in its source's own unit: the y = x line,
 * relative-error bands as dashed lines, points coloured by what was measured.
 */
import * as Plot from '@observablehq/plot';
import { tick } from '../lib/format.js';
import { measureLabel, type AccuracyRow } from '../lib/accuracy-rows.js';

export interface AccuracyChartOptions {
  readonly width?: number;
  readonly document?: Document;
  /** Relative error bands to draw (fractions). */
  readonly bands?: readonly number[];
}

export function accuracyChart(rows: readonly AccuracyRow[], o: AccuracyChartOptions = {}): SVGSVGElement | HTMLElement {
  const vals = rows.flatMap((r) => [r.measured, r.predicted]).filter((v) => v > 0);
  const lo = vals.length ? Math.min(...vals) / 1.5 : 0.1;
  const hi = vals.length ? Math.max(...vals) * 1.5 : 10;
  const bands = o.bands ?? [0.1, 0.25];
  const line = (k: number) => [{ x: lo, y: lo * k }, { x: hi, y: hi * k }];
  const bandLines = bands.flatMap((b) => [
    ...line(1 + b).map((p) => ({ ...p, band: `+${Math.round(b * 100)}%` })),
    ...line(1 - b).map((p) => ({ ...p, band: `−${Math.round(b * 100)}%` })),
  ]);
  return Plot.plot({
    document: o.document,
    width: o.width ?? 760,
    height: 560,
    x: { type: 'log', domain: [lo, hi], label: 'measured (source’s unit) →', grid: true, tickFormat: tick },
    y: { type: 'log', domain: [lo, hi], label: '↑ predicted (same unit)', grid: true, tickFormat: tick },
    color: { legend: true, scheme: 'tableau10' },
    marks: [
      Plot.line(line(1), { x: 'x', y: 'y', stroke: '#222' }),
      Plot.line(bandLines, { x: 'x', y: 'y', z: 'band', stroke: '#888', strokeDasharray: '4,3' }),
      Plot.text(bandLines.filter((_, i) => i % 2 === 1), { x: 'x', y: 'y', text: 'band', textAnchor: 'end', dx: -4, fontSize: 9, fill: '#666' }),
      Plot.dot(rows, { x: 'measured', y: 'predicted', fill: (r: AccuracyRow) => measureLabel(r.measure), stroke: (r: AccuracyRow) => (r.inSummary ? '#222' : 'none'), r: 4.5, tip: true, title: (r: AccuracyRow) => `${r.name}\n${measureLabel(r.measure)}: measured ${r.measured}, predicted ${r.predicted.toPrecision(3)}\nerror ${(r.error * 100).toFixed(1)}%${r.inSummary ? '' : '\n(not in summary)'}` }),
    ],
  });
}
