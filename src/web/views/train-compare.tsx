/**
 * Train, compared: the same job (model, count, batch, fixed plan fields) searched for each series
 * of the comparison in the search worker, streamed series by series onto one step-time chart and
 * one table. A series is another chip (`compare=`), another framework profile (`compare-fw=`, as
 * `chipbound train --framework`) or other fixed plan fields (`compare-plan=`, plan notation as
 * `chipbound train --plan`). Numbers are searchPlans' best plan per series, as the CLI finds it;
 * each row carries the `chipbound train` command that evaluates that plan.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Objective, SearchResult } from '../../core/search/types.js';
import type { Plan, TrainJob, TrainResult } from '../../core/train/types.js';
import { ChartFrame } from '../components/chart-frame.js';
import { SortableTable, type Column } from '../components/sortable-table.js';
import { compareStepChart } from '../charts/compare-charts.js';
import { trainSeries } from '../lib/compare.js';
import { sig, usd } from '../lib/format.js';
import { SearchClient } from '../lib/search-client.js';
import { planText, trainCommand } from '../lib/train-inputs.js';
import { stepRows } from '../lib/train-rows.js';
import { route } from '../url-state.js';
import { CompareControls, TrainSeriesControls } from './compare-controls.js';

interface SeriesRow {
  id: string;
  series: string;
  chip: string;
  framework: string;
  plan: string | null;
  stepTimeSeconds: number | null;
  mfu: number | null;
  days: number | null;
  costUsd: number | null;
  note: string | null;
  command: string | null;
}

const columns: readonly Column<SeriesRow>[] = [
  { key: 'series', label: 'series' },
  { key: 'plan', label: 'best plan' },
  { key: 'stepTimeSeconds', label: 'step s', numeric: true },
  { key: 'mfu', label: 'MFU', numeric: true, cell: (r) => (r.mfu === null ? '—' : `${(r.mfu * 100).toFixed(1)}%`) },
  { key: 'days', label: 'days', numeric: true, cell: (r) => sig(r.days) },
  { key: 'costUsd', label: 'cost', numeric: true, cell: (r) => usd(r.costUsd) },
  { key: 'note', label: 'note' },
];

type Got = ReadonlyMap<string, { result: SearchResult<TrainResult> | null; error: string | null }>;

/** `customModel`: the job's model is user-defined (the commands then name its saved JSON file, as the Train view's). */
export function TrainCompare({ job, fixed, objective, customModel = false }: { job: TrainJob; fixed: Partial<Plan>; objective: Objective; customModel?: boolean }) {
  const params = route.value.params;
  const series = trainSeries(job, fixed, params);
  const [results, setResults] = useState<Got>(new Map());
  const [running, setRunning] = useState(false);
  const client = useRef<SearchClient | null>(null);
  client.current ??= new SearchClient();
  useEffect(() => () => client.current?.dispose(), []);
  const key = JSON.stringify([job.model.id, job.gpus, job.seq, job.globalBatch, job.tokens ?? null, fixed, objective, series.map((s) => [s.key, s.chip.id, s.framework, s.fixed])]);
  useEffect(() => {
    setResults(new Map());
    if (series.length < 2) return;
    setRunning(true);
    const got = new Map<string, { result: SearchResult<TrainResult> | null; error: string | null }>();
    const wire = series.map(({ key: k, chip, framework, fixed: f }) => ({ key: k, chip, framework, fixed: f }));
    client.current!.run({ kind: 'compare', job, series: wire, opts: { objective } }, (m) => {
      if (m.kind === 'series') {
        got.set(m.key, { result: m.result as SearchResult<TrainResult> | null, error: m.error });
        setResults(new Map(got));
      } else if (m.kind === 'done' || m.kind === 'error') setRunning(false);
    });
  }, [key]);
  // Memoized so the parent's re-renders (scaling points streaming in) do not redraw the chart.
  const rows: SeriesRow[] = useMemo(() => series.map((s) => {
    const r = results.get(s.key);
    const best = r?.result?.best ?? null;
    return {
      id: s.key,
      series: s.label,
      chip: s.chip.id,
      framework: s.framework,
      plan: best ? planText(best.plan) : null,
      stepTimeSeconds: best?.result.stepTimeSeconds ?? null,
      mfu: best?.result.mfu ?? null,
      days: best?.result.cost?.days ?? null,
      costUsd: best?.result.cost?.costUsd ?? null,
      note: !r ? (running ? 'searching…' : null) : r.error ?? (best ? null : 'no plan fits in memory'),
      command: best ? trainCommand({ ...job, chip: s.chip, framework: s.framework }, best.plan, customModel ? `${job.model.id}.json` : undefined) : null,
    };
  }), [results, running, key]);
  const steps = useMemo(() => stepRows(series.flatMap((s) => {
    const best = results.get(s.key)?.result?.best;
    return best ? [{ label: s.label, result: best.result }] : [];
  })), [results, key]);
  const what = [...new Set(series.slice(1).map((s) => s.kind))].map((k) => ({ chip: 'chips', framework: 'frameworks', plan: 'plans', view: '' })[k]).join(', ');
  return (
    <section aria-labelledby="train-compare-h" data-compare="train">
      <h2 id="train-compare-h">Compare chips, frameworks and plans for this job</h2>
      <CompareControls main={job.chip.id} />
      <TrainSeriesControls framework={series[0]!.framework} />
      {series.length > 1 ? (
        <>
          {running ? <p class="note">Searching each series in a worker… {results.size} / {series.length}</p> : null}
          <ChartFrame id="train-compare" title={`Step time of the best plan per series (${what}): ${job.model.name}, ${job.gpus.toLocaleString('en-US')} accelerators`} rows={rows} deps={[steps.length, key]} render={(width) => compareStepChart(steps, { width })} note="Each bar is a full plan search for that series (same model, count and batch; the series' chip, framework and fixed plan fields)." />
          <SortableTable id="train-compare" caption="Best plan per series" rows={rows} columns={columns} initialSort="stepTimeSeconds" />
        </>
      ) : (
        <p class="note">Add chips (or the preset), frameworks or plans to search this job for each and compare them on one chart.</p>
      )}
    </section>
  );
}
