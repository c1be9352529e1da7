/**
 * The search half of `chipbound train`: when plan flags are omitted, or --gpus is a range or
 * a list, the train command calls `runTrainSearch`, which runs the parallel search
 * (search-runner.ts) and renders the best plan (in the same shape as an evaluated plan) plus
 * `search` counters, and optionally the top plans, the Pareto front and a scaling sweep.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { explainLoss } from '../../core/search/explain.js';
import { defaultMemoryHeadroom } from '../../core/search/search-with.js';
import { finishSweep, parseGpuCounts, type Sweep } from '../../core/search/sweep.js';
import type { Candidate, EvaluatedLike, Objective, SearchResult } from '../../core/search/types.js';
import { ChipboundError } from '../../core/errors.js';
import type { Plan, TrainJob } from '../../core/train/types.js';
import { choiceFlag, intFlag, limitFlag, numFlag } from '../flags.js';
import { runSearch, type RunnerOptions } from '../search-runner.js';
import { expandSuffixes } from '../flags.js';
import { formatPlan } from '../../core/plan-notation.js';
import { givenFields } from '../../core/train/plan-checks.js';
import { fmt, pct, table, toJson } from '../table.js';
import { closestPlan, type ClosestPlan } from '../../core/search/closest.js';
import { renderTrainResult } from './train-view.js';
import { Interrupted, markInterrupted, sigintSeen } from '../output.js';

/** Search flags as commander parses them. */
export interface TrainSearchFlags {
  /** --objective. */
  readonly objective?: Objective;
  /** --top K. */
  readonly top?: number;
  /** --pareto. */
  readonly pareto?: boolean;
  /** --memory-headroom, fraction. */
  readonly memoryHeadroom?: number;
  /** --deadline-days, days. */
  readonly deadlineDays?: number;
}

/** Adds the search flags to a command (the train command calls this). */
export function addSearchFlags(cmd: Command): Command {
  return cmd
    .option('--objective <what>', 'search objective: time (fastest step), cost (cheapest run, needs --tokens), deadline (fewest chips, needs --deadline-days, --tokens and a --gpus range)', choiceFlag(['time', 'cost', 'deadline'] as const))
    .option('--top <K>', 'show the K best plans with distinct parallel layouts', intFlag(1, 1000))
    .option('--pareto', 'list the Pareto front over step time, cost and memory slack')
    .option('--memory-headroom <fraction>', 'memory kept free when searching (default 0.1)', numFlag(0, 0.99))
    .option('--deadline-days <D>', 'deadline for --objective deadline, days', limitFlag('days', false, '--deadline-days'));
}

/** Parses a --gpus value: a count, `A..B` (powers of two between) or `A,B,C`. Commander-style error. */
export function gpusFlag(value: string): number[] {
  try {
    return parseGpuCounts(expandSuffixes(value));
  } catch (e) {
    if (e instanceof ChipboundError) throw new InvalidArgumentError(e.message.replace(/^--gpus: /, ''));
    throw e;
  }
}

/** The train command's --gpus parser: one count as a number, a range or a list as an array. */
export function gpusOption(value: string): number | number[] {
  const plain = expandSuffixes(value);
  const counts = gpusFlag(plain);
  return /^\s*\d+\s*$/.test(plain) ? counts[0] : counts;
}

/** How to render evaluated plans (the train command's own JSON and text, so both paths agree). */
export interface PlanRenderers<R extends EvaluatedLike> {
  /** The JSON object of an evaluated plan. */
  readonly json?: (job: TrainJob, plan: Plan, result: R) => Record<string, unknown>;
  /** The human view of an evaluated plan. */
  readonly text?: (job: TrainJob, plan: Plan, result: R) => string;
  /** Extra JSON fields and text lines for the best plan only (uncertainty, untested features, published plan). */
  readonly best?: (job: TrainJob, result: R) => { readonly json: Record<string, unknown>; readonly text: string };
}

