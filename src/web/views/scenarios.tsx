/**
 * Scenarios: load an example or edit a scenario (YAML) and compare its pools side by side; the
 * evaluation runs in the scenario worker. The file text travels in the URL (example name, or
 * the edited text packed with lz-string), so a link reproduces the run. Runs and their results
 * live in scenario-store.ts: cached per text, kept running while the view is away, cancellable,
 * and each variant's rows shown as soon as it finishes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { SelectField } from '../components/fields.js';
import { cancelScenario, onScenarioChange, scenarioRun, startScenario, type ScenarioRun } from '../lib/scenario-store.js';
import { EXAMPLES, exampleText } from '../lib/scenario-examples.js';
import { objectParam, packObject, param, setParams } from '../url-state.js';
import { LedgerPanel } from './ledger.js';
import { ScenarioResultView } from './scenario-results.js';

export default function ScenariosView() {
  const edited = objectParam<string>('sc');
  const example = param('ex', EXAMPLES.includes('mixed-fleet') ? 'mixed-fleet' : (EXAMPLES[0] ?? ''));
  const [text, setText] = useState<string | null>(edited);
  const [draft, setDraft] = useState<string>(edited ?? '');
  const [error, setError] = useState<string | null>(null);
  /** Finished evaluations shown (results or errors), so a reader can tell a new answer from the last one. */
  const [runs, setRuns] = useState(0);
  const [, redraw] = useState(0);
  const counted = useRef<ScenarioRun | null>(null);
  const file = edited !== null ? 'edited scenario' : `examples/${example}.yaml`;
  useEffect(() => onScenarioChange(() => redraw((n) => n + 1)), []);
  useEffect(() => {
    if (edited !== null) return;
    let live = true;
    void exampleText(example).then((t) => {
      if (!live) return;
      if (t === null) setError(`unknown example '${example}'; pick one of ${EXAMPLES.join(', ')}`);
      else {
        setError(null);
        setText(t);
        setDraft(t);
      }
    });
    return () => {
      live = false;
    };
  }, [example, edited === null]);
  useEffect(() => {
    if (text !== null) startScenario(text, file);
  }, [text]);
  const run = text !== null ? scenarioRun(text) : null;
  useEffect(() => {
    if (run?.done && counted.current !== run) {
      counted.current = run;
      setRuns((n) => n + 1);
    }
  }, [run]);
  /** Runs `t` (the answer comes from the cache when this text ran before). */
  const go = (t: string) => {
    setText(t);
    const have = scenarioRun(t);
    if (have?.done && !have.cancelled) setRuns((n) => n + 1);
    else startScenario(t, file, true);
  };
  const progress = run && !run.done && !run.cancelled ? run.progress : null;
  const shownError = error ?? run?.error ?? null;
  return (
    <section>
      <h1>Scenarios</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="scenario">
        <div class="field">
          <label for="scenario-file">Or load a file</label>
          <input
            id="scenario-file"
            type="file"
            accept=".yaml,.yml,.json"
            onChange={async (e) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              if (!f) return;
              const t = await f.text();
              setDraft(t);
              setParams({ sc: packObject(t), ex: undefined });
              go(t);
            }}
          />
        </div>
        <SelectField label="Example" name="ex" value={edited !== null ? '' : example} options={[...(edited !== null ? [{ value: '', label: '(edited)' }] : []), ...EXAMPLES.map((x) => ({ value: x, label: x }))]} onChange={(v) => setParams({ ex: v, sc: undefined })} />
      </form>
      <div class="field">
        <label for="scenario-text">Scenario (YAML; see docs/scenarios/README.md)</label>
        <textarea id="scenario-text" rows={14} cols={100} spellcheck={false} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
        <span>
          <button
            type="button"
            class="primary"
            onClick={() => {
              setParams({ sc: packObject(draft), ex: undefined });
              go(draft);
            }}
          >
            Run edited scenario
          </button>
        </span>
      </div>
      <div aria-live="polite" data-runs={runs} data-scenario-status={progress ? 'running' : shownError ? 'error' : run?.cancelled ? 'cancelled' : run?.done ? 'done' : 'idle'}>
        {progress ? (
          <p class="progress-row" data-scenario-progress>
            Evaluating in a worker… <progress max={progress.total || 1} value={progress.done} aria-label="scenario progress" />
            <span>{progress.total ? `${progress.done} / ${progress.total}` : ''} {progress.what}</span>
            <button type="button" onClick={() => cancelScenario()}>
              Cancel
            </button>
          </p>
        ) : null}
        {run?.cancelled ? (
          <p data-cancelled>
            Cancelled{run.results.length ? ` after ${run.results.length} variant${run.results.length === 1 ? '' : 's'}` : ''}.{' '}
            <button type="button" class="primary" onClick={() => text !== null && startScenario(text, file, true)}>
              Run again
            </button>
          </p>
        ) : null}
        {shownError ? <p class="error" role="alert">{shownError}</p> : null}
      </div>
      {shownError ? null : run?.results.map((r, i) => <ScenarioResultView res={r} index={i} />)}
      <LedgerPanel />
    </section>
  );
}
