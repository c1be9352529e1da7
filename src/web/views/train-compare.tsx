/**
 * Train, compared across chips: the same job (model, count, batch, fixed plan fields) searched on
 * each chip of `compare=` in the search worker, streamed chip by chip onto one step-time chart
 * and one table. Numbers are searchPlans' best plan per chip, as `chipbound train --chip X` finds it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Objective, SearchResult } from '../../core/search/types.js';
import type { Plan, TrainJob, TrainResult } from '../../core/train/types.js';
import { ChartFrame } from '../components/chart-frame.js';
import { SortableTable, type Column } from '../components/sortable-table.js';
import { compareStepChart } from '../charts/compare-charts.js';
import { chipLabels, compareChips } from '../lib/compare.js';
import { sig, usd } from '../lib/format.js';
import { SearchClient } from '../lib/search-client.js';
import { planText } from '../lib/train-inputs.js';
import { stepRows } from '../lib/train-rows.js';
import { route } from '../url-state.js';
import { CompareControls } from './compare-controls.js';

interface ChipRow {
  id: string;
  chip: string;
  plan: string | null;
  stepTimeSeconds: number | null;
  mfu: number | null;
  days: number | null;
  costUsd: number | null;
  note: string | null;
}

const columns: readonly Column<ChipRow>[] = [
  { key: 'chip', label: 'chip' },
  { key: 'plan', label: 'best plan' },
  { key: 'stepTimeSeconds', label: 'step s', numeric: true },
  { key: 'mfu', label: 'MFU', numeric: true, cell: (r) => (r.mfu === null ? '—' : `${(r.mfu * 100).toFixed(1)}%`) },
  { key: 'days', label: 'days', numeric: true, cell: (r) => sig(r.days) },
  { key: 'costUsd', label: 'cost', numeric: true, cell: (r) => usd(r.costUsd) },
  { key: 'note', label: 'note' },
];

export function TrainCompare({ job, fixed, objective }: { job: TrainJob; fixed: Partial<Plan>; objective: Objective }) {
  const chips = compareChips(job.chip, route.value.params.compare);
  const labels = chipLabels(chips);
  const [results, setResults] = useState<ReadonlyMap<string, { result: SearchResult<TrainResult> | null; error: string | null }>>(new Map());
  const [running, setRunning] = useState(false);
  const client = useRef<SearchClient | null>(null);
  client.current ??= new SearchClient();
  useEffect(() => () => client.current?.dispose(), []);
  const key = JSON.stringify([job.model.id, job.gpus, job.seq, job.globalBatch, job.tokens ?? null, fixed, objective, chips.map((c) => c.id)]);
  useEffect(() => {
    setResults(new Map());
    if (chips.length < 2) return;
    setRunning(true);
    const got = new Map<string, { result: SearchResult<TrainResult> | null; error: string | null }>();
    client.current!.run({ kind: 'compare', job, fixed, chips, opts: { objective } }, (m) => {
      if (m.kind === 'chip') {
        got.set(m.chip, { result: m.result as SearchResult<TrainResult> | null, error: m.error });
        setResults(new Map(got));
      } else if (m.kind === 'done' || m.kind === 'error') setRunning(false);
    });
  }, [key]);
  // Memoized so the parent's re-renders (scaling points streaming in) do not redraw the chart.
  const rows: ChipRow[] = useMemo(() => chips.map((c) => {
    const r = results.get(c.id);
    const best = r?.result?.best ?? null;
    return {
      id: c.id,
      chip: labels.get(c.id)!,
      plan: best ? planText(best.plan) : null,
      stepTimeSeconds: best?.result.stepTimeSeconds ?? null,
      mfu: best?.result.mfu ?? null,
      days: best?.result.cost?.days ?? null,
      costUsd: best?.result.cost?.costUsd ?? null,
      note: !r ? (running ? 'searching…' : null) : r.error ?? (best ? null : 'no plan fits in memory'),
    };
  }), [results, running, key]);
  const steps = useMemo(() => stepRows(chips.flatMap((c) => {
    const best = results.get(c.id)?.result?.best;
    return best ? [{ label: labels.get(c.id)!, result: best.result }] : [];
  })), [results, key]);
  return (
    <section aria-labelledby="train-compare-h" data-compare="train">
      <h2 id="train-compare-h">Compare chips for this job</h2>
      <CompareControls main={job.chip.id} />
      {chips.length > 1 ? (
        <>
          {running ? <p class="note">Searching each chip in a worker… {results.size} / {chips.length}</p> : null}
          <ChartFrame id="train-compare" title={`Step time of the best plan on each chip: ${job.model.name}, ${job.gpus.toLocaleString('en-US')} accelerators`} rows={rows} deps={[steps.length, key]} render={(width) => compareStepChart(steps, { width })} note="Each bar is a full plan search on that chip (same model, count, batch and fixed plan fields)." />
          <SortableTable id="train-compare" caption="Best plan per chip" rows={rows} columns={columns} initialSort="stepTimeSeconds" />
        </>
      ) : (
        <p class="note">Add chips (or the preset) to search this job on each and compare them on one chart.</p>
      )}
    </section>
  );
}
