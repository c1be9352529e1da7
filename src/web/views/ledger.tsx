/**
 * The efficiency ledger (`chipbound ablate --json`): what each technique buys for a training
 * job, computed by the core's ablate in the scenario worker, drawn as a waterfall.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Ledger } from '../../core/scenario/ablate.js';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { ChartFrame } from '../components/chart-frame.js';
import { SelectField, TextField } from '../components/fields.js';
import { fmtNum, SortableTable, type Column } from '../components/sortable-table.js';
import { ledgerChart, waterfallSteps } from '../charts/ledger-chart.js';
import { ScenarioClient } from '../lib/scenario-client.js';
import { parseTrainInputs } from '../lib/train-inputs.js';
import { param, setParams } from '../url-state.js';

/** Defaults: DeepSeek-V3 on 2,048 H800 (its published setup, arXiv 2412.19437 §3). */
const D = { lmodel: 'deepseek-v3', lchip: 'nvidia-h800-sxm5-80gb', lgpus: '2048', lseq: '4096', lgb: '4096', ltokens: '14.8e12' } as const;

type Row = Ledger['rows'][number] & { id: string; order: number };
const columns: readonly Column<Row>[] = [
  { key: 'technique', label: 'technique off' },
  { key: 'change', label: 'change' },
  { key: 'same', label: 'same plan, days', numeric: true, sort: (r) => r.samePlan.days, cell: (r) => (r.samePlan.days === null ? 'does not fit' : fmtNum(r.samePlan.days)) },
  { key: 'replanned', label: 're-planned, days', numeric: true, sort: (r) => r.replanned?.days ?? null, cell: (r) => fmtNum(r.replanned?.days ?? null) },
  { key: 'daysSaved', label: 'days it buys', numeric: true },
  { key: 'usdSaved', label: 'USD it buys', numeric: true },
];

export function LedgerPanel() {
  const v = (k: keyof typeof D) => param(k, D[k]);
  const inputs = useMemo(() => parseTrainInputs({ model: v('lmodel'), chip: v('lchip'), gpus: v('lgpus'), seq: v('lseq'), gb: v('lgb'), tokens: v('ltokens') }), [v('lmodel'), v('lchip'), v('lgpus'), v('lseq'), v('lgb'), v('ltokens')]);
  const [state, setState] = useState<{ ledger: Ledger | null; running: boolean; error: string | null }>({ ledger: null, running: false, error: null });
  const client = useRef<ScenarioClient | null>(null);
  client.current ??= new ScenarioClient();
  useEffect(() => () => client.current?.dispose(), []);
  const run = () => {
    if (!inputs.job) return;
    setState((s) => ({ ...s, running: true, error: null }));
    client.current!.run({ kind: 'ablate', job: inputs.job, fixed: {} }, (m) => {
      if (m.kind === 'error') setState({ ledger: null, running: false, error: m.message });
      if (m.kind === 'result') setState({ ledger: m.ledger ?? null, running: false, error: m.ledger ? null : 'no plan fits this job' });
    });
  };
  useEffect(() => {
    if (param('ledger', '') === '1') run();
  }, [JSON.stringify(inputs.job && [inputs.job.model.id, inputs.job.chip.id, inputs.job.gpus, inputs.job.seq, inputs.job.globalBatch, inputs.job.tokens])]);
  const cat = builtinCatalog();
  const e = inputs.errors;
  const steps = state.ledger ? waterfallSteps(state.ledger) : [];
  return (
    <section aria-labelledby="ledger-h" data-ledger>
      <h2 id="ledger-h">Efficiency ledger: what each technique buys</h2>
      <form class="controls" onSubmit={(ev) => { ev.preventDefault(); setParams({ ledger: '1' }); run(); }}>
        <SelectField label="Ledger model" name="lmodel" value={v('lmodel')} error={e.model} options={cat.models.map((m) => ({ value: m.id, label: m.name }))} onChange={(x) => setParams({ lmodel: x })} />
        <SelectField label="Ledger chip" name="lchip" value={v('lchip')} error={e.chip} options={cat.chips.map((c) => ({ value: c.id, label: c.name }))} onChange={(x) => setParams({ lchip: x })} />
        <TextField label="Ledger accelerators" name="lgpus" value={v('lgpus')} error={e.gpus} onInput={(x) => setParams({ lgpus: x })} />
        <TextField label="Ledger sequence" name="lseq" value={v('lseq')} error={e.seq} onInput={(x) => setParams({ lseq: x })} />
        <TextField label="Ledger global batch" name="lgb" value={v('lgb')} error={e.gb} onInput={(x) => setParams({ lgb: x })} />
        <TextField label="Ledger tokens" name="ltokens" value={v('ltokens')} error={e.tokens} onInput={(x) => setParams({ ltokens: x })} />
        <button class="primary" type="submit" disabled={state.running || !inputs.job}>{state.running ? 'Computing…' : 'Compute ledger'}</button>
      </form>
      {state.error ? <p class="error" role="alert">{state.error}</p> : null}
      {state.ledger ? (
        <div data-ledger-result>
          <p>
            Baseline: {state.ledger.baseline.days === null ? '—' : `${state.ledger.baseline.days.toFixed(1)} days`} with {state.ledger.baseline.plan.precision}, {state.ledger.baseline.plan.schedule}, recompute {state.ledger.baseline.plan.recompute}.
          </p>
          <ChartFrame id="ledger-waterfall" title="Days added by switching techniques off (re-planned), then all off together" rows={steps} render={(width) => ledgerChart(steps, { width })} note={state.ledger.notes.join(' ')} />
          <SortableTable id="ledger-rows" caption="Ledger" rows={state.ledger.rows.map((r, i) => ({ ...r, id: String(i), order: i }))} columns={columns} initialSort="order" />
        </div>
      ) : null}
    </section>
  );
}
