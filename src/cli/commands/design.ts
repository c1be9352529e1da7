/**
 * `chipbound design`: the best accelerator specs a rule set allows for training and serving
 * workloads, within a technology envelope (docs/design.md). With --sweep, what one threshold
 * costs: the best compliant design at each value of the moved line, the knees, and a chart.
 */
import { frameworkIds, type FrameworkId } from '../../core/frameworks/profiles.js';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { ruleContext } from '../../core/controls/classify.js';
import { allRules, ruleStatus, rulesInForce } from '../../core/controls/rules.js';
import type { RuleId } from '../../core/controls/types.js';
import type { Chip } from '../../core/catalog/schemas.js';
import { builtinEnvelope } from '../../core/design/builtin.js';
import { isRuleId, type RuleSet } from '../../core/design/compliance.js';
import { envelopeIssues, envelopeSchema, type Envelope } from '../../core/design/envelope.js';
import { anchorChips, finishAnchors, lowAnchorFixed, mergePlanSets, type AnchorCache } from '../../core/design/anchors.js';
import { designSearch, type DesignOutcome, type DesignResult } from '../../core/design/search.js';
import { sweepChart } from '../../core/design/sweep-chart.js';
import { parseSweep, sweepThreshold, type SweepResult } from '../../core/design/sweep.js';
import { ANCHOR_TOP, trainJob, type DesignObjective, type DesignWorkload, type WorkloadResult } from '../../core/design/workload.js';
import type { Plan } from '../../core/train/types.js';
import { runSearch } from '../search-runner.js';
import { ChipboundError } from '../../core/errors.js';
import { country } from '../../core/controls/countries.js';
import { loadFile } from '../../io/parse-file.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { checkOutPath } from '../../io/out-path.js';
import { choiceFlag, dateFlag, intFlag, limitFlag, seqFlag, tokensFlag } from '../flags.js';
import { emit } from '../output.js';
import { resolveChip, resolveModel } from '../resolve.js';
import { warnContext, warnGpus, warnTraining } from '../limits.js';
import { warn } from '../../io/warn.js';
import { fmt, table, toJson } from '../table.js';

/** Parsed flags. */
export interface DesignOptions {
  rules: string;
  destination?: string;
  date?: string;
  headquarters?: string;
  train?: string;
  serve?: string;
  gpus?: number;
  serveGpus?: number;
  tokens?: number;
  seq?: number;
  globalBatch?: number;
  framework?: FrameworkId;
  promptTokens?: number;
  outputTokens?: number;
  ttftMs?: number;
  tpotMs?: number;
  precision?: 'bf16' | 'fp16' | 'fp8' | 'int8' | 'int4' | 'fp4';
  kvPrecision?: 'bf16' | 'fp8';
  objective?: DesignObjective;
  envelope?: string;
  top?: number;
  refine?: number;
  compare?: string;
  save?: string;
  sweep?: string;
  svg?: string;
  json?: boolean;
}

/** Default real chips placed against the optimum (the ones the history checks name). */
export const DEFAULT_COMPARE = ['nvidia-h800-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b'];

/** Loads --envelope (a file) or the default; cross-field issues are usage errors naming the field. */
export function loadEnvelope(file?: string): Envelope {
  if (!file) return builtinEnvelope();
  const e = loadFile(envelopeSchema, file, 'technology envelope');
  const issues = envelopeIssues(e);
  if (issues.length) throw new ChipboundError('invalid_file', `${file}: technology envelope: ${issues[0]}`);
  return e;
}

