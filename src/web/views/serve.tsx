/**
 * Serve: one deployment predicted by evaluateServing (the `chipbound infer --json` object, with
 * the equivalent command shown), and the latency/throughput/cost trade-off over batch sizes,
 * each point another evaluateServing call.
 */
import { useMemo } from 'preact/hooks';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { ChipboundError } from '../../core/errors.js';
import { evaluateServing } from '../../core/infer/evaluate.js';
import type { ServingResult } from '../../core/infer/types.js';
import { ChartFrame } from '../components/chart-frame.js';
import { SelectField, TextField } from '../components/fields.js';
import { Kpis, sig } from '../components/kpis.js';
import { fmtNum, SortableTable, type Column } from '../components/sortable-table.js';
import { costChart, latencyChart, tradeoffChart, type ServePoint } from '../charts/serve-charts.js';
import { batchSweep, inferCommand, KV_PRECISIONS, parseServeInputs, PHASES, SERVE_DEFAULTS, WEIGHT_PRECISIONS } from '../lib/serve-inputs.js';
import { route, setParams } from '../url-state.js';
import { ServeSearch } from './serve-search.js';
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

function point(r: ServingResult, chosenBatch: number): ServePoint {
  return { batch: r.batch, perGpu: r.outputTokensPerSecondPerGpu, perUser: r.tpotSeconds > 0 ? 1 / r.tpotSeconds : 0, ttftMs: r.ttftSeconds * 1000, tpotMs: r.tpotSeconds * 1000, usdPerMillionOut: r.costPerMillionOutputTokensUsd, chosen: r.batch === chosenBatch };
}

export default function ServeView() {
  const p = route.value.params;
  useUrlDefaults(SERVE_DEFAULTS);
  const { input, errors } = useMemo(() => parseServeInputs(p), [JSON.stringify(p)]);
  const out = useMemo(() => {
    if (!input) return null;
    try {
      const result = evaluateServing(input);
      const sweep = result.maxBatch >= 1 ? batchSweep(input, result.maxBatch).filter((r) => r.fits) : [];
      return { result, sweep, error: null };
    } catch (e) {
      return { result: null, sweep: [], error: e instanceof ChipboundError ? e.message : String(e) };
    }
  }, [input]);
  const cat = builtinCatalog();
  const v = (k: keyof typeof SERVE_DEFAULTS) => p[k] ?? SERVE_DEFAULTS[k];
  const set = (k: string) => (x: string) => setParams({ [k]: x });
  const r = out?.result ?? null;
  const points = r ? out!.sweep.map((s) => point(s, r.batch)) : [];
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
      {r && input ? (
        <div data-serve-result>
          <p class="note">
            Same numbers as <code data-cli>{inferCommand(input)}</code>
          </p>
          {!r.fits ? <p class="error" role="alert">Does not fit: {r.issue?.code === 'exceeds_memory' ? `weights need ${r.issue.needGiB.toFixed(1)} GiB of ${r.issue.haveGiB.toFixed(1)} GiB per accelerator` : `batch ${r.batch} exceeds the largest that fits (${r.maxBatch})`}.</p> : null}
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
          <div class="grid2">
            <ChartFrame id="serve-tradeoff" title="Throughput vs interactivity over batch sizes" rows={points} render={(width) => tradeoffChart(points, { width })} note="Orange: the chosen batch." />
            <ChartFrame id="serve-latency" title="Latency vs batch" rows={points} render={(width) => latencyChart(points, { width })} />
            <ChartFrame id="serve-cost" title="Cost per million output tokens vs batch" rows={points} render={(width) => costChart(points, { width })} note={r.usdPerGpuHour === null ? 'No price in the chip entry.' : `At $${r.usdPerGpuHour}/accelerator-hour.`} />
          </div>
          <SortableTable id="serve-sweep" caption="Batch sweep" rows={points.map((x) => ({ ...x, id: String(x.batch) }))} columns={columns} initialSort="batch" />
        </div>
      ) : null}
      <ServeSearch input={input} />
    </section>
  );
}