/** Options of one `train` search. */
export interface TrainSearchOptions<R extends EvaluatedLike> extends TrainSearchFlags {
  /** Chip counts to sweep (more than one = scaling sweep); default [job.gpus]. */
  readonly gpus?: readonly number[];
  /** Precisions to search when the plan fixes none (--precision auto: ['bf16', 'fp8']). */
  readonly precisions?: RunnerOptions['precisions'];
  /** Print --json. */
  readonly json?: boolean;
  /** Renderers of the train command. */
  readonly render?: PlanRenderers<R>;
  /** Set by runTrainSearch when nothing fits: the least-memory plan, evaluated (shown with its breakdown and excess). */
  readonly closest?: ClosestPlan | null;
  /** Runner overrides (workers, evaluator; tests). */
  readonly runner?: Omit<RunnerOptions, 'objective' | 'top' | 'pareto' | 'memoryHeadroom' | 'deadlineDays' | 'precisions'>;
  /** A finished single-count search whose every candidate is invalid under the fixed fields is bad input (exit 2, one line), not an empty result. */
  readonly rejectInvalidFixed?: boolean;
}

/** Runs the search (or sweep) and returns the rendered output: JSON text or the human view. */
export async function runTrainSearch<R extends EvaluatedLike = EvaluatedLike>(
  job: TrainJob,
  fixed: Partial<Plan>,
  o: TrainSearchOptions<R> = {},
): Promise<string> {
  const counts = o.gpus && o.gpus.length ? [...o.gpus].sort((a, b) => a - b) : [job.gpus];
  const objective = o.objective ?? 'time';
  if (objective === 'deadline' && o.deadlineDays === undefined) throw new ChipboundError('usage', '--objective deadline: needs --deadline-days D');
  const showTop = o.top ?? (o.json ? 1 : 5);
  const runOpts: RunnerOptions = {
    ...o.runner,
    objective,
    top: showTop,
    pareto: o.pareto ?? false,
    memoryHeadroom: o.memoryHeadroom,
    deadlineDays: o.deadlineDays,
    precisions: o.precisions,
  };
  if (counts.length === 1 && objective !== 'deadline') {
    const r = await runSearch<R>({ ...job, gpus: counts[0] }, fixed, runOpts);
    const given = givenFields(fixed);
    if (o.rejectInvalidFixed && given && !r.best && !r.interrupted && r.stats.space > 0 && r.stats.skipped === 0 && r.stats.invalid === r.stats.evaluated && r.invalidExample) {
      throw new ChipboundError('usage', `${given}: no valid plan keeps these fields; every candidate is rejected, e.g. plan ${formatPlan(r.invalidExample.plan)}: ${r.invalidExample.reason}`);
    }
    if (o.rejectInvalidFixed && given && !r.best && !r.interrupted && r.stats.space === 0) {
      throw new ChipboundError('usage', `${given}: no tp·pp·dp·cp split of --gpus ${counts[0]} keeps these fields (dp must divide --global-batch ${job.globalBatch}, cp the sequence ${job.seq}, tp the heads); check --gpus`);
    }
    const nothingFits = !r.best && r.stats.space > 0 && r.stats.invalid < r.stats.evaluated + r.stats.skipped && !r.interrupted;
    const oc = nothingFits ? { ...o, closest: closestPlan({ ...job, gpus: counts[0] }, fixed, o.memoryHeadroom ?? defaultMemoryHeadroom, { precisions: o.precisions }) } : o;
    // Ctrl-C: the best plan so far is printed, marked; stderr line and exit 130 (docs/errors.md).
    // Ctrl-C after the search had covered every plan: the user asked to stop; nothing written.
    if (!r.interrupted && sigintSeen()) throw new Interrupted();
    if (r.interrupted) {
      // Stopped before any plan was found: nothing to keep (the usual Ctrl-C line, nothing written).
      if (!r.best) throw new Interrupted();
      markInterrupted();
    }
    return o.json ? toJson(searchJson(job, r, oc)) : searchText(job, r, oc);
  }
  const results: { gpus: number; result: SearchResult<R> }[] = [];
  for (const gpus of counts) {
    const result = await runSearch<R>({ ...job, gpus }, fixed, runOpts);
    results.push({ gpus, result });
    const days = result.best?.result.cost?.days;
    if (result.interrupted) break;
    // Fewest chips: a larger count cannot beat one that already meets the deadline.
    if (objective === 'deadline' && days != null && days <= o.deadlineDays!) break;
  }
  const sw = finishSweep(counts, results, objective === 'deadline' ? o.deadlineDays : undefined);
  const cut = results.find((x) => x.result.interrupted);
  const left = counts.slice(results.length);
  if ((cut && !results.some((x) => x.result.best)) || (!cut && sigintSeen())) throw new Interrupted();
  const cutRow = cut ? (cut.result.best ? `the ${cut.gpus}-chip row is the best plan so far, not the optimum` : `the ${cut.gpus}-chip search was cut short before finding a plan`) : '';
  if (cut) markInterrupted(`interrupted (Ctrl-C): ${cutRow}${left.length ? `; not searched: ${left.join(', ')}` : ''}`);
  if (o.json) return toJson(sweepJson(job, sw, results, o));
  // Ctrl-C: say so, or the table of the counts searched so far would look like the whole sweep.
  return cut ? `${sweepText(job, sw, o, cut.gpus)}\n\ninterrupted (Ctrl-C): ${cutRow}${left.length ? `; not searched: ${left.join(', ')}` : ''}` : sweepText(job, sw, o);
}

