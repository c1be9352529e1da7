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
import type { LagPoint } from '../../core/race/lag.js';
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

type LagRow = LagPoint & { id: string; months: number | null };

export default function RaceView() {
  useUrlDefaults({ metric: 'mmlu', a: 'US', b: 'CN' });
  const metric = param('metric', 'mmlu') as RaceMetric;
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
  const points = useMemo(() => (report ? entries.filter((e) => e.benchmarks[metric] && e.releaseDate <= report.asOf).map((e) => ({ id: e.id, name: e.name, country: e.country, date: e.releaseDate, score: e.benchmarks[metric]!.score, setting: e.benchmarks[metric]!.setting, source: e.benchmarks[metric]!.source, caveat: e.benchmarks[metric]!.caveat })) : []), [report]);
  const eff = report ? report.efficiency.map((p) => ({ ...p, name: byId.get(p.id)?.name ?? p.id, href: byId.get(p.id)?.trainingCompute?.source ?? '' })) : [];
  const lagRows: LagRow[] = report ? report.lag.map((l) => ({ ...l, id: l.date, months: l.lagMonths })) : [];
  const lagCols: readonly Column<LagRow>[] = [
    { key: 'date', label: 'date' },
    { key: 'bBest', label: `${cb} best`, sort: (r) => r.bBest.score, cell: (r) => <>{a(byId.get(r.bBest.id)?.benchmarks[metric]?.source, byId.get(r.bBest.id)?.name ?? r.bBest.id)} ({r.bBest.score})</> },
    { key: 'aFirst', label: `${ca} first at/above`, sort: (r) => r.aFirst?.date ?? null, cell: (r) => (r.aFirst ? <>{a(byId.get(r.aFirst.id)?.benchmarks[metric]?.source, byId.get(r.aFirst.id)?.name ?? r.aFirst.id)} on {r.aFirst.date}</> : 'never') },
    { key: 'months', label: 'lag, months', numeric: true, cell: (r) => (r.months === null ? 'never' : r.months.toFixed(1)) },
  ];
  const unit = report?.metricInfo.unit ?? '%';
  return (
    <section>
      <h1>Race: frontiers, lag and compute</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="race">
        <SelectField label="Benchmark" name="metric" value={metric} error={errors.metric} options={raceMetrics.map((m) => ({ value: m, label: m }))} onChange={(v) => setParams({ metric: v })} />
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
            <strong data-latest-lag>{report.lag.length ? (report.lag[report.lag.length - 1].lagMonths === null ? 'never' : `${report.lag[report.lag.length - 1].lagMonths!.toFixed(1)} months`) : '—'}</strong>
          </p>
          <ChartFrame id="race-frontier" title={`${report.metricInfo.label} over time: frontiers of ${ca} and ${cb}, lag as arrows`} rows={points} deps={[report]} render={(width) => frontierChart(points, report.frontierA, report.frontierB, report.lag, [ca, cb], unit, report.asOf, { width })} note={report.metricInfo.caveats.join(' · ')} />
          <ChartFrame id="race-efficiency" title="Score against training compute (efficiency frontier dashed)" rows={eff} deps={[report]} render={(width) => efficiencyChart(eff, [ca, cb], unit, { width })} note={`Hollow: compute imputed from benchmarks (off the frontier). Bars: the compute range. ${report.notes[0] ?? ''}`} />
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