/** The rule set of --rules (ids, comma-separated, or `in-force`), --date and --destination. */
export function ruleSetOf(o: DesignOptions): RuleSet {
  // A bad code names its flag (not the core's field name).
  if (o.headquarters !== undefined) country(o.headquarters, '--headquarters');
  const ctx = ruleContext({ date: o.date, destination: o.destination ?? 'CN', headquarters: o.headquarters });
  let rules: RuleId[];
  if (o.rules === 'in-force') rules = rulesInForce(ctx.date).map((r) => r.id);
  else {
    rules = o.rules.split(',').map((s) => {
      const r = s.trim();
      if (!isRuleId(r)) throw new ChipboundError('usage', `--rules: unknown rule '${r}' (expected rule ids such as us-2023-10, comma-separated, or in-force)`);
      return r;
    });
  }
  if (rules.length === 0) throw new ChipboundError('usage', '--rules: no rule in force on that date');
  // A rule named explicitly but not in force on --date is a what-if: allowed, but said (adv3 case 131).
  if (o.rules !== 'in-force') {
    for (const id of rules) {
      const rule = allRules().find((r) => r.id === id);
      const status = rule ? ruleStatus(rule, ctx.date) : 'in force';
      if (rule && status !== 'in force') {
        warn(`--rules ${id}: not in force on --date ${ctx.date} (${status === 'not yet' ? `effective ${rule.effective}` : `${status} ${rule.ended?.date ?? ''}`.trim()}); applied as a what-if`);
      }
    }
  }
  return { rules, ctx, overrides: [] };
}

/** The command-line spelling of an option key (promptTokens -> --prompt-tokens). */
const flagName = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The workloads of the flags. */
export function workloadsOf(o: DesignOptions): DesignWorkload[] {
  const out: DesignWorkload[] = [];
  if (!o.train && !o.serve) throw new ChipboundError('usage', 'design: give a workload: --train MODEL and/or --serve MODEL');
  if (o.gpus === undefined) throw new ChipboundError('usage', '--gpus: expected the number of accelerators of the workload');
  warnGpus('--gpus', o.gpus);
  // Flags that would have no effect are refused (docs/errors.md), not silently dropped.
  if (!o.train) {
    const trainOnly = (['seq', 'globalBatch', 'tokens', 'framework'] as const).filter((k) => o[k] !== undefined);
    if (trainOnly.length) throw new ChipboundError('usage', `${trainOnly.map(flagName).join(', ')}: only used with --train (this design has only a --serve workload)`);
    if (o.serveGpus !== undefined && o.serveGpus !== o.gpus) throw new ChipboundError('usage', `--serve-gpus ${o.serveGpus} with --gpus ${o.gpus}: without --train, --gpus sizes the serving workload; give one of them`);
  }
  if (!o.serve) {
    const serveOnly = (['promptTokens', 'outputTokens', 'ttftMs', 'tpotMs', 'serveGpus', 'precision', 'kvPrecision'] as const).filter((k) => o[k] !== undefined);
    if (serveOnly.length) throw new ChipboundError('usage', `${serveOnly.map(flagName).join(', ')}: only used with --serve (this design has only a --train workload)`);
  }
  if (o.train) {
    const model = resolveModel(o.train);
    const seq = o.seq ?? model.contextLength;
    if (seq === undefined) throw new ChipboundError('usage', `--seq: expected a sequence length (model ${model.id} has no contextLength)`);
    if (o.globalBatch === undefined) throw new ChipboundError('usage', '--global-batch: expected the global batch in sequences (with --train)');
    if (o.tokens === undefined) throw new ChipboundError('usage', '--tokens: expected the tokens to train (with --train), e.g. 14.8T');
    // The chip is what design looks for: tokens per parameter and tokens per step are judged, not the time.
    warnTraining({ model, pools: [], seq, globalBatch: o.globalBatch, tokens: o.tokens, names: { tokens: '--tokens', globalBatch: '--global-batch' } });
    out.push({ kind: 'train', model, gpus: o.gpus, seq, globalBatch: o.globalBatch, tokens: o.tokens, ...(o.framework ? { framework: o.framework } : {}) });
  }
  if (o.serve) {
    const model = resolveModel(o.serve);
    if (o.promptTokens === undefined || o.outputTokens === undefined) throw new ChipboundError('usage', '--prompt-tokens and --output-tokens: expected both with --serve');
    warnContext('--prompt-tokens + --output-tokens', model, o.promptTokens, o.outputTokens);
    out.push({
      kind: 'serve',
      model,
      gpus: o.serveGpus ?? o.gpus,
      promptTokens: o.promptTokens,
      outputTokens: o.outputTokens,
      ...(o.ttftMs !== undefined ? { ttftSeconds: o.ttftMs / 1000 } : {}),
      ...(o.tpotMs !== undefined ? { tpotSeconds: o.tpotMs / 1000 } : {}),
      ...(o.precision ? { precision: o.precision } : {}),
      ...(o.kvPrecision ? { kvPrecision: o.kvPrecision } : {}),
    });
  }
  return out;
}

