/**
 * Accuracy: every published training run and serving point re-predicted by the same functions
 * as `chipbound validate [--inference] --json`, predicted against measured with the y = x line
 * and error bands, filterable (filters in the URL), each row linked to its sources.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ChartFrame } from '../components/chart-frame.js';
import { CheckField, SelectField } from '../components/fields.js';
import { Kpis } from '../components/kpis.js';
import { fmtNum, SortableTable, type Column } from '../components/sortable-table.js';
import { accuracyChart } from '../charts/accuracy-chart.js';
import { accuracyRows, filterRows, statsOf, type AccuracyFilter, type AccuracyRow } from '../lib/accuracy-rows.js';
import { param, setParams } from '../url-state.js';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
const link = (s: string) => (/^https?:\/\//.test(s) ? <a href={s} target="_blank" rel="noopener noreferrer">{s}</a> : s);

const columns: readonly Column<AccuracyRow>[] = [
  { key: 'name', label: 'record' },
  { key: 'set', label: 'set' },
  { key: 'chip', label: 'chip' },
  { key: 'gpus', label: 'chips', numeric: true },
  { key: 'measure', label: 'measured quantity' },
  { key: 'measured', label: 'measured', numeric: true },
  { key: 'predicted', label: 'predicted', numeric: true, cell: (r) => fmtNum(r.predicted) },
  { key: 'error', label: 'error', numeric: true, sort: (r) => Math.abs(r.error), cell: (r) => <span class={r.band !== null && Math.abs(r.error) > r.band ? 'est' : undefined}>{pct(r.error)}</span> },
  { key: 'inSummary', label: 'in summary', cell: (r) => (r.inSummary ? 'yes' : 'no') },
  { key: 'sources', label: 'sources', sort: (r) => r.sources.length, cell: (r) => <details class="sources"><summary>{r.sources.length}</summary><ul>{r.sources.map((s) => <li>{link(s)}</li>)}</ul></details> },
];

export default function AccuracyView() {
  const [all, setAll] = useState<AccuracyRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Let the page paint "Re-predicting…" first; the validation takes a fraction of a second.
    const t = setTimeout(() => {
      try {
        setAll(accuracyRows());
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    }, 0);
    return () => clearTimeout(t);
  }, []);
  const f: AccuracyFilter = { set: param('set', 'all') as AccuracyFilter['set'], measure: param('measure', ''), chip: param('chip', ''), model: param('model', ''), summaryOnly: param('summary', '0') === '1' };
  const rows = useMemo(() => (all ? filterRows(all, f) : []), [all, JSON.stringify(f)]);
  if (error) return <p class="error" role="alert">Validation failed: {error}</p>;
  if (!all) return <section><h1>Accuracy</h1><p class="loading">Re-predicting every published run…</p></section>;
  const uniq = (k: 'measure' | 'chip' | 'model') => [...new Set(all.map((r) => r[k]))].sort();
  const opt = (xs: string[]) => [{ value: '', label: 'all' }, ...xs.map((x) => ({ value: x, label: x }))];
  const s = statsOf(rows);
  const bands = f.set === 'serving' ? [0.35, 0.5] : [0.1, 0.25];
  return (
    <section>
      <h1>Accuracy: predicted against measured</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="accuracy">
        <SelectField label="Set" name="set" value={f.set} options={[{ value: 'all', label: 'all' }, { value: 'training', label: 'training runs' }, { value: 'serving', label: 'serving points' }]} onChange={(v) => setParams({ set: v === 'all' ? '' : v })} />
        <SelectField label="Measured quantity" name="measure" value={f.measure} options={opt(uniq('measure'))} onChange={(v) => setParams({ measure: v })} />
        <SelectField label="Chip" name="chip" value={f.chip} options={opt(uniq('chip'))} onChange={(v) => setParams({ chip: v })} />
        <SelectField label="Model" name="model" value={f.model} options={opt(uniq('model'))} onChange={(v) => setParams({ model: v })} />
        <CheckField label="Only records counted in the summary" name="summary" checked={f.summaryOnly} onChange={(b) => setParams({ summary: b ? '1' : '' })} />
      </form>
      <Kpis
        items={[
          { id: 'count', label: 'records shown', text: String(rows.length), value: rows.length },
          { id: 'median', label: 'median |error| (summary records)', text: pct(s.medianAbsError), value: s.medianAbsError },
          { id: 'mean', label: 'mean |error| (summary records)', text: pct(s.meanAbsError), value: s.meanAbsError },
          { id: 'max', label: 'max |error| (summary records)', text: pct(s.maxAbsError), value: s.maxAbsError },
        ]}
      />
      <ChartFrame id="accuracy" title="Predicted vs measured (log-log; y = x solid, error bands dashed)" rows={rows} deps={[bands.join()]} render={(width) => accuracyChart(rows, { bands, width })} note="Outlined points count in the summary. Each record is compared in its source's own unit and definition (FLOP formula, peak basis)." />
      <SortableTable id="accuracy-rows" caption={`${rows.length} records, largest |error| first (all records; the headline counts only the ${rows.filter((r) => r.inSummary).length} in the summary, outlined in the chart)`} rows={rows} columns={columns} initialSort="error" descending limit={30} />
    </section>
  );
}
