/** `chipbound validate` for the training model: per-run error against published runs and the summary. */
import { builtinCatalog, getRun } from '../../core/catalog/catalog.js';
import { errorStats, validateCatalog, type ErrorStats, type RunValidation, type ValidationReport } from '../../core/train/validate.js';
import { leaveOneSourceOut, type LosoReport } from '../../core/train/loso.js';
import { fmt, table, toJson } from '../table.js';
import { signedPct as signed } from '../../core/format.js';
import type { FrameworkId } from '../../core/frameworks/profiles.js';

const value = (r: RunValidation, v: number) => (r.measure === 'mfu' || r.measure === 'hfu' ? `${(v * 100).toFixed(1)}%` : fmt(v));
const planText = (r: RunValidation) =>
  `${r.plan.tp}/${r.plan.pp}/${r.plan.dp}/${r.plan.cp}/${r.plan.ep}${r.plan.vpp > 1 ? ` v${r.plan.vpp}` : ''} mb${r.plan.microBatch} ${r.plan.recompute} z${r.plan.zero} ${r.plan.precision} ${r.plan.schedule}`;

/** One summary-table row: the group, its run count and the median, mean and max absolute errors. */
function statsRow(label: string, s: ErrorStats): (string | number)[] {
  return [label, s.count, signed(s.medianAbsError).slice(1), signed(s.meanAbsError).slice(1), signed(s.maxAbsError).slice(1)];
}

function statsRows(label: string, groups: Readonly<Record<string, ErrorStats>>): (string | number)[][] {
  return Object.entries(groups).map(([k, s]) => statsRow(`${label} ${k}`, s));
}

/** Runs the training validation; `run` restricts it to one run id. */
export function validateTraining(opts: { json?: boolean; run?: string; framework?: FrameworkId }): string {
  const cat = builtinCatalog();
  if (opts.run) getRun(opts.run, cat);
  const rep = validateCatalog(cat, opts.run ? [opts.run] : undefined, opts.framework);
  // Leave-one-source-out refits with each run's own software profile; with --framework it is not computed.
  const loso = opts.framework ? undefined : leaveOneSourceOut(cat);
  const losoOf = new Map((loso?.runs ?? []).map((r) => [r.id, r]));
  if (opts.json) {
    return toJson({
      summary: rep.summary,
      leaveOneSourceOut: loso ? { ...loso.leaveOneSourceOut, sources: loso.sources, bySource: loso.bySource } : null,
      calibration: rep.calibration,
      heldOut: rep.heldOut,
      byFamily: rep.byFamily,
      byKind: rep.byKind,
      notes: rep.notes,
      runs: rep.runs.map((r) => ({
        id: r.id,
        model: r.model,
        chip: r.chip,
        family: r.family,
        kind: r.kind,
        gpus: r.gpus,
        measure: r.measure,
        measured: r.measured,
        predicted: r.predicted,
        error: r.error,
        ...(losoOf.has(r.id) ? { source: losoOf.get(r.id)!.source, leaveOneSourceOutError: losoOf.get(r.id)!.leaveOut } : {}),
        inSummary: r.inSummary,
        ...(r.excludedBecause ? { excludedBecause: r.excludedBecause } : {}),
        heldOut: r.heldOut,
        framework: r.framework,
        mfuPrecisionPeak: r.result.mfuPrecisionPeak,
        assumed: r.assumed,
        plan: r.plan,
        fits: r.result.fits,
        peakGiB: r.result.memory.peakGiB,
        stepTimeSeconds: r.result.stepTimeSeconds,
        mfu: r.result.mfu,
      })),
    });
  }
  const rows = rep.runs.map((r) => [
    `${r.inSummary ? '' : '(excl.) '}${r.heldOut ? '(held out) ' : ''}${r.id}`,
    r.family,
    r.kind,
    r.measure,
    value(r, r.measured),
    value(r, r.predicted),
    signed(r.error),
    losoOf.has(r.id) ? signed(losoOf.get(r.id)!.leaveOut) : '—',
    planText(r),
    `${fmt(r.result.memory.peakGiB)} GiB${r.result.fits ? '' : ' (no fit)'}`,
    r.assumed.join(' ') || '—',
  ]);
  const summary = table(
    ['group', 'runs', 'median |err|', 'mean |err|', 'max |err|'],
    [
      statsRow('all runs in the summary (in-sample)', rep.summary),
      ...(loso ? losoRows(loso) : []),
      statsRow('calibration runs (fitted on)', rep.calibration),
      statsRow('held-out runs (never fitted)', rep.heldOut),
      ...statsRows('chip', rep.byFamily),
      ...statsRows('model', rep.byKind),
    ],
  );
  return [
    table(['run', 'family', 'kind', 'measure', 'measured', 'predicted', 'error', 'left out', 'plan tp/pp/dp/cp/ep', 'peak mem', 'assumed (not published)'], rows),
    '',
    summary,
    '',
    ...rep.notes.map((n) => `note: ${n}`),
    loso
      ? `note: "left out" is the error with the calibration refitted without the run's whole source (${loso.sources} source families; leave-one-source-out, docs/validation.md): the figure to expect on a run from a source the model has not seen`
      : 'note: leave-one-source-out is computed with each run\'s own software profile, so not with --framework',
  ].join('\n');
}

