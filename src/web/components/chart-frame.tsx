/**
 * A chart with its exports: the chart function returns an SVG element (Observable Plot), the
 * frame mounts it at the width of its container (redrawn when that changes, so a phone gets a
 * readable chart instead of a scaled-down one) and offers CSV/JSON of the rows behind it and
 * SVG/PNG of the drawing. The SVG/PNG stand alone: title, legend, the chart with its axis
 * labels, and a source line (export.ts `standaloneSvg`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { download, legendOf, standaloneSvg, svgToPng, toCsv, type LegendEntry, type Row } from '../lib/export.js';

export interface ChartFrameProps {
  /** Stable id, used in file names and as data-chart for tests. */
  readonly id: string;
  /** Caption (also the title of the exported SVG/PNG). */
  readonly title: string;
  /** Draws the chart at `width` CSS pixels (called again when `rows`, `deps`, the width or the scale switch change). */
  readonly render: (width: number, view: ChartView) => SVGSVGElement | HTMLElement;
  /** Offer a log/linear switch (for charts where both make sense); passed to `render` as view.log. */
  readonly scaleSwitch?: { readonly initialLog: boolean };
  /** The data behind the chart (CSV/JSON export). */
  readonly rows: readonly Row[];
  /** Extra values that should trigger a redraw. */
  readonly deps?: readonly unknown[];
  /** Text under the chart. */
  readonly note?: string;
  /** Source line of the exported SVG/PNG (default: the app and this view's share link). */
  readonly source?: string;
}

/** How the reader set the chart up. */
export interface ChartView {
  readonly log: boolean;
}

/** Shows or hides the marks of one colour (a legend entry) in a drawn Plot chart. */
function applyHidden(root: Element, legend: readonly LegendEntry[], hidden: ReadonlySet<string>): void {
  const svg = plotSvgOf(root);
  if (!svg) return;
  const off = new Set(legend.filter((e) => hidden.has(e.label)).map((e) => e.color.toLowerCase()));
  for (const g of svg.querySelectorAll('g[aria-label]')) {
    const label = g.getAttribute('aria-label') ?? '';
    if (/axis|tick|grid|frame|rule|legend/.test(label)) continue;
    for (const el of [g, ...g.querySelectorAll('*')] as Element[]) {
      const c = (el.getAttribute('fill') ?? el.getAttribute('stroke') ?? '').toLowerCase();
      if (!c || c === 'none' || c === 'currentcolor') continue;
      if (el instanceof SVGElement) el.style.display = off.has(c) ? 'none' : '';
    }
  }
}

/**
 * Hides point labels (Plot text marks) that would overprint a label drawn before them; the
 * hidden ones stay in the hover text and the table. Returns how many were hidden.
 */
export function declutter(root: Element): number {
  const svg = plotSvgOf(root);
  if (!svg) return 0;
  const kept: DOMRect[] = [];
  let hidden = 0;
  for (const t of svg.querySelectorAll<SVGTextElement>('g[aria-label="text"] text')) {
    const b = t.getBoundingClientRect();
    if (!b.width) continue;
    const hit = kept.some((k) => b.left < k.right - 1 && b.right > k.left + 1 && b.top < k.bottom - 1 && b.bottom > k.top + 1);
    if (hit) {
      t.style.display = 'none';
      hidden++;
    } else kept.push(b);
  }
  return hidden;
}

/** The plot itself: Plot puts legends before the plot in a <figure>, so it is the last direct SVG. */
export function plotSvgOf(el: Element | null): SVGSVGElement | null {
  if (!el) return null;
  if (el instanceof SVGSVGElement) return el;
  const all = [...el.children].filter((c): c is SVGSVGElement => c instanceof SVGSVGElement);
  if (all.length) return all[all.length - 1]!;
  const any = el.querySelectorAll('svg');
  return any.length ? (any[any.length - 1] as SVGSVGElement) : null;
}

