/**
 * Race charts (data in, SVG out via Observable Plot): scores over time with each country's
 * frontier as a step line, the lag drawn as arrows between the frontiers and "no reports" periods
 * shaded (one side stopped reporting: no lag is drawn there); and score against
 * training compute with the efficiency frontier. Every point links to its source (Plot `href`).
 */
import * as Plot from '@observablehq/plot';
import { tick } from '../lib/format.js';
import type { EfficiencyPoint } from '../../core/race/efficiency.js';
import type { FrontierStep, ScorePoint } from '../../core/race/frontier.js';
import type { LagPoint } from '../../core/race/lag.js';

export interface RaceChartOptions {
  readonly width?: number;
  readonly document?: Document;
  /** Country colours (A, B). */
  readonly colors?: readonly [string, string];
  /** "No reports" periods (one side had no comparable score in the window): shaded and labelled, never drawn as lag. */
  readonly gaps?: readonly { readonly from: string; readonly to: string; readonly who: string }[];
}

const d = (s: string) => new Date(`${s}T00:00:00Z`);

/** Scores over time, both frontiers, and the lag at each of B's frontier moves. */
export function frontierChart(points: readonly ScorePoint[], a: readonly FrontierStep[], b: readonly FrontierStep[], lag: readonly LagPoint[], countries: readonly [string, string], unit: string, asOf: string, o: RaceChartOptions = {}): SVGSVGElement | HTMLElement {
  const [ca, cb] = o.colors ?? ['#1d4ed8', '#dc2626'];
  const ext = (steps: readonly FrontierStep[]) => (steps.length ? [...steps, { ...steps[steps.length - 1], date: asOf }] : []);
  const lines = [...ext(a).map((s) => ({ ...s, who: countries[0] })), ...ext(b).map((s) => ({ ...s, who: countries[1] }))];
  const bMoves = new Set(b.map((s) => s.date));
  const arrows = lag.filter((l) => l.aFirst && bMoves.has(l.date) && l.date === l.bBest.date).map((l) => ({ from: l.aFirst!.date, to: l.date, score: l.bBest.score, months: l.lagMonths ?? 0 }));
  return Plot.plot({
    document: o.document,
    width: o.width ?? 900,
    height: 420,
    x: { type: 'utc', label: 'release date →' },
    y: { label: `↑ score${unit === 'Elo' ? ' (Elo)' : ' (%)'}`, grid: true },
    color: { domain: [...countries, 'other'], range: [ca, cb, '#9ca3af'], legend: true },
    marks: [
      // Only when there are gaps, so charts without them render exactly as before.
      ...(o.gaps?.length
        ? [
            Plot.rect(o.gaps, { x1: (g: { from: string }) => d(g.from), x2: (g: { to: string }) => d(g.to), fill: '#9ca3af', fillOpacity: 0.18 }),
            // One label row per country, so overlapping periods do not print over each other.
            ...[...new Set(o.gaps.map((g) => g.who))].map((who, i) =>
              Plot.text(o.gaps!.filter((g) => g.who === who), { x: (g: { from: string }) => d(g.from), frameAnchor: 'top', text: () => `no reports from ${who}`, textAnchor: 'start', dx: 3, dy: 4 + 12 * i, fontSize: 9, fill: '#4b5563' }),
            ),
          ]
        : []),
      Plot.dot(points, { x: (p: ScorePoint) => d(p.date), y: 'score', fill: (p: ScorePoint) => (countries.includes(p.country) ? p.country : 'other'), r: 3.5, fillOpacity: 0.7, href: 'source', target: '_blank', tip: true, title: (p: ScorePoint) => `${p.name} (${p.country}${p.openWeights ? ', open weights' : ''})\n${p.date}: ${p.score}\n${p.setting}${p.evaluator ? `\n${p.evaluator}${p.thinking === true ? ', thinking' : p.thinking === false ? ', no thinking' : ''}` : ''}${p.caveat ? `\n${p.caveat}` : ''}` }),
      Plot.line(lines, { x: (s: FrontierStep) => d(s.date), y: 'score', z: 'who', stroke: 'who', curve: 'step-after', strokeWidth: 2 }),
      Plot.arrow(arrows, { x1: (r: { from: string }) => d(r.from), x2: (r: { to: string }) => d(r.to), y1: 'score', y2: 'score', stroke: '#6b7280', strokeDasharray: '3,2', headLength: 6 }),
      Plot.text(arrows, { x: (r: { from: string; to: string }) => new Date((d(r.from).getTime() + d(r.to).getTime()) / 2), y: 'score', text: (r: { months: number }) => `${r.months.toFixed(1)} mo`, dy: -7, fontSize: 9, fill: '#374151' }),
    ],
  });
}

/** Score against training compute (log x) with ranges and the efficiency frontier. */
export function efficiencyChart(points: readonly (EfficiencyPoint & { href: string; name: string })[], countries: readonly [string, string], unit: string, o: RaceChartOptions = {}): SVGSVGElement | HTMLElement {
  const [ca, cb] = o.colors ?? ['#1d4ed8', '#dc2626'];
  const front = points.filter((p) => p.onFrontier).sort((x, y) => x.flop - y.flop);
  const who = (p: EfficiencyPoint) => (countries.includes(p.country) ? p.country : 'other');
  return Plot.plot({
    document: o.document,
    width: o.width ?? 900,
    height: 420,
    x: { type: 'log', label: 'training compute, FLOP →', grid: true, tickFormat: tick },
    y: { label: `↑ score${unit === 'Elo' ? ' (Elo)' : ' (%)'}`, grid: true },
    color: { domain: [...countries, 'other'], range: [ca, cb, '#9ca3af'], legend: true },
    marks: [
      Plot.ruleY(points, { y: 'score', x1: 'low', x2: 'high', stroke: who, strokeOpacity: 0.35 }),
      Plot.line(front, { x: 'flop', y: 'score', stroke: '#111827', curve: 'step-after', strokeDasharray: '5,3' }),
      Plot.dot(points, { x: 'flop', y: 'score', fill: (p: EfficiencyPoint) => (p.imputed ? 'white' : who(p)), stroke: who, r: 4, href: 'href', target: '_blank', tip: true, title: (p: EfficiencyPoint & { name: string }) => `${p.name} (${p.country})\n${p.flop.toExponential(1)} FLOP (${p.computeKind}${p.imputed ? ', imputed from benchmarks' : ''})\nscore ${p.score}${p.onFrontier ? '\non the efficiency frontier' : ''}` }),
      Plot.text(front, { x: 'flop', y: 'score', text: 'name', dy: -9, fontSize: 9 }),
    ],
  });
}
