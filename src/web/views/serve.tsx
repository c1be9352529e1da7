/**
 * Serve: one deployment predicted by evaluateServing (the `chipbound infer --json` object, with
 * the equivalent command shown), and the latency/throughput/cost trade-off over batch sizes,
 * each point another evaluateServing call.
 */
import { useMemo } from 'preact/hooks';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { ChipboundError } from '../../core/errors.js';
import { evaluateServing } from '../../core/infer/evaluate.js';
import type { ServingInput, ServingResult } from '../../core/infer/types.js';
import { LaunchConfigPanel } from '../components/launch-config.js';
import { serveEmitters } from '../../core/emit/emit.js';
import { serveLaunchInput } from '../../core/emit/inputs.js';
import { serveTargets } from '../../core/emit/types.js';
import { ChartFrame } from '../components/chart-frame.js';
import { SelectField, TextField } from '../components/fields.js';
import { Kpis, sig } from '../components/kpis.js';
import { fmtNum, SortableTable, type Column } from '../components/sortable-table.js';
import { costChart, latencyChart, tradeoffChart, type ServePoint } from '../charts/serve-charts.js';
import { batchForTarget, infeasibleReason } from '../lib/serve-feasibility.js';
import { batchSweep, inferCommand, KV_PRECISIONS, parseServeInputs, PHASES, SERVE_DEFAULTS, WEIGHT_PRECISIONS } from '../lib/serve-inputs.js';
import { route, setParams } from '../url-state.js';
import { ServeSearch } from './serve-search.js';
import { CompareControls, EngineControls } from './compare-controls.js';
import { engineSweeps } from '../lib/engine-sweeps.js';
import { servingCompareChart, type ServingPoint } from '../charts/compare-charts.js';
import { chipLabels, compareChips, compareEngines } from '../lib/compare.js';
import { SERIES_COLORS } from '../charts/compare-charts.js';
import { useUrlDefaults } from '../components/use-url-defaults.js';

const usd = (v: number | null) => (v === null ? '—' : `$${v < 10 ? v.toFixed(3) : v.toFixed(2)}`);
const ms = (s: number) => sig(s * 1000, ' ms');

const columns: readonly Column<ServePoint & { id: string }>[] = [
  { key: 'batch', label: 'batch', numeric: true },
  { key: 'ttftMs', label: 'TTFT ms', numeric: true },
  { key: 'tpotMs', label: 'TPOT ms', numeric: true },
  { key: 'perUser', label: 'tok/s/user', numeric: true },
  { key: 'perGpu', label: 'tok/s/accelerator', numeric: true },
  { key: 'usdPerMillionOut', label: '$/M output', numeric: true, cell: (r) => (r.usdPerMillionOut === null ? '—' : fmtNum(r.usdPerMillionOut)) },
];

/**
 * Each compared chip's batch sweep at the view's layout and workload (powers of two up to the
 * largest batch that fits, as batchSweep), or why it has none.
 */
