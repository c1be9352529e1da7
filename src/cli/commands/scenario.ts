/**
 * `chipbound scenario FILE [--json | --csv | --md] [--out DIR]`: evaluates a scenario file
 * (docs/scenarios/README.md): eligibility of every pool under the buyer's rules, the best plan
 * per pool × workload, days, GPU-hours, cost, energy and the comparison with the fastest option;
 * with --out, the markdown report, JSON, CSV and the charts (SVG, and PNG rendered with resvg).
 * `chipbound ablate`: the efficiency ledger (what each technique buys).
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { frameworkIds, type FrameworkId } from '../../core/frameworks/profiles.js';
import { ChipboundError } from '../../core/errors.js';
import { ablate, type Ledger } from '../../core/scenario/ablate.js';
import { ledgerMarkdown } from '../../core/scenario/ledger-report.js';
import { scenarioCharts } from '../../core/scenario/charts.js';
import { evaluateScenario } from '../../core/scenario/evaluate.js';
import { answerLines, csvReport, markdownReport, num, usd } from '../../core/scenario/report.js';
import { expandScenario } from '../../core/scenario/sweep.js';
import { memoizeSearch, workloadGlobalBatch, workloadSeq } from '../../core/scenario/train-workload.js';
import type { ScenarioReport, ScenarioResult } from '../../core/scenario/types.js';
import type { SearchOptions } from '../../core/search/types.js';
import type { Plan, TrainJob, TrainResult } from '../../core/train/types.js';
import type { Chip } from '../../core/catalog/schemas.js';
import { choiceFlag, intFlag, limitFlag, seqFlag, tokensFlag } from '../flags.js';
import { checkInterrupted, emit, progressTty, withInterrupt } from '../output.js';
import { resolveChip, resolveModel } from '../resolve.js';
import { readScenarioFile, resolvers, svgToPng } from '../scenario-files.js';
import { writeSetAtomic, type SetFile } from '../../io/write-atomic.js';
import { checkOutPath } from '../../io/out-path.js';
import { warn } from '../../io/warn.js';
import { warnContext, warnGpus, warnTraining } from '../limits.js';
import { fieldWarnings, SCENARIO_FIELD_LIMITS } from '../../core/limits.js';
import { runSearch } from '../search-runner.js';
import { formatPlan } from '../../core/plan-notation.js';
import { table, toJson } from '../table.js';

interface ScenarioFlags {
  json?: boolean;
  csv?: boolean;
  md?: boolean;
  out?: string;
  png?: boolean;
  workers?: number;
}

/** The parallel plan search, quiet (the scenario draws its own progress line); stops the command on Ctrl-C. */
function cliSearch(workers?: number, signal?: AbortSignal) {
  return async (job: TrainJob, fixed: Partial<Plan>, opts: SearchOptions) => {
    checkInterrupted(signal);
    const r = await runSearch<TrainResult>(job, fixed, { ...opts, progress: false, workers, signal });
    // An interrupted search's best-so-far would make a complete-looking but wrong row: stop instead.
    checkInterrupted(signal);
    return r;
  };
}

