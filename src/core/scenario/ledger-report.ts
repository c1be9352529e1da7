/** Markdown of the efficiency ledger (ablate.ts): what each technique buys in days and dollars. */
import type { Plan } from '../train/types.js';
import type { Ledger } from './ablate.js';
import { num, usd } from './report.js';

function plan(p: Plan): string {
  return `TP${p.tp}·PP${p.pp}·DP${p.dp}${p.cp > 1 ? `·CP${p.cp}` : ''}${p.ep > 1 ? `·EP${p.ep}` : ''} ${p.precision.toUpperCase()} ${p.schedule}, recompute ${p.recompute}, ZeRO-${p.zero}, micro-batch ${p.microBatch}`;
}

/** The ledger as a markdown section. */
export function ledgerMarkdown(l: Ledger, chipName = l.chip): string {
  const signed = (v: number | null, f: (x: number) => string) => (v === null ? '—' : `${v >= 0 ? '+' : '−'}${f(Math.abs(v))}`);
  const rows = l.rows.map((r) => `| ${r.technique} | ${r.change} | ${r.samePlan.fits ? num(r.samePlan.days) : 'does not fit'} | ${num(r.replanned?.days)} | ${signed(r.daysSaved, (x) => num(x))} | ${signed(r.usdSaved, usd)} | ${r.replanned ? plan(r.replanned.plan) : 'nothing fits'} |`);
  return [
    `# Efficiency ledger: ${l.model} on ${num(l.gpus, 6)} × ${chipName}`,
    '',
    `Baseline (best plan found): ${plan(l.baseline.plan)}: **${num(l.baseline.days)} days**, ${usd(l.baseline.costUsd)} for ${num(l.tokens / 1e12)}T tokens.`,
    '',
    'Each row turns one technique off. "Same plan" keeps the baseline plan and changes only that; "re-planned" searches again without the technique, which is what the technique buys.',
    '',
    '| Turned off | Change | Same plan (days) | Re-planned (days) | Days it buys | USD it buys | Re-planned plan |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...l.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