/** The leave-one-source-out summary row (the headline held-out figure). */
function losoRows(loso: LosoReport): (string | number)[][] {
  return [statsRow(`leave-one-source-out (${loso.sources} sources, refit without each)`, loso.leaveOneSourceOut)];
}

const pctS = (e: number) => `${(e * 100).toFixed(1)}%`;

/** One Markdown row of error statistics: label, runs, median, mean and max absolute error. */
export function statsLine(label: string, s: ErrorStats): string {
  return `| ${label} | ${s.count} | ${pctS(s.medianAbsError)} | ${pctS(s.meanAbsError)} | ${pctS(s.maxAbsError)} |`;
}

/** The error summary of a validation as Markdown table lines (docs/validation.md "Summary"). */
export function summaryTable(rep: ValidationReport): string[] {
  return [
    '| group | runs | median abs error | mean abs error | max abs error |',
    '|---|---:|---:|---:|---:|',
    statsLine('all runs in the summary', rep.summary),
    statsLine('calibration runs (fitted on)', rep.calibration),
    statsLine('held-out runs (never fitted)', rep.heldOut),
    ...Object.entries(rep.byFamily).map(([k, s]) => statsLine(`chip family ${k}`, s)),
    ...Object.entries(rep.byKind).map(([k, s]) => statsLine(`model ${k}`, s)),
    statsLine('(for reference) excluded runs, not counted', errorStats(rep.runs.filter((r) => !r.inSummary).map((r) => r.error))),
  ];
}

/** The per-run error table and the summary as Markdown (docs/validation.md is generated from it). */
export function validationMarkdown(rep: ValidationReport = validateCatalog(builtinCatalog())): string {
  const lines = [
    '| run | chip | kind | measure | measured | predicted | error | plan tp/pp/dp/cp/ep | assumed (not published) |',
    '|---|---|---|---|---:|---:|---:|---|---|',
    ...rep.runs.map(
      (r) =>
        `| ${r.inSummary ? '' : '(excluded) '}${r.heldOut ? '(held out) ' : ''}${r.id} | ${r.family} | ${r.kind} | ${r.measure} | ${value(r, r.measured)} | ${value(r, r.predicted)} | ${signed(r.error)}${Math.abs(r.error) > 0.15 && r.inSummary ? ' ⚠' : ''} | ${planText(r)} | ${r.assumed.join(', ') || '—'} |`,
    ),
    '',
    ...summaryTable(rep),
  ];
  return lines.join('\n');
}
