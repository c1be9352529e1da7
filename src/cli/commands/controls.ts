/**
 * Export-control commands: `classify`, `headroom`, `rules`, `fleet-cap` (docs/controls.md).
 * Parse flags, call src/core/controls, print a table or --json.
 */
import type { Command } from 'commander';
import { classifyChip, type ClassifyOptions } from '../../core/controls/classify.js';
import { fleetCap } from '../../core/controls/allowances.js';
import { country } from '../../core/controls/countries.js';
import { headroom, uncontrolledTarget, type Move } from '../../core/controls/headroom.js';
import { num } from '../../core/controls/margin.js';
import { allRules, ruleStatus } from '../../core/controls/rules.js';
import { controlActions } from '../../core/controls/actions.js';
import { envelope2026 } from '../../core/controls/envelope-2026.js';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { RULE_IDS, type RuleId, type Tf32Bits, type TppSettings } from '../../core/controls/types.js';
import { ChipboundError } from '../../core/errors.js';
import { emit, note } from '../output.js';
import { resolveChip } from '../resolve.js';
import { choiceFlag, dateFlag, intFlag, limitFlag } from '../flags.js';
import { table, toJson } from '../table.js';

interface CommonOpts {
  date?: string;
  destination?: string;
  headquarters?: string;
  tf32Bits?: 'not-counted' | '19' | '32';
  sumNonTensor?: boolean;
  json?: boolean;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function settingsOf(o: CommonOpts): Partial<TppSettings> {
  const s: { tf32Bits?: Tf32Bits; sumNonTensorFp32?: boolean } = {};
  if (o.tf32Bits) s.tf32Bits = o.tf32Bits === 'not-counted' ? 'not-counted' : (Number(o.tf32Bits) as 19 | 32);
  if (o.sumNonTensor) s.sumNonTensorFp32 = true;
  return s;
}

/** Says on stderr which groups a valid but unmodeled country code is assumed to be in (issue #14). */
function noteCountry(code: string | undefined, flag: string): void {
  if (code === undefined) return;
  const c = country(code, flag);
  if (c.defaulted) note(`note: ${flag} ${c.code}: country groups not modeled for this code; assumed in ${c.groups.length ? c.groups.join(', ') : 'no country group (not D:1/D:4/D:5, not A:5/A:6)'}, Tier ${c.tier}`);
}

function classifyOpts(o: CommonOpts): ClassifyOptions {
  noteCountry(o.destination, '--destination');
  noteCountry(o.headquarters, '--headquarters');
  return { date: o.date ?? today(), destination: o.destination ?? 'CN', headquarters: o.headquarters, settings: settingsOf(o) };
}

function common(cmd: Command): Command {
  return cmd
    .option('--date <YYYY-MM-DD>', 'date the rules are read at (default: today)', dateFlag)
    .option('--destination <CC>', 'destination country, ISO code (default CN)')
    .option('--headquarters <CC>', 'headquarters of the consignee or its parent (D:5/Macau triggers licences worldwide)')
    .option('--tf32-bits <bits>', 'TF32 bit length in TPP: not-counted (default), 19 or 32', choiceFlag(['not-counted', '19', '32'] as const))
    .option('--sum-non-tensor', 'add non-tensor FP32 units to tensor TPP (default: not added)')
    .option('--json', 'machine-readable output');
}

function moveText(m: Move | null, unit: string): string {
  if (!m) return 'no change';
  const sign = m.changePct >= 0 ? '+' : '';
  const edge = m.atFactor ? 'at' : m.changePct >= 0 ? 'above' : 'below';
  return `${sign}${m.changePct.toFixed(1)}% (${edge} ${num(m.value)}${unit}) -> ${m.to}`;
}

const UNITS = { throughput: ' TPP', dieArea: ' mm²', interconnect: ' GB/s', memoryBandwidth: ' GB/s' } as const;

export function registerControlsCommands(program: Command): void {
  common(program.command('classify <chip-or-file>').description('TPP, PD and the verdict of every U.S. export-control rule in force on a date, with margins')).action(
    (arg: string, o: CommonOpts) => {
      const r = classifyChip(resolveChip(arg), classifyOpts(o));
      if (o.json) return emit(toJson(r));
      const dest = country(r.destination);
      const lines = [
        `${r.name} (${r.id})`,
        `TPP ${r.tpp === null ? 'unknown' : num(r.tpp)} (${r.tppBasis})   PD ${r.pd === null ? 'unknown' : num(r.pd)}   2022 I/O ${r.io2022GBps === null ? 'unknown' : `${num(r.io2022GBps)} GB/s`}`,
        `Rules in force on ${r.date}, destination ${dest.name} (${dest.code})`,
        '',
        table(
          ['rule', 'status', 'ECCN / verdict', 'licence', 'exceptions'],
          r.classifications.map((c) => [
            c.rule,
            c.status,
            c.outcome === 'undetermined' ? 'undetermined' : (c.eccn ?? 'not controlled') + (c.reviewPolicy ? ` (${c.reviewPolicy})` : ''),
            c.licenceRequired === null ? '?' : c.licenceRequired ? 'required' : 'no',
            c.licenseExceptions.join(', ') || null,
          ]),
        ),
      ];
      if (r.classifications.length === 0) lines.push('', `No U.S. rule on AI chips was in force on ${r.date} (the first took effect on 2022-10-07).`);
      if (r.notes.length) lines.push('', ...r.notes.map((n) => `Note: ${n}`));
      for (const c of r.classifications) {
        lines.push('', `${c.rule}:`, ...c.reasons.map((s) => `  - ${s}`), ...c.undecided.map((s) => `  ? ${s}`));
      }
      emit(lines.join('\n'));
    },
  );

  common(
    program
      .command('headroom <chip-or-file>')
      .description('how far throughput, die area, interconnect and memory bandwidth can move before a verdict changes')
      .option('--rule <id>', `one rule (${RULE_IDS.join(', ')})`, choiceFlag(RULE_IDS))
      .option('--target <what>', "'uncontrolled': fastest dense BF16/INT8 throughput that stays outside the rule", choiceFlag(['uncontrolled'] as const))
      .option('--die-area <mm2>', 'applicable die area for --target (default: the chip\'s)', limitFlag('dieAreaMm2', false, '--die-area')),
  ).action((arg: string, o: CommonOpts & { rule?: RuleId; target?: 'uncontrolled'; dieArea?: number }) => {
    if (o.dieArea !== undefined && o.target === undefined) throw new ChipboundError('usage', '--die-area: only used with --target uncontrolled (the headroom table uses the chip\'s die area)');
    const chip = resolveChip(arg);
    if (o.target === 'uncontrolled') {
      const t = uncontrolledTarget(chip, { ...classifyOpts(o), rule: o.rule, dieAreaMm2: o.dieArea });
      if (o.json) return emit(toJson(t));
      const lim = (v: number) => (Number.isFinite(v) ? `< ${num(v)}` : 'no limit');
      return emit(
        [
          `${chip.name}: fastest design outside ${t.rule}${t.dieAreaMm2 !== null ? ` at ${num(t.dieAreaMm2)} mm²` : ''}`,
          '',
          table(['limit', 'value'], [['TPP', lim(t.maxTppExclusive)], ['dense BF16/FP16 TFLOPS', lim(t.bf16TflopsBelow)], ['dense INT8/FP8 TOPS', lim(t.int8TopsBelow)]]),
          '',
          t.reason,
        ].join('\n'),
      );
    }
    const h = headroom(chip, { ...classifyOpts(o), rule: o.rule });
    if (o.json) return emit(toJson(h));
    const lines = [`${chip.name} (${chip.id}): headroom before each verdict changes`];
    for (const r of h) {
      lines.push('', `${r.rule}: ${r.verdict}`);
      lines.push(table(['spec', 'now', 'up', 'down'], r.specs.map((s) => [s.spec, s.value === null ? 'unknown' : `${num(s.value)}${UNITS[s.spec]}`, moveText(s.up, UNITS[s.spec]), moveText(s.down, UNITS[s.spec])])));
    }
    emit(lines.join('\n'));
  });

  program
    .command('rules')
    .description('timeline of the U.S. export-control rules modeled, with thresholds and sources')
    .option('--date <YYYY-MM-DD>', 'show each rule\'s status on this date (default: today)', dateFlag)
    .option('--json', 'machine-readable output')
    .action((o: { date?: string; json?: boolean }) => {
      const date = o.date ?? today();
      const rows = allRules().map((r) => ({
        id: r.id,
        title: r.title,
        citation: r.citation,
        url: r.url,
        effective: r.effective,
        ended: r.ended,
        status: ruleStatus(r, date),
        destinations: r.destinations,
        thresholds: r.thresholds,
      }));
      const actions = controlActions();
      if (o.json) return emit(toJson({ date, rules: rows, actions }));
      const lines = [table(['rule', 'effective', 'ended', `status ${date}`, 'title'], rows.map((r) => [r.id, r.effective, r.ended ? `${r.ended.date} (${r.ended.how})` : null, r.status, r.title]))];
      for (const r of rows) lines.push('', `${r.id}  ${r.citation}`, `  ${r.url}`, `  destinations: ${r.destinations}`, ...r.thresholds.map((t) => `  - ${t}`));
      lines.push('', 'Other actions since 2025-05 (sourcing: primary = rule text seen, secondary = reports only, unverified = one report):');
      lines.push(table(['date', 'action', 'sourcing', 'modeled', 'until'], actions.map((a) => [a.date, a.id, a.sourcing, a.modeled, a.until])));
      for (const a of actions) lines.push('', `${a.date} ${a.id}: ${a.action}`, `  scope: ${a.scope}`, `  ${a.citation}${a.url ? ` ${a.url}` : ''}`);
      emit(lines.join('\n'));
    });

  program
    .command('envelope [chips...]')
    .description('each chip against the 2026 China/Macau case-by-case envelope (91 FR 1684: TPP < 21,000 and DRAM < 6,500 GB/s)')
    .option('--json', 'machine-readable output')
    .action((ids: string[], o: { json?: boolean }) => {
      const chips = ids.length ? ids.map((id) => resolveChip(id)) : builtinCatalog().chips;
      const rows = chips.map((c) => envelope2026(c));
      if (o.json) return emit(toJson({ rule: 'us-2026-01', rows }));
      emit(
        [
          'China/Macau licence review under us-2026-01 (91 FR 1684-1689): inside = case-by-case, outside = presumption of denial',
          '',
          table(['chip', 'status', 'TPP', 'DRAM GB/s', '2023 ECCN', 'envelope', 'why'], rows.map((r) => [r.id, r.status, r.tpp === null ? 'unknown' : num(r.tpp), r.memoryGBps === null ? 'unknown' : num(r.memoryGBps), r.eccn ?? '—', r.envelope, r.why])),
        ].join('\n'),
      );
    });

  program
    .command('fleet-cap <chip-or-file>')
    .description('units per consignee (LPP) and per Tier-2 country under the AI Diffusion rule (us-2025-01, rescinded; what-if)')
    .option('--tier <n>', 'destination tier 1, 2 or 3 (default 2)', intFlag(1, 3))
    .option('--destination <CC>', 'take the tier from this country instead')
    .option('--json', 'machine-readable output')
    .action((arg: string, o: { tier?: number; destination?: string; json?: boolean }) => {
      if (o.tier !== undefined && o.destination !== undefined) throw new ChipboundError('usage', `--tier ${o.tier} and --destination ${o.destination}: choose one (the destination sets the tier: ${o.destination} is Tier ${country(o.destination).tier})`);
      noteCountry(o.destination, '--destination');
      const tier = (o.destination ? country(o.destination).tier : (o.tier ?? 2)) as 1 | 2 | 3;
      const f = fleetCap(resolveChip(arg), { rule: 'us-2025-01', tier });
      if (o.json) return emit(toJson(f));
      const u = (n: number | null) => (n === null ? 'no cap' : num(n));
      emit(
        [
          `${f.chipId}: TPP ${f.tpp === null ? 'unknown' : num(f.tpp)}, ${f.eccn ?? 'not 3A090'}, Tier ${f.tier}`,
          '',
          table(['allowance', 'TPP', 'units', 'arithmetic'], [
            [f.perConsigneePerYear.period, num(f.perConsigneePerYear.capTpp), u(f.perConsigneePerYear.units), f.perConsigneePerYear.arithmetic],
            [f.tier2Country.period, num(f.tier2Country.capTpp), u(f.tier2Country.units), f.tier2Country.arithmetic],
          ]),
          '',
          ...f.notes,
        ].join('\n'),
      );
    });
}
