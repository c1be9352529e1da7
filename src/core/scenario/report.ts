/**
 * Reports of a scenario result: markdown (the answer an analyst can quote, with the rules, the
 * numbers, why the gaps, and the assumptions), CSV (one line per variant × pool × workload) and
 * the plain-text summary the terminal shows. Pure string building.
 */
import { csvCell } from '../csv.js';
import { fmt } from '../format.js';
import type { ScenarioReport, ScenarioResult, ScenarioRow, ServeOutcome, TrainOutcome } from './types.js';

/** A number with `digits` significant digits, thousands separated ('—' for null). */
export function num(v: number | null | undefined, digits = 3): string {
  return fmt(v, digits);
}

/** Dollars in $k / $M / $B. */
export function usd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1e9) return `$${num(v / 1e9)}B`;
  if (a >= 1e6) return `$${num(v / 1e6)}M`;
  if (a >= 1e3) return `$${num(v / 1e3)}k`;
  return `$${num(v)}`;
}

/** A pool's eligibility in words, e.g. "licence required (us-2023-10, 3A090.a.1)". */
export function statusText(r: ScenarioRow): string {
  const e = r.eligibility;
  if (e.status === 'held') {
    const then = e.atAcquisition ? `${e.atAcquisition.replace(/-/g, ' ')}${e.decidingRule ? ` under ${e.decidingRule}` : ''}` : 'lawful then';
    return `held since ${e.testedAt.date}: ${then}`;
  }
  const words = e.status.replace(/-/g, ' ');
  const why = [e.decidingRule, e.eccn].filter(Boolean).join(', ');
  return why ? `${words} (${why})` : words;
}

function planText(o: TrainOutcome): string {
  const p = o.plan;
  if (!p) return o.why ?? '—';
  return `TP${p.tp}·PP${p.pp}·DP${p.dp}${p.cp > 1 ? `·CP${p.cp}` : ''}${p.ep > 1 ? `·EP${p.ep}` : ''} ${p.precision.toUpperCase()} ${p.schedule}, recompute ${p.recompute}`;
}

function servePlanText(o: ServeOutcome): string {
  if (!o.plan) return o.why ?? '—';
  const p = o.plan;
  return `${o.deployments} × ${o.gpusPerDeployment} GPUs (TP${p.tp}${p.pp > 1 ? `·PP${p.pp}` : ''}${p.ep > 1 ? `·EP${p.ep}` : ''}${p.dp > 1 ? `·DP${p.dp}` : ''}) ${o.precision?.toUpperCase()}, batch ${o.batch}`;
}

function ratio(v: number | null, best = 'fastest'): string {
  return v === null ? '—' : v === 1 ? best : `×${v.toFixed(2)}`;
}

function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** One-sentence answer per workload: the best option, then every other with its gap. */
export function answerLines(res: ScenarioResult): string[] {
  const out: string[] = [];
  const workloads = [...new Set(res.rows.map((r) => r.workload))];
  for (const w of workloads) {
    const rows = res.rows.filter((r) => r.workload === w);
    const ref = rows.find((r) => r.pool === r.comparison.reference);
    if (!ref) {
      out.push(`**${w}**: no pool can run it (${rows.map((r) => `${r.pool}: ${r.outcome.why ?? 'no result'}`).join('; ')}).`);
      continue;
    }
    if (ref.outcome.kind === 'train') {
      const o = ref.outcome;
      out.push(`**${w}**: fastest option is **${ref.pool}** (${statusText(ref)}): ${num(o.days)} days on ${num(o.gpus, 4)} accelerators, ${usd(o.costUsd)}, ${num(o.gpuHours)} GPU-hours, ${num(o.energyMWh)} MWh.`);
      for (const r of rows) {
        if (r === ref || r.outcome.kind !== 'train') continue;
        const x = r.outcome;
        if (x.days === null) {
          out.push(`- ${r.pool} (${statusText(r)}): ${x.why}.`);
          continue;
        }
        const cap = r.cap.binding ? ` (allowance cap: ${num(r.cap.granted, 4)} of ${num(r.cap.requested, 4)} accelerators)` : '';
        const rt = r.comparison.ratio === null ? '' : ` (×${r.comparison.ratio.toFixed(2)})`;
        const why = r.comparison.explanation[0] ?? '';
        out.push(`- ${r.pool} (${statusText(r)})${cap}: ${num(x.days)} days${rt}, ${usd(x.costUsd)}. ${why.charAt(0).toUpperCase()}${why.slice(1)}.`);
      }
    } else {
      const o = ref.outcome;
      out.push(`**${w}**: cheapest option is **${ref.pool}** (${statusText(ref)}): ${usd(o.usdPerMillionOutputTokens)} per million output tokens, ${num(o.outputTokensPerSecondPerGpu)} output tokens/s per accelerator, ${num(o.tpotSeconds ? o.tpotSeconds * 1000 : null)} ms per token.`);
      for (const r of rows) {
        if (r === ref || r.outcome.kind !== 'serve') continue;
        const x = r.outcome;
        if (x.usdPerMillionOutputTokens === null && x.outputTokensPerSecondPerGpu === null) {
          out.push(`- ${r.pool} (${statusText(r)}): ${x.why}.`);
          continue;
        }
        const rt = r.comparison.ratio === null ? '' : ` (×${r.comparison.ratio.toFixed(2)})`;
        out.push(`- ${r.pool} (${statusText(r)}): ${usd(x.usdPerMillionOutputTokens)} per million output tokens${rt}: ${r.comparison.explanation.slice(0, 2).join(', ')}.`);
      }
    }
  }
  return out;
}

