/**
 * Regenerates the generated parts of the docs from the current model and catalog:
 * docs/validation.md (summary table and per-run table). Run after changing the model or data:
 * `npx tsx scripts/update-docs.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { validationMarkdown, validateTraining } from '../src/cli/commands/validate-train.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Stats {
  count: number;
  medianAbsError: number;
  meanAbsError: number;
  maxAbsError: number;
}
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const row = (label: string, s: Stats) => `| ${label} | ${s.count} | ${pct(s.medianAbsError)} | ${pct(s.meanAbsError)} | ${pct(s.maxAbsError)} |`;

const v = JSON.parse(validateTraining({ json: true })) as {
  summary: Stats;
  calibration: Stats;
  heldOut: Stats;
  byFamily: Record<string, Stats>;
  byKind: Record<string, Stats>;
  runs: { inSummary: boolean; error: number }[];
};
const excludedErrors = v.runs.filter((r) => !r.inSummary).map((r) => Math.abs(r.error)).sort((a, b) => a - b);
const excluded: Stats = {
  count: excludedErrors.length,
  medianAbsError: excludedErrors.length % 2 ? excludedErrors[(excludedErrors.length - 1) / 2] : (excludedErrors[excludedErrors.length / 2 - 1] + excludedErrors[excludedErrors.length / 2]) / 2,
  meanAbsError: excludedErrors.reduce((a, b) => a + b, 0) / excludedErrors.length,
  maxAbsError: excludedErrors[excludedErrors.length - 1],
};
const summary = [
  '| group | runs | median abs error | mean abs error | max abs error |',
  '|---|---:|---:|---:|---:|',
  row('all runs in the summary', v.summary),
  row('calibration runs (fitted on)', v.calibration),
  row('held-out runs (never fitted)', v.heldOut),
  ...Object.entries(v.byFamily).map(([k, s]) => row(`chip family ${k}`, s)),
  ...Object.entries(v.byKind).map(([k, s]) => row(`model ${k}`, s)),
  row('(for reference) excluded runs, not counted', excluded),
].join('\n');

const file = join(root, 'docs/validation.md');
let doc = readFileSync(file, 'utf8');
// Summary: the first table after "## Summary".
doc = doc.replace(/(## Summary\n\n)\| group \| runs \|[^\n]*\n\|[^\n]*\n(?:\|[^\n]*\n)*/, (_m, head: string) => `${head}${summary}\n`);
// Per-run table: everything after "## Per-run table".
const marker = '## Per-run table\n\n';
const at = doc.indexOf(marker);
if (at < 0) throw new Error('docs/validation.md: no "## Per-run table" section');
doc = `${doc.slice(0, at + marker.length)}${validationMarkdown().trimEnd()}\n`;
writeFileSync(file, doc);
console.log(`docs/validation.md: summary ${pct(v.summary.medianAbsError)} median, ${pct(v.summary.maxAbsError)} max over ${v.summary.count} runs`);