function progressLine(on: boolean) {
  if (!on) return undefined;
  const t0 = Date.now();
  return (done: number, total: number, what: string) => {
    if (done >= total) process.stderr.write('\r\x1b[2K');
    else process.stderr.write(`\r\x1b[2K[${done + 1}/${total}] ${what}  ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  };
}

/**
 * A pool cannot hold chips before they exist (adv3 case 128): the date a pool gets its chips (its
 * acquiredOn, else buyer.date) in a year before the chip's launchYear is refused, naming the field;
 * where the catalog marks launchYear as an estimate it is a warning instead.
 */
function checkLaunchDates(file: string, variants: readonly { label: string; scenario: { buyer: { date: string }; pools: readonly { chip: string; acquiredOn?: string }[] } }[], chipOf: (ref: string) => Chip): void {
  const said = new Set<string>();
  for (const v of variants) {
    for (const [i, pool] of v.scenario.pools.entries()) {
      const chip = chipOf(pool.chip);
      const launch = chip.launchYear;
      const date = pool.acquiredOn ?? v.scenario.buyer.date;
      if (launch == null || Number(date.slice(0, 4)) >= launch) continue;
      const field = pool.acquiredOn !== undefined ? `pools.${i}.acquiredOn` : 'buyer.date';
      const where = v.label ? ` (sweep variant ${v.label})` : '';
      const text = `${file}: pools.${i}.chip: ${chip.id} launched in ${launch} (launchYear), after ${field} ${date}${where}: a pool cannot hold chips before they exist`;
      if (!chip.estimated.includes('launchYear')) throw new ChipboundError('usage', `${text}; use a date in ${launch} or later, or another chip`);
      if (!said.has(text)) (said.add(text), warn(`${text} (launchYear is an estimate in the catalog)`));
    }
  }
}

/** --json, --csv and --md print different things: two of them is a contradiction (exit 2), not one silently dropped (adv3 case 192). */
function oneFormat(o: { json?: boolean; csv?: boolean; md?: boolean }): void {
  // --csv with --json is refused by the --csv layer (csv-tables.ts), which turns --json on itself.
  const given = (o.csv ? (['csv', 'md'] as const) : (['json', 'md'] as const)).filter((k) => o[k]);
  if (given.length > 1) throw new ChipboundError('usage', `${given.map((k) => `--${k}`).join(' and ')}: choose one output format`);
}

/** Evaluates every variant of a scenario file. */
export async function runScenarioFile(file: string, opts: { workers?: number; progress?: boolean; signal?: AbortSignal } = {}): Promise<ScenarioReport> {
  const raw = readScenarioFile(file);
  const variants = expandScenario(raw, file);
  // Possible but unusual numbers (a unit slip inside the hard bounds: usdPerHour 2500) are said on stderr.
  for (const w of fieldWarnings(raw, SCENARIO_FIELD_LIMITS)) warn(`${file}: ${w}`);
  const r = resolvers(file);
  for (const [j, w] of (variants[0]?.scenario.workloads ?? []).entries()) {
    if (w.kind === 'serve') warnContext(`${file}: workloads.${j}.promptTokens + outputTokens`, r.model(w.model), w.promptTokens, w.outputTokens);
  }
  // Unit slips the per-field bands let through (tokens: 5e14 for a 13B model; globalBatch: 128000 of 4,096-token sequences).
  for (const [j, w] of (variants[0]?.scenario.workloads ?? []).entries()) {
    if (w.kind !== 'train') continue;
    const model = r.model(w.model);
    const pools = (variants[0]?.scenario.pools ?? []).map((p) => ({ chip: r.chip(p.chip), count: p.count }));
    const at = `workloads.${j}`;
    warnTraining({ model, pools, tokens: w.tokens, seq: workloadSeq(w, model), ...(w.globalBatch !== undefined ? { globalBatch: w.globalBatch } : {}), names: { tokens: `${at}.tokens`, globalBatch: `${at}.globalBatch`, gpus: 'pools.*.count' }, prefix: `${file}: ` });
  }
  // FP8 asked for (options.fp8: true, or a plan's precision fp8) on a pool whose chip has none: the
  // row runs in BF16 (noted in the report's assumptions); said here too, since it changes the answer.
  const first = variants[0]?.scenario;
  if (first) {
    for (const [j, w] of first.workloads.entries()) {
      if (w.kind !== 'train') continue;
      const planFp8 = typeof w.plan === 'object' && w.plan !== null && (w.plan as { precision?: string }).precision === 'fp8';
      if (first.options.fp8 !== true && !planFp8) continue;
      for (const [i, pool] of first.pools.entries()) {
        const chip = r.chip(pool.chip);
        if (chip.tflops.fp8 == null) warn(`${file}: ${planFp8 ? `workloads.${j}.plan.precision` : 'options.fp8'}: ${chip.name} (pools.${i}) has no FP8 tensor cores; that pool trains in BF16`);
      }
    }
  }
  checkLaunchDates(file, variants, r.chip);
  const tty = opts.progress ?? progressTty();
  const out: ScenarioResult[] = [];
  // Variants that repeat a pool's search unchanged share its answer.
  const searchTrain = memoizeSearch(cliSearch(opts.workers, opts.signal));
  for (const [i, v] of variants.entries()) {
    const prog = progressLine(tty);
    const onProgress = prog && ((d: number, t: number, w: string) => prog(d, t, variants.length > 1 ? `variant ${i + 1}/${variants.length} ${v.label}: ${w}` : w));
    checkInterrupted(opts.signal);
    out.push(await evaluateScenario(v.scenario, { searchTrain, chip: r.chip, model: r.model, file, onProgress }, v.label));
    checkInterrupted(opts.signal);
  }
  return { file, variants: out };
}

function humanView(rep: ScenarioReport): string {
  const parts: string[] = [];
  for (const v of rep.variants) {
    const b = v.buyer;
    parts.push(`${v.name}${v.variant ? ` [${v.variant}]` : ''}`, `buyer ${b.destination} on ${b.date} (${b.endUser}); rules: ${b.rules.join(', ') || 'none'}`, '');
    parts.push(
      table(
        ['pool', 'workload', 'status', 'rule', 'GPUs', 'days', 'cost', '$/M tok', 'vs best'],
        v.rows.map((r) => {
          const o = r.outcome;
          return [r.pool, r.workload, r.eligibility.status + (r.cap.binding ? ' (capped)' : ''), r.eligibility.decidingRule ?? '—', num(o.gpus, 6), o.kind === 'train' ? num(o.days) : '—', o.kind === 'train' ? usd(o.costUsd) : '—', o.kind === 'serve' && o.usdPerMillionOutputTokens !== null ? o.usdPerMillionOutputTokens.toFixed(3) : '—', r.comparison.ratio === null ? '—' : `x${r.comparison.ratio.toFixed(2)}`];
        }),
      ),
      '',
      ...answerLines(v).map((l) => l.replace(/\*\*/g, '')),
      '',
    );
  }
  return parts.join('\n');
}

/**
 * Writes the report, JSON, CSV and charts under `dir` as one set (io/write-atomic.ts
 * writeSetAtomic: all or nothing); returns the paths written.
 */
async function writeOut(rep: ScenarioReport, dir: string, png: boolean, signal?: AbortSignal): Promise<string[]> {
  const base = basename(rep.file).replace(/\.(ya?ml|json)$/i, '');
  const charts: Record<string, string>[] = [];
  const svgs: { rel: string; svg: string }[] = [];
  for (const [i, v] of rep.variants.entries()) {
    const links: Record<string, string> = {};
    for (const [name, svg] of Object.entries(scenarioCharts(v))) {
      const slug = `${rep.variants.length > 1 ? `v${i + 1}-` : ''}${name.replace(/[^a-zA-Z0-9.]+/g, '-')}`;
      const rel = `${base}/${slug}`;
      svgs.push({ rel: `${rel}.svg`, svg });
      links[name] = `${rel}.${png ? 'png' : 'svg'}`;
    }
    charts.push(links);
  }
  let pngs: Uint8Array[] | null = null;
  if (png) pngs = await svgToPng(svgs.map((s) => s.svg));
  checkInterrupted(signal);
  const usePng = pngs !== null;
  const fix = (links: Record<string, string>) => (usePng ? links : Object.fromEntries(Object.entries(links).map(([k, f]) => [k, f.replace(/\.png$/, '.svg')])));
  const files: SetFile[] = [];
  for (const [i, s] of svgs.entries()) {
    files.push({ rel: s.rel, data: s.svg });
    if (pngs) files.push({ rel: s.rel.replace(/\.svg$/, '.png'), data: pngs[i] });
  }
  const md = markdownReport(rep, charts.map(fix));
  for (const [ext, text] of [['md', md], ['json', `${toJson(rep)}\n`], ['csv', csvReport(rep)]] as const) files.push({ rel: `${base}.${ext}`, data: text });
  // Ctrl-C up to the last moment leaves the folder as it was (writeSetAtomic returns [] then).
  const written = writeSetAtomic(dir, files, () => signal?.aborted === true);
  if (png && !usePng) written.push('(PNG skipped: @resvg/resvg-js has no build for this platform; the charts are SVG)');
  return written;
}

function ledgerView(l: Ledger): string {
  const d = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${num(v)}`);
  const plan = (p: Plan) => formatPlan(p);
  return [
    `${l.model} on ${num(l.gpus, 6)} × ${l.chip}, ${num(l.tokens / 1e12)}T tokens`,
    `baseline (best plan): ${plan(l.baseline.plan)}: ${num(l.baseline.days)} days, ${usd(l.baseline.costUsd)}`,
    '',
    table(
      ['turned off', 'same plan days', 're-planned days', 'days it buys', 'USD it buys', 're-planned plan'],
      l.rows.map((r) => [r.technique, r.samePlan.fits ? num(r.samePlan.days) : 'does not fit', num(r.replanned?.days), d(r.daysSaved), r.usdSaved === null ? '—' : usd(r.usdSaved), r.replanned ? plan(r.replanned.plan) : 'nothing fits']),
    ),
    '',
    ...l.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

export function registerScenarioCommands(program: Command): void {
  program
    .command('scenario')
    .description('evaluate a scenario file: who may have which chips, best plans, days, cost, energy (docs/scenarios/README.md)')
    .argument('<file>', 'scenario YAML or JSON file')
    .option('--json', 'print the result as JSON')
    .option('--csv', 'print one CSV line per pool × workload')
    .option('--md', 'print the markdown report')
    .option('--out <dir>', 'write <name>.md/.json/.csv and charts (SVG and PNG) under this folder')
    .option('--no-png', 'with --out, write SVG charts only')
    .option('--workers <n>', 'search worker threads, at most 64 (default: all cores)', intFlag(1, 64))
    .action(async (file: string, o: ScenarioFlags) => {
      oneFormat(o);
      if (o.out !== undefined && o.out.trim() === '') throw new ChipboundError('usage', '--out: expected a folder, got an empty path');
      if (o.out !== undefined) checkOutPath('--out', o.out, 'folder');
      const { rep, written } = await withInterrupt(async (signal) => {
        const rep = await runScenarioFile(file, { workers: o.workers, signal });
        return { rep, written: o.out ? await writeOut(rep, o.out, o.png !== false, signal) : [] };
      });
      if (o.out) {
        if (!o.json && !o.csv && !o.md) emit(`${humanView(rep)}\nwrote:\n${written.map((w) => `  ${w}`).join('\n')}`);
      }
      if (o.json) emit(toJson(rep));
      else if (o.csv) emit(csvReport(rep));
      else if (o.md) emit(markdownReport(rep));
      else if (!o.out) emit(humanView(rep));
    });

  program
    .command('ablate')
    .description('efficiency ledger: turn each technique off in turn (FP8, DualPipe, routing limit, recompute) and show what it buys')
    .requiredOption('--model <id|file>', 'model (catalog id or file)')
    .requiredOption('--chip <id|file>', 'chip (catalog id or file)')
    .requiredOption('--gpus <n>', 'accelerators', limitFlag('gpus', true))
    .requiredOption('--tokens <n>', 'tokens to train (e.g. 14.8T)', tokensFlag)
    .option('--seq <n>', 'sequence length (default: the model context length, else 4096)', seqFlag())
    .option('--global-batch <n>', 'global batch, sequences (default: about 16M tokens per step)', limitFlag('globalBatch', true, '--global-batch'))
    .option('--workers <n>', 'search worker threads, at most 64', intFlag(1, 64))
    .option('--framework <id>', `software profile (${frameworkIds.join(', ')}; chipbound frameworks); default: generic behaviours, every plan`, choiceFlag(frameworkIds))
    .option('--json', 'print the ledger as JSON')
    .option('--md', 'print the ledger as markdown')
    .action(async (o: { model: string; chip: string; gpus: number; tokens: number; seq?: number; globalBatch?: number; workers?: number; framework?: FrameworkId; json?: boolean; md?: boolean }) => {
      oneFormat(o);
      const model = resolveModel(o.model);
      const chip = resolveChip(o.chip);
      const seq = workloadSeq(o, model);
      const globalBatch = workloadGlobalBatch(o, seq);
      warnGpus('--gpus', o.gpus);
      warnTraining({ model, pools: [{ chip, count: o.gpus }], seq, globalBatch, tokens: o.tokens, names: { tokens: '--tokens', globalBatch: '--global-batch', gpus: '--gpus' } });
      const ledger = await withInterrupt((signal) => ablate({ model, chip, gpus: o.gpus, seq, globalBatch, tokens: o.tokens, ...(o.framework ? { framework: o.framework } : {}) }, cliSearch(o.workers, signal)));
      if (!ledger) {
        // Nothing to ablate: a refusal (exit 2, one line), so --json never prints non-JSON.
        throw new ChipboundError('usage', `nothing to ablate: no valid plan of ${model.id} fits on ${o.gpus} × ${chip.id} (global batch ${globalBatch} sequences); run chipbound train with the same flags to see why`);
      }
      emit(o.json ? toJson(ledger) : o.md ? ledgerMarkdown(ledger, chip.name) : ledgerView(ledger));
    });
}
