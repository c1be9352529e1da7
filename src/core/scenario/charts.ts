/**
 * Scenario charts as self-contained SVG strings (no DOM, so they render in Node for
 * `chipbound scenario --out`, in workers and in the browser alike): horizontal bars of days or
 * cost per pool coloured by eligibility, and stacked bars of where the days go (the model's
 * step-time breakdown). The web app's Observable Plot charts need a DOM; these do not.
 */
import { SPLIT_LABELS, daysBySplit } from './compare.js';
import type { EligibilityStatus } from './rules.js';
import type { ScenarioResult, ServeOutcome, TimeSplit, TrainOutcome } from './types.js';

/** Colours per eligibility status (fixed, so every report reads the same). */
export const STATUS_COLORS: Readonly<Record<EligibilityStatus, string>> = {
  allowed: '#2a9d8f',
  'licence-exception': '#8ab17d',
  held: '#457b9d',
  'case-by-case': '#e9c46a',
  'licence-required': '#f4a261',
  'presumption-of-denial': '#e76f51',
  undetermined: '#adb5bd',
};

/** Colours per time group. */
export const SPLIT_COLORS: Readonly<Record<keyof TimeSplit, string>> = {
  computeS: '#264653',
  recomputeS: '#6c757d',
  tpCpCommS: '#2a9d8f',
  epCommS: '#e76f51',
  dpPpCommS: '#f4a261',
  bubbleS: '#e9c46a',
  optimizerS: '#adb5bd',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** One bar. */
export interface Bar {
  readonly label: string;
  /** Value, or null (drawn as "no plan"). */
  readonly value: number | null;
  readonly color: string;
  /** Text after the value. */
  readonly note?: string;
}

/** A stacked bar. */
export interface Stack {
  readonly label: string;
  readonly parts: readonly number[];
}

const W = 760;
const LEFT = 210;
const RIGHT = 150;
const ROW = 28;
const TOP = 44;

function frame(title: string, height: number, body: string, legend: { svg: string }): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12"><rect width="${W}" height="${height}" fill="#fff"/><text x="12" y="22" font-size="15" font-weight="bold" fill="#222">${esc(title)}</text>${body}${legend.svg}</svg>\n`;
}

/** Legend items laid out in rows that wrap at the chart width, starting at baseline `y`. */
function legendRow(items: readonly { name: string; color: string }[], y: number): { svg: string; rows: number } {
  let x = 12;
  let rows = items.length ? 1 : 0;
  const svg = items
    .map((it) => {
      const w = 26 + it.name.length * 7;
      if (x + w > W - 12 && x > 12) {
        x = 12;
        y += 18;
        rows++;
      }
      const s = `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${it.color}"/><text x="${x + 14}" y="${y}" fill="#333">${esc(it.name)}</text>`;
      x += w;
      return s;
    })
    .join('');
  return { svg, rows };
}

/** Height of the legend block, px. */
function legendHeight(items: readonly { name: string }[]): number {
  return legendRow(items as { name: string; color: string }[], 0).rows * 18;
}

/** Horizontal bars with value labels; `unit` follows each value. */
export function barChart(title: string, bars: readonly Bar[], unit: string, legend: readonly { name: string; color: string }[] = []): string {
  const max = Math.max(1e-12, ...bars.map((b) => b.value ?? 0));
  const plotW = W - LEFT - RIGHT;
  const height = TOP + bars.length * ROW + 22 + legendHeight(legend);
  const body = bars
    .map((b, i) => {
      const y = TOP + i * ROW;
      const w = b.value === null ? 0 : (b.value / max) * plotW;
      const val = b.value === null ? 'no plan' : `${fmt(b.value)} ${unit}${b.note ? ` ${b.note}` : ''}`;
      return `<text x="${LEFT - 8}" y="${y + 17}" text-anchor="end" fill="#222">${esc(b.label)}</text><rect x="${LEFT}" y="${y + 5}" width="${w.toFixed(1)}" height="${ROW - 10}" fill="${b.color}"/><text x="${(LEFT + w + 6).toFixed(1)}" y="${y + 17}" fill="#222">${esc(val)}</text>`;
    })
    .join('');
  return frame(title, height, `<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + bars.length * ROW}" stroke="#999"/>${body}`, legendRow(legend, TOP + bars.length * ROW + 22));
}

