/**
 * Scenario charts for the page (data in, SVG out via Observable Plot), drawn at the container's
 * width: the same charts as core/scenario/charts.ts (the fixed-size SVG the CLI writes with
 * --out), from the same data and colours: days or cost per pool coloured by eligibility, and
 * where the days go (the model's step-time breakdown, SPLIT_LABELS).
 */
import * as Plot from '@observablehq/plot';
import { SPLIT_COLORS, STATUS_COLORS } from '../../core/scenario/charts.js';
import { daysBySplit, SPLIT_LABELS } from '../../core/scenario/compare.js';
import type { ScenarioResult, ServeOutcome, TimeSplit, TrainOutcome } from '../../core/scenario/types.js';
import { sig } from '../lib/format.js';

/** One chart of a scenario result. */
export interface ScenarioChart {
  /** "workload:days", "workload:breakdown" or "workload:cost" (as scenarioCharts names them). */
  readonly key: string;
  readonly title: string;
  readonly draw: (width: number) => SVGSVGElement | HTMLElement;
}

const status = (s: string) => s.replace(/-/g, ' ');

/** The charts of one result, in the order of core/scenario/charts.ts scenarioCharts. */
export function scenarioPlots(res: ScenarioResult, o: { document?: Document } = {}): ScenarioChart[] {
  const out: ScenarioChart[] = [];
  const statuses = [...new Set(res.rows.map((r) => r.eligibility.status))];
  const color = { domain: statuses.map(status), range: statuses.map((s) => STATUS_COLORS[s]), legend: true };
  const frame = (n: number, width: number) => ({ document: o.document, width, height: 60 + 30 * n, marginLeft: Math.min(180, Math.max(80, width * 0.3)), marginRight: 70, y: { label: null } });
  for (const w of [...new Set(res.rows.map((r) => r.workload))]) {
    const rows = res.rows.filter((r) => r.workload === w);
    const pools = rows.map((r) => r.pool);
    if (rows[0]!.outcome.kind === 'train') {
      const bars = rows.map((r) => {
        const t = r.outcome as TrainOutcome;
        return { pool: r.pool, days: t.days, status: status(r.eligibility.status), cost: t.costUsd };
      });
      out.push({
        key: `${w}:days`,
        title: `${w}: days to train, by pool`,
        draw: (width) =>
          Plot.plot({
            ...frame(pools.length, width),
            y: { label: null, domain: pools },
            x: { label: 'days to train →', grid: true },
            color,
            marks: [
              Plot.barX(bars.filter((b) => b.days !== null), { x: 'days', y: 'pool', fill: 'status', tip: true, title: (b: (typeof bars)[number]) => `${b.pool}\n${sig(b.days)} days${b.cost !== null ? `\n$${sig(b.cost)}` : ''}\n${b.status}` }),
              Plot.text(bars, { x: (b: (typeof bars)[number]) => b.days ?? 0, y: 'pool', text: (b: (typeof bars)[number]) => (b.days === null ? 'no plan' : sig(b.days)), dx: 4, textAnchor: 'start', fontSize: 10 }),
              Plot.ruleX([0]),
            ],
          }),
      });
      const keys = Object.keys(SPLIT_LABELS) as (keyof TimeSplit)[];
      const parts = rows.flatMap((r) => {
        const d = daysBySplit(r.outcome as TrainOutcome);
        return d ? keys.filter((k) => d[k] > 0).map((k) => ({ pool: r.pool, part: SPLIT_LABELS[k], days: d[k] })) : [];
      });
      // Only the parts that appear in some bar are in the legend.
      const used = keys.filter((k) => parts.some((p) => p.part === SPLIT_LABELS[k]));
      out.push({
        key: `${w}:breakdown`,
        title: `${w}: where the days go (model breakdown)`,
        draw: (width) =>
          Plot.plot({
            ...frame(pools.length, width),
            y: { label: null, domain: pools },
            x: { label: 'days →', grid: true },
            color: { domain: used.map((k) => SPLIT_LABELS[k]), range: used.map((k) => SPLIT_COLORS[k]), legend: true },
            marks: [Plot.barX(parts, { x: 'days', y: 'pool', fill: 'part', order: used.map((k) => SPLIT_LABELS[k]), tip: true, title: (p: (typeof parts)[number]) => `${p.pool}\n${p.part}: ${sig(p.days)} days` }), Plot.ruleX([0])],
          }),
      });
    } else {
      const bars = rows.map((r) => {
        const s = r.outcome as ServeOutcome;
        return { pool: r.pool, usd: s.usdPerMillionOutputTokens, status: status(r.eligibility.status), perGpu: s.outputTokensPerSecondPerGpu };
      });
      out.push({
        key: `${w}:cost`,
        title: `${w}: USD per million output tokens, by pool`,
        draw: (width) =>
          Plot.plot({
            ...frame(pools.length, width),
            y: { label: null, domain: pools },
            x: { label: 'USD per million output tokens →', grid: true },
            color,
            marks: [
              Plot.barX(bars.filter((b) => b.usd !== null), { x: 'usd', y: 'pool', fill: 'status', tip: true, title: (b: (typeof bars)[number]) => `${b.pool}\n$${sig(b.usd)} per million output tokens${b.perGpu !== null ? `\n${sig(b.perGpu)} tok/s per accelerator` : ''}\n${b.status}` }),
              Plot.text(bars, { x: (b: (typeof bars)[number]) => b.usd ?? 0, y: 'pool', text: (b: (typeof bars)[number]) => (b.usd === null ? 'no deployment' : `$${sig(b.usd)}`), dx: 4, textAnchor: 'start', fontSize: 10 }),
              Plot.ruleX([0]),
            ],
          }),
      });
    }
  }
  return out;
}
