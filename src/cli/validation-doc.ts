/**
 * The generated parts of docs/validation.md (summary, leave-one-source-out and sweep tables, the
 * per-run table) from the current model and catalog. Pure: takes the document's text and returns
 * it with those parts regenerated. scripts/update-docs.ts writes the result; a test checks the
 * committed document equals it.
 */
import { statsLine, summaryTable, validationMarkdown } from './commands/validate-train.js';
import { validateCatalog } from '../core/train/validate.js';
import { leaveOneSourceOut } from '../core/train/loso.js';
import { builtinCatalog } from '../core/catalog/catalog.js';
import { validateSweeps } from '../core/train/sweeps.js';

/** docs/validation.md's text with its generated parts replaced; `summaryLine` says what it found. */
export function validationDoc(text: string): { text: string; summaryLine: string } {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const cat = builtinCatalog();
  const report = validateCatalog(cat);
  const summary = summaryTable(report).join('\n');
  const loso = leaveOneSourceOut(cat);
  const losoTable = [
    '| figure | runs | median abs error | mean abs error | max abs error |',
    '|---|---:|---:|---:|---:|',
    statsLine('in-sample (calibration fitted on everything)', report.summary),
    statsLine(`leave-one-source-out (${loso.sources} sources)`, loso.leaveOneSourceOut),
    '',
    '| source left out | runs | median abs error left out |',
    '|---|---:|---:|',
    ...Object.entries(loso.bySource).map(([k, s]) => `| ${k} | ${s.count} | ${pct(s.medianAbsError)} |`),
  ].join('\n');
  const sw = validateSweeps(cat);
  const signed = (e: number) => `${e >= 0 ? '+' : ''}${(e * 100).toFixed(1)}%`;
  const short = (sweep: string, id: string) => (id.startsWith(`${sweep}-`) ? id.slice(sweep.length + 1) : id);
  const verdict = (p: (typeof sw.sweeps)[number]['pairs'][number]) =>
    p.tie ? 'tie (kernel only)' : p.confounded ? 'confounded (not counted)' : !p.differs ? 'within 5%' : p.orderRight ? 'order right' : '**order wrong**';
  const sweepTable = [
    `Pairs counted: ${sw.summary.pairs}; ratio error median ${pct(sw.summary.ratio.medianAbsError)}, max ${pct(sw.summary.ratio.maxAbsError)}; order right on ${sw.summary.orderRight} of ${sw.summary.differingPairs} pairs that differ by 5% or more (${pct(sw.summary.orderRightShare)}); ${sw.summary.ties} ties and ${sw.summary.confounded} confounded pairs shown, not counted. Rows whose plan does not fit in the model: ${sw.summary.refused.length ? sw.summary.refused.join(', ') : 'none'}.`,
    '',
    '| sweep | pair (b / a) | measured ratio | predicted ratio | ratio error | verdict |',
    '|---|---|---:|---:|---:|---|',
    ...sw.sweeps.flatMap((s) => s.pairs.map((p) => `| ${s.id} | ${short(s.id, p.b)} / ${short(s.id, p.a)} | ${p.measuredRatio.toFixed(3)} | ${p.predictedRatio.toFixed(3)} | ${p.tie ? '—' : signed(p.ratioError)} | ${verdict(p)} |`)),
  ].join('\n');
  const between = (text: string, name: string, body: string) => {
    const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(text)) throw new Error(`docs/validation.md: no ${name} markers`);
    return text.replace(re, (_m, a: string, b: string) => `${a}${body}\n${b}`);
  };

  let doc = text;
  doc = between(doc, 'loso', losoTable);
  doc = between(doc, 'sweeps', sweepTable);
  // Summary: the first table after "## Summary".
  doc = doc.replace(/(## Summary\n\n)\| group \| runs \|[^\n]*\n\|[^\n]*\n(?:\|[^\n]*\n)*/, (_m, head: string) => `${head}${summary}\n`);
  // Per-run table: everything after "## Per-run table".
  const marker = '## Per-run table\n\n';
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error('docs/validation.md: no "## Per-run table" section');
  doc = `${doc.slice(0, at + marker.length)}${validationMarkdown(report).trimEnd()}\n`;
  return { text: doc, summaryLine: `docs/validation.md: summary ${pct(report.summary.medianAbsError)} median, ${pct(report.summary.maxAbsError)} max over ${report.summary.count} runs; leave-one-source-out ${pct(loso.leaveOneSourceOut.medianAbsError)}; sweeps ratio ${pct(sw.summary.ratio.medianAbsError)}, order ${pct(sw.summary.orderRightShare)}` };
}