/** Horizontal stacked bars (parts in series order) with the total at the end. */
export function stackedChart(title: string, stacks: readonly Stack[], series: readonly { name: string; color: string }[], unit: string): string {
  const max = Math.max(1e-12, ...stacks.map((s) => s.parts.reduce((a, b) => a + b, 0)));
  const plotW = W - LEFT - RIGHT;
  const height = TOP + stacks.length * ROW + 22 + legendHeight(series);
  const body = stacks
    .map((s, i) => {
      const y = TOP + i * ROW;
      let x = LEFT;
      const rects = s.parts
        .map((p, j) => {
          const w = (Math.max(0, p) / max) * plotW;
          const r = w > 0.05 ? `<rect x="${x.toFixed(1)}" y="${y + 5}" width="${w.toFixed(1)}" height="${ROW - 10}" fill="${series[j].color}"><title>${esc(`${series[j].name}: ${fmt(p)} ${unit}`)}</title></rect>` : '';
          x += w;
          return r;
        })
        .join('');
      const total = s.parts.reduce((a, b) => a + b, 0);
      return `<text x="${LEFT - 8}" y="${y + 17}" text-anchor="end" fill="#222">${esc(s.label)}</text>${rects}<text x="${(x + 6).toFixed(1)}" y="${y + 17}" fill="#222">${esc(`${fmt(total)} ${unit}`)}</text>`;
    })
    .join('');
  return frame(title, height, body, legendRow(series, TOP + stacks.length * ROW + 22));
}

/** Charts of one result: name ("workload:kind") -> SVG. */
export function scenarioCharts(res: ScenarioResult): Record<string, string> {
  const out: Record<string, string> = {};
  const statusLegend = [...new Set(res.rows.map((r) => r.eligibility.status))].map((s) => ({ name: s.replace(/-/g, ' '), color: STATUS_COLORS[s] }));
  for (const w of [...new Set(res.rows.map((r) => r.workload))]) {
    const rows = res.rows.filter((r) => r.workload === w);
    if (rows[0].outcome.kind === 'train') {
      out[`${w}:days`] = barChart(
        `${w}: days to train, by pool`,
        rows.map((r) => {
          const o = r.outcome as TrainOutcome;
          return { label: r.pool, value: o.days, color: STATUS_COLORS[r.eligibility.status], note: o.costUsd !== null ? `(${usdShort(o.costUsd)})` : '' };
        }),
        'days',
        statusLegend,
      );
      const keys = Object.keys(SPLIT_LABELS) as (keyof TimeSplit)[];
      const stacks = rows.map((r) => {
        const d = daysBySplit(r.outcome as TrainOutcome);
        return { label: r.pool, parts: keys.map((k) => (d ? d[k] : 0)) };
      });
      out[`${w}:breakdown`] = stackedChart(`${w}: where the days go (model breakdown)`, stacks, keys.map((k) => ({ name: SPLIT_LABELS[k], color: SPLIT_COLORS[k] })), 'days');
    } else {
      out[`${w}:cost`] = barChart(
        `${w}: USD per million output tokens, by pool`,
        rows.map((r) => {
          const o = r.outcome as ServeOutcome;
          return { label: r.pool, value: o.usdPerMillionOutputTokens, color: STATUS_COLORS[r.eligibility.status], note: o.outputTokensPerSecondPerGpu !== null ? `(${fmt(o.outputTokensPerSecondPerGpu)} tok/s/GPU)` : '' };
        }),
        '$/M',
        statusLegend,
      );
    }
  }
  return out;
}

function usdShort(v: number): string {
  return v >= 1e6 ? `$${(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `$${(v / 1e3).toFixed(0)}k` : `$${v.toFixed(0)}`;
}
