/** The Train view's results: headline numbers, charts and the table of the best plans. */
import { useMemo } from 'preact/hooks';
import type { Candidate, SearchResult } from '../../core/search/types.js';
import type { TrainResult } from '../../core/train/types.js';
import { ChartFrame } from '../components/chart-frame.js';
import { Kpis, sig, usd } from '../components/kpis.js';
import { SortableTable, type Column } from '../components/sortable-table.js';
import { memoryChart, scalingChart, stepChart, type ScalingPoint } from '../charts/train-charts.js';
import { planText, planToParams, trainCommand } from '../lib/train-inputs.js';
import type { TrainJob } from '../../core/train/types.js';
import type { Plan } from '../../core/train/types.js';
import { defaultPlan, prepareJob, validatePlan } from '../../core/train/evaluate.js';
import { memoryRows, stepRows } from '../lib/train-rows.js';
import { setParams } from '../url-state.js';
import { LaunchConfigPanel } from '../components/launch-config.js';
import { trainEmitters } from '../../core/emit/emit.js';
import { trainLaunchInput } from '../../core/emit/inputs.js';
import { trainTargets } from '../../core/emit/types.js';
import { uncertaintyBand } from '../../core/train/uncertainty.js';
import { familyOf } from '../../core/train/calibration.js';

type TopRow = { id: string; rank: number; plan: string; stepTimeSeconds: number; mfu: number; tokensPerSecond: number; peakGiB: number; days: number | null; costUsd: number | null; candidate: Candidate<TrainResult> };

const columns: readonly Column<TopRow>[] = [
  { key: 'rank', label: '#', numeric: true },
  { key: 'plan', label: 'plan' },
  { key: 'stepTimeSeconds', label: 'step s', numeric: true },
  { key: 'mfu', label: 'MFU', numeric: true, cell: (r) => `${(r.mfu * 100).toFixed(1)}%` },
  { key: 'tokensPerSecond', label: 'tokens/s', numeric: true },
  { key: 'peakGiB', label: 'GiB/chip', numeric: true },
  { key: 'days', label: 'days', numeric: true },
  { key: 'costUsd', label: 'cost', numeric: true, cell: (r) => usd(r.costUsd) },
  {
    key: 'use',
    label: '',
    sort: () => 0,
    cell: (r) => (
      <button type="button" aria-label={`use plan ${r.rank}`} onClick={() => setParams(planToParams(r.candidate.plan))}>
        use
      </button>
    ),
  },
];

/**
 * Why a search found no plan, in the CLI's words (cli/commands/train-search.ts searchText): no
 * candidate at all, every candidate rejected by the core's validatePlan (its reason, for one
 * example plan), or none within the memory limit.
 */
export function noPlanReason(result: SearchResult<TrainResult>, job: TrainJob, headroom: number, fixed: Partial<Plan> = {}): string {
  const s = result.stats;
  // The fixed fields alone, completed with the CLI's defaults, and the core's verdict on them.
  const why = s.space === 0 ? validatePlan(prepareJob(job), defaultPlan(prepareJob(job), fixed)) : null;
  const counts = `${s.space.toLocaleString('en-US')} plans in the space, ${s.evaluated.toLocaleString('en-US')} evaluated, ${s.invalid.toLocaleString('en-US')} invalid, ${s.skipped.toLocaleString('en-US')} over the memory bounds, ${s.pruned.toLocaleString('en-US')} ruled out by the step-time bound.`;
  if (s.space === 0) return `No candidate plan: with the fixed fields, ${job.gpus} chips and global batch ${job.globalBatch} admit no tp·pp·dp·cp split (docs/search.md)${why ? `: ${why}` : ''}. Clear or change the fixed plan fields. ${counts}`;
  if (s.invalid === s.evaluated && s.invalid > 0 && result.invalidExample) return `No valid plan: every candidate was rejected, e.g. ${planText(result.invalidExample.plan)}: ${result.invalidExample.reason}. ${counts}`;
  return `No plan fits ${job.model.name} on ${job.gpus} × ${job.chip.name} within ${Math.round((1 - headroom) * 100)}% of memory: ${counts} Add accelerators, shorten the sequence, or fix fewer plan fields.`;
}

