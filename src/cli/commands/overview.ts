/**
 * `chipbound` with no command (or `chipbound overview`): the main job on built-in defaults —
 * DeepSeek-V3 for a buyer in China: what the rules allow, training on 2,048 of each chip, serving cost.
 */
import type { Command } from 'commander';
import { overview, type Overview, type OverviewChip } from '../../core/overview.js';
import { formatPlan } from '../../core/plan-notation.js';
import { emit, progressTty } from '../output.js';
import { choiceFlag, dateFlag, intFlag, tokensFlag } from '../flags.js';
import { frameworkIds, type FrameworkId } from '../../core/frameworks/profiles.js';
import { fmt, pct, table, toJson } from '../table.js';
import { MAX_GPUS, warnGpus } from '../limits.js';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The `chipbound train` command that reproduces a row of the training table: the same job
 * (seq, batch, tokens, Adam moments of the published run, the software the rows use) and either
 * the same plan (--plan, for the published plan) or the same search (--precision auto where the
 * chip has FP8).
 */
export function trainCommandFor(o: Overview, r: OverviewChip): string {
  const job = `chipbound train --model ${o.model} --chip ${r.chip} --gpus ${o.gpus} --seq ${o.seq} --global-batch ${o.globalBatch} --tokens ${countText(o.tokens)} --optimizer-moments bf16 --framework ${o.framework}`;
  const t = r.train.result;
  if (r.train.planSource !== 'searched' && t) return `${job} --plan "${formatPlan(t.plan)}"`;
  return `${job}${r.fp8 ? ' --precision auto' : ''}`;
}

/** 14.8e12 -> "14.8T" (what the number flags accept back). */
export function countText(n: number): string {
  for (const [suffix, m] of [['T', 1e12], ['B', 1e9], ['M', 1e6], ['K', 1e3]] as const) if (Math.abs(n) >= m) return `${Number((n / m).toPrecision(12))}${suffix}`;
  return String(n);
}

/** The human view of the overview. */
export function renderOverview(o: Overview): string {
  const out: string[] = [];
  out.push(`chipbound: what can a buyer in ${o.destination} train and serve on the chips it may get? (rules in force on ${o.date})`);
  out.push('');
  out.push('1. Export-control classification, computed from each chip\'s specs (chipbound classify <chip> for the margins)');
  out.push(
    table(
      ['chip', 'TPP', 'PD', 'verdict for this buyer'],
      o.rows.map((r) => [r.name, fmt(r.classification.tpp, 5), r.classification.pd === null ? 'unknown' : fmt(r.classification.pd, 3), r.verdict]),
    ),
  );
  out.push('');
  out.push(`2. Pre-training ${o.model} on ${countText(o.tokens)} tokens with ${fmt(o.gpus, 4)} accelerators (seq ${o.seq}, global batch ${fmt(o.globalBatch, 5)} sequences; software ${o.framework}, plans it runs)`);
  out.push(
    table(
      ['chip', 'plan', 'plan source', 'step s', 'MFU', 'days', 'GPU-hours', 'cost USD', 'energy MWh'],
      o.rows.map((r) => {
        const t = r.train.result;
        if (!t) return [r.name, r.train.note ?? 'no plan fits', null, null, null, null, null, null, null];
        const mfu = t.plan.precision === 'bf16' ? pct(t.mfu) : `${pct(t.mfuPrecisionPeak)} ${t.plan.precision.toUpperCase()} (${pct(t.mfu)} BF16)`;
        return [r.name, formatPlan(t.plan), r.train.planSource, fmt(t.stepTimeSeconds, 3), mfu, fmt(t.cost?.days, 3), fmt(t.cost?.gpuHours, 3), fmt(t.cost?.costUsd, 3), fmt(t.cost?.energyMWh, 3)];
      }),
      { keep: [1] },
    ),
  );
  out.push('   MFU against the dense peak of the precision the GEMMs run in (an FP8 plan also shows its figure against the BF16 peak, labelled); cost at each chip\'s rental price (catalog estimate); days include a 0.84 goodput for restarts and evaluation.');
  out.push('');
  const s = o.serving;
  out.push(`3. Serving ${o.model} on ${s.gpus} accelerators, ${s.promptTokens} prompt + ${s.outputTokens} output tokens, time per output token <= ${s.tpotSeconds * 1000} ms (cheapest deployment found)`);
  out.push(
    table(
      ['chip', 'layout', 'batch', 'TTFT s', 'TPOT ms', 'out tok/s/chip', '$/M output tokens'],
      o.rows.map((r) => {
        const v = r.serve;
        if (!v) return [r.name, r.serveNote ?? 'nothing meets the target', null, null, null, null, null];
        return [r.name, `tp${v.plan.tp} dp${v.plan.dp} ep${v.plan.ep} ${v.precision}`, v.batch, fmt(v.ttftSeconds, 3), fmt(v.tpotSeconds * 1000, 3), fmt(v.outputTokensPerSecondPerGpu, 4), fmt(v.costPerMillionOutputTokensUsd, 3)];
      }),
    ),
  );
  out.push('');
  const hinted = o.rows.find((r) => r.chip === 'nvidia-h20') ?? o.rows[0];
  out.push(`Next: ${hinted ? `${trainCommandFor(o, hinted)}  (reproduces the ${hinted.name} row)` : 'chipbound train --help'}`);
  out.push('      chipbound validate · chipbound scenario examples/deepseek-v3-controls.yaml · chipbound web');
  return out.join('\n');
}