function compareChips(o: DesignOptions): Chip[] {
  // An empty value is refused (adversarial run 3): it is a lost argument, not "no comparison" (that is `none`).
  if (o.compare !== undefined && o.compare.trim() === '') throw new ChipboundError('usage', `--compare: expected chip ids, comma-separated, or none; got an empty value`);
  const ids = o.compare === undefined ? DEFAULT_COMPARE : o.compare === 'none' ? [] : o.compare.split(',').map((s) => s.trim());
  const empty = ids.findIndex((id) => id === '');
  if (empty >= 0) throw new ChipboundError('usage', `--compare '${o.compare}': entry ${empty + 1} is empty; expected chip ids, comma-separated, or none`);
  return ids.map((id) => resolveChip(id));
}

/** The `designs` entry of the JSON. */
export function designJson(d: DesignOutcome) {
  return {
    rank: d.rank,
    id: d.chip.id,
    chip: d.chip,
    tpp: d.classification.tpp,
    pd: d.classification.pd,
    io2022GBps: d.classification.io2022GBps,
    classifications: d.classification.classifications,
    binding: d.binding,
    workloads: d.workloads,
    timeRatio: d.timeRatio,
    costRatio: d.costRatio,
    spec: d.spec,
  };
}

function searchJson(r: DesignResult, set: RuleSet, env: Envelope) {
  return {
    rules: set.rules,
    date: set.ctx.date,
    destination: set.ctx.destination.code,
    envelope: env.id,
    objective: r.objective,
    designs: r.designs.map(designJson),
    emptyReason: r.emptyReason,
    unconstrained: { id: r.unconstrained.chip.id, chip: r.unconstrained.chip, workloads: r.unconstrained.workloads },
    references: r.references,
    counts: r.counts,
  };
}

function wlCell(w: WorkloadResult): string {
  if (!w.feasible) return 'no plan';
  if (w.kind === 'train') return `${fmt(w.days ?? 0)} d, ${w.costUsd != null ? `$${Math.round(w.costUsd).toLocaleString('en-US')}` : '—'}`;
  return `${fmt(w.outputTokensPerSecondPerGpu ?? 0)} tok/s/GPU, ${w.costPerMillionOutputTokensUsd != null ? `$${w.costPerMillionOutputTokensUsd.toFixed(3)}/Mtok` : '—'}`;
}

