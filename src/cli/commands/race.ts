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
import { parseMetric } from '../../core/race/setting.js';
import type { YearLag } from '../../core/race/lag.js';
import { raceReport, type RaceReport } from '../../core/race/report.js';
import { controlsClassifier } from '../../core/race/chips.js';
import { reproduction } from '../../core/race/reproduce.js';
import { evaluateReproduction, planLabel } from '../../core/race/reproduce-eval.js';
import { emit } from '../output.js';
import { dateFlag } from '../flags.js';
import { fmt, table, toJson } from '../table.js';

function countryFlag(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new InvalidArgumentError(`expected an ISO-2 country code such as US or CN, got '${value}'`);
  return value.toUpperCase();
}

const months = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

/** `--metric`: any metric key or alias, case- and punctuation-insensitive. */
function metricFlag(value: string): RaceMetric {
  const m = parseMetric(value);
  if (!m) throw new InvalidArgumentError(`expected gpqa, swe-bench-verified, aime2025, hle, mmlu-pro, mmlu or a key in --help, got '${value}'`);
  return m;
}

/** One year of a series in words: the mean lag, or why there is none. */
function yearText(y: YearLag, A: string, B: string): string {
  if (y.status === 'no-reports') return `no reports from ${y.noReportsB >= y.noReportsA ? B : A}`;
  const parts = [y.meanMonths === null ? `${B} ahead` : `${months(y.meanMonths)} mo`];
  if (y.noReportsA + y.noReportsB) parts.push(`${y.noReportsA + y.noReportsB} of ${y.samples} months no reports`);
  if (y.never) parts.push(`${B} ahead ${y.never} mo`);
  return parts.join(', ');
}
const thinkText = (t: boolean | null | undefined) => (t === true ? 'think' : t === false ? 'no-think' : '?');
const sci = (v: number) => v.toExponential(1);

