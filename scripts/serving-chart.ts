/**
 * Writes docs/serving-throughput-latency-h20-h100.svg: the throughput-latency curve (request-rate
 * sweep of the server scenario, src/core/infer/scenario.ts) of Llama-3.1-70B FP8 on 8× H20 and
 * 8× H100 under the three scheduling modes. Run: `npx tsx scripts/serving-chart.ts`.
 * Plain SVG (no DOM needed), deterministic: rerunning gives the same file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getChip, getModel } from '../src/core/catalog/catalog.js';
import type { SchedulingMode } from '../src/core/infer/engines.js';
import { runScenario, type LoadPoint } from '../src/core/infer/scenario.js';

const model = getModel('llama-3.1-70b');
const chips = [
  { id: 'nvidia-h20', label: 'H20 (96 GB)', color: '#d62728' },
  { id: 'nvidia-h100-sxm5-80gb', label: 'H100 SXM', color: '#1f77b4' },
] as const;
const modes: readonly { mode: SchedulingMode; dash: string }[] = [
  { mode: 'inflight', dash: '' },
  { mode: 'static', dash: '6 4' },
  { mode: 'disaggregated', dash: '2 3' },
];
const ttftLimit = 2;
const workload = { promptTokens: { mean: 2000, p99: 4000, max: 4096 }, outputTokens: { mean: 500, p99: 1500, max: 2000 } };

interface Series {
  label: string;
  color: string;
  dash: string;
  points: LoadPoint[];
}
const series: Series[] = [];
for (const c of chips) {
  for (const m of modes) {
    const r = runScenario({
      model,
      chip: getChip(c.id),
      gpus: 8,
      fixed: { pp: 1 },
      precision: 'fp8',
      kvPrecision: 'fp8',
      ...workload,
      scenario: 'server',
      engine: 'vllm-2025',
      scheduling: m.mode,
      ttftSeconds: ttftLimit,
      sweepPoints: 12,
    });
    const pt = (p: { tp: number; pp: number }) => `tp${p.tp}${p.pp > 1 ? ` pp${p.pp}` : ''}`;
    const plan = r.pools ? `P ${pt(r.pools.prefillPlan)}, D ${pt(r.pools.decodePlan)}` : pt(r.plan);
    series.push({ label: `${c.label}, ${m.mode === 'disaggregated' ? 'disagg.' : m.mode} (${plan})`, color: c.color, dash: m.dash, points: r.sweep.filter((p) => Number.isFinite(p.tpotP99Seconds) && p.outputTokensPerSecondPerGpu > 0) });
  }
}

// Axes: x = p99 TPOT (ms, log scale), y = output tokens/s per GPU.
const W = 800;
const H = 440;
const m = { l: 64, r: 280, t: 40, b: 48 };
const all = series.flatMap((s) => s.points);
const xMin = 5;
const xMax = Math.min(1000, Math.max(...all.map((p) => p.tpotP99Seconds * 1000)) * 1.1);
const yMax = Math.max(...all.map((p) => p.outputTokensPerSecondPerGpu)) * 1.08;
const X = (ms: number) => m.l + ((Math.log10(Math.min(Math.max(ms, xMin), xMax)) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - m.l - m.r);
const Y = (v: number) => H - m.b - (v / yMax) * (H - m.t - m.b);
const f = (v: number) => v.toFixed(1);
const out: string[] = [];
out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`);
out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
out.push(`<text x="${m.l}" y="20" font-size="14" font-weight="bold">Llama-3.1-70B FP8 on 8 GPUs: throughput vs p99 TPOT (server, rate sweep)</text>`);
for (const t of [5, 10, 20, 50, 100, 200, 500, 1000].filter((v) => v <= xMax)) {
  out.push(`<line x1="${f(X(t))}" x2="${f(X(t))}" y1="${m.t}" y2="${H - m.b}" stroke="#eee"/>`, `<text x="${f(X(t))}" y="${H - m.b + 16}" text-anchor="middle">${t}</text>`);
}
const yStep = yMax > 2000 ? 500 : yMax > 800 ? 200 : 100;
for (let v = 0; v <= yMax; v += yStep) {
  out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${f(Y(v))}" y2="${f(Y(v))}" stroke="#eee"/>`, `<text x="${m.l - 6}" y="${f(Y(v) + 4)}" text-anchor="end">${v}</text>`);
}
out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">p99 time per output token, ms (log scale)</text>`);
out.push(`<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">output tokens/s per GPU</text>`);
series.forEach((s, i) => {
  const pts = s.points.map((p) => `${f(X(p.tpotP99Seconds * 1000))},${f(Y(p.outputTokensPerSecondPerGpu))}`).join(' ');
  out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
  for (const p of s.points) {
    const ok = p.ttftP99Seconds <= ttftLimit;
    out.push(`<circle cx="${f(X(p.tpotP99Seconds * 1000))}" cy="${f(Y(p.outputTokensPerSecondPerGpu))}" r="3" fill="${ok ? s.color : 'white'}" stroke="${s.color}"/>`);
  }
  const ly = m.t + 10 + i * 20;
  out.push(`<line x1="${W - m.r + 12}" x2="${W - m.r + 40}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`, `<text x="${W - m.r + 46}" y="${ly + 4}">${s.label}</text>`);
});
const ny = m.t + 10 + series.length * 20 + 10;
out.push(`<text x="${W - m.r + 12}" y="${ny}">hollow: p99 TTFT &gt; ${ttftLimit} s</text>`);
out.push(`<text x="${W - m.r + 12}" y="${ny + 16}">prompt mean 2,000 (p99 4,000),</text>`);
out.push(`<text x="${W - m.r + 12}" y="${ny + 32}">output mean 500 (p99 1,500) tokens;</text>`);
out.push(`<text x="${W - m.r + 12}" y="${ny + 48}">engine profile vllm-2025</text>`);
out.push('</svg>');
const file = join(import.meta.dirname, '..', 'docs', 'serving-throughput-latency-h20-h100.svg');
writeFileSync(file, `${out.join('\n')}\n`);
console.log(`wrote ${file}`);