function searchText(r: DesignResult, set: RuleSet, env: Envelope): string {
  const lines: string[] = [];
  lines.push(`Best designs under ${set.rules.join(', ')} for ${set.ctx.destination.name} on ${set.ctx.date} (envelope ${env.id}, objective ${r.objective})`);
  for (const w of r.unconstrained.workloads) lines.push(`  workload: ${w.workload}`);
  lines.push('');
  if (r.designs.length) lines.push(
    table(
      ['#', 'BF16 TF', 'TPP', 'PD', 'die mm²', 'HBM', 'TB/s', 'scale-up GB/s', 'domain', 'NIC Gb/s', 'time ×', ...r.unconstrained.workloads.map((_, i) => `workload ${i + 1}`)],
      r.designs.map((d) => [
        d.rank,
        fmt(d.spec.bf16Tflops),
        fmt(d.classification.tpp ?? 0),
        fmt(d.classification.pd ?? 0),
        d.chip.dieAreaMm2 ?? null,
        `${d.chip.memoryGB} GB ${d.chip.memoryType}`,
        d.chip.memoryTBps ?? null,
        d.chip.scaleUpGBps ?? null,
        d.chip.scaleUpDomain ?? null,
        d.chip.scaleOutGbps ?? null,
        d.timeRatio.toFixed(3),
        ...d.workloads.map(wlCell),
      ]),
    ),
  );
  if (r.emptyReason) lines.push(`No design: ${r.emptyReason}.`);
  for (const d of r.designs.slice(0, 3)) {
    lines.push('', `#${d.rank} ${d.chip.id}`);
    for (const c of d.classification.classifications) lines.push(`  ${c.rule}: ${c.eccn ?? (c.outcome === 'controlled' ? 'controlled' : 'not controlled')}${c.licenceRequired ? ' (licence required)' : ''}`);
    for (const b of d.binding) lines.push(`  binds (${b.spec}): ${b.constraint}`);
  }
  lines.push('', `Unconstrained envelope design: ${r.unconstrained.chip.id}: ${r.unconstrained.workloads.map(wlCell).join('; ')}`);
  if (r.references.length) {
    lines.push('', 'Real chips against the optimum (time × = vs the unconstrained design; distance = vs the best compliant design):');
    lines.push(
      table(
        ['chip', 'compliant', 'time ×', 'distance', 'spec distance', ...r.unconstrained.workloads.map((_, i) => `workload ${i + 1}`)],
        r.references.map((x) => [x.id, x.compliant ? 'yes' : 'no', Number.isFinite(x.timeRatio) ? x.timeRatio.toFixed(3) : '—', x.distancePct === null ? '—' : `${x.distancePct.toFixed(1)}%`, x.specDistancePct === null ? '—' : `${x.specDistancePct.toFixed(1)}%`, ...x.workloads.map(wlCell)]),
      ),
    );
  }
  const c = r.counts;
  lines.push('', `evaluated ${c.grid.toLocaleString('en-US')} designs (${c.compliant.toLocaleString('en-US')} compliant, ${c.candidates} scored after dominance pruning, ${c.refined} refined), ${c.plansEvaluated.toLocaleString('en-US')} training plans, ${c.deploymentsEvaluated.toLocaleString('en-US')} serving deployments`);
  return lines.join('\n');
}

function sweepJson(s: SweepResult, set: RuleSet, env: Envelope, base: readonly WorkloadResult[]) {
  return {
    sweep: { rule: s.rule, metric: s.metric, enacted: s.enacted },
    rules: set.rules,
    date: set.ctx.date,
    destination: set.ctx.destination.code,
    envelope: env.id,
    unconstrained: base,
    points: s.points.map((p) => ({ value: p.value, timeRatio: p.timeRatio, costRatio: p.costRatio, candidates: p.candidates, best: p.best ? designJson(p.best) : null })),
    knees: s.knees,
    counts: { points: s.points.length, plansEvaluated: s.plansEvaluated, deploymentsEvaluated: s.deploymentsEvaluated },
  };
}

