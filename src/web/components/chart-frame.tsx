/**
 * A chart with its exports: the chart function returns an SVG element (Observable Plot), the
 * frame mounts it at the width of its container (redrawn when that changes, so a phone gets a
 * readable chart instead of a scaled-down one) and offers CSV/JSON of the rows behind it and
 * SVG/PNG of the drawing. The SVG/PNG stand alone: title, legend, the chart with its axis
 * labels, and a source line (export.ts `standaloneSvg`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { download, legendOf, standaloneSvg, svgToPng, toCsv, type Row } from '../lib/export.js';

export interface ChartFrameProps {
  /** Stable id, used in file names and as data-chart for tests. */
  readonly id: string;
  /** Caption (also the title of the exported SVG/PNG). */
  readonly title: string;
  /** Draws the chart at `width` CSS pixels (called again when `rows`, `deps` or the width change). */
  readonly render: (width: number) => SVGSVGElement | HTMLElement;
  /** The data behind the chart (CSV/JSON export). */
  readonly rows: readonly Row[];
  /** Extra values that should trigger a redraw. */
  readonly deps?: readonly unknown[];
  /** Text under the chart. */
  readonly note?: string;
  /** Source line of the exported SVG/PNG (default: the app and this view's share link). */
  readonly source?: string;
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

export function ChartFrame({ id, title, render, rows, deps = [], note, source }: ChartFrameProps) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
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
    const chart = render(width);
    labelChart(chart, title);
    el.replaceChildren(chart);
  }, [rows, width, title, ...deps]);
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
      <div class="chart-body" ref={host} />
      {note ? <p class="note">{note}</p> : null}
    </figure>
  );
}
