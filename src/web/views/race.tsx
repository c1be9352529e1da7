/**
 * Race: two countries' frontiers on a benchmark over time with the lag between them, score
 * against training compute with the efficiency frontier, and the training chips under the
 * export rules: the RaceReport of `chipbound race --json` (with the open-weights filter off,
 * the same numbers). Every point and row links to its source.
 */
import { useMemo } from 'preact/hooks';
import { builtinCatalog, getChip } from '../../core/catalog/catalog.js';
import type { Chip } from '../../core/catalog/schemas.js';
import { controlsClassifier } from '../../core/race/chips.js';
import { raceReport } from '../../core/race/report.js';
import { raceMetrics, type RaceMetric } from '../../core/race/schema.js';
import type { LagPoint, SampleClass, YearLag } from '../../core/race/lag.js';
import { metricInfo, benchmarkFamilies, type BenchmarkFamily } from '../../core/race/caveats.js';
import { scorePoints } from '../../core/race/frontier.js';
import { parseMetric } from '../../core/race/setting.js';
import { ChartFrame } from '../components/chart-frame.js';
import { SelectField, TextField } from '../components/fields.js';
import { SortableTable, type Column } from '../components/sortable-table.js';
import { efficiencyChart, frontierChart } from '../charts/race-charts.js';
import { param, setParams } from '../url-state.js';
import { useUrlDefaults } from '../components/use-url-defaults.js';