export function compareSweeps(input: ServingInput, compare: string | undefined): { points: ServingPoint[]; notes: string[] } {
  const chips = compareChips(input.chip, compare);
  const labels = chipLabels(chips);
  const points: ServingPoint[] = [];
  const notes: string[] = [];
  for (const chip of chips) {
    const label = labels.get(chip.id)!;
    try {
      const { batch: _b, ...rest } = input;
      const free = evaluateServing({ ...rest, chip });
      if (free.maxBatch < 1) {
        notes.push(`${label}: does not fit (${infeasibleReason(free)})`);
        continue;
      }
      for (const r of batchSweep({ ...rest, chip }, free.maxBatch)) if (r.fits) points.push({ chip: label, batch: r.batch, perUser: r.tpotSeconds > 0 ? 1 / r.tpotSeconds : 0, perGpu: r.outputTokensPerSecondPerGpu, tpotMs: r.tpotSeconds * 1000, ttftMs: r.ttftSeconds * 1000 });
    } catch (e) {
      notes.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { points, notes };
}

function point(r: ServingResult, chosenBatch: number): ServePoint {
  return { batch: r.batch, perGpu: r.outputTokensPerSecondPerGpu, perUser: r.tpotSeconds > 0 ? 1 / r.tpotSeconds : 0, ttftMs: r.ttftSeconds * 1000, tpotMs: r.tpotSeconds * 1000, usdPerMillionOut: r.costPerMillionOutputTokensUsd, chosen: r.batch === chosenBatch };
}

export default function ServeView() {
  const p = route.value.params;
  useUrlDefaults(SERVE_DEFAULTS);
  const { input, errors } = useMemo(() => parseServeInputs(p), [JSON.stringify(p)]);
  const tpotTarget = Number(p.tpot ?? '50');
  const target = Number.isFinite(tpotTarget) && tpotTarget > 0 ? tpotTarget : null;
  const out = useMemo(() => {
    if (!input) return null;
    try {
      const free = evaluateServing(input);
      // No batch given: open on the largest batch that meets the page's TPOT target.
      const auto = input.batch === undefined && free.maxBatch >= 1 ? batchForTarget(input, free.maxBatch, target) : null;
      const shown = auto ? { ...input, batch: auto.batch } : input;
      const result = auto ? evaluateServing(shown) : free;
      const sweep = result.maxBatch >= 1 ? batchSweep(input, result.maxBatch).filter((r) => r.fits) : [];
      // The batch on screen is a point of the sweep too (it is marked on the charts).
      if (result.fits && !sweep.some((r) => r.batch === result.batch)) {
        const at = sweep.findIndex((r) => r.batch > result.batch);
        sweep.splice(at < 0 ? sweep.length : at, 0, result);
      }
      return { result, shown, auto, sweep, error: null };
    } catch (e) {
      return { result: null, shown: input, auto: null, sweep: [], error: e instanceof ChipboundError ? e.message : String(e) };
    }
  }, [input, target]);
  const cat = builtinCatalog();
  const v = (k: keyof typeof SERVE_DEFAULTS) => p[k] ?? SERVE_DEFAULTS[k];
  const set = (k: string) => (x: string) => setParams({ [k]: x });
  const r = out?.result ?? null;
  const points = r ? out!.sweep.map((s) => point(s, r.batch)) : [];
  const compared = useMemo(() => {
    if (!input) return { points: [], notes: [], commands: [] };
    const chips = compareSweeps(input, p.compare);
    // Engine series (engines=) on the view's chip and layout; at most as many series as colours.
    const room = SERIES_COLORS.length - compareChips(input.chip, p.compare).length;
    const all = compareEngines(p.engines).ids;
    const engines = all.slice(0, Math.max(0, room));
    const e = engineSweeps(input, engines, target, chipLabels([input.chip]).get(input.chip.id)!);
    const dropped = all.length > engines.length ? [`At most ${SERIES_COLORS.length} series on one chart: ${all.slice(engines.length).join(', ')} not drawn.`] : [];
    return { points: [...chips.points, ...e.points], notes: [...chips.notes, ...e.notes, ...dropped], commands: e.commands };
  }, [input, p.compare, p.engines, target]);
  return (
    <section>
      <h1>Serve</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="serve">
        <SelectField label="Model" name="model" value={v('model')} error={errors.model} options={cat.models.map((m) => ({ value: m.id, label: m.name }))} onChange={set('model')} />
        <SelectField label="Chip" name="chip" value={v('chip')} error={errors.chip} options={cat.chips.map((c) => ({ value: c.id, label: c.name }))} onChange={set('chip')} />
        <TextField label="Accelerators" name="gpus" value={v('gpus')} error={errors.gpus} onInput={set('gpus')} />
        <TextField label="tp" name="tp" value={v('tp')} error={errors.tp} onInput={set('tp')} />
        <TextField label="pp" name="pp" value={v('pp')} error={errors.pp} onInput={set('pp')} />
        <TextField label="dp" name="dp" value={v('dp')} error={errors.dp} onInput={set('dp')} />
        <TextField label="ep" name="ep" value={v('ep')} error={errors.ep} onInput={set('ep')} />
        <TextField label="Batch (empty = largest that fits)" name="batch" value={p.batch ?? ''} error={errors.batch} onInput={set('batch')} />
        <TextField label="Prompt tokens" name="prompt" value={v('prompt')} error={errors.prompt} onInput={set('prompt')} />
        <TextField label="Output tokens" name="output" value={v('output')} error={errors.output} onInput={set('output')} />
        <SelectField label="Phase" name="phase" value={v('phase')} error={errors.phase} options={PHASES.map((x) => ({ value: x, label: x }))} onChange={set('phase')} />
        <SelectField label="Weights" name="precision" value={v('precision')} error={errors.precision} options={WEIGHT_PRECISIONS.map((x) => ({ value: x, label: x }))} onChange={set('precision')} />
        <SelectField label="KV cache" name="kv" value={v('kv')} error={errors.kv} options={KV_PRECISIONS.map((x) => ({ value: x, label: x }))} onChange={set('kv')} />
      </form>
      {Object.keys(errors).length ? <p class="error" role="alert" data-invalid>Fix the highlighted inputs: {Object.values(errors).join('; ')}</p> : null}
      {out?.error ? <p class="error" role="alert">{out.error}</p> : null}
      {r && input && !r.fits ? (
        <div class="error" role="alert" data-infeasible>
          <strong class="infeasible">Infeasible</strong>: {infeasibleReason(r)}
          <p class="note">
            Same verdict as <code data-cli>{inferCommand(out!.shown)}</code>
          </p>
        </div>
      ) : null}
      {r && input && r.fits ? (
        <div data-serve-result>
          <p class="note">
            Same numbers as <code data-cli>{inferCommand(out!.shown)}</code>
          </p>
          {out?.auto ? (
            <p class="note" data-batch-choice>
              {out.auto.met ? `Batch ${r.batch.toLocaleString('en-US')}: the largest that meets the TPOT target of ${target} ms (the largest that fits is ${r.maxBatch.toLocaleString('en-US')}).` : `No batch meets the TPOT target of ${target} ms; showing batch 1 (the largest that fits is ${r.maxBatch.toLocaleString('en-US')}).`}
            </p>
          ) : null}
          <Kpis
            items={[
              { id: 'batch', label: `batch (max ${r.maxBatch})`, text: String(r.batch), value: r.batch },
              { id: 'ttft', label: 'time to first token', text: ms(r.ttftSeconds), value: r.ttftSeconds },
              { id: 'tpot', label: 'time per output token', text: ms(r.tpotSeconds), value: r.tpotSeconds },
              { id: 'e2e', label: 'end-to-end, s', text: sig(r.e2eSeconds), value: r.e2eSeconds },
              { id: 'out', label: 'output tok/s per accelerator', text: sig(r.outputTokensPerSecondPerGpu), value: r.outputTokensPerSecondPerGpu },
              { id: 'usdout', label: 'per million output tokens', text: usd(r.costPerMillionOutputTokensUsd), value: r.costPerMillionOutputTokensUsd },
              { id: 'usdin', label: 'per million input tokens', text: usd(r.costPerMillionInputTokensUsd), value: r.costPerMillionInputTokensUsd },
              { id: 'joules', label: 'J per output token', text: sig(r.joulesPerOutputToken), value: r.joulesPerOutputToken },
            ]}
          />
          {r.notes.length ? <p class="note">{r.notes.join(' ')}</p> : null}
          <LaunchConfigPanel id="serve" targets={serveTargets} emit={(t) => serveEmitters[t](serveLaunchInput(input.model, r, { speculative: input.speculative, gpusPerNode: input.gpusPerNode, chipDomain: input.chip.scaleUpDomain }))} deps={[r]} />
          <div class="grid2">
            <ChartFrame id="serve-tradeoff" title="Throughput vs interactivity over batch sizes" rows={points} render={(width) => tradeoffChart(points, { width })} note="Orange: the chosen batch." />
            <ChartFrame id="serve-latency" title="Latency vs batch" rows={points} scaleSwitch={{ initialLog: true }} render={(width, view) => latencyChart(points, { width, log: view.log })} />
            <ChartFrame id="serve-cost" title="Cost per million output tokens vs batch" rows={points} scaleSwitch={{ initialLog: true }} render={(width, view) => costChart(points, { width, log: view.log })} note={r.usdPerGpuHour === null ? 'No price in the chip entry.' : `At $${r.usdPerGpuHour}/accelerator-hour.`} />
          </div>
          <h2>Throughput per accelerator against interactivity{compared.points.length && new Set(compared.points.map((x) => x.chip)).size > 1 ? `, ${compared.commands.length ? 'chips and engines' : 'chips'} compared` : ''}</h2>
          <CompareControls main={input.chip.id} />
          <EngineControls />
          <ChartFrame
            id="serve-pareto"
            title={`Output tokens/s per accelerator vs tokens/s per user: ${input.model.name}, ${input.gpus} accelerators, tp${input.plan.tp} pp${input.plan.pp ?? 1} dp${input.plan.dp ?? 1}`}
            rows={compared.points}
            deps={[target]}
            scaleSwitch={{ initialLog: false }}
            render={(width, view) => servingCompareChart(compared.points, target, { width, log: view.log })}
            note={`Dots: batch sizes (powers of two up to the largest that fits); lines: each chip's Pareto front; dashed red: the TPOT target${target !== null ? ` (${target} ms, i.e. ${(1000 / target).toFixed(0)} tok/s per user)` : ''}.${compared.commands.length ? ' Engine series (dashed fronts): the request-rate sweep of the server scenario under that engine profile, per user = 1 / p99 TPOT.' : ''}${compared.notes.length ? ` ${compared.notes.join(' ')}` : ''}`}
          />
          {compared.commands.length ? (
            <ul class="note" data-engine-commands>
              {compared.commands.map((c) => (
                <li>
                  {c.label}: same sweep as <code data-cli-engine>{c.command}</code>
                </li>
              ))}
            </ul>
          ) : null}
          <SortableTable id="serve-sweep" caption="Batch sweep" rows={points.map((x) => ({ ...x, id: String(x.batch) }))} columns={columns} initialSort="batch" />
        </div>
      ) : null}
      <ServeSearch input={input} />
    </section>
  );
}