function sweepText(s: SweepResult, base: readonly WorkloadResult[]): string {
  const lines = [`What the ${s.rule} ${s.metric} line costs (enacted: ${s.enacted}); time × = best compliant design vs the unconstrained envelope design`, ''];
  lines.push(
    table(
      [s.metric, 'time ×', 'BF16 TF', 'HBM TB/s', 'scale-up GB/s', ...base.map((_, i) => `workload ${i + 1}`), 'binding'],
      s.points.map((p) => [
        p.value,
        p.timeRatio === null ? '—' : p.timeRatio.toFixed(3),
        p.best ? fmt(p.best.spec.bf16Tflops) : null,
        p.best?.chip.memoryTBps ?? null,
        p.best?.chip.scaleUpGBps ?? null,
        ...base.map((_, i) => (p.workloads[i] ? wlCell(p.workloads[i]) : 'no design')),
        p.best ? p.best.binding.filter((b) => b.kind === 'rule').map((b) => b.constraint.split(' → ')[0]).join('; ') || '(envelope only)' : '',
      ]),
    ),
  );
  lines.push('', 'Knees (where a small move of the line costs the most):');
  for (const k of s.knees) lines.push(`  ${k.sentence}; elasticity ${k.elasticity.toFixed(2)}`);
  if (s.knees.length === 0) lines.push('  none: the best compliant design does not change over this range');
  lines.push('', `evaluated ${s.points.length} points, ${s.plansEvaluated.toLocaleString('en-US')} training plans, ${s.deploymentsEvaluated.toLocaleString('en-US')} serving deployments`);
  return lines.join('\n');
}

/**
 * The anchor plan searches on the CLI's worker threads (search-runner.ts): the same searches as
 * the core's single-thread prepareAnchors, merged deterministically, so the result is the same.
 */
export async function warmAnchors(env: Envelope, date: string, ws: readonly DesignWorkload[], objective: DesignObjective): Promise<AnchorCache> {
  const chips = anchorChips(env, date);
  const cache: AnchorCache = {};
  let n = 0;
  const plans: Plan[][] = [];
  for (const w of ws) {
    if (w.kind !== 'train') {
      plans.push([]);
      continue;
    }
    const a = await runSearch(trainJob(w, chips.chip), {}, { precisions: ['bf16', 'fp8'], top: ANCHOR_TOP });
    const ap = a.top.map((c) => c.plan);
    const fixed = lowAnchorFixed(chips.chip, chips.low, ap[0]);
    const b = fixed ? await runSearch(trainJob(w, chips.low), fixed, { precisions: ['bf16', 'fp8'], top: ANCHOR_TOP }) : null;
    // The plans the anchor searches cover (their whole space), not how many they evaluated: that
    // count depends on the worker threads' timing (a bound found earlier prunes more), and the
    // --json output must be the same on every run (adv3 case 373; docs/design.md).
    n += a.stats.space + (b?.stats.space ?? 0);
    plans.push(mergePlanSets(ap, b ? b.top.map((c) => c.plan) : []));
  }
  return finishAnchors(ws, objective, cache, chips, plans, n);
}

/** Runs the command; returns the text to print. */
export async function designCommand(o: DesignOptions): Promise<string> {
  if (o.save !== undefined) checkOutPath('--save', o.save, 'file');
  if (o.svg !== undefined) checkOutPath('--svg', o.svg, 'file');
  const env = loadEnvelope(o.envelope);
  const set = ruleSetOf(o);
  const workloads = workloadsOf(o);
  const objective = o.objective ?? 'fastest';
  const sweep = o.sweep ? parseSweep(o.sweep, set) : null;
  const compare = sweep ? [] : compareChips(o);
  const cache = await warmAnchors(env, set.ctx.date, workloads, objective);
  if (sweep) {
    const spec = sweep;
    const s = sweepThreshold({ envelope: env, ruleSet: set, workloads, objective, refine: o.refine, cache }, spec);
    const base = cache.anchor?.results ?? [];
    if (o.svg) writeFileAtomic(o.svg, sweepChart(s, base));
    return o.json ? toJson(sweepJson(s, set, env, base)) : sweepText(s, base);
  }
  const r = designSearch({ envelope: env, ruleSet: set, workloads, objective, top: o.top, refine: o.refine, compare, cache });
  if (o.save) {
    if (!r.designs[0]) throw new ChipboundError('usage', '--save: no compliant design to save');
    writeFileAtomic(o.save, `# ${r.designs[0].chip.name}: written by chipbound design (docs/design.md)\n${stringify(r.designs[0].chip)}`);
  }
  return o.json ? toJson(searchJson(r, set, env)) : searchText(r, set, env);
}

