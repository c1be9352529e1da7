/**
 * TPP × performance density, log-log: the 3A090 regions of the rule in force shaded, other
 * rules' TPP lines dashed, chips as labelled points. Data in, SVG out (Observable Plot); the
 * `document` option lets a caller with its own DOM render it outside the page.
 */
import * as Plot from '@observablehq/plot';
import { tick } from '../lib/format.js';
import type { RegionCell, ThresholdLine } from '../lib/control-regions.js';
import { EXTENT } from '../lib/control-regions.js';

/** A chip on the plane. */
export interface ChipPoint {
  readonly id: string;
  readonly name: string;
  readonly tpp: number;
  readonly pd: number;
  /** Verdict under the shaded rule ('not controlled' or an ECCN). */
  readonly label: string;
  /** A user-defined chip (drawn larger). */
  readonly custom?: boolean;
}

/** Region colours, fixed so every date and every export reads the same. */
export const REGION_COLORS: Readonly<Record<string, string>> = {
  '3A090.a': '#d62828',
  '3A090.a.1': '#d62828',
  '3A090.a.2': '#f77f00',
  '3A090.b.1': '#fcbf49',
  '3A090.b.2': '#eae2b7',
  'not controlled': '#8ecae6',
};

export interface ControlsChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly document?: Document;
}

export function controlsChart(cells: readonly RegionCell[], lines: readonly ThresholdLine[], points: readonly ChipPoint[], o: ControlsChartOptions = {}): SVGSVGElement | HTMLElement {
  const labels = [...new Set([...cells.map((c) => c.label), ...points.map((p) => p.label)])];
  const domain = Object.keys(REGION_COLORS).filter((k) => labels.includes(k));
  for (const l of labels) if (!domain.includes(l)) domain.push(l);
  return Plot.plot({
    document: o.document,
    width: o.width ?? 900,
    height: o.height ?? 520,
    marginRight: 40,
    x: { type: 'log', domain: [...EXTENT.tpp], label: 'TPP (dense TOPS × bit length) →', grid: true, tickFormat: tick },
    y: { type: 'log', domain: [...EXTENT.pd], label: '↑ performance density (TPP / mm²)', grid: true, tickFormat: tick },
    color: { domain, range: domain.map((d) => REGION_COLORS[d] ?? '#999'), legend: true },
    marks: [
      Plot.rect(cells, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'label', fillOpacity: 0.35 }),
      Plot.ruleX(lines, { x: 'value', stroke: '#555', strokeDasharray: '4,3' }),
      Plot.text(lines, { x: 'value', y: EXTENT.pd[1], text: 'test', textAnchor: 'start', dx: 3, dy: 8, fontSize: 9, fill: '#333' }),
      Plot.dot(points, { x: 'tpp', y: 'pd', fill: 'label', stroke: '#222', r: (p: ChipPoint) => (p.custom ? 7 : 4), symbol: (p: ChipPoint) => (p.custom ? 'star' : 'circle'), tip: true, title: (p: ChipPoint) => `${p.name}\nTPP ${Math.round(p.tpp)}\nPD ${p.pd.toFixed(2)}\n${p.label}` }),
      // Short labels (no vendor, no parenthetical), one per position: chips with the same TPP and PD
      // (H100/H200/H800) share one label, so they do not print over each other. The tip has the full name.
      Plot.text(pointLabels(points), { x: 'tpp', y: 'pd', text: 'text', dy: -9, fontSize: 9, fill: '#222' }),
    ],
  });
}

/** "NVIDIA H100 SXM5 80GB" -> "H100 SXM5 80GB"; "Huawei Ascend 910B (910B2 class)" -> "Ascend 910B". */
export function shortName(name: string): string {
  return name
    .replace(/\s*\(.*?\)\s*/g, ' ')
    .replace(/^(NVIDIA|AMD|Intel|Huawei|Google|AWS|Cambricon)\s+(Instinct\s+|HGX\s+)?/, '')
    .trim();
}

/** One label per distinct (TPP, PD) position, joining the short names of the chips there. */
export function pointLabels(points: readonly ChipPoint[]): { tpp: number; pd: number; text: string }[] {
  const at = new Map<string, { tpp: number; pd: number; names: string[] }>();
  for (const p of points) {
    const key = `${Math.round(p.tpp)}:${p.pd.toFixed(2)}`;
    const entry = at.get(key) ?? { tpp: p.tpp, pd: p.pd, names: [] };
    entry.names.push(shortName(p.name));
    at.set(key, entry);
  }
  return [...at.values()].map((e) => ({ tpp: e.tpp, pd: e.pd, text: e.names.join(' · ') }));
}
