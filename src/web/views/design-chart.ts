/**
 * Design view chart (Observable Plot): every compliant candidate design scored, time against
 * cost (both relative to the unconstrained envelope design), the Pareto front as a line, and
 * the real H800, H20 and Ascend 910B marked (hollow when the rule set would need a licence).
 */
import * as Plot from '@observablehq/plot';

/** One point of the chart. */
export interface DesignPoint {
  readonly id: string;
  /** 'design', 'front' (Pareto-optimal design) or 'real chip'. */
  readonly kind: 'design' | 'front' | 'real chip';
  readonly label: string;
  readonly timeRatio: number;
  readonly costRatio: number;
  /** Real chips: passes the rule set. */
  readonly compliant: boolean;
  /** Binding constraints (designs), joined. */
  readonly binding: string;
}

/** The Pareto chart. */
export function designParetoChart(points: readonly DesignPoint[], o: { width?: number; document?: Document } = {}): SVGSVGElement | HTMLElement {
  const finite = points.filter((p) => Number.isFinite(p.timeRatio) && Number.isFinite(p.costRatio));
  const front = finite.filter((p) => p.kind === 'front').sort((a, b) => a.costRatio - b.costRatio);
  const real = finite.filter((p) => p.kind === 'real chip');
  return Plot.plot({
    document: o.document,
    width: o.width ?? 860,
    height: 420,
    x: { label: 'cost ÷ unconstrained design →', grid: true },
    y: { label: '↑ time ÷ unconstrained design', grid: true },
    color: { domain: ['design', 'front', 'real chip'], range: ['#9ca3af', '#2a9d8f', '#e76f51'], legend: true },
    marks: [
      Plot.ruleY([1], { stroke: '#ccc' }),
      Plot.dot(
        finite.filter((p) => p.kind !== 'real chip'),
        { x: 'costRatio', y: 'timeRatio', fill: 'kind', r: 3.5, fillOpacity: 0.8, tip: true, title: (p: DesignPoint) => `${p.label}\ntime ×${p.timeRatio.toFixed(3)}, cost ×${p.costRatio.toFixed(3)}${p.binding ? `\nbinds: ${p.binding}` : ''}` },
      ),
      Plot.line(front, { x: 'costRatio', y: 'timeRatio', stroke: '#2a9d8f' }),
      Plot.dot(real, { x: 'costRatio', y: 'timeRatio', stroke: 'kind', fill: (p: DesignPoint) => (p.compliant ? '#e76f51' : 'white'), r: 5, strokeWidth: 2, title: (p: DesignPoint) => `${p.label}${p.compliant ? '' : ' (needs a licence under this rule set)'}` }),
      Plot.text(real, { x: 'costRatio', y: 'timeRatio', text: 'label', dx: 8, textAnchor: 'start', fontSize: 11, fill: '#7c2d12' }),
    ],
  });
}
