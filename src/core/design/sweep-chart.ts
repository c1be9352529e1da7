/**
 * The threshold-sweep chart as a self-contained SVG string (no DOM; renders in Node and the
 * browser): x = the moved line, y = each workload's best compliant result relative to the
 * unconstrained envelope design (1 = no cost of the rule), the enacted line dashed, knees marked.
 */
import type { SweepResult } from './sweep.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const COLORS = ['#264653', '#e76f51', '#2a9d8f', '#e9c46a', '#457b9d'];
const W = 760;
const H = 420;
const L = 70;
const R = 30;
const T = 50;
const B = 110;

/** Renders the sweep. */
export function sweepChart(sw: SweepResult, base: readonly { timeScore: number }[]): string {
  const xs = sw.points.map((p) => p.value);
  const series = base.map((b, wi) => ({
    label: sw.points.find((p) => p.workloads[wi])?.workloads[wi].workload ?? `workload ${wi + 1}`,
    ys: sw.points.map((p) => {
      const r = p.workloads[wi];
      return r && Number.isFinite(r.timeScore) ? r.timeScore / b.timeScore : null;
    }),
  }));
  const all = series.flatMap((s) => s.ys.filter((y): y is number => y !== null));
  const x0 = Math.min(...xs, sw.enacted);
  const x1 = Math.max(...xs, sw.enacted);
  const y0 = 1;
  const y1 = Math.max(1.1, ...all) * 1.05;
  const px = (v: number) => L + ((v - x0) / (x1 - x0 || 1)) * (W - L - R);
  const py = (v: number) => H - B - ((v - y0) / (y1 - y0)) * (H - T - B);
  const parts: string[] = [];
  for (let k = 0; k <= 5; k++) {
    const v = y0 + ((y1 - y0) * k) / 5;
    parts.push(`<line x1="${L}" x2="${W - R}" y1="${py(v).toFixed(1)}" y2="${py(v).toFixed(1)}" stroke="#eee"/><text x="${L - 6}" y="${(py(v) + 4).toFixed(1)}" text-anchor="end" fill="#555">${v.toFixed(2)}×</text>`);
  }
  for (const v of xs) parts.push(`<text x="${px(v).toFixed(1)}" y="${H - B + 16}" text-anchor="middle" fill="#555">${esc(String(v))}</text>`);
  parts.push(`<line x1="${px(sw.enacted).toFixed(1)}" x2="${px(sw.enacted).toFixed(1)}" y1="${T}" y2="${H - B}" stroke="#999" stroke-dasharray="4 3"/><text x="${(px(sw.enacted) + 4).toFixed(1)}" y="${T + 12}" fill="#777">enacted ${esc(String(sw.enacted))}</text>`);
  for (const k of sw.knees) {
    const a = px(k.from);
    const b = px(k.to);
    parts.push(`<rect x="${Math.min(a, b).toFixed(1)}" y="${T}" width="${Math.abs(b - a).toFixed(1)}" height="${H - B - T}" fill="#e76f51" fill-opacity="0.08"/><text x="${((a + b) / 2).toFixed(1)}" y="${T + 26}" text-anchor="middle" fill="#e76f51" font-size="11">knee</text>`);
  }
  series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length];
    const pts = s.ys.map((y, j) => (y === null ? null : `${px(xs[j]).toFixed(1)},${py(y).toFixed(1)}`)).filter((p): p is string => p !== null);
    if (pts.length) parts.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.join(' ')}"/>`);
    for (const p of pts) {
      const [cx, cy] = p.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${c}"/>`);
    }
    parts.push(`<rect x="${L}" y="${H - B + 34 + i * 18}" width="12" height="12" fill="${c}"/><text x="${L + 18}" y="${H - B + 44 + i * 18}" fill="#222">${esc(s.label)}</text>`);
  });
  const title = `What the ${sw.rule} ${sw.metric} line costs: best compliant design vs the unconstrained one`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12"><rect width="${W}" height="${H}" fill="#fff"/><text x="12" y="22" font-size="15" font-weight="bold" fill="#222">${esc(title)}</text><text x="12" y="38" fill="#555">y: time (training days, or accelerator-seconds per output token) ÷ the unconstrained envelope design; x: ${esc(sw.metric)} line</text>${parts.join('')}<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#333"/><line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#333"/></svg>\n`;
}
