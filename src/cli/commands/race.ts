/**
 * `chipbound race`: U.S. vs Chinese (or any two countries') frontiers on one benchmark, the lag
 * between them by date and by year, compute efficiency, the training chips under the export
 * rules, and `--reproduce <id>` to plan a race model's training on its chips and alternatives.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import type { Chip } from '../../core/catalog/schemas.js';
import { ChipboundError } from '../../core/errors.js';
import { nearestIds } from '../../core/catalog/nearest.js';
import { raceMetrics, type RaceMetric } from '../../core/race/schema.js';
import { raceReport, type RaceReport } from '../../core/race/report.js';
import { controlsClassifier } from '../../core/race/chips.js';
import { reproduction } from '../../core/race/reproduce.js';
import { evaluateReproduction, planLabel } from '../../core/race/reproduce-eval.js';
import { emit } from '../output.js';
import { choiceFlag, dateFlag } from '../flags.js';
import { fmt, table, toJson } from '../table.js';

function countryFlag(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new InvalidArgumentError(`expected an ISO-2 country code such as US or CN, got '${value}'`);
  return value.toUpperCase();
}

const months = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));
const sci = (v: number) => v.toExponential(1);

/** Human view of the report. */
export function renderRace(r: RaceReport): string {
  const A = r.countryA;
  const B = r.countryB;
  const unit = r.metricInfo.unit === 'Elo' ? '' : '%';
  const out: string[] = [];
  out.push(`Race on ${r.metricInfo.label}: ${A} vs ${B}, releases up to ${r.asOf} (${r.counts.a} ${A} and ${r.counts.b} ${B} models with a score).`);
  out.push('Every row names its catalog entry (data/race/<id>.yaml); [n] points to the score\'s source below each table.');
  out.push('', 'Caveats:', ...r.metricInfo.caveats.map((c) => `  - ${c}`));
  for (const [c, steps] of [[A, r.frontierA], [B, r.frontierB]] as const) {
    const urls: string[] = [];
    const ref = (u: string) => {
      if (!urls.includes(u)) urls.push(u);
      return `[${urls.indexOf(u) + 1}]`;
    };
    out.push('', `Frontier ${c} (best ${r.metricInfo.label} released to date)`);
    out.push(table(['date', 'model (source id)', `score${unit ? ' %' : ''}`, 'setting', 'src', 'caveat'], steps.map((s) => [s.date, s.id, fmt(s.score, 4), s.setting, ref(s.source), s.caveat ?? ''])));
    out.push(...urls.map((u, i) => `  [${i + 1}] ${u}`));
  }
  out.push('', `Lag: on each date a frontier moved, how many months earlier ${A} first reached ${B}'s best (negative: ${A} got there later; "never": not by ${r.asOf})`);
  out.push(
    table(
      ['date', `${B} best`, 'score', `${A} first at/above`, 'on', 'lag months'],
      r.lag.map((p) => [p.date, p.bBest.id, fmt(p.bBest.score, 4), p.aFirst?.id ?? 'never', p.aFirst?.date ?? '—', p.status === 'never' ? 'never' : months(p.lagMonths)]),
    ),
  );
  out.push('', `Lag by year in months (sampled at each month end; change = mean minus the previous year's; "${B} ahead" counts samples where ${A} had not reached ${B}'s best by ${r.asOf})`);
  out.push(
    table(
      ['year', 'samples', 'mean', 'change', 'min', 'max', 'at year/data end', `${B} ahead`],
      r.lagByYear.map((y) => [y.year, y.samples, months(y.meanMonths), y.changeMonths === null ? '—' : `${y.changeMonths >= 0 ? '+' : ''}${y.changeMonths.toFixed(1)}`, months(y.minMonths), months(y.maxMonths), y.end ? (y.end.status === 'never' ? 'never' : months(y.end.lagMonths)) : '—', y.never]),
    ),
  );
  out.push('', `Compute efficiency: ${r.metricInfo.label} against training compute (F = on the efficiency frontier; est = estimated, ! = imputed from benchmarks, kept off the frontier)`);
  out.push(
    table(
      ['model', 'ctry', 'score', 'FLOP', 'range', 'kind', `score/1e24`, 'F'],
      r.efficiency.map((p) => [p.id, p.country, fmt(p.score, 4), sci(p.flop), `${sci(p.low)}–${sci(p.high)}`, p.computeKind === 'published' ? 'published' : p.imputed ? 'est !' : 'est', fmt(p.scorePer1e24, 3), p.onFrontier ? 'F' : '']),
    ),
  );
  out.push(...r.notes.slice(0, 3).map((n) => `  - ${n}`));
  out.push('', `Training compute: catalog figure beside independent estimates (${A} and ${B} models)`);
  out.push(
    table(
      ['model', 'catalog FLOP', 'method', '6ND', 'GPU-hours method'],
      r.compute.map((c) => [c.id, c.catalog ? sci(c.catalog.flop) : 'none', c.catalog?.methodKind ?? '—', c.sixND ? sci(c.sixND.flop) : '—', c.gpuHours ? `${sci(c.gpuHours.flop)} (${sci(c.gpuHours.low)}–${sci(c.gpuHours.high)})` : '—']),
    ),
  );
  out.push('  6ND: 6 x active params x tokens (Kaplan et al. 2020). GPU-hours: hours x dense BF16 peak x 0.38 utilization (range 0.25-0.43; Llama 3 paper Table 4).');
  if (r.chips.length) {
    out.push('', `Training chips under the U.S. export rules in force at release, destination = the lab's country`);
    out.push(
      table(
        ['model', 'ctry', 'released', 'chip', 'count', 'classification', 'licence', 'licence needed since', 'notes'],
        r.chips.map((c) => [c.id, c.country, c.date, c.chip ?? c.described, c.count, c.verdict?.label ?? 'not classified', c.verdict ? (c.verdict.licenceRequired === null ? '?' : c.verdict.licenceRequired ? 'yes' : 'no') : '—', c.licenceSince ?? '—', c.notes.join('; ')]),
      ),
    );
    out.push(`  - ${r.notes[r.notes.length - 1]}`);
  }
  return out.join('\n');
}