export function registerDesignCommand(program: Command): void {
  program
    .command('design')
    .description('the best accelerator specs a rule set allows for training/serving workloads, within a technology envelope; --sweep: what a threshold costs (docs/design.md)')
    .requiredOption('--rules <ids|in-force>', 'rules a design must pass: ids (us-2022-10, us-2023-10, ...), comma-separated, or in-force (all in force on --date)')
    .option('--destination <CC>', 'destination, ISO alpha-2 (default CN)')
    .option('--date <YYYY-MM-DD>', 'date: rules and technology available then (default today)', dateFlag)
    .option('--headquarters <CC>', 'headquarters of the consignee or its parent, ISO alpha-2')
    .option('--train <model>', 'training workload: model id or file')
    .option('--serve <model>', 'serving workload: model id or file')
    .option('--gpus <N>', 'accelerators of the workload(s)', limitFlag('gpus', true, '--gpus'))
    .option('--serve-gpus <N>', 'accelerators of the serving workload when it differs from --gpus', intFlag(1, 1_000_000))
    .option('--tokens <T>', 'tokens to train, e.g. 14.8T', tokensFlag)
    .option('--seq <S>', "sequence length, tokens (default: the model's contextLength)", seqFlag())
    .option('--global-batch <G>', 'global batch, sequences', limitFlag('globalBatch', true, '--global-batch'))
    .option('--framework <id>', `training software profile (${frameworkIds.join(', ')}; chipbound frameworks)`, choiceFlag(frameworkIds))
    .option('--prompt-tokens <n>', 'serving: prompt tokens per request', limitFlag('requestTokens', true, '--prompt-tokens'))
    .option('--output-tokens <n>', 'serving: output tokens per request', limitFlag('requestTokens', true, '--output-tokens'))
    .option('--ttft-ms <ms>', 'serving: time-to-first-token target', limitFlag('ttftMs', false, '--ttft-ms'))
    .option('--tpot-ms <ms>', 'serving: time-per-output-token target', limitFlag('tpotMs', false, '--tpot-ms'))
    .option('--precision <p>', 'serving weights: bf16, fp16, fp8, int8, int4, fp4', choiceFlag(['bf16', 'fp16', 'fp8', 'int8', 'int4', 'fp4'] as const))
    .option('--kv-precision <p>', 'serving KV cache: bf16 or fp8', choiceFlag(['bf16', 'fp8'] as const))
    .option('--objective <what>', 'fastest (default), cheapest, or pareto (the front over both)', choiceFlag(['fastest', 'cheapest', 'pareto'] as const))
    .option('--envelope <file>', 'technology envelope file (default: data/envelope/default.yaml, built in)')
    .option('--top <K>', 'designs to list (default 5)', intFlag(1, 100))
    .option('--refine <N>', 'best designs whose training plans the search kernel refines (default 3; 1 per sweep point)', intFlag(0, 50))
    .option('--compare <ids>', `real chips placed against the optimum, comma-separated, or none (default ${DEFAULT_COMPARE.join(',')})`)
    .option('--save <file>', 'write the best design as a chip file (YAML, usable as --chip)')
    .option('--sweep <spec>', 'move one line: rules.<rule>.<metric>=A..B[:N] (metric: tpp, pd, io, interconnect, memory)')
    .option('--svg <file>', 'with --sweep, write the chart (SVG)')
    .option('--json', 'machine-readable output (schemas/output/design.schema.json)')
    .action(async (o: DesignOptions) => {
      if (o.svg && !o.sweep) throw new ChipboundError('usage', '--svg: only with --sweep');
      emit(await designCommand(o));
    });
}
