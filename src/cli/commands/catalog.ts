/** Catalog commands: `chips`, `chip <id>`, `models`, `model <id>`, `runs`. */
import { ChipboundError } from '../../core/errors.js';
import type { Command } from 'commander';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { chipView, chipRow, modelView, modelRow, runRow } from '../../core/catalog/views.js';
import { emit } from '../output.js';
import { resolveChip, resolveModel } from '../resolve.js';
import { fmt, table, toJson } from '../table.js';
import { choiceFlag } from '../flags.js';

type EntryFormat = 'yaml' | 'json';

/** The catalog entry itself, in an input format: `chip X --format yaml > mine.yaml`, edit, `classify mine.yaml`. */
async function entryText(entry: object, format: EntryFormat): Promise<string> {
  if (format === 'json') return toJson(entry);
  const { stringify } = await import('yaml');
  return stringify(entry, { lineWidth: 0 }).trimEnd();
}

const formatOption = ['--format <yaml|json>', 'write the entry in the input file format (edit it and pass the file back)', choiceFlag(['yaml', 'json'] as const)] as const;

/** For a Hugging Face config.json argument: what the mapping assumed and which keys it did not map (loaded only then). */
async function hfMapping(arg: string) {
  if (!/\.json$/i.test(arg)) return undefined;
  const { existsSync } = await import('node:fs');
  if (!existsSync(arg)) return undefined;
  const { isHfConfigFile, loadHfConfig } = await import('../../io/hf-config-file.js');
  return isHfConfigFile(arg) ? loadHfConfig(arg).mapping : undefined;
}