export function TrainResults({ result, scaling, job, headroom, custom = { model: false, chip: false }, fixed = {} }: { result: SearchResult<TrainResult>; scaling: readonly ScalingPoint[]; job: TrainJob; headroom: number; custom?: { model: boolean; chip: boolean }; fixed?: Partial<Plan> }) {
  const gpus = job.gpus;
  // Memoized on the result, so scaling points streaming in do not redraw these charts.
  const { steps, mems } = useMemo(() => {
    const top = result.top.map((cand, i) => ({ label: `#${i + 1} ${planText(cand.plan)}`, result: cand.result }));
    return { steps: stepRows(top), mems: memoryRows(top) };
  }, [result]);
  const best = result.best;
  if (!best) {
    return (
      <div class="error" role="alert" data-no-plan>
        {noPlanReason(result, job, headroom, fixed)}
      </div>
    );
  }
  const r = best.result;
  const c = r.cost;
  const band = uncertaintyBand(familyOf(job.chip), r);
  const rows: TopRow[] = result.top.map((cand, i) => ({
    id: String(i),
    rank: i + 1,
    plan: planText(cand.plan),
    stepTimeSeconds: cand.result.stepTimeSeconds,
    mfu: cand.result.mfu,
    tokensPerSecond: cand.result.tokensPerSecond,
    peakGiB: cand.result.memory.peakGiB,
    days: cand.result.cost?.days ?? null,
    costUsd: cand.result.cost?.costUsd ?? null,
    candidate: cand,
  }));
  return (
    <div data-train-result>
      <p>
        Best plan: <strong data-best-plan>{planText(best.plan)}</strong> ({result.stats.space.toLocaleString('en-US')} plans in the space, {result.stats.timed.toLocaleString('en-US')} timed, {result.stats.seconds.toFixed(2)} s)
      </p>
      <Kpis
        items={[
          { id: 'step', label: 'seconds per step', text: sig(r.stepTimeSeconds, ' s'), value: r.stepTimeSeconds },
          { id: 'tps', label: 'tokens/s (job)', text: sig(r.tokensPerSecond), value: r.tokensPerSecond },
          { id: 'mfu', label: 'MFU', text: `${(r.mfu * 100).toFixed(1)}%`, value: r.mfu },
          { id: 'mem', label: `GiB per chip (of ${r.memory.capacityGiB.toFixed(0)})`, text: sig(r.memory.peakGiB), value: r.memory.peakGiB },
          { id: 'days', label: 'days', text: sig(c?.days ?? null), value: c?.days ?? null },
          { id: 'gpuh', label: 'accelerator-hours', text: sig(c?.gpuHours ?? null), value: c?.gpuHours ?? null },
          { id: 'cost', label: 'cost', text: usd(c?.costUsd), value: c?.costUsd ?? null },
          { id: 'energy', label: 'energy, MWh', text: sig(c?.energyMWh ?? null), value: c?.energyMWh ?? null },
        ]}
      />
      {band ? (
        <p class="note" data-band data-step-lo={band.stepTimeSeconds[0]} data-step-hi={band.stepTimeSeconds[1]}>
          Uncertainty ({band.family}, {band.basis}): step {sig(band.stepTimeSeconds[0], ' s')} to {sig(band.stepTimeSeconds[1], ' s')}, MFU {(band.mfu[0] * 100).toFixed(1)}% to {(band.mfu[1] * 100).toFixed(1)}%.
        </p>
      ) : (
        <p class="note" data-band>Uncertainty: no validated run to estimate it from.</p>
      )}
      <p class="note">
        Same numbers as <code data-cli>{trainCommand(job, best.plan, custom.model ? `${job.model.id}.json` : undefined, custom.chip ? `${job.chip.id}.json` : undefined)}</code>
        {custom.model || custom.chip ? ` (save the ${[custom.model ? 'model' : '', custom.chip ? 'chip' : ''].filter(Boolean).join(' and ')} JSON under that name)` : ''}
      </p>
      {c ? <p class="note">Cost: {c.costBasis}. {c.assumptions.join(' ')}</p> : null}
      <LaunchConfigPanel id="train" targets={trainTargets} emit={(t) => trainEmitters[t](trainLaunchInput(job, best.plan))} deps={[job, best.plan]} />
      <div class="grid2">
        <ChartFrame id="train-step" title="Step time by part (critical path)" rows={steps} render={(width) => stepChart(steps, { width })} />
        <ChartFrame id="train-memory" title="Memory per accelerator" rows={mems} deps={[r.memory.capacityGiB, headroom]} render={(width) => memoryChart(mems, r.memory.capacityGiB, r.memory.capacityGiB * (1 - headroom), { width })} note="Solid line: capacity; dashed: the search's limit (10% kept free)." />
      </div>
      <ChartFrame
        id="train-scaling"
        title="Scaling: best plan at each chip count"
        rows={scaling}
        deps={[gpus]}
        render={(width) => scalingChart(scaling, gpus, { width })}
        note={scaling.length ? 'Each point is a full search at that count (dp searched).' : 'Searching other chip counts…'}
      />
      <SortableTable id="train-top" caption="Best plans (click “use” to fix a plan and edit it)" rows={rows} columns={columns} initialSort="rank" omit={['candidate']} />
    </div>
  );
}
