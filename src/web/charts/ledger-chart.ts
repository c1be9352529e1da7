/**
 * The efficiency ledger as a waterfall (data in, SVG out via Observable Plot): the baseline's
 * days, then what switching off each technique of the "all off" recipe adds (re-planned), the
 * interaction remainder, and the "all off" total.
 */
import * as Plot from '@observablehq/plot';
import type { Ledger } from '../../core/scenario/ablate.js';

/** One waterfall step, days. */
export interface WaterfallStep {
  readonly label: string;
  readonly kind: 'baseline' | 'technique' | 'interaction' | 'total';
  readonly from: number;
  readonly to: number;
  /** to − from. */
  readonly delta: number;
}

/** The techniques the "all off" row switches off together (ablate.ts), in the ledger's order. */
const IN_ALL_OFF = (technique: string) => technique === 'FP8 -> BF16' || technique.endsWith('-> 1F1B') || technique === 'routing limit off' || /^recompute \w+ -> full$/.test(technique);

/** Waterfall steps from the ledger (days of re-planned rows; rows without days are skipped). */
export function waterfallSteps(l: Ledger): WaterfallStep[] {
  const base = l.baseline.days;
  if (base === null) return [];
  const out: WaterfallStep[] = [{ label: 'baseline', kind: 'baseline', from: 0, to: base, delta: base }];
  let at = base;
  for (const r of l.rows) {
    if (!IN_ALL_OFF(r.technique) || r.daysSaved === null) continue;
    out.push({ label: r.technique, kind: 'technique', from: at, to: at + r.daysSaved, delta: r.daysSaved });
    at += r.daysSaved;
  }
  const all = l.rows.find((r) => r.technique === 'all off')?.replanned?.days ?? null;
  if (all !== null) {
    if (Math.abs(all - at) > 1e-9 * Math.max(1, all)) out.push({ label: 'interaction', kind: 'interaction', from: at, to: all, delta: all - at });
    out.push({ label: 'all off', kind: 'total', from: 0, to: all, delta: all });
  }
  return out;
}

export function ledgerChart(steps: readonly WaterfallStep[], o: { width?: number; document?: Document } = {}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    document: o.document,
    width: o.width ?? 760,
    height: 360,
    marginBottom: 50,
    x: { domain: steps.map((s) => s.label), label: null, tickRotate: -15 },
    y: { label: '↑ days to train (re-planned)', grid: true, zero: true },
    color: { domain: ['baseline', 'technique', 'interaction', 'total'], range: ['#264653', '#e76f51', '#adb5bd', '#8d5a97'], legend: true },
    marks: [
      Plot.barY(steps, { x: 'label', y1: 'from', y2: 'to', fill: 'kind', tip: true }),
      Plot.text(steps, { x: 'label', y: (s: WaterfallStep) => Math.max(s.from, s.to), text: (s: WaterfallStep) => (s.kind === 'technique' || s.kind === 'interaction' ? `${s.delta >= 0 ? '+' : ''}${s.delta.toFixed(1)}` : s.to.toFixed(1)), dy: -6, fontSize: 10 }),
      Plot.ruleY([0]),
    ],
  });
}