const chipOrNull = (id: string): Chip | null => {
  try {
    return getChip(id);
  } catch {
    return null;
  }
};
const a = (href: string | undefined, text: string) => (href && /^https?:\/\//.test(href) ? <a href={href} target="_blank" rel="noopener noreferrer">{text}</a> : text);

type LagRow = LagPoint & { id: string; months: number | null; sample: SampleClass };
type FamilyRow = { id: string; family: string; metric: RaceMetric; setting: string; scores: string; years: Record<number, YearLag | undefined> };

const FAMILY_LABELS: Record<BenchmarkFamily, string> = {
  gpqa: 'GPQA Diamond',
  'swe-bench-verified': 'SWE-bench Verified',
  aime: 'AIME',
  hle: "Humanity's Last Exam",
  'mmlu-pro': 'MMLU-Pro',
  mmlu: 'MMLU (the past)',
  math: 'MATH',
  humaneval: 'HumanEval',
  livecodebench: 'LiveCodeBench',
  arena: 'LMArena',
};
const seriesOf = (f: BenchmarkFamily) => raceMetrics.filter((m) => metricInfo[m].family === f);

/** One year of a series in words: the mean lag, or "no reports" (never a lag where one side stopped reporting). */
function yearCell(y: YearLag | undefined, ca: string, cb: string): string {
  if (!y) return '';
  if (y.status === 'no-reports') return `no reports from ${y.noReportsB >= y.noReportsA ? cb : ca}`;
  if (y.meanMonths === null) return `${cb} ahead`;
  return `${y.meanMonths.toFixed(1)} mo${y.noReportsA + y.noReportsB ? ` (${y.noReportsA + y.noReportsB} mo no reports)` : ''}`;
}

export default function RaceView() {
  useUrlDefaults({ metric: 'gpqa', a: 'US', b: 'CN' });
  const metric = (parseMetric(param('metric', 'gpqa')) ?? param('metric', 'gpqa')) as RaceMetric;
  const ca = param('a', 'US').toUpperCase();
  const cb = param('b', 'CN').toUpperCase();
  const open = param('open', 'all');
  const asOf = param('asof', '');
  const errors: Record<string, string> = {};
  if (!(raceMetrics as readonly string[]).includes(metric)) errors.metric = `metric: expected one of ${raceMetrics.join(', ')}, got '${metric}'`;
  for (const [k, v] of [['a', ca], ['b', cb]] as const) if (!/^[A-Z]{2}$/.test(v)) errors[k] = `Country: expected an ISO-2 code such as US or CN, got '${v}'`;
  if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) errors.asof = `As of: expected YYYY-MM-DD, got '${asOf}'`;
  const cat = builtinCatalog();
  const ok = Object.keys(errors).length === 0;
  const entries = useMemo(() => cat.race.filter((e) => open === 'all' || (open === 'open') === e.openWeights), [open]);
  const report = useMemo(() => (ok ? raceReport(entries, { metric, countryA: ca, countryB: cb, asOf: asOf || undefined }, chipOrNull, controlsClassifier) : null), [entries, metric, ca, cb, asOf, ok]);
  const byId = new Map(cat.race.map((e) => [e.id, e]));
  const points = useMemo(() => (report ? scorePoints(entries.filter((e) => e.releaseDate <= report.asOf), metric) : []), [report]);
  const family = ok ? metricInfo[metric].family : 'gpqa';
  const gaps = report ? [...report.gaps.a.map((g) => ({ ...g, who: ca })), ...report.gaps.b.map((g) => ({ ...g, who: cb }))] : [];
  const years = report ? report.combined.map((c) => c.year) : [];
  const familyRows: FamilyRow[] = report
    ? report.families.flatMap((f) => f.series.filter((x) => x.counts.a + x.counts.b > 0).map((x) => ({ id: `${f.family}/${x.metric}`, family: f.label, metric: x.metric, setting: x.setting, scores: `${x.counts.a}/${x.counts.b}`, years: Object.fromEntries(years.map((y) => [y, x.byYear.find((q) => q.year === y)])) })))
    : [];
  const lastYear = report?.lagByYear.at(-1);
  const latestLag = !lastYear ? '—' : lastYear.endClass === 'no-reports-a' || lastYear.endClass === 'no-reports-b' ? `no reports from ${lastYear.endClass === 'no-reports-b' ? cb : ca}` : lastYear.end?.lagMonths == null ? 'never' : `${lastYear.end.lagMonths.toFixed(1)} months`;
  const eff = report ? report.efficiency.map((p) => ({ ...p, name: byId.get(p.id)?.name ?? p.id, href: byId.get(p.id)?.trainingCompute?.source ?? '' })) : [];
  const lagRows: LagRow[] = report ? report.lag.map((l) => ({ ...l, id: l.date, months: l.lagMonths })) : [];
  const lagCols: readonly Column<LagRow>[] = [
    { key: 'date', label: 'date' },
    { key: 'bBest', label: `${cb} best`, sort: (r) => r.bBest.score, cell: (r) => <>{a(byId.get(r.bBest.id)?.benchmarks[metric]?.source, byId.get(r.bBest.id)?.name ?? r.bBest.id)} ({r.bBest.score})</> },
    { key: 'aFirst', label: `${ca} first at/above`, sort: (r) => r.aFirst?.date ?? null, cell: (r) => (r.aFirst ? <>{a(byId.get(r.aFirst.id)?.benchmarks[metric]?.source, byId.get(r.aFirst.id)?.name ?? r.aFirst.id)} on {r.aFirst.date}</> : 'never') },
    { key: 'months', label: 'lag, months', numeric: true, cell: (r) => (r.sample === 'no-reports-a' ? `no reports from ${ca}` : r.sample === 'no-reports-b' ? `no reports from ${cb}` : r.months === null ? 'never' : r.months.toFixed(1)) },
  ];
  const unit = report?.metricInfo.unit ?? '%';
  return (
    <section>
      <h1>Race: frontiers, lag and compute</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="race">
        <SelectField label="Benchmark family" name="family" value={family} options={benchmarkFamilies.map((f) => ({ value: f, label: FAMILY_LABELS[f] }))} onChange={(v) => setParams({ metric: seriesOf(v as BenchmarkFamily)[0] })} />
        <SelectField label="Series (benchmark and setting)" name="metric" value={metric} error={errors.metric} options={seriesOf(family).map((m) => ({ value: m, label: metricInfo[m].label }))} onChange={(v) => setParams({ metric: v })} />
        <TextField label="Country A (lead measured)" name="a" value={ca} error={errors.a} onInput={(v) => setParams({ a: v })} />
        <TextField label="Country B" name="b" value={cb} error={errors.b} onInput={(v) => setParams({ b: v })} />
        <SelectField label="Weights" name="open" value={open} options={[{ value: 'all', label: 'all models' }, { value: 'open', label: 'open weights only' }, { value: 'closed', label: 'closed weights only' }]} onChange={(v) => setParams({ open: v === 'all' ? '' : v })} />
        <TextField label="As of" name="asof" type="date" value={asOf} error={errors.asof} onInput={(v) => setParams({ asof: v })} />
      </form>
      {!ok ? <p class="error" role="alert" data-invalid>{Object.values(errors).join('; ')}</p> : null}
      {report ? (
        <div data-race-result>
          <p>
            {report.metricInfo.label}: {report.counts.a} {ca} and {report.counts.b} {cb} models with a score, releases up to {report.asOf}. Latest lag:{' '}
            <strong data-latest-lag>{latestLag}</strong>
          </p>
          <p data-comparability>
            Comparable scores only: one benchmark in one setting class ({report.comparability.setting}). A side with no score in the preceding {report.comparability.staleMonths} months is shown as "no reports", not as lag.
            {report.comparability.excluded.length ? ` Excluded: ${report.comparability.excluded.map((x) => `${x.id} (${x.why})`).join('; ')}.` : ''}
          </p>
          <ChartFrame id="race-frontier" title={`${report.metricInfo.label} over time: frontiers of ${ca} and ${cb}, lag as arrows, "no reports" shaded`} rows={points} deps={[report]} render={(width) => frontierChart(points, report.frontierA, report.frontierB, report.lag.filter((l) => l.sample === 'lag' || l.sample === 'b-ahead'), [ca, cb], unit, report.asOf, { gaps, width })} note={report.metricInfo.caveats.join(' · ')} />
          <SortableTable
            id="race-families"
            caption={`Lag per benchmark family and series (${ca} ahead, months, yearly mean; "no reports" where one side stopped reporting)`}
            rows={familyRows}
            columns={[
              { key: 'family', label: 'family' },
              { key: 'metric', label: 'series', cell: (r) => <button type="button" onClick={() => setParams({ metric: r.metric })}>{metricInfo[r.metric].label}</button> },
              { key: 'setting', label: 'setting' },
              { key: 'scores', label: `${ca}/${cb} scores` },
              ...years.map((y): Column<FamilyRow> => ({ key: `y${y}`, label: String(y), sort: (r) => r.years[y]?.meanMonths ?? null, cell: (r) => yearCell(r.years[y], ca, cb) })),
            ]}
            initialSort="family"
          />
          <SortableTable
            id="race-combined"
            caption="Combined: median of the primary series' yearly lag over the families that measure one, and what drives it"
            rows={report.combined.map((c) => ({ ...c, id: String(c.year) }))}
            columns={[
              { key: 'year', label: 'year' },
              { key: 'medianMonths', label: 'median lag, months', numeric: true, cell: (r) => (r.medianMonths === null ? 'no lag measured' : r.medianMonths.toFixed(1)) },
              { key: 'drivers', label: 'driven by', sort: (r) => r.drivers.length, cell: (r) => r.drivers.map((d) => `${d.metric} ${d.meanMonths.toFixed(1)}`).join(', ') },
              { key: 'without', label: 'not measured', sort: (r) => r.without.length, cell: (r) => r.without.map((w) => `${w.metric}: ${w.why}`).join('; ') },
            ]}
            initialSort="year"
          />
          <ChartFrame id="race-efficiency" title="Score against training compute (efficiency frontier dashed)" rows={eff} deps={[report]} render={(width) => efficiencyChart(eff, [ca, cb], unit, { width })} note={`Only models with a compute figure. Hollow: compute imputed from benchmarks (off the frontier). Bars: the compute range. ${report.computeLowerBounds.length ? `Lower bounds, not plotted: ${report.computeLowerBounds.map((l) => `${l.id} ≥ ${l.atLeastFlop.toExponential(1)} FLOP`).join(', ')}. ` : ''}${report.notes[0] ?? ''}`} />
          <SortableTable id="race-lag" caption={`Lag on each date a frontier moved (${ca} ahead when positive)`} rows={lagRows} columns={lagCols} initialSort="date" />
          <SortableTable
            id="race-chips"
            caption="Training chips under the export rules in force at release"
            rows={report.chips.map((c) => ({ ...c, verdictText: c.verdict ? `${c.verdict.label}${c.verdict.licenceRequired ? ", licence required" : ""}` : '—' }))}
            columns={[
              { key: 'id', label: 'model', cell: (r) => a(byId.get(r.id)?.sources[0], byId.get(r.id)?.name ?? r.id) },
              { key: 'country', label: 'country' },
              { key: 'date', label: 'release' },
              { key: 'described', label: 'chips' },
              { key: 'count', label: 'count', numeric: true },
              { key: 'verdictText', label: 'verdict' },
              { key: 'licenceSince', label: 'licence since' },
            ]}
            initialSort="date"
          />
        </div>
      ) : null}
    </section>
  );
}