/** Markdown of one result; `charts` maps a chart name to the file the report links to. */
export function markdownResult(res: ScenarioResult, charts: Readonly<Record<string, string>> = {}, level = 1, file?: string): string {
  const h = (n: number) => '#'.repeat(level + n - 1);
  const lines: string[] = [`${h(1)} ${res.name}${res.variant ? ` (${res.variant})` : ''}`, ''];
  if (res.question) lines.push(`> ${res.question.trim().replace(/\n+/g, ' ')}`, '');
  // A blank line before each workload's lead sentence so it does not join the list above it.
  lines.push(`${h(2)} Answer`, '', ...answerLines(res).flatMap((l, i) => (i > 0 && l.startsWith('**') ? ['', l] : [l])), '');
  const b = res.buyer;
  lines.push(`${h(2)} Who may have which chips`, '', `Buyer in **${b.destination}** on **${b.date}**, end user: ${b.endUser}${b.headquarters ? `, headquartered in ${b.headquarters}` : ''}. Rules evaluated: ${b.rules.join(', ') || 'none (before the first rule)'}.`, '');
  const pools = [...new Map(res.rows.map((r) => [r.pool, r])).values()];
  lines.push(
    mdTable(
      ['Pool', 'Chip', 'Acquired', 'Count', 'Status', 'Tested at', 'Why', 'Allowance'],
      pools.map((r) => [r.pool, r.chipName, r.acquired, num(r.cap.requested, 6), statusText(r), `${r.eligibility.testedAt.destination} ${r.eligibility.testedAt.date}`, r.eligibility.reasons.slice(0, 2).join('; '), r.cap.allowance ? `${r.cap.binding ? '**binds**: ' : ''}${r.cap.arithmetic}` : '—']),
    ),
    '',
  );
  for (const w of [...new Set(res.rows.map((r) => r.workload))]) {
    const rows = res.rows.filter((r) => r.workload === w);
    lines.push(`${h(2)} ${w}`, '');
    if (rows[0].outcome.kind === 'train') {
      lines.push(
        mdTable(
          ['Pool', 'Status', 'GPUs', 'Best plan', 'MFU: BF16 peak · own precision', 'Days', 'Finish', 'GPU-hours', 'Cost', 'Energy (MWh)', 'vs fastest'],
          rows.map((r) => {
            const o = r.outcome as TrainOutcome;
            return [r.pool, r.eligibility.status, num(o.gpus, 6), planText(o), o.mfu === null ? '—' : `${(o.mfu * 100).toFixed(1)}% · ${((o.mfuPrecisionPeak ?? o.mfu) * 100).toFixed(1)}%`, num(o.days), o.finishDate ?? '—', num(o.gpuHours), usd(o.costUsd), num(o.energyMWh), ratio(r.comparison.ratio)];
          }),
        ),
        '',
      );
      const dl = rows.find((r) => (r.outcome as TrainOutcome).meetsDeadline !== null);
      if (dl) lines.push(`Deadline: ${rows.map((r) => `${r.pool} ${(r.outcome as TrainOutcome).meetsDeadline ? 'meets it' : 'misses it'}`).join('; ')}.`, '');
    } else {
      lines.push(
        mdTable(
          ['Pool', 'Status', 'Deployment', 'GPUs used', 'Pool suffices', 'tok/s per GPU', 'TPOT (ms)', 'TTFT (s)', '$ per M output tokens', 'J per token', 'vs cheapest'],
          rows.map((r) => {
            const o = r.outcome as ServeOutcome;
            return [r.pool, r.eligibility.status, servePlanText(o), num(o.gpus, 6), o.poolSuffices === null ? '—' : o.poolSuffices ? 'yes' : '**no**', num(o.outputTokensPerSecondPerGpu), num(o.tpotSeconds === null ? null : o.tpotSeconds * 1000), num(o.ttftSeconds), o.usdPerMillionOutputTokens === null ? '—' : `$${o.usdPerMillionOutputTokens.toFixed(3)}`, num(o.joulesPerOutputToken), ratio(r.comparison.ratio, 'cheapest')];
          }),
        ),
        '',
      );
    }
    const why = rows.filter((r) => r.comparison.explanation.length);
    if (why.length) {
      lines.push(`Why the gaps (from the model's breakdown):`, '');
      const cap = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;
      for (const r of why) lines.push(`- **${r.pool}**: ${cap(r.comparison.explanation[0])}.`, ...r.comparison.explanation.slice(1).map((e) => `  - ${cap(e)}.`));
      lines.push('');
    }
    for (const [name, file] of Object.entries(charts).filter(([n]) => n.startsWith(`${w}:`))) lines.push(`![${name.slice(w.length + 1)}](${file})`, '');
  }
  lines.push(`${h(2)} Prices`, '', ...pools.map((r) => `- ${r.pool}: ${r.rate.basis}.`), '');
  lines.push(`${h(2)} Assumptions`, '', ...res.assumptions.map((a) => `- ${a}`), '');
  if (file) lines.push(`Reproduce: \`npx chipbound scenario ${file} --out docs/scenarios\` (the numbers move when the catalog or the model changes).`, '');
  return lines.join('\n');
}