function planJson<R extends EvaluatedLike>(job: TrainJob, c: Candidate<R>, o: TrainSearchOptions<R>): Record<string, unknown> {
  return o.render?.json ? o.render.json(job, c.plan, c.result) : { plan: c.plan, ...(c.result as object) };
}

function searchBlock(r: SearchResult, extra: Record<string, unknown> = {}) {
  const s = r.stats;
  return { evaluated: s.evaluated, feasible: s.feasible, seconds: s.seconds, space: s.space, timed: s.timed, skipped: s.skipped, pruned: s.pruned, invalid: s.invalid, interrupted: r.interrupted, ...extra };
}

/** The JSON of a single-count search: the best plan's JSON + `search` (+ `top`, `pareto`). */
export function searchJson<R extends EvaluatedLike>(job: TrainJob, r: SearchResult<R>, o: TrainSearchOptions<R>): Record<string, unknown> {
  const objective = o.objective ?? 'time';
  const base = r.best
    ? planJson(job, r.best, o)
    : {
        plan: null,
        fits: false,
        ...(r.invalidExample ? { invalidExample: r.invalidExample } : {}),
        ...(o.closest ? { closest: { ...o.closest.result, excessGiB: o.closest.excessGiB, limitGiB: o.closest.limitGiB } } : {}),
      };
  const extra = r.best && o.render?.best ? o.render.best(job, r.best.result).json : {};
  const out: Record<string, unknown> = { ...base, ...extra, interrupted: r.interrupted, search: searchBlock(r, { objective, memoryHeadroom: o.memoryHeadroom ?? defaultMemoryHeadroom }) };
  if (o.top !== undefined) out.top = r.top.map((c) => ({ ...planJson(job, c, o), why: r.best && c !== r.best ? explainLoss(r.best, c, objective).text : null }));
  if (o.pareto) out.pareto = r.pareto.map((c) => ({ ...planJson(job, c, o), memorySlack: c.memorySlack }));
  return out;
}

/** A one-line description of a plan: the one plan notation (core/plan-notation.ts), accepted back by --plan. */
export function planLine(p: Plan): string {
  return formatPlan(p);
}

function statsLine(r: SearchResult): string {
  const s = r.stats;
  const stop = r.interrupted ? ' (interrupted: best plan so far)' : '';
  const covered = r.interrupted ? `${(s.evaluated + s.skipped + s.pruned).toLocaleString('en-US')} of ` : '';
  return `searched ${covered}${s.space.toLocaleString('en-US')} plans in ${s.seconds.toFixed(2)} s: ${s.evaluated.toLocaleString('en-US')} evaluated, ${s.skipped.toLocaleString('en-US')} skipped by memory bounds, ${s.pruned.toLocaleString('en-US')} pruned by step-time bounds, ${s.timed.toLocaleString('en-US')} timed, ${s.feasible.toLocaleString('en-US')} feasible${stop}`;
}

