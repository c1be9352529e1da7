/**
 * `chipbound` with no command (or `chipbound overview`): the main job on built-in defaults —
 * DeepSeek-V3 for a buyer in China: what the rules allow, training on 2,048 of each chip, serving cost.
 */
import type { Command } from 'commander';
import { overview, type Overview } from '../../core/overview.js';
import { emit } from '../output.js';
import { choiceFlag, dateFlag, intFlag, numFlag } from '../flags.js';
import { frameworkIds, type FrameworkId } from '../../core/frameworks/profiles.js';
import { fmt, pct, table, toJson } from '../table.js';
import { MAX_GPUS, MAX_TOKENS } from '../limits.js';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function planText(p: { tp: number; pp: number; dp: number; ep: number; precision: string; schedule: string }): string {
  return `tp${p.tp} pp${p.pp} dp${p.dp}${p.ep > 1 ? ` ep${p.ep}` : ''} ${p.precision} ${p.schedule}`;
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
  out.push(`2. Pre-training ${o.model} on ${fmt(o.tokens, 3)} tokens with ${fmt(o.gpus, 4)} accelerators (seq ${o.seq}, global batch ${fmt(o.globalBatch, 5)} sequences)`);
  out.push(
    table(
      ['chip', 'plan', 'plan source', 'step s', 'MFU', 'days', 'GPU-hours', 'cost USD', 'energy MWh'],
      o.rows.map((r) => {
        const t = r.train.result;
        if (!t) return [r.name, r.train.note ?? 'no plan fits', null, null, null, null, null, null, null];
        return [r.name, planText(t.plan), r.train.planSource, fmt(t.stepTimeSeconds, 3), pct(t.mfu), fmt(t.cost?.days, 3), fmt(t.cost?.gpuHours, 3), fmt(t.cost?.costUsd, 3), fmt(t.cost?.energyMWh, 3)];
      }),
    ),
  );
  out.push('   MFU against the dense BF16 peak; cost at each chip\'s rental price (catalog estimate); days include a 0.84 goodput for restarts and evaluation.');
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
  out.push('Next: chipbound train --model deepseek-v3 --chip nvidia-h20 --gpus 2048 --seq 4096 --global-batch 15360 · chipbound validate · chipbound scenario examples/deepseek-v3-controls.yaml · chipbound web');
  return out.join('\n');
}

export function registerOverviewCommand(program: Command): void {
  const run = (opts: { date?: string; destination?: string; gpus?: number; tokens?: number; framework?: FrameworkId; json?: boolean }) => {
    const o = overview({ date: opts.date ?? today(), destination: opts.destination?.toUpperCase(), gpus: opts.gpus, tokens: opts.tokens, ...(opts.framework ? { framework: opts.framework } : {}) });
    emit(opts.json ? toJson(o) : renderOverview(o));
  };
  program
    .command('overview')
    .description('the main job (default): DeepSeek-V3 for a buyer in China — what the rules allow, training on 2,048 of each chip, serving cost')
    .option('--date <YYYY-MM-DD>', 'rules in force on this date (default today)', dateFlag)
    .option('--destination <CC>', 'buyer country, ISO-2 (default CN)')
    .option('--gpus <n>', 'accelerators per training fleet (default 2048)', intFlag(1, MAX_GPUS))
    .option('--tokens <n>', 'training tokens (default 14.8T)', numFlag(1, MAX_TOKENS))
    .option('--framework <id>', `software profile of the training jobs (${frameworkIds.join(', ')}); default: generic behaviours, every plan`, choiceFlag(frameworkIds))
    .option('--json', 'machine-readable output')
    .action(run);
}