/** Human view of the report. */
export function renderRace(r: RaceReport): string {
  const A = r.countryA;
  const B = r.countryB;
  const unit = r.metricInfo.unit === 'Elo' ? '' : '%';
  const out: string[] = [];
  out.push(`Race on ${r.metricInfo.label}: ${A} vs ${B}, releases up to ${r.asOf} (${r.counts.a} ${A} and ${r.counts.b} ${B} models with a score).`);
  out.push('Every row names its catalog entry (data/race/<id>.yaml); [n] points to the score\'s source below each table.');
  out.push(`Comparable scores only: ${r.comparability.benchmark} in one setting class (${r.comparability.setting}); a side with no score in the preceding ${r.comparability.staleMonths} months counts as "no reports", not as lag.`);
  if (r.comparability.excluded.length) out.push(`Excluded by the setting rule: ${r.comparability.excluded.map((x) => `${x.id} (${x.why})`).join('; ')}`);
  out.push('', 'Caveats:', ...r.metricInfo.caveats.map((c) => `  - ${c}`));
  for (const [c, steps] of [[A, r.frontierA], [B, r.frontierB]] as const) {
    const urls: string[] = [];
    const ref = (u: string) => {
      if (!urls.includes(u)) urls.push(u);
      return `[${urls.indexOf(u) + 1}]`;
    };
    out.push('', `Frontier ${c} (best ${r.metricInfo.label} released to date)`);
    out.push(table(['date', 'model (source id)', `score${unit ? ' %' : ''}`, 'mode', 'open', 'setting', 'evaluator', 'src', 'caveat'], steps.map((s) => [s.date, s.id, fmt(s.score, 4), thinkText(s.thinking), s.openWeights ? 'open' : '', s.setting, s.evaluator ?? '', ref(s.source), s.caveat ?? ''])));
    out.push(...urls.map((u, i) => `  [${i + 1}] ${u}`));
  }
  out.push('', `Lag: on each date a frontier moved, how many months earlier ${A} first reached ${B}'s best (negative: ${A} got there later; "never": not by ${r.asOf})`);
  out.push(
    table(
      ['date', `${B} best`, 'score', `${A} first at/above`, 'on', 'lag months'],
      r.lag.map((p) => [p.date, p.bBest.id, fmt(p.bBest.score, 4), p.aFirst?.id ?? 'never', p.aFirst?.date ?? '—', p.sample === 'no-reports-a' ? `no reports from ${A}` : p.sample === 'no-reports-b' ? `no reports from ${B}` : p.status === 'never' ? 'never' : months(p.lagMonths)]),
    ),
  );
  out.push('', `Lag by year in months (sampled at each month end; change = mean minus the previous year's; "${B} ahead" counts samples where ${A} had not reached ${B}'s best by ${r.asOf}; "no reports": one side had no score in the window, so no lag is measured)`);
  out.push(
    table(
      ['year', `${A} reports`, `${B} reports`, 'samples', 'lag samples', 'no reports', 'mean', 'change', 'min', 'max', 'at year/data end', `${B} ahead`],
      r.lagByYear.map((y) => [
        y.year,
        y.aReports,
        y.bReports,
        y.samples,
        y.lagSamples,
        y.noReportsA + y.noReportsB ? `${y.noReportsB ? `${B} ${y.noReportsB}` : ''}${y.noReportsA && y.noReportsB ? ', ' : ''}${y.noReportsA ? `${A} ${y.noReportsA}` : ''}` : '',
        y.status === 'no-reports' ? 'no reports' : months(y.meanMonths),
        y.changeMonths === null ? '—' : `${y.changeMonths >= 0 ? '+' : ''}${y.changeMonths.toFixed(1)}`,
        months(y.minMonths),
        months(y.maxMonths),
        !y.end ? '—' : y.endClass === 'no-reports-a' || y.endClass === 'no-reports-b' ? 'no reports' : y.end.status === 'never' ? 'never' : months(y.end.lagMonths),
        y.never,
      ]),
    ),
  );
  const gapLines = [...r.gaps.a.map((g) => ({ ...g, who: A })), ...r.gaps.b.map((g) => ({ ...g, who: B }))].sort((x, y) => (x.from < y.from ? -1 : 1));
  if (gapLines.length) out.push(`No reports (no lag is measured there): ${gapLines.map((g) => `${g.who} ${g.from} to ${g.to} (last score ${g.lastReport})`).join('; ')}`);
  out.push('', `Lag per benchmark family (${A} ahead, months, mean over the year's month ends; each series is one benchmark in one setting class)`);
  const years = [...new Set(r.combined.map((c) => c.year))];
  out.push(
    table(
      ['family', 'series', 'setting', `${A}/${B} scores`, `last ${B} score`, ...years.map(String)],
      r.families.flatMap((f) =>
        f.series
          .filter((x) => x.counts.a + x.counts.b > 0)
          .map((x) => [f.label, x.metric + (x.metric === f.primary ? ' *' : ''), x.setting, `${x.counts.a}/${x.counts.b}`, x.lastReport.b ?? '—', ...years.map((yr) => {
            const y = x.byYear.find((q) => q.year === yr);
            return y ? yearText(y, A, B) : '';
          })]),
      ),
    ),
  );
  out.push('  * primary series (lab-reported, no tools), used by the combined view. Common-harness series (Artificial Analysis, Epoch AI) are their own rows.');
  out.push('', `Combined: median of the primary series' yearly mean lag over the families that measure one (${A} ahead, months)`);
  out.push(
    table(
      ['year', 'median lag', 'driven by (family mean, months)', 'not measured'],
      r.combined.map((c) => [c.year, c.medianMonths === null ? 'no lag measured' : months(c.medianMonths), c.drivers.map((d) => `${d.metric} ${months(d.meanMonths)}`).join(', '), c.without.map((w) => `${w.metric}: ${w.why}`).join('; ')]),
    ),
  );
  out.push('', `Compute efficiency: ${r.metricInfo.label} against training compute (F = on the efficiency frontier; est = estimated, ! = imputed from benchmarks, kept off the frontier)`);
  out.push(
    table(
      ['model', 'ctry', 'score', 'FLOP', 'range', 'kind', `score/1e24`, 'F'],
      r.efficiency.map((p) => [p.id, p.country, fmt(p.score, 4), sci(p.flop), `${sci(p.low)}–${sci(p.high)}`, p.computeKind === 'published' ? 'published' : p.imputed ? 'est !' : 'est', fmt(p.scorePer1e24, 3), p.onFrontier ? 'F' : '']),
    ),
  );
  if (r.computeLowerBounds.length) {
    out.push(`  Lower bounds, not points (post-training not counted): ${r.computeLowerBounds.map((l) => `${l.id} >= ${sci(l.atLeastFlop)} (score ${fmt(l.score, 4)})`).join('; ')}`);
  }
  out.push(...r.notes.slice(0, 3).map((n) => `  - ${n}`));
  out.push('', `Training compute: catalog figure beside independent estimates (${A} and ${B} models)`);
  out.push(
    table(
      ['model', 'catalog FLOP', 'method', '6ND', 'GPU-hours method'],
      r.compute.map((c) => [c.id, c.catalog ? `${c.catalog.bound === 'lower' ? '>= ' : ''}${sci(c.catalog.flop)}` : 'none', c.catalog?.methodKind ?? '—', c.sixND ? sci(c.sixND.flop) : '—', c.gpuHours ? `${sci(c.gpuHours.flop)} (${sci(c.gpuHours.low)}–${sci(c.gpuHours.high)})` : '—']),
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
    .option('--metric <name>', `benchmark (case-insensitive): ${raceMetrics.join(', ')}; aliases swe-bench-verified, gpqa-diamond, aime, hle-with-tools`, metricFlag, 'gpqa' as RaceMetric)
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
        const have = [...new Set(cat.race.map((e) => e.country))].sort();
        const missing = report.counts.a === 0 ? opts.countryA : opts.countryB;
        if (have.includes(missing)) throw new ChipboundError('usage', `--metric ${opts.metric}: no ${missing} model has a comparable score, so there is no lag to measure ("no reports" from ${missing}); the family table of any other --metric lists it`);
        throw new ChipboundError('usage', `--country-a/--country-b: no ${missing} model has a ${opts.metric} score (countries in the catalog: ${have.join(', ')})`);
      }
      emit(opts.json ? toJson(report) : renderRace(report));
    });
}
