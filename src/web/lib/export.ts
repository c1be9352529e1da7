/**
 * Exports of a chart or table: CSV and JSON of the data behind it, SVG and PNG of the chart.
 * Everything happens in the browser (Blob + an <a download>), nothing is uploaded.
 */

/** A flat record as exported to CSV. */
export type Row = object;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join('; ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One flat record: nested plain objects become dotted columns (`cost.days`), arrays of records
 * one column per element and field (`parts.0.seconds`), functions are dropped, arrays of scalars
 * stay one cell ("a; b").
 */
export function flatten(row: object, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'function') continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) flatten(v as object, key, out);
    else if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object' && !(x instanceof Date))) {
      // An array of records: one dotted column per element and field (`parts.0.name`), never JSON in a cell.
      v.forEach((x, i) => (x !== null && typeof x === 'object' && !(x instanceof Date) ? flatten(x as object, `${key}.${i}`, out) : (out[`${key}.${i}`] = x)));
    } else out[key] = v;
  }
  return out;
}

/** RFC 4180 CSV with flat columns (see `flatten`); the columns are the union of the rows' keys, in first-seen order. */
export function toCsv(rows: readonly Row[]): string {
  const flat = rows.map((r) => flatten(r));
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of flat) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  return [cols.map((c) => cell(c)).join(','), ...flat.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/** Starts a download of `content` as `filename`. */
export function download(filename: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Standalone SVG text of a rendered chart (with the xmlns a file needs). */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  return new XMLSerializer().serializeToString(clone);
}

/** One legend entry: a label and its colour. */
export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  /** An end of a continuous colour scale (not a series that can be hidden). */
  readonly continuous?: boolean;
}

/**
 * The colour legend of a Plot chart, read from its colour scale (`plot.scale('color')`): the
 * entries of an ordinal scale, or the two ends of a continuous one. Empty when it has none.
 */
export function legendOf(chart: Element): LegendEntry[] {
  const scale = (chart as Element & { scale?: (n: string) => { type: string; domain: readonly unknown[]; range?: readonly unknown[]; interpolate?: (t: number) => string } | undefined }).scale?.('color');
  if (!scale || !Array.isArray(scale.domain)) return [];
  const range = (scale.range ?? []) as readonly string[];
  if (['ordinal', 'categorical'].includes(scale.type) && range.length) return scale.domain.map((d, i) => ({ label: String(d), color: range[i % range.length]! }));
  const [lo, hi] = [scale.domain[0], scale.domain[scale.domain.length - 1]];
  const at = (t: number) => (scale.interpolate ? scale.interpolate(t) : (range[t === 0 ? 0 : range.length - 1] ?? '#888'));
  return [{ label: String(lo), color: at(0), continuous: true }, { label: String(hi), color: at(1), continuous: true }];
}

/** What an exported chart carries besides the drawing. */
export interface StandaloneParts {
  readonly title: string;
  readonly legend: readonly LegendEntry[];
  readonly source: string;
}

/** A standalone SVG document: its text and size in CSS pixels. */
export interface StandaloneSvg {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Lines of at most `chars` characters, split at spaces. */
function wrap(text: string, chars: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > chars) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

/**
 * The exported form of a chart: the title on top, the colour legend (swatches and names) under
 * it, the chart (with its axis labels) and the source line at the bottom, in one SVG document
 * that stands alone (a file, a slide, a PNG).
 */
export function standaloneSvg(svg: SVGSVGElement, parts: StandaloneParts): StandaloneSvg {
  const w = Math.round(svg.width.baseVal.value || svg.getBoundingClientRect().width || 640);
  const h = Math.round(svg.height.baseVal.value || svg.getBoundingClientRect().height || 400);
  const font = 'font-family="system-ui, sans-serif"';
  const chars = Math.max(30, Math.floor(w / 7.5));
  const titleLines = wrap(parts.title, Math.floor(chars * 0.85));
  let y = 6;
  const out: string[] = [];
  for (const l of titleLines) {
    y += 20;
    out.push(`<text x="8" y="${y}" ${font} font-size="15" font-weight="600" fill="#111">${esc(l)}</text>`);
  }
  y += 8;
  // Legend: swatches flow left to right and wrap at the chart's width.
  let x = 8;
  if (parts.legend.length) y += 14;
  const legend: string[] = [];
  for (const e of parts.legend) {
    const lw = 18 + e.label.length * 6.4 + 14;
    if (x > 8 && x + lw > w) {
      x = 8;
      y += 18;
    }
    legend.push(`<g class="legend-entry"><rect x="${x}" y="${y - 10}" width="12" height="12" fill="${esc(e.color)}"/><text x="${x + 17}" y="${y}" ${font} font-size="11" fill="#222">${esc(e.label)}</text></g>`);
    x += lw;
  }
  if (legend.length) out.push(`<g class="legend" aria-label="legend">${legend.join('')}</g>`);
  y += parts.legend.length ? 10 : 0;
  const chartY = y;
  const placed = svg.cloneNode(true) as SVGSVGElement;
  for (const [k, v] of [['x', 0], ['y', chartY], ['width', w], ['height', h]] as const) placed.setAttribute(k, String(v));
  const inner = svgText(placed);
  y += h + 4;
  for (const l of wrap(parts.source, chars)) {
    y += 14;
    out.push(`<text x="8" y="${y}" ${font} font-size="10" fill="#555" class="source">${esc(l)}</text>`);
  }
  const height = Math.ceil(y + 8);
  const text = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" role="img" aria-label="${esc(parts.title)}"><title>${esc(parts.title)}</title><rect width="100%" height="100%" fill="#fff"/>${out.join('')}${inner}</svg>`;
  return { text, width: w, height };
}

/** PNG at 2x on a white background: of a standalone export, or of a rendered chart as is. */
export async function svgToPng(src: SVGSVGElement | StandaloneSvg): Promise<Blob> {
  const isEl = typeof SVGSVGElement !== 'undefined' && src instanceof SVGSVGElement;
  const el = src as SVGSVGElement;
  const w = isEl ? el.width.baseVal.value || el.getBoundingClientRect().width || 640 : (src as StandaloneSvg).width;
  const h = isEl ? el.height.baseVal.value || el.getBoundingClientRect().height || 400 : (src as StandaloneSvg).height;
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(isEl ? svgText(el) : (src as StandaloneSvg).text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = w * 2;
  canvas.height = h * 2;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
