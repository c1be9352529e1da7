/**
 * Design: the best accelerator specs a rule allows for a workload (core/design, the same search
 * as `chipbound design`), with threshold sliders that move the rule's lines, the Pareto chart of
 * compliant designs with H800, H20 and Ascend 910B marked, the binding constraint per design,
 * and exports (chart CSV/JSON/SVG/PNG, table CSV, the best design as a chip file).
 */
import { useMemo } from 'preact/hooks';
import { getChip, getModel } from '../../core/catalog/catalog.js';
import { builtinEnvelope } from '../../core/design/builtin.js';
import { ruleContext } from '../../core/controls/classify.js';
import type { MetricKey, RuleId } from '../../core/controls/types.js';
import type { RuleOverride } from '../../core/design/compliance.js';
import { designSearch } from '../../core/design/search.js';
import type { DesignWorkload } from '../../core/design/workload.js';
import { ChartFrame } from '../components/chart-frame.js';
import { SelectField } from '../components/fields.js';
import { SortableTable } from '../components/sortable-table.js';
import { useUrlDefaults } from '../components/use-url-defaults.js';
import { download } from '../lib/export.js';
import { param, setParams } from '../url-state.js';
import { designParetoChart, type DesignPoint } from './design-chart.js';

/** Rules the view offers, the date and the lines it lets a slider move. */
const RULE_SETUPS: Readonly<Record<string, { date: string; sliders: readonly { metric: MetricKey; label: string; min: number; max: number; step: number; enacted: number }[] }>> = {
  'us-2023-10': {
    date: '2024-06-01',
    sliders: [
      { metric: 'tpp', label: 'TPP line (3A090.a.1; the .a.2/.b TPP lines move with it)', min: 1600, max: 9600, step: 100, enacted: 4800 },
      { metric: 'pd', label: 'performance-density line (3A090.a.2; the .b PD lines move with it)', min: 1, max: 12, step: 0.1, enacted: 5.92 },
    ],
  },
  'us-2022-10': {
    date: '2023-06-01',
    sliders: [
      { metric: 'io2022GBps', label: 'I/O line, GB/s', min: 200, max: 1200, step: 25, enacted: 600 },
      { metric: 'tpp', label: 'TPP line', min: 1600, max: 9600, step: 100, enacted: 4800 },
    ],
  },
};

/** Workloads the view offers (the CLI takes any). */
const WORKLOADS: Readonly<Record<string, { label: string; make: () => DesignWorkload }>> = {
  'qwq-serve': { label: 'serve QwQ-32B, 1000 in / 8000 out, TPOT ≤ 50 ms, 8 accelerators', make: () => ({ kind: 'serve', model: getModel('qwq-32b'), gpus: 8, promptTokens: 1000, outputTokens: 8000, tpotSeconds: 0.05 }) },
  'llama8b-train': { label: 'train Llama 3.1 8B, 1T tokens, seq 8192, batch 512, 64 accelerators', make: () => ({ kind: 'train', model: getModel('llama-3.1-8b'), gpus: 64, seq: 8192, globalBatch: 512, tokens: 1e12 }) },
};

const COMPARE = ['nvidia-h800-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b'];
const SHORT: Readonly<Record<string, string>> = { 'nvidia-h800-sxm5-80gb': 'H800', 'nvidia-h20': 'H20', 'huawei-ascend-910b': 'Ascend 910B' };

