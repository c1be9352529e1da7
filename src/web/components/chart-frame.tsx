/**
 * A chart with its exports: the chart function returns an SVG element (Observable Plot), the
 * frame mounts it and offers CSV/JSON of the rows behind it and SVG/PNG of the drawing.
 */
import { useEffect, useRef } from 'preact/hooks';
import { download, svgText, svgToPng, toCsv, type Row } from '../lib/export.js';

export interface ChartFrameProps {
  /** Stable id, used in file names and as data-chart for tests. */
  readonly id: string;
  /** Caption. */
  readonly title: string;
  /** Draws the chart (called again when `rows` or `deps` change). */
  readonly render: () => SVGSVGElement | HTMLElement;
  /** The data behind the chart (CSV/JSON export). */
  readonly rows: readonly Row[];
  /** Extra values that should trigger a redraw. */
  readonly deps?: readonly unknown[];
  /** Text under the chart. */
  readonly note?: string;
}

function svgOf(el: Element | null): SVGSVGElement | null {
  if (!el) return null;
  if (el instanceof SVGSVGElement) return el;
  // Plot puts legends before the plot in a <figure>: the chart is the last SVG.
  const all = el.querySelectorAll('svg');
  return all.length ? (all[all.length - 1] as SVGSVGElement) : null;
}

export function ChartFrame({ id, title, render, rows, deps = [], note }: ChartFrameProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = render();
    el.replaceChildren(chart);
  }, [rows, ...deps]);
  const svg = () => svgOf(host.current?.firstElementChild ?? null);
  return (
    <figure class="chart" data-chart={id}>
      <figcaption>
        <span>{title}</span>
        <span class="exports" role="group" aria-label={`export ${title}`}>
          <button type="button" onClick={() => download(`${id}.csv`, toCsv(rows), 'text/csv')}>CSV</button>
          <button type="button" onClick={() => download(`${id}.json`, JSON.stringify(rows, null, 2) + '\n', 'application/json')}>JSON</button>
          <button type="button" onClick={() => { const s = svg(); if (s) download(`${id}.svg`, svgText(s), 'image/svg+xml'); }}>SVG</button>
          <button type="button" onClick={async () => { const s = svg(); if (s) download(`${id}.png`, await svgToPng(s)); }}>PNG</button>
        </span>
      </figcaption>
      <div class="chart-body" ref={host} />
      {note ? <p class="note">{note}</p> : null}
    </figure>
  );
}