export function registerCatalogCommands(program: Command): void {
  program
    .command('chips')
    .description('list the accelerators in the catalog')
    .option('--vendor <name>', 'only this vendor (case-insensitive)')
    .option('--json', 'machine-readable output')
    .action((opts: { vendor?: string; json?: boolean }) => {
      const chips = builtinCatalog().chips.filter((c) => !opts.vendor || c.vendor.toLowerCase() === opts.vendor.toLowerCase());
      const rows = chips.map(chipRow);
      if (opts.json) return emit(toJson(rows));
      emit(
        table(
          ['id', 'status', 'vendor', 'year', 'BF16 TF', 'FP8 TF', 'INT8 TOPS', 'mem GB', 'TB/s', 'scale-up GB/s', 'domain', 'TDP W', '$/h'],
          rows.map((r) => [r.id, r.status, r.vendor, r.launchYear, fmt(r.bf16), fmt(r.fp8), fmt(r.int8), fmt(r.memoryGB), fmt(r.memoryTBps), fmt(r.scaleUpGBps), r.scaleUpDomain, fmt(r.tdpW), fmt(r.rentalUsdPerHour)]),
        ) + `\n\n${rows.length} chips. Dense peaks (no sparsity). "—" = not public. "chipbound chip <id>" shows every field with its source.${rows.some((r) => r.status === 'announced') ? ' status "announced": a roadmap part, not shipped (kept out of defaults).' : ''}`,
      );
    });

  program
    .command('chip <id-or-file>')
    .description('one accelerator: every field, which values are estimates, and the sources')
    .option('--json', 'machine-readable output (the display view; --format json writes the input format)')
    .option(...formatOption)
    .action(async (arg: string, opts: { json?: boolean; format?: EntryFormat }) => {
      const chip = resolveChip(arg);
      if (opts.format && opts.json) throw new ChipboundError('usage', '--format and --json: choose one (--format writes the input file format, --json the display view)');
      if (opts.format) return emit(await entryText(chip, opts.format));
      const view = chipView(chip);
      if (opts.json) return emit(toJson(view));
      const lines = [`${view.name} (${view.id})`, `status: ${view.status === 'announced' ? 'announced (roadmap part, not shipped; kept out of defaults)' : 'shipping'}`, ''];
      lines.push(table(['field', 'value', 'unit', 'status'], view.fields.map((f) => [f.field, f.value === null ? 'unknown' : String(f.value), f.unit, f.estimated ? 'estimate' : f.value === null ? 'not public' : 'published'])));
      if (view.notes) lines.push('', `Notes: ${view.notes}`);
      lines.push('', 'Sources:', ...view.sources.map((s) => `  - ${s}`));
      emit(lines.join('\n'));
    });

  program
    .command('models')
    .description('list the model architectures in the catalog with computed parameter counts')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      const rows = builtinCatalog().models.map(modelRow);
      if (opts.json) return emit(toJson(rows));
      emit(
        table(
          ['id', 'kind', 'attention', 'layers', 'hidden', 'total B', 'active B', 'published B', 'KV B/token'],
          rows.map((r) => [r.id, r.kind, r.attention, r.layers, r.hidden, fmt(r.totalB, 4), fmt(r.activeB, 4), r.publishedTotalB === null ? null : fmt(r.publishedTotalB, 4), fmt(r.kvCacheBytesPerToken, 6)]),
        ) + `\n\n${rows.length} models. Parameter counts computed from the shapes (MTP modules excluded).`,
      );
    });

  program
    .command('model <id-or-file>')
    .description('one model: shape, computed total and active parameters against the published counts')
    .option('--json', 'machine-readable output (the display view; --format json writes the input format)')
    .option(...formatOption)
    .action(async (arg: string, opts: { json?: boolean; format?: EntryFormat }) => {
      const model = resolveModel(arg);
      if (opts.format && opts.json) throw new ChipboundError('usage', '--format and --json: choose one (--format writes the input file format, --json the display view)');
      if (opts.format) return emit(await entryText(model, opts.format));
      const view = modelView(model);
      if (opts.json) return emit(toJson(view));
      // A Hugging Face config: what the mapping assumed and which keys it did not map.
      const hf = await hfMapping(arg);
      const p = view.params;
      const lines = [
        `${view.name} (${view.id}): ${view.kind}, ${view.attention} attention`,
        '',
        table(
          ['quantity', 'computed', 'published', 'difference'],
          [
            ['total parameters (B)', fmt(p.totalB, 5), view.published.totalB === null ? null : fmt(view.published.totalB, 5), view.published.totalDiff === null ? null : `${(view.published.totalDiff * 100).toFixed(2)}%`],
            ['active parameters (B)', fmt(p.activeB, 5), view.published.activeB === null ? null : fmt(view.published.activeB, 5), view.published.activeDiff === null ? null : `${(view.published.activeDiff * 100).toFixed(2)}%`],
          ],
        ),
        '',
        table(
          ['component', 'parameters (B)'],
          Object.entries(p.breakdownB).map(([k, v]) => [k, fmt(v, 4)]),
        ),
        '',
        `KV cache: ${fmt(view.kvCacheBytesPerToken, 6)} bytes/token (BF16). Training FLOPs/token at ${view.flops.seq} tokens: ${fmt(view.flops.trainGflopsPerToken, 4)} GFLOP.`,
        '',
        'Sources:',
        ...view.sources.map((s) => `  - ${s}`),
        ...(hf ? ['', 'Hugging Face config mapping:', ...hf.notes.map((n) => `  - ${n}`), `  - not mapped: ${hf.unmapped.length ? hf.unmapped.join(', ') : 'none'}`, ...(hf.unknown.length ? [`  - unknown keys (not read; see the warnings): ${hf.unknown.map((u) => u.key).join(', ')}`] : []), `  - ignored (no effect on sizes): ${hf.ignored.join(', ')}`] : []),
      ];
      emit(lines.join('\n'));
    });

  program
    .command('runs')
    .description('list the published training runs in the catalog')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      const rows = builtinCatalog().runs.map(runRow);
      if (opts.json) return emit(toJson(rows));
      emit(
        table(
          ['id', 'model', 'chip', 'gpus', 'seq', 'batch', 'plan', 'measured', 'value'],
          rows.map((r) => [r.id, r.model, r.chip, r.gpus, r.seq, r.globalBatch, r.plan, r.measured, fmt(r.value, 4)]),
        ) + `\n\n${rows.length} runs. "chipbound validate" re-predicts each.`,
      );
    });
}