/** Markdown of a whole report (all variants, with a sweep table when swept). */
export function markdownReport(rep: ScenarioReport, charts: readonly Readonly<Record<string, string>>[] = []): string {
  if (rep.variants.length === 1) return markdownResult(rep.variants[0], charts[0] ?? {}, 1, rep.file);
  const first = rep.variants[0];
  const parts = [`# ${first.name}: sweep`, '', first.question ? `> ${first.question.trim()}\n` : ''];
  parts.push(mdTable(['Variant', 'Pool', 'Workload', 'Status', 'GPUs', 'Days', 'Cost', '$/M tokens', 'vs best'], rep.variants.flatMap((v) => v.rows.map((r) => {
    const o = r.outcome;
    return [v.variant, r.pool, r.workload, r.eligibility.status, num(o.gpus, 6), o.kind === 'train' ? num(o.days) : '—', o.kind === 'train' ? usd(o.costUsd) : '—', o.kind === 'serve' && o.usdPerMillionOutputTokens !== null ? `$${o.usdPerMillionOutputTokens.toFixed(3)}` : '—', ratio(r.comparison.ratio)];
  }))), '');
  for (const [i, v] of rep.variants.entries()) parts.push(markdownResult(v, charts[i] ?? {}, 2));
  parts.push(`Reproduce: \`npx chipbound scenario ${rep.file} --out docs/scenarios\`.`, '');
  return parts.join('\n');
}

const CSV_HEADERS = ['variant', 'pool', 'chip', 'acquired', 'workload', 'status', 'deciding_rule', 'requested', 'granted', 'cap_binds', 'usd_per_gpu_hour', 'gpus', 'plan', 'days', 'finish_date', 'gpu_hours', 'cost_usd', 'energy_mwh', 'mfu', 'usd_per_m_output_tokens', 'output_tok_s_per_gpu', 'ratio_vs_best', 'reference'];

/** CSV (RFC 4180 quoting), one line per variant × pool × workload. */
export function csvReport(rep: ScenarioReport): string {
  // Numbers to 6 significant digits; quoting by the one CSV writer (core/csv.ts).
  const q = (v: unknown) => csvCell(typeof v === 'number' ? (Number.isFinite(v) ? Number(v.toPrecision(6)) : null) : v === null || v === undefined ? null : String(v));
  const lines = [CSV_HEADERS.join(',')];
  for (const v of rep.variants) {
    for (const r of v.rows) {
      const o = r.outcome;
      const t = o.kind === 'train' ? o : null;
      const s = o.kind === 'serve' ? o : null;
      lines.push([v.variant, r.pool, r.chip, r.acquired, r.workload, r.eligibility.status, r.eligibility.decidingRule, r.cap.requested, r.cap.granted, r.cap.binding, r.rate.usdPerGpuHour, o.gpus, t ? planText(t) : s ? servePlanText(s) : '', t?.days, t?.finishDate, t?.gpuHours, t?.costUsd, t?.energyMWh, t?.mfu, s?.usdPerMillionOutputTokens, s?.outputTokensPerSecondPerGpu, r.comparison.ratio, r.comparison.reference].map(q).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