export default function DesignView() {
  useUrlDefaults({ rule: 'us-2023-10', workload: 'qwq-serve' });
  const rule = (RULE_SETUPS[param('rule', 'us-2023-10')] ? param('rule', 'us-2023-10') : 'us-2023-10') as RuleId;
  const wk = WORKLOADS[param('workload', 'qwq-serve')] ? param('workload', 'qwq-serve') : 'qwq-serve';
  const setup = RULE_SETUPS[rule];
  const values = setup.sliders.map((s) => {
    const v = Number(param(`line-${s.metric}`, String(s.enacted)));
    return Number.isFinite(v) && v >= s.min && v <= s.max ? v : s.enacted;
  });
  const env = useMemo(() => {
    try {
      return builtinEnvelope();
    } catch {
      return null;
    }
  }, []);
  const result = useMemo(() => {
    if (!env) return null;
    const overrides: RuleOverride[] = setup.sliders.flatMap((s, i) => (values[i] !== s.enacted ? [{ rule, metric: s.metric, value: values[i] }] : []));
    return designSearch({
      envelope: env,
      ruleSet: { rules: [rule], ctx: ruleContext({ date: setup.date, destination: 'CN' }), overrides },
      workloads: [WORKLOADS[wk].make()],
      objective: 'pareto',
      top: 30,
      refine: 1,
      compare: COMPARE.map((id) => getChip(id)),
    });
  }, [rule, wk, ...values]);
  if (!env) return <p class="error" role="alert">The catalog has no technology envelope: run npm run catalog.</p>;
  const onFront = new Set(result?.designs.map((d) => d.chip.id));
  const bindingOf = new Map(result?.designs.map((d) => [d.chip.id, d.binding.map((b) => b.constraint).join('; ')]));
  const points: DesignPoint[] = result
    ? [
        ...result.scored.map((x) => ({ id: x.id, kind: onFront.has(x.id) ? ('front' as const) : ('design' as const), label: x.id, timeRatio: x.timeRatio, costRatio: x.costRatio, compliant: true, binding: bindingOf.get(x.id) ?? '' })),
        ...result.references.map((r) => ({ id: r.id, kind: 'real chip' as const, label: SHORT[r.id] ?? r.name, timeRatio: r.timeRatio, costRatio: r.costRatio, compliant: r.compliant, binding: '' })),
      ]
    : [];
  const rows = (result?.designs ?? []).map((d) => ({
    id: d.chip.id,
    rank: d.rank,
    bf16Tflops: d.spec.bf16Tflops,
    tpp: d.classification.tpp,
    pd: d.classification.pd,
    memoryGB: d.chip.memoryGB,
    memoryTBps: d.chip.memoryTBps,
    scaleUpGBps: d.chip.scaleUpGBps,
    timeRatio: d.timeRatio,
    costRatio: d.costRatio,
    binding: d.binding.map((b) => `${b.spec}: ${b.constraint}`).join('; '),
  }));
  const best = result?.designs[0];
  return (
    <section>
      <h1>Design under the rules</h1>
      <p>The best accelerator a rule allows for a workload, within the default technology envelope (docs/design.md). Move a line to see what it costs.</p>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="design">
        <SelectField label="Rule" name="rule" value={rule} options={Object.keys(RULE_SETUPS).map((r) => ({ value: r, label: `${r} (China, ${RULE_SETUPS[r].date})` }))} onChange={(v) => setParams({ rule: v, 'line-tpp': undefined, 'line-pd': undefined, 'line-io2022GBps': undefined })} />
        <SelectField label="Workload" name="workload" value={wk} options={Object.entries(WORKLOADS).map(([k, w]) => ({ value: k, label: w.label }))} onChange={(v) => setParams({ workload: v })} />
        {setup.sliders.map((s, i) => (
          <div class="field" key={s.metric}>
            <label for={`design-line-${s.metric}`}>
              {s.label}: <output>{values[i]}</output> (enacted {s.enacted})
            </label>
            <input id={`design-line-${s.metric}`} name={`line-${s.metric}`} type="range" min={s.min} max={s.max} step={s.step} value={values[i]} onChange={(e) => setParams({ [`line-${s.metric}`]: (e.target as HTMLInputElement).value })} />
          </div>
        ))}
      </form>
      {result ? (
        <div data-design-result>
          <p>
            Evaluated {result.counts.grid.toLocaleString('en-US')} designs: {result.counts.compliant.toLocaleString('en-US')} compliant, {result.counts.candidates} scored; {result.counts.plansEvaluated.toLocaleString('en-US')} training plans, {result.counts.deploymentsEvaluated.toLocaleString('en-US')} serving deployments.{' '}
            {best ? (
              <>
                Best: <strong data-best>{best.chip.id}</strong>, {best.timeRatio.toFixed(2)}× the unconstrained design's time.{' '}
                <button type="button" onClick={() => download(`${best.chip.id}.json`, JSON.stringify(best.chip, null, 2), 'application/json')}>
                  Download chip file
                </button>
              </>
            ) : (
              <strong>No compliant design in the envelope.</strong>
            )}
          </p>
          <ChartFrame id="design-pareto" title="Compliant designs: time against cost (Pareto front joined), real chips marked" rows={points} deps={[result]} render={(width) => designParetoChart(points, { width })} note="Hollow real chips need a licence under this rule set. Ratios are to the best the envelope can build with no rule. Real chips are priced at their catalog rental, designs by the envelope price model (docs/design.md)." />
          <SortableTable
            id="design-front"
            caption="Pareto-optimal designs and what binds each"
            rows={rows}
            columns={[
              { key: 'rank', label: '#', numeric: true },
              { key: 'bf16Tflops', label: 'BF16 TFLOPS', numeric: true },
              { key: 'tpp', label: 'TPP', numeric: true },
              { key: 'pd', label: 'PD', numeric: true },
              { key: 'memoryGB', label: 'HBM GB', numeric: true },
              { key: 'memoryTBps', label: 'TB/s', numeric: true },
              { key: 'scaleUpGBps', label: 'scale-up GB/s', numeric: true },
              { key: 'timeRatio', label: 'time ×', numeric: true },
              { key: 'costRatio', label: 'cost ×', numeric: true },
              { key: 'binding', label: 'binding' },
            ]}
            initialSort="rank"
          />
        </div>
      ) : null}
    </section>
  );
}