/** Pareto plans shown on a terminal. */
const paretoRows = 15;

/** The human view of a single-count search. */
export function searchText<R extends EvaluatedLike>(job: TrainJob, r: SearchResult<R>, o: TrainSearchOptions<R>): string {
  const objective = o.objective ?? 'time';
  const out: string[] = [];
  if (!r.best) {
    const s = r.stats;
    if (s.space === 0) out.push(`No candidate plan: with the fixed fields, ${job.gpus} chips and global batch ${job.globalBatch} admit no tp·pp·dp·cp split (docs/search.md).`);
    else if (s.invalid === s.evaluated && r.invalidExample) out.push(`No valid plan: every candidate was rejected, e.g. ${planLine(r.invalidExample.plan)}: ${r.invalidExample.reason}`);
    else out.push(`No plan fits ${job.model.name} on ${job.gpus} × ${job.chip.name} within ${pct(1 - (o.memoryHeadroom ?? defaultMemoryHeadroom), 0)} of memory.`);
    if (o.closest) {
      const c = o.closest;
      out.push(`Closest: ${planLine(c.result.plan)} needs ${fmt(c.result.memory.peakGiB, 3)} GiB per accelerator, ${fmt(c.excessGiB, 3)} GiB over the search limit of ${fmt(c.limitGiB, 3)} GiB (--memory-headroom applies to the search only):`);
      out.push(renderTrainResult(c.result));
    }
    out.push(statsLine(r));
    return out.join('\n');
  }
  out.push(`Best plan (${objective === 'cost' ? 'cheapest run' : 'fastest step'}): ${planLine(r.best.plan)}`);
  out.push(o.render?.text ? o.render.text(job, r.best.plan, r.best.result) : bestSummary(r.best));
  if (o.render?.best) out.push('', o.render.best(job, r.best.result).text);
  out.push('', statsLine(r));
  if (r.top.length > 1) {
    out.push('', 'Runner-up layouts and why they lose:');
    out.push(
      table(
        ['#', 'plan', 'step s', 'MFU', 'peak GiB', 'why it loses'],
        r.top.map((c, i) => [i + 1, planLine(c.plan), fmt(c.result.stepTimeSeconds, 4), pct(c.result.mfu), fmt(c.result.memory.peakGiB), i === 0 ? 'best' : explainLoss(r.best!, c, objective).text]),
      ),
    );
  }
  if (o.pareto && r.pareto.length) {
    const shown = r.pareto.slice(0, paretoRows);
    out.push('', `Pareto front (step time, cost, memory slack): ${r.pareto.length} plans${r.pareto.length > shown.length ? `, the ${shown.length} fastest shown (--json lists all)` : ''}`);
    out.push(
      table(
        ['plan', 'step s', 'cost USD', 'peak GiB', 'slack'],
        shown.map((c) => [planLine(c.plan), fmt(c.result.stepTimeSeconds, 4), c.result.cost?.costUsd == null ? null : fmt(c.result.cost.costUsd), fmt(c.result.memory.peakGiB), pct(c.memorySlack)]),
      ),
    );
  }
  return out.join('\n');
}

function bestSummary(c: Candidate): string {
  const r = c.result;
  const lines = [`step ${fmt(r.stepTimeSeconds, 4)} s, ${fmt(r.tokensPerSecond)} tokens/s, MFU ${pct(r.mfu)}, peak memory ${fmt(r.memory.peakGiB)} GiB`];
  if (r.cost) lines.push(`run: ${fmt(r.cost.days)} days${r.cost.costUsd != null ? `, ${fmt(r.cost.costUsd)} USD` : ''}`);
  return lines.join('\n');
}