/**
 * Progress on stderr (terminals only, not in CI) once the overview has run for a second: the
 * step it is on. The overview is synchronous, so the line is redrawn at each step.
 */
function overviewProgress(): { step: (p: { done: number; total: number; label: string }) => void; done: () => void } | null {
  if (!progressTty()) return null;
  const t0 = Date.now();
  let drawn = false;
  return {
    step: (p) => {
      const secs = (Date.now() - t0) / 1000;
      if (secs < 1) return;
      process.stderr.write(`\r\x1b[2Kchipbound: ${p.done}/${p.total} done, now ${p.label} (${secs.toFixed(1)} s)`);
      drawn = true;
    },
    done: () => {
      if (drawn) process.stderr.write('\r\x1b[2K');
    },
  };
}

export function registerOverviewCommand(program: Command): void {
  const run = (opts: { date?: string; destination?: string; gpus?: number; tokens?: number; framework?: FrameworkId; json?: boolean }) => {
    warnGpus('--gpus', opts.gpus);
    const progress = overviewProgress();
    let o: Overview;
    try {
      o = overview({ date: opts.date ?? today(), destination: opts.destination?.toUpperCase(), gpus: opts.gpus, tokens: opts.tokens, onProgress: progress?.step, ...(opts.framework ? { framework: opts.framework } : {}) });
    } finally {
      progress?.done();
    }
    emit(opts.json ? toJson(o) : renderOverview(o));
  };
  program
    .command('overview')
    .description('the main job (default): DeepSeek-V3 for a buyer in China — what the rules allow, training on 2,048 of each chip, serving cost')
    .option('--date <YYYY-MM-DD>', 'rules in force on this date (default today)', dateFlag)
    .option('--destination <CC>', 'buyer country, ISO-2 (default CN)')
    .option('--gpus <n>', 'accelerators per training fleet (default 2048)', intFlag(1, MAX_GPUS))
    .option('--tokens <n>', 'training tokens (default 14.8T)', tokensFlag)
    .option('--framework <id>', `software profile of the training jobs (${frameworkIds.join(', ')}); default: for deepseek-v3 its published run's, hai-llm-2024; chipbound frameworks`, choiceFlag(frameworkIds))
    .option('--json', 'machine-readable output')
    .action(run);
}
