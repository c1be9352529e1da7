/**
 * The cheapest deployments meeting TTFT/TPOT targets: searchServing (as `chipbound infer` without
 * plan flags, with --ttft-ms/--tpot-ms) in the search worker. "use" copies a deployment into the
 * Serve form. Targets live in the URL (ttft, tpot in ms).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ServingInput } from '../../core/infer/types.js';
import type { ServingSearchResult } from '../../core/infer/search.js';
import { TextField, parsePositive } from '../components/fields.js';
import { fmtNum, SortableTable, type Column } from '../components/sortable-table.js';
import { SearchClient } from '../lib/search-client.js';
import { param, setParams } from '../url-state.js';
import { useUrlDefaults } from '../components/use-url-defaults.js';

type Row = { id: string; rank: number; gpus: number; plan: string; batch: number; ttftMs: number; tpotMs: number; perGpu: number; score: number; priced: boolean; p: { tp: number; pp: number; dp: number; ep: number } };

const columns: readonly Column<Row>[] = [
  { key: 'rank', label: '#', numeric: true },
  { key: 'gpus', label: 'chips', numeric: true },
  { key: 'plan', label: 'layout' },
  { key: 'batch', label: 'batch', numeric: true },
  { key: 'ttftMs', label: 'TTFT ms', numeric: true },
  { key: 'tpotMs', label: 'TPOT ms', numeric: true },
  { key: 'perGpu', label: 'tok/s/accelerator', numeric: true },
  { key: 'score', label: 'cost per M output (ranking)', numeric: true, cell: (r) => (r.priced ? `$${fmtNum(r.score)}` : `${fmtNum(r.score)} acc-s`) },
  {
    key: 'use',
    label: '',
    sort: () => 0,
    cell: (r) => (
      <button type="button" aria-label={`use deployment ${r.rank}`} onClick={() => setParams({ gpus: String(r.gpus), tp: String(r.p.tp), pp: String(r.p.pp), dp: String(r.p.dp), ep: String(r.p.ep), batch: String(r.batch) })}>
        use
      </button>
    ),
  },
];

export function ServeSearch({ input }: { input: ServingInput | null }) {
  const ttft = param('ttft', '');
  useUrlDefaults({ tpot: '50' });
  const tpot = param('tpot', '50');
  const et = parsePositive('TTFT target, ms', ttft, { optional: true });
  const ep = parsePositive('TPOT target, ms', tpot, { optional: true });
  const [state, setState] = useState<{ result: ServingSearchResult | null; running: boolean; error: string | null }>({ result: null, running: false, error: null });
  const client = useRef<SearchClient | null>(null);
  client.current ??= new SearchClient();
  useEffect(() => () => client.current?.dispose(), []);
  const key = input ? JSON.stringify([input.model.id, input.chip.id, input.promptTokens, input.outputTokens, input.phase, input.precision, input.kvPrecision, ttft, tpot]) : '';
  useEffect(() => {
    if (!input || et.error || ep.error) return;
    setState((s) => ({ ...s, running: true, error: null }));
    const { model, chip, promptTokens, outputTokens, phase, precision, kvPrecision } = input;
    client.current!.run(
      { kind: 'serve-search', input: { model, chip, promptTokens, outputTokens, phase, precision, kvPrecision, ttftSeconds: et.value !== null ? et.value / 1000 : undefined, tpotSeconds: ep.value !== null ? ep.value / 1000 : undefined } },
      (m) => {
        if (m.kind === 'error') setState({ result: null, running: false, error: m.message });
        if (m.kind === 'done') setState({ result: m.serving ?? null, running: false, error: null });
      },
    );
  }, [key]);
  const rows: Row[] = (state.result?.candidates ?? []).map((c, i) => ({
    id: String(i),
    rank: i + 1,
    gpus: c.result.gpus,
    plan: `tp${c.result.plan.tp} pp${c.result.plan.pp} dp${c.result.plan.dp} ep${c.result.plan.ep}`,
    batch: c.result.batch,
    ttftMs: c.result.ttftSeconds * 1000,
    tpotMs: c.result.tpotSeconds * 1000,
    perGpu: c.result.outputTokensPerSecondPerGpu,
    // The search's own objective (all accelerator time, prefill included), so the order matches the column.
    score: c.score,
    priced: c.result.usdPerGpuHour !== null,
    p: c.result.plan,
  }));
  return (
    <section aria-labelledby="serve-search-h" data-serve-search>
      <h2 id="serve-search-h">Cheapest deployment meeting latency targets</h2>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <TextField label="TTFT target, ms" name="ttft" value={ttft} error={et.error} onInput={(v) => setParams({ ttft: v })} hint="empty: no target" />
        <TextField label="TPOT target, ms" name="tpot" value={tpot} error={ep.error} onInput={(v) => setParams({ tpot: v })} hint="empty: no target" />
      </form>
      {state.running ? <p>Searching deployments in a worker…</p> : null}
      {state.error ? <p class="error" role="alert">{state.error}</p> : null}
      {state.result ? (
        rows.length ? (
          <SortableTable id="serve-search" caption={`${state.result.evaluated} deployments evaluated (1 to 64 accelerators), ${state.result.fitting} fit, ${state.result.feasible} met the targets; ranked by cost per million output tokens counting all accelerator time, prefill included`} rows={rows} columns={columns} initialSort="rank" omit={['p']} />
        ) : (
          <p class="error" role="alert" data-no-deployment>No deployment up to 64 accelerators meets the targets ({state.result.evaluated} evaluated, {state.result.fitting} fit in memory).</p>
        )
      ) : null}
    </section>
  );
}
