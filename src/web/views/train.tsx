/**
 * Train: pick a model, chip and count; the best plans come from searchPlans in a Web Worker
 * (the page never blocks), the scaling curve from one search per chip count. The numbers are
 * the TrainResult objects of core/train/evaluate.ts, as `chipbound train --json` prints them.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchResult } from '../../core/search/types.js';
import type { Plan, TrainJob, TrainResult } from '../../core/train/types.js';
import type { ScalingPoint } from '../charts/train-charts.js';
import { SearchClient } from '../lib/search-client.js';
import { parseTrainInputs, planText, scalingCounts, TRAIN_DEFAULTS } from '../lib/train-inputs.js';
import { lastChangeAt, objectParam, route } from '../url-state.js';
import { parseCustomChip, parseCustomModel } from '../lib/custom-model.js';
import { useUrlDefaults } from '../components/use-url-defaults.js';
import { TrainForm } from './train-form.js';
import { TrainResults } from './train-results.js';
import { TrainCompare } from './train-compare.js';

/** Search state: the last result stays on screen while a new search runs. */
interface Status {
  readonly result: SearchResult<TrainResult> | null;
  /** The job `result` answers (the inputs may already have moved on while a new search runs). */
  readonly job: TrainJob | null;
  /** The fixed plan fields of that search. */
  readonly fixed?: Partial<Plan>;
  /** Whether that job's model and chip were user-defined. */
  readonly custom: { readonly model: boolean; readonly chip: boolean };
  readonly running: { done: number; total: number } | null;
  readonly error: string | null;
  /** The user stopped the search (the results area says so and offers a restart). */
  readonly cancelled?: boolean;
}

const EMPTY: Status = { result: null, job: null, custom: { model: false, chip: false }, running: null, error: null };

/** Memory kept free by the search (core default). */
const HEADROOM = 0.1;

export default function TrainView() {
  const p = route.value.params;
  const customText = objectParam<string>('cm');
  const chipText = objectParam<string>('cc');
  const custom = useMemo(() => (customText === null ? null : parseCustomModel(customText)), [customText]);
  const customChip = useMemo(() => (chipText === null ? null : parseCustomChip(chipText)), [chipText]);
  const inputs = useMemo(() => {
    const r = parseTrainInputs(p, custom?.model ?? null, customChip?.chip ?? null);
    const errors = { ...r.errors, ...(custom?.error ? { model: custom.error } : {}), ...(customChip?.error ? { chip: customChip.error } : {}) };
    return custom?.error || customChip?.error ? { ...r, job: null, errors } : r;
  }, [JSON.stringify(p), custom, customChip]);
  const [status, setStatus] = useState<Status>(EMPTY);
  // Bumped by "Search again" / "Search all": reruns the search for unchanged inputs.
  const [runs, setRuns] = useState(0);
  const [scaling, setScaling] = useState<ScalingPoint[]>([]);
  const started = useRef(0);
  const [updateMs, setUpdateMs] = useState<number | null>(null);
  const clients = useRef<{ main: SearchClient; sweep: SearchClient } | null>(null);
  clients.current ??= { main: new SearchClient(), sweep: new SearchClient() };
  useUrlDefaults(TRAIN_DEFAULTS);
  useEffect(() => {
    return () => {
      clients.current?.main.dispose();
      clients.current?.sweep.dispose();
    };
  }, []);
  const key = JSON.stringify([inputs.job && { ...inputs.job, model: customText ?? inputs.job.model.id, chip: chipText ?? inputs.job.chip.id }, inputs.fixed, inputs.objective]);
  useEffect(() => {
    const { job, fixed, objective } = inputs;
    const isCustom = { model: custom !== null, chip: customChip !== null };
    const c = clients.current;
    if (!c) return;
    c.sweep.cancel();
    setScaling([]);
    if (!job) {
      // Invalid input: no numbers on screen that belong to other inputs.
      c.main.cancel();
      setStatus(EMPTY);
      return;
    }
    setStatus((s) => ({ ...s, running: { done: 0, total: 0 }, error: null, cancelled: false }));
    // From the input change (if this search follows one) to the rendered result.
    started.current = Math.max(0, performance.now() - lastChangeAt < 1000 ? lastChangeAt : performance.now());
    c.main.run({ kind: 'search', job, fixed, opts: { objective, top: 5 } }, (m) => {
      if (m.kind === 'progress') setStatus((s) => ({ ...s, running: { done: m.done, total: m.total } }));
      else if (m.kind === 'error') setStatus({ result: null, job: null, custom: { model: false, chip: false }, running: null, error: m.message });
      else if (m.kind === 'result') {
        setStatus({ result: m.result as SearchResult<TrainResult>, job, fixed, custom: isCustom, running: null, error: null });
        const pts: ScalingPoint[] = [];
        c.sweep.run({ kind: 'scaling', job, fixed, counts: scalingCounts(job.gpus), opts: { objective } }, (s) => {
          if (s.kind !== 'point' || !s.result?.best) return;
          const b = s.result.best.result as TrainResult;
          pts.push({ gpus: s.gpus, tokensPerSecondPerChip: b.tokensPerSecondPerGpu, mfu: b.mfu, days: b.cost?.days ?? null, plan: planText(s.result.best.plan) });
          setScaling([...pts]);
        });
      }
    });
  }, [key, runs]);
  const { running, result, error, job: resultJob, cancelled } = status;
  useEffect(() => {
    // Runs after the new numbers are committed to the DOM: input change -> rendered result.
    if (result) setUpdateMs(performance.now() - started.current);
  }, [result]);
  return (
    <section data-update-ms={updateMs === null ? undefined : updateMs.toFixed(1)}>
      <h1>Train</h1>
      <TrainForm p={p} errors={inputs.errors} model={{ text: customText, error: custom?.error ?? null }} chip={{ text: chipText, error: customChip?.error ?? null }} onRestart={() => setRuns((n) => n + 1)} />
      {Object.keys(inputs.errors).length ? (
        <p class="error" role="alert" data-invalid>
          Fix the highlighted inputs: {Object.values(inputs.errors).join('; ')}
        </p>
      ) : null}
      <div aria-live="polite" data-search-status={running ? 'running' : error ? 'error' : cancelled ? 'cancelled' : result ? 'done' : 'idle'}>
        {running ? (
          <p class="progress-row">
            Searching plans in a worker… <progress max={running.total || 1} value={running.done} aria-label="search progress" /> {running.total ? `${running.done.toLocaleString('en-US')} / ${running.total.toLocaleString('en-US')}` : ''}{' '}
            <button
              type="button"
              onClick={() => {
                clients.current?.main.cancel();
                clients.current?.sweep.cancel();
                setStatus((s) => ({ ...s, running: null, cancelled: true }));
              }}
            >
              Cancel
            </button>
          </p>
        ) : null}
        {cancelled && !running ? (
          <p data-cancelled>
            Search cancelled{result ? '; the results below are from the previous inputs' : ''}.{' '}
            <button type="button" class="primary" onClick={() => setRuns((n) => n + 1)}>
              Search again
            </button>
          </p>
        ) : null}
        {error ? <p class="error" role="alert">{error}</p> : null}
      </div>
      {result && resultJob ? <TrainResults result={result} scaling={scaling} job={resultJob} headroom={HEADROOM} custom={status.custom} fixed={status.fixed} /> : null}
      {inputs.job && !customChip ? <TrainCompare job={inputs.job} fixed={inputs.fixed} objective={inputs.objective} customModel={custom !== null} /> : null}
    </section>
  );
}