function sweepJson<R extends EvaluatedLike>(job: TrainJob, sw: Sweep<R>, results: { gpus: number; result: SearchResult<R> }[], o: TrainSearchOptions<R>): Record<string, unknown> {
  const chosen = sw.chosen?.best ?? null;
  const chosenRun = results.find((x) => x.gpus === sw.chosen?.gpus);
  const base = chosen ? planJson({ ...job, gpus: sw.chosen!.gpus }, chosen, o) : { plan: null, fits: false };
  const total = results.reduce(
    (a, { result: r }) => ({ evaluated: a.evaluated + r.stats.evaluated, feasible: a.feasible + r.stats.feasible, seconds: a.seconds + r.stats.seconds, space: a.space + r.stats.space }),
    { evaluated: 0, feasible: 0, seconds: 0, space: 0 },
  );
  const interrupted = results.some((x) => x.result.interrupted);
  return {
    gpus: sw.chosen?.gpus ?? null,
    ...base,
    // Ctrl-C: the chosen row, the cut-short row (`interrupted` in its sweep row) and notSearched say what is partial.
    interrupted,
    search: { ...total, objective: o.objective ?? 'time', interrupted, chosenSearch: chosenRun ? searchBlock(chosenRun.result) : null },
    sweep: sw.rows.map((row) => ({
      gpus: row.gpus,
      plan: row.best?.plan ?? null,
      stepTimeSeconds: row.best?.result.stepTimeSeconds ?? null,
      tokensPerSecond: row.best?.result.tokensPerSecond ?? null,
      tokensPerSecondPerChip: row.tokensPerSecondPerChip,
      mfu: row.best?.result.mfu ?? null,
      scalingEfficiency: row.scalingEfficiency,
      days: row.days,
      costUsd: row.best?.result.cost?.costUsd ?? null,
      meetsDeadline: row.meetsDeadline,
      interrupted: results.find((x) => x.gpus === row.gpus)?.result.interrupted ?? false,
      search: { evaluated: row.search.evaluated, feasible: row.search.feasible, seconds: row.search.seconds, space: row.search.space },
    })),
    notSearched: sw.notSearched,
  };
}

function sweepText<R extends EvaluatedLike>(job: TrainJob, sw: Sweep<R>, o: TrainSearchOptions<R>, cutAt?: number): string {
  const out: string[] = [`Scaling sweep: ${job.model.name} on ${job.chip.name}, seq ${job.seq}, global batch ${job.globalBatch}`];
  out.push(
    table(
      ['gpus', 'best plan', 'step s', 'tokens/s/chip', 'MFU', 'scaling eff.', 'days', 'cost USD', 'search s'],
      sw.rows.map((r) => [
        r.gpus,
        // Ctrl-C: the cut-short row is marked, and the counts never searched are rows too.
        r.gpus === cutAt ? (r.best ? `${planLine(r.best.plan)} (interrupted: best so far)` : 'interrupted: no plan found yet') : r.best ? planLine(r.best.plan) : 'nothing fits',
        fmt(r.best?.result.stepTimeSeconds, 4),
        fmt(r.tokensPerSecondPerChip),
        r.best ? pct(r.best.result.mfu) : null,
        r.scalingEfficiency == null ? null : pct(r.scalingEfficiency),
        fmt(r.days),
        r.best?.result.cost?.costUsd == null ? null : fmt(r.best.result.cost.costUsd),
        r.search.seconds.toFixed(2),
      ]).concat(cutAt === undefined ? [] : sw.notSearched.map((g) => [g, 'not searched (interrupted)', null, null, null, null, null, null, null])),
    ),
  );
  if (o.objective === 'deadline') {
    out.push('');
    out.push(
      sw.chosen
        ? `Fewest chips meeting ${fmt(o.deadlineDays)} days: ${sw.chosen.gpus} (${planLine(sw.chosen.best!.plan)}, ${fmt(sw.chosen.days)} days)`
        : `No count in the range meets ${fmt(o.deadlineDays)} days.`,
    );
    if (sw.notSearched.length) out.push(`Not searched (more chips than needed): ${sw.notSearched.join(', ')}`);
  } else if (sw.chosen?.best) {
    out.push('', `Best ${o.objective === 'cost' ? 'cost' : 'step time'}: ${sw.chosen.gpus} chips, ${planLine(sw.chosen.best.plan)}`);
  }
  return out.join('\n');
}