export function registerRaceCommand(program: Command): void {
  program
    .command('race')
    .description('frontiers of two countries on a benchmark, the lag between them by year, compute efficiency, training chips under export rules')
    .option('--metric <name>', `benchmark: ${raceMetrics.join(', ')}`, choiceFlag(raceMetrics), 'mmlu' as RaceMetric)
    .option('--country-a <code>', 'country whose lead is measured (ISO-2)', countryFlag, 'US')
    .option('--country-b <code>', 'country compared (ISO-2)', countryFlag, 'CN')
    .option('--as-of <date>', 'ignore releases after this date (YYYY-MM-DD)', dateFlag)
    .option('--reproduce <id>', "plan this race model's training on its reported chips and the alternatives")
    .option('--json', 'machine-readable output')
    .action((opts: { metric: RaceMetric; countryA: string; countryB: string; asOf?: string; reproduce?: string; json?: boolean }) => {
      const cat = builtinCatalog();
      if (cat.race.length === 0) throw new ChipboundError('missing_value', 'the race catalog is empty; run `npm run catalog`');
      const chipById = (id: string): Chip | null => cat.chips.find((c) => c.id === id) ?? null;
      // `--reproduce ''` is an (unknown) id, not "no --reproduce".
      if (opts.reproduce !== undefined) {
        const entry = cat.race.find((e) => e.id === opts.reproduce);
        if (!entry) {
          const near = nearestIds(opts.reproduce, cat.race.map((e) => e.id));
          throw new ChipboundError('unknown_id', `unknown race entry '${opts.reproduce}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''}`);
        }
        const rep = reproduction(entry, cat);
        const evaluated = evaluateReproduction(rep, cat);
        if (opts.json) return emit(toJson({ ...rep, evaluation: evaluated }));
        const lines = [`Reproduce ${entry.name} (${entry.id}) training: architecture ${rep.model ?? 'not in the catalog'}${rep.run ? `, shapes from run ${rep.run}` : ''}`, ''];
        lines.push(...rep.basis.map((b) => `  - ${b}`));
        if (rep.jobs.length) {
          lines.push('', 'Jobs (reported chips first, then the alternatives, same accelerator count; the reported job with its published plan):');
          lines.push(...rep.jobs.map((j) => `  ${j.command}${j.kind === 'reported' ? '   # reported chips' : ''}`));
          lines.push('', 'Training model (chipbound train; best plan = plan search, shortest step time, at the precision above):');
          lines.push(
            table(
              ['chip', 'gpus', 'plan', 'fits', 'MFU', 'days', 'GPU-hours', 'layout / note'],
              evaluated.map((x) => [x.chip + (x.kind === 'reported' ? ' *' : ''), x.gpus, x.planSource, x.fits ? 'yes' : 'no', x.mfu === null ? '—' : `${(x.mfu * 100).toFixed(1)}%`, fmt(x.days), fmt(x.gpuHours), [x.plan ? planLabel(x.plan) : '', x.note].filter(Boolean).join('; ')]),
            ),
          );
          lines.push('  * reported chips. MFU against dense BF16 peak (FP8 plans can exceed 100%). Days and GPU-hours are modeled, for the tokens above.');
          lines.push('', 'Each plan above as a command:', ...evaluated.filter((x) => x.command).map((x) => `  ${x.command}`));
          const ch = entry.chips;
          if (ch?.gpuHours) lines.push('', `Published: ${fmt(ch.gpuHours)} GPU-hours on ${ch.described} (${ch.gpuHoursBasis ?? ch.scope}).`);
        }
        return emit(lines.join('\n'));
      }
      const report = raceReport(cat.race, { metric: opts.metric, countryA: opts.countryA, countryB: opts.countryB, asOf: opts.asOf }, chipById, controlsClassifier);
      if (report.counts.a === 0 || report.counts.b === 0) {
        const have = [...new Set(cat.race.map((e) => e.country))].sort().join(', ');
        throw new ChipboundError('usage', `--country-a/--country-b: no ${report.counts.a === 0 ? opts.countryA : opts.countryB} model has a ${opts.metric} score (countries in the catalog: ${have})`);
      }
      emit(opts.json ? toJson(report) : renderRace(report));
    });
}