/** Accessible names and roles on a drawn chart (axe: no aria-label on role-less groups, named links, named SVG). */
export function labelChart(root: Element, title: string): void {
  for (const g of root.querySelectorAll('g[aria-label]')) if (!g.getAttribute('role')) g.setAttribute('role', 'group');
  for (const a of root.querySelectorAll('a')) {
    if (!a.getAttribute('aria-label')) {
      const t = a.querySelector('title')?.textContent ?? a.textContent ?? '';
      a.setAttribute('aria-label', t.replace(/\s+/g, ' ').trim() || 'source');
    }
    // Hundreds of points are not a useful tab order; the tables beside the charts carry the same links.
    a.setAttribute('tabindex', '-1');
  }
  const svg = plotSvgOf(root);
  if (svg) {
    svg.setAttribute('role', svg.querySelector('a') ? 'group' : 'img');
    svg.setAttribute('aria-label', title);
  }
  for (const s of root.querySelectorAll('svg')) if (s !== svg && !s.getAttribute('role')) s.setAttribute('aria-hidden', 'true');
}

const MIN_WIDTH = 260;

export function ChartFrame({ id, title, render, rows, deps = [], note, source, scaleSwitch }: ChartFrameProps) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [log, setLog] = useState(scaleSwitch?.initialLog ?? false);
  const [legend, setLegend] = useState<readonly LegendEntry[]>([]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const series = legend.some((e) => e.continuous) ? [] : legend;
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const measure = () => {
      const w = Math.max(MIN_WIDTH, Math.floor(el.clientWidth));
      // Small changes (a scroll bar appearing) do not redraw.
      setWidth((old) => (Math.abs(old - w) < 12 ? old : w));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(measure, 80);
    });
    ro.observe(el);
    return () => {
      clearTimeout(timer);
      ro.disconnect();
    };
  }, []);
  useEffect(() => {
    const el = host.current;
    if (!el || !width) return;
    const chart = render(width, { log });
    labelChart(chart, title);
    el.replaceChildren(chart);
    const entries = legendOf(chart);
    setLegend((old) => (old.map((e) => e.label + e.color).join() === entries.map((e) => e.label + e.color).join() ? old : entries));
    // With two or more series the toggle buttons are the legend (the export draws its own).
    if (entries.length > 1 && !entries.some((e) => e.continuous)) for (const l of chart.querySelectorAll('[class$="-swatches"], [class*="-swatches "]')) l.remove();
    applyHidden(chart, entries, hidden);
    declutter(chart);
  }, [rows, width, title, log, ...deps]);
  useEffect(() => {
    const chart = host.current?.firstElementChild;
    if (chart) applyHidden(chart, legend, hidden);
  }, [hidden]);
  const exported = () => {
    const chart = host.current?.firstElementChild ?? null;
    const svg = plotSvgOf(chart);
    if (!chart || !svg) return null;
    const src = source ?? `Source: chipbound, computed in the browser; reproduce at ${location.href}`;
    return standaloneSvg(svg, { title, legend: legendOf(chart), source: src });
  };
  return (
    <figure class="chart" data-chart={id}>
      <figcaption>
        <span>{title}</span>
        <span class="exports" role="group" aria-label={`export ${title}`}>
          <button type="button" onClick={() => download(`${id}.csv`, toCsv(rows), 'text/csv')}>CSV</button>
          <button type="button" onClick={() => download(`${id}.json`, JSON.stringify(rows, null, 2) + '\n', 'application/json')}>JSON</button>
          <button type="button" onClick={() => { const s = exported(); if (s) download(`${id}.svg`, s.text, 'image/svg+xml'); }}>SVG</button>
          <button type="button" onClick={async () => { const s = exported(); if (s) download(`${id}.png`, await svgToPng(s)); }}>PNG</button>
        </span>
      </figcaption>
      {scaleSwitch || series.length > 1 ? (
        <div class="chart-tools">
          {scaleSwitch ? (
            <label class="field check">
              <input type="checkbox" checked={log} onChange={(e) => setLog((e.target as HTMLInputElement).checked)} /> log scale
            </label>
          ) : null}
          {series.length > 1 ? (
            <span class="legend-toggles" role="group" aria-label={`show or hide series of ${title}`}>
              {series.map((e) => (
                <button
                  type="button"
                  class="toggle"
                  aria-pressed={!hidden.has(e.label)}
                  data-series={e.label}
                  onClick={() => {
                    const next = new Set(hidden);
                    if (next.has(e.label)) next.delete(e.label);
                    else next.add(e.label);
                    setHidden(next);
                  }}
                >
                  <span class="swatch" style={{ background: e.color }} aria-hidden="true" />
                  {e.label}
                </button>
              ))}
            </span>
          ) : null}
        </div>
      ) : null}
      <div class="chart-body" ref={host} />
      {note ? <p class="note">{note}</p> : null}
    </figure>
  );
}
